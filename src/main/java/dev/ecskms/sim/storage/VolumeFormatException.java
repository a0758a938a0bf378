package dev.ecskms.sim.storage;

import java.io.IOException;

/** The file is not a volume this code can read: wrong magic, unknown version, inconsistent fields. */
public class VolumeFormatException extends IOException {
    public VolumeFormatException(String message) {
        super(message);
    }
}
