package dev.ecskms.sim.labs;

import dev.ecskms.sim.common.CallContext;
import dev.ecskms.sim.storage.StoredBytes;
import dev.ecskms.sim.storage.Volumes;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Whether a disk's volume on the host holds a byte string in the clear: a plain disk's sectors do (the learner's
 * file is there, mounted or not), an encrypted disk's ciphertext does not. Reads only what the volume stored.
 */
@FunctionalInterface
public interface DiskBytes {
    DiskBytes NONE = (ctx, diskId, text) -> false;
    /** A volume storing more than this is not scanned (a lab's disk holds a few megabytes). */
    long MAX_SCANNED = 512L << 20;

    boolean holds(CallContext ctx, String diskId, byte[] text);

    /** Scans the stored ranges of a volume's files (main file and extents) for {@code needle}. */
    static boolean volumeHolds(Path mainFile, byte[] needle) throws IOException {
        long scanned = 0;
        for (Path file : Volumes.files(mainFile)) {
            List<long[]> ranges = Volumes.storedRanges(file);
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
                for (long[] range : ranges) {
                    scanned += StoredBytes.scanLength(ch, range, needle);
                    if (scanned > MAX_SCANNED) {
                        return false;
                    }
                    if (StoredBytes.rangeHolds(ch, range, needle)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
