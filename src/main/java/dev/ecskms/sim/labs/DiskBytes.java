package dev.ecskms.sim.labs;

import dev.ecskms.sim.common.CallContext;
import dev.ecskms.sim.storage.Volumes;
import java.io.IOException;
import java.nio.ByteBuffer;
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
                    // overlap by the needle's length, so a string across two adjacent ranges is still seen
                    long end = Math.min(ch.size(), range[0] + range[1] + needle.length - 1);
                    int length = (int) Math.max(0, end - range[0]);
                    scanned += length;
                    if (scanned > MAX_SCANNED) {
                        return false;
                    }
                    ByteBuffer buf = ByteBuffer.allocate(length);
                    while (buf.hasRemaining() && ch.read(buf, range[0] + buf.position()) > 0) {
                        // keep reading
                    }
                    if (indexOf(buf.array(), buf.position(), needle) >= 0) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static int indexOf(byte[] haystack, int length, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
