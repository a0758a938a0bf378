package dev.ecskms.sim.storage;

import java.io.IOException;
import java.nio.file.Path;

/** The data key offered to open an encrypted volume is not the one its sectors were written with. */
public class WrongVolumeKeyException extends IOException {
    public WrongVolumeKeyException(Path volume) {
        super("the data key does not match encrypted volume " + volume + " (key check value differs)");
    }
}
