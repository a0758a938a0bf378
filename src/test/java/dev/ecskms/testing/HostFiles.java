package dev.ecskms.testing;

import dev.ecskms.sim.storage.StoredBytes;
import dev.ecskms.sim.storage.Volumes;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * At-rest checks: which files under a data dir hold a given byte string. Volume files (main and extent files) are
 * read where they can hold data (their header, map and written chunks; the rest are holes), every other file whole.
 */
public final class HostFiles {
    private HostFiles() {
    }

    /** Every regular file under {@code root} whose bytes contain {@code needle}. */
    public static List<Path> containing(Path root, byte[] needle) throws IOException {
        List<Path> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                if (contains(file, needle)) {
                    found.add(file);
                }
            }
        }
        return found;
    }

    public static boolean contains(Path file, byte[] needle) throws IOException {
        List<long[]> ranges = Volumes.isVolumeFile(file) ? Volumes.storedRanges(file)
                : List.of(new long[] {0, Files.size(file)});
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            for (long[] range : ranges) {
                if (StoredBytes.rangeHolds(ch, range, needle)) {
                    return true;
                }
            }
        }
        return false;
    }
}
