package dev.ecskms.sim.guest;

/** A file-system error the way a shell reports it: the message is the errno text, e.g. "No such file or directory". */
final class FsException extends Exception {
    static final String NO_ENT = "No such file or directory";
    static final String NOT_DIR = "Not a directory";
    static final String IS_DIR = "Is a directory";
    static final String EXISTS = "File exists";
    static final String NOT_EMPTY = "Directory not empty";
    static final String NO_SPACE = "No space left on device";
    static final String BUSY = "Device or resource busy";
    static final String IO = "Input/output error";

    FsException(String errno) {
        super(errno);
    }
}
