package dev.ecskms.sim.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Volumes larger than the host's largest file: a main file and extent files, on the test's real file system. */
class VolumeExtentsTest {
    private static final int SECTOR = 4096;
    private static final long MIB = 1 << 20;
    private static final long TIB = 1L << 40;
    private static final byte[] KEY = XtsTest.randomKey(42);
    private static final VolumeKeyInfo KEY_INFO = new VolumeKeyInfo("RUtDMQ==blob", "key-hzz62f1cb66fa42qo9sfw", "v-1");

    @TempDir
    Path dir;

    @Test
    void aSixtyFourTebibyteVolumeIsAMainFileAndSixtyThreeExtentsOfOneTebibyte() throws IOException {
        Path file = dir.resolve("d-max.img");
        long started = System.nanoTime();
        Volumes.createEncrypted(file, VolumeHeader.MAX_SIZE_BYTES, KEY_INFO, KEY);
        long createdMs = (System.nanoTime() - started) / 1_000_000;
        List<Path> files = Volumes.files(file);
        assertEquals(64, files.size());
        assertEquals(VolumeHeader.DATA_OFFSET + TIB, Files.size(file));
        for (int k = 1; k < 64; k++) {
            assertEquals(dir.resolve("d-max.img." + k), files.get(k));
            assertEquals(TIB, Files.size(files.get(k)));
        }
        byte[] last = random(SECTOR, 1);
        byte[] first = random(SECTOR, 2);
        byte[] across = random(2 * SECTOR, 3);
        long lastSector;
        long boundary = TIB / SECTOR - 1; // the last sector of the main file and the first of extent 1
        try (BlockDevice dev = Volumes.open(file, KEY)) {
            lastSector = dev.sectorCount() - 1;
            assertEquals(VolumeHeader.MAX_SIZE_BYTES, dev.sizeBytes());
            dev.write(lastSector, last, 0);
            dev.write(0, first, 0);
            dev.write(boundary, 2, across, 0);
        }
        try (BlockDevice dev = Volumes.open(file, KEY)) {
            byte[] back = new byte[2 * SECTOR];
            dev.read(lastSector, back, 0);
            assertArrayEquals(last, java.util.Arrays.copyOf(back, SECTOR));
            dev.read(boundary, 2, back, 0);
            assertArrayEquals(across, back);
            dev.read(0, back, 0);
            assertArrayEquals(first, java.util.Arrays.copyOf(back, SECTOR));
        }
        // the ciphertext of the last sector is at the end of the last extent
        List<long[]> stored = Volumes.storedRanges(dir.resolve("d-max.img.63"));
        assertEquals(1, stored.size());
        assertEquals(TIB - MIB, stored.get(0)[0]);
        assertEquals(MIB, stored.get(0)[1]);

        Path copy = dir.resolve("s-max.img");
        started = System.nanoTime();
        Volumes.copy(file, copy);
        long copiedMs = (System.nanoTime() - started) / 1_000_000;
        assertEquals(64, Volumes.files(copy).size());
        try (BlockDevice dev = Volumes.open(copy, KEY)) {
            byte[] back = new byte[SECTOR];
            dev.read(lastSector, back, 0);
            assertArrayEquals(last, back);
        }
        Volumes.delete(file);
        assertEquals(List.of(), Volumes.files(file));
        assertEquals(64, Volumes.files(copy).size(), "the copy keeps its own files");
        System.out.println("64 TiB volume: created in " + createdMs + " ms, copied in " + copiedMs + " ms");
    }

    @Test
    void growingPastTheMainFileAddsExtentsAndKeepsTheData() throws IOException {
        Path file = dir.resolve("d-grow.img");
        Volumes.createEncrypted(file, 40L << 30, KEY_INFO, KEY);
        byte[] data = random(SECTOR, 4);
        try (BlockDevice dev = Volumes.open(file, KEY)) {
            dev.write(77, data, 0);
        }
        long started = System.nanoTime();
        VolumeHeader grown = Volumes.resize(file, VolumeHeader.MAX_SIZE_BYTES);
        System.out.println("40 GiB → 64 TiB resize in " + (System.nanoTime() - started) / 1_000_000 + " ms");
        assertEquals(63, grown.extentCount());
        assertEquals(64, Volumes.files(file).size());
        try (BlockDevice dev = Volumes.open(file, KEY)) {
            byte[] back = new byte[SECTOR];
            dev.read(77, back, 0);
            assertArrayEquals(data, back);
            dev.write(dev.sectorCount() - 1, data, 0);
            dev.read(dev.sectorCount() - 1, back, 0);
            assertArrayEquals(data, back);
        }
    }

    /** Data dirs of the release before extents hold version 1 volumes: every sector in one file. */
    @Test
    void aSingleFileVolumeOfTheFormerReleaseStillOpensAndGrowsIntoExtents() throws IOException {
        Path file = dir.resolve("d-v1.img");
        long size = 64 * MIB;
        VolumeHeader v1 = new VolumeHeader(1, SECTOR, size, Instant.parse("2026-01-01T00:00:00Z"), KEY_INFO,
                KeyCheck.of(KEY), 0, 0);
        Files.write(file, v1.encode());
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(VolumeHeader.DATA_OFFSET + size);
        }
        assertEquals(v1, Volumes.readHeader(file));
        byte[] data = random(SECTOR, 5);
        try (BlockDevice dev = Volumes.open(file, KEY)) {
            dev.write(dev.sectorCount() - 1, data, 0);
        }
        VolumeHeader grown = Volumes.resize(file, 2 * TIB);
        assertEquals(VolumeHeader.FORMAT_VERSION, grown.formatVersion());
        assertEquals(TIB, grown.mainBytes());
        assertEquals(List.of(file, dir.resolve("d-v1.img.1")), Volumes.files(file));
        try (BlockDevice dev = Volumes.open(file, KEY)) {
            byte[] back = new byte[SECTOR];
            dev.read(size / SECTOR - 1, back, 0);
            assertArrayEquals(data, back, "the old sectors stay where they were");
            dev.write(dev.sectorCount() - 1, data, 0);
            dev.read(dev.sectorCount() - 1, back, 0);
            assertArrayEquals(data, back);
        }
    }

    /** ext4's largest file is 16 TiB: a 64 TiB single file is refused by the host, and nothing is left behind. */
    @Test
    void aFileTheHostCannotHoldFailsCleanly() throws IOException {
        Path file = dir.resolve("d-huge.img");
        IOException e;
        try {
            Volumes.createEncrypted(file, VolumeHeader.MAX_SIZE_BYTES, KEY_INFO, KEY, Instant.now(),
                    VolumeHeader.MAX_SIZE_BYTES);
            e = null;
        } catch (IOException refused) {
            e = refused;
        }
        Assumptions.assumeTrue(e != null, "this file system holds a 64 TiB file; nothing to refuse");
        assertTrue(e.getMessage().contains("File too large") || e.getMessage().contains("space"), e.getMessage());
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(List.of(), left.toList());
        }
    }

    @Test
    void volumeFilesAreOwnerOnly() throws IOException {
        Assumptions.assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
        Path file = dir.resolve("d-own.img");
        Volumes.createPlain(file, 2 * TIB);
        Volumes.copy(file, dir.resolve("s-own.img"));
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)), f.toString());
            }
        }
    }

    @Test
    void extentFilesAreRecognizedAsVolumeFiles() {
        assertTrue(Volumes.isVolumeFile(Path.of("d-1.img")));
        assertTrue(Volumes.isVolumeFile(Path.of("d-1.img.63")));
        assertFalse(Volumes.isVolumeFile(Path.of("d-1.img.tmp")));
        assertFalse(Volumes.isVolumeFile(Path.of("d-1.img.0")));
        assertEquals(Path.of("v/d-1.img"), Volumes.mainFileOf(Path.of("v/d-1.img.7")));
        assertThrows(IllegalArgumentException.class, () -> new VolumeHeader(1, SECTOR, MIB, Instant.now(), null,
                null, MIB, MIB));
    }

    private static byte[] random(int len, long seed) {
        byte[] b = new byte[len];
        new Random(seed).nextBytes(b);
        return b;
    }
}
