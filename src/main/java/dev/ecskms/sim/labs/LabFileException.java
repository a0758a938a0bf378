package dev.ecskms.sim.labs;

/**
 * A lab file a trainer wrote that cannot be used, with the file, the line and what is wrong, e.g.
 * {@code faq.lab line 7: unknown check 'disk-encryptd' — known checks: ...}.
 */
public final class LabFileException extends RuntimeException {
    private final String fileName;
    private final int line;
    private final String problem;

    /** @param line 1-based; 0 when the problem is the file as a whole (e.g. it cannot be read) */
    public LabFileException(String fileName, int line, String problem) {
        super(fileName + (line > 0 ? " line " + line : "") + ": " + problem);
        this.fileName = fileName;
        this.line = line;
        this.problem = problem;
    }

    public String fileName() {
        return fileName;
    }

    public int line() {
        return line;
    }

    /** What is wrong, without the file and line. */
    public String problem() {
        return problem;
    }
}
