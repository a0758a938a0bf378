package dev.ecskms.sim.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Whether a byte string is in the clear in a stored range of a file (a volume's {@link Volumes#storedRanges}, or a
 * plain file whole): the at-rest check behind a lab's "your file is still on the plain disk" and the tests' "no
 * plaintext on the host".
 */
public final class StoredBytes {
    private StoredBytes() {
    }

    /**
     * How many bytes {@link #rangeHolds} reads for this range: the range and, past its end, the needle's length less
     * one, so that a needle across two adjacent ranges is still seen.
     */
    public static int scanLength(FileChannel ch, long[] range, byte[] needle) throws IOException {
        long end = Math.min(ch.size(), range[0] + range[1] + needle.length - 1);
        return (int) Math.max(0, end - range[0]);
    }

    /** Whether {@code range} ({offset, length}) of the file holds {@code needle}. */
    public static boolean rangeHolds(FileChannel ch, long[] range, byte[] needle) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(scanLength(ch, range, needle));
        while (buf.hasRemaining() && ch.read(buf, range[0] + buf.position()) > 0) {
            // keep reading
        }
        return indexOf(buf.array(), buf.position(), needle) >= 0;
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
