package dev.ecskms.sim.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VolumesTest {
    private static final int SECTOR = 4096;
    private static final long MIB = 1 << 20;
    private static final byte[] KEY = XtsTest.randomKey(42);
    private static final VolumeKeyInfo KEY_INFO =
            new VolumeKeyInfo("RUtDMQ==wrapped-blob-base64", "key-hzz62f1cb66fa42qo9sfw", "v-1a2b3c");
    private static final String MARKER = "ECS-KMS-MARKER-the quick brown fox jumps over the lazy dog";

    @TempDir
    Path dir;

    @Test
    void headerRoundTrip() throws IOException {
        Instant created = Instant.parse("2025-03-01T08:00:00.123Z");
        Path file = dir.resolve("d-enc.img");
        Volumes.createEncrypted(file, 40 * MIB, KEY_INFO, KEY, created);

        VolumeHeader h = Volumes.readHeader(file);
        assertTrue(h.encrypted());
        assertEquals(VolumeHeader.FORMAT_VERSION, h.formatVersion());
        assertEquals(SECTOR, h.sectorSize());
        assertEquals(40 * MIB, h.sizeBytes());
        assertEquals(40 * MIB / SECTOR, h.sectorCount());
        assertEquals(created, h.createdAt());
        assertEquals(KEY_INFO, h.keyInfo());
        assertEquals(VolumeHeader.DATA_OFFSET + 40 * MIB, Files.size(file));

        Path plain = dir.resolve("d-plain.img");
        Volumes.createPlain(plain, MIB, created);
        VolumeHeader p = Volumes.readHeader(plain);
        assertFalse(p.encrypted());
        assertNull(p.keyInfo());
        assertNull(p.keyCheck());
    }

    @Test
    void headerStartsWithTheMagic() throws IOException {
        Path file = dir.resolve("d-1.img");
        Volumes.createPlain(file, MIB);
        byte[] head = Arrays.copyOf(Files.readAllBytes(file), 8);
        assertArrayEquals("ECSVOL1\0".getBytes(StandardCharsets.US_ASCII), head);
    }

    @Test
    void roundTripsPlainAndEncrypted() throws IOException {
        byte[] data = random(3 * SECTOR, 1);
        for (boolean encrypted : new boolean[] {false, true}) {
            Path file = dir.resolve("d-" + encrypted + ".img");
            create(file, 4 * MIB, encrypted);
            try (BlockDevice dev = open(file, encrypted)) {
                dev.write(10, 3, data, 0);
                byte[] back = new byte[3 * SECTOR];
                dev.read(10, 3, back, 0);
                assertArrayEquals(data, back);
                byte[] one = new byte[SECTOR + 5];
                dev.read(11, one, 5);
                assertArrayEquals(Arrays.copyOfRange(data, SECTOR, 2 * SECTOR), Arrays.copyOfRange(one, 5, SECTOR + 5));
            }
        }
    }

    @Test
    void markerIsVisibleInAPlainFileAndNowhereInAnEncryptedOne() throws IOException {
        byte[] sector = Arrays.copyOf(MARKER.getBytes(StandardCharsets.US_ASCII), SECTOR);
        Path plain = dir.resolve("d-plain.img");
        Path enc = dir.resolve("d-enc.img");
        create(plain, 2 * MIB, false);
        create(enc, 2 * MIB, true);
        for (Path file : new Path[] {plain, enc}) {
            try (BlockDevice dev = open(file, file == enc)) {
                dev.write(77, sector, 0);
                dev.flush();
            }
        }
        byte[] marker = MARKER.getBytes(StandardCharsets.US_ASCII);
        assertEquals(VolumeHeader.DATA_OFFSET + 77L * SECTOR, indexOf(Files.readAllBytes(plain), marker));

        byte[] encBytes = Files.readAllBytes(enc);
        assertEquals(-1, indexOf(encBytes, marker));
        assertEquals(-1, indexOf(encBytes, Arrays.copyOf(marker, 8)));
        // the plaintext data key is nowhere in the file, neither whole nor either half
        assertEquals(-1, indexOf(encBytes, KEY));
        assertEquals(-1, indexOf(encBytes, Arrays.copyOfRange(KEY, 0, 32)));
        assertEquals(-1, indexOf(encBytes, Arrays.copyOfRange(KEY, 32, 64)));
        // but the encrypted volume still reads the marker back through the key
        try (BlockDevice dev = open(enc, true)) {
            byte[] back = new byte[SECTOR];
            dev.read(77, back, 0);
            assertArrayEquals(sector, back);
        }
    }

    @Test
    void sameDataInTwoSectorsIsStoredDifferently() throws IOException {
        Path file = dir.resolve("d-enc.img");
        create(file, MIB, true);
        byte[] sector = Arrays.copyOf(MARKER.getBytes(StandardCharsets.US_ASCII), SECTOR);
        try (BlockDevice dev = open(file, true)) {
            dev.write(3, sector, 0);
            dev.write(4, sector, 0);
        }
        byte[] raw = Files.readAllBytes(file);
        int at3 = (int) VolumeHeader.DATA_OFFSET + 3 * SECTOR;
        int at4 = (int) VolumeHeader.DATA_OFFSET + 4 * SECTOR;
        assertFalse(Arrays.equals(raw, at3, at3 + SECTOR, raw, at4, at4 + SECTOR));
    }

    @Test
    void wrongKeyIsRefusedAtOpen() throws IOException {
        Path file = dir.resolve("d-enc.img");
        create(file, MIB, true);
        WrongVolumeKeyException e = assertThrows(WrongVolumeKeyException.class,
                () -> Volumes.open(file, XtsTest.randomKey(43)));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }

    @Test
    void encryptedVolumeNeedsAKeyAndAPlainOneRefusesOne() throws IOException {
        Path enc = dir.resolve("d-enc.img");
        Path plain = dir.resolve("d-plain.img");
        create(enc, MIB, true);
        create(plain, MIB, false);
        IllegalArgumentException noKey = assertThrows(IllegalArgumentException.class, () -> Volumes.open(enc, null));
        assertTrue(noKey.getMessage().contains("encrypted"), noKey.getMessage());
        assertTrue(noKey.getMessage().contains(KEY_INFO.kmsKeyId()), noKey.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Volumes.open(plain, KEY));
        assertThrows(IllegalArgumentException.class, () -> Volumes.open(enc, new byte[32]));
    }

    @Test
    void createRefusesBadKeysSizesAndExistingFiles() throws IOException {
        Path file = dir.resolve("d-x.img");
        byte[] sameHalves = new byte[64];
        assertThrows(IllegalArgumentException.class,
                () -> Volumes.createEncrypted(file, MIB, KEY_INFO, sameHalves));
        assertThrows(IllegalArgumentException.class, () -> Volumes.createPlain(file, MIB + 1));
        assertThrows(IllegalArgumentException.class, () -> Volumes.createPlain(file, 0));
        assertFalse(Files.exists(file));
        Volumes.createPlain(file, MIB);
        assertThrows(FileAlreadyExistsException.class, () -> Volumes.createPlain(file, MIB));
    }

    @Test
    void unwrittenSectorsReadAsZeros() throws IOException {
        for (boolean encrypted : new boolean[] {false, true}) {
            Path file = dir.resolve("d-" + encrypted + ".img");
            create(file, MIB, encrypted);
            try (BlockDevice dev = open(file, encrypted)) {
                dev.write(1, random(SECTOR, 2), 0);
                byte[] buf = random(3 * SECTOR, 3);
                dev.read(2, 3, buf, 0);
                assertArrayEquals(new byte[3 * SECTOR], buf);
            }
        }
    }

    @Test
    void zeroPlaintextIsStillEncrypted() throws IOException {
        Path file = dir.resolve("d-enc.img");
        create(file, MIB, true);
        try (BlockDevice dev = open(file, true)) {
            dev.write(5, new byte[SECTOR], 0);
            byte[] buf = random(SECTOR, 4);
            dev.read(5, buf, 0);
            assertArrayEquals(new byte[SECTOR], buf);
        }
        byte[] raw = Files.readAllBytes(file);
        int at = (int) VolumeHeader.DATA_OFFSET + 5 * SECTOR;
        assertFalse(Arrays.equals(raw, at, at + SECTOR, new byte[SECTOR], 0, SECTOR));
    }

    @Test
    void reopenKeepsData() throws IOException {
        Path file = dir.resolve("d-enc.img");
        create(file, MIB, true);
        byte[] data = random(SECTOR, 5);
        try (BlockDevice dev = open(file, true)) {
            dev.write(255, data, 0);
        }
        try (BlockDevice dev = open(file, true)) {
            assertEquals(256, dev.sectorCount());
            byte[] back = new byte[SECTOR];
            dev.read(255, back, 0);
            assertArrayEquals(data, back);
        }
    }

    @Test
    void outOfRangeAccessIsRefused() throws IOException {
        Path file = dir.resolve("d-plain.img");
        create(file, MIB, false);
        try (BlockDevice dev = open(file, false)) {
            byte[] buf = new byte[2 * SECTOR];
            IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> dev.read(256, buf, 0));
            assertTrue(e.getMessage().contains("out of range"), e.getMessage());
            assertThrows(IndexOutOfBoundsException.class, () -> dev.write(-1, buf, 0));
            assertThrows(IndexOutOfBoundsException.class, () -> dev.write(255, 2, buf, 0));
            assertThrows(IndexOutOfBoundsException.class, () -> dev.read(Long.MAX_VALUE, buf, 0));
            assertThrows(IndexOutOfBoundsException.class, () -> dev.read(0, 2, buf, 1));
            assertThrows(IndexOutOfBoundsException.class, () -> dev.read(0, 0, buf, 0));
        }
        BlockDevice closed = open(file, false);
        closed.close();
        assertThrows(IllegalStateException.class, () -> closed.read(0, new byte[SECTOR], 0));
    }

    @Test
    void growKeepsDataAndAddsZeroSectors() throws IOException {
        Path file = dir.resolve("d-enc.img");
        create(file, MIB, true);
        byte[] data = random(SECTOR, 6);
        try (BlockDevice dev = open(file, true)) {
            dev.write(200, data, 0);
        }
        VolumeHeader grown = Volumes.resize(file, 3 * MIB);
        assertEquals(3 * MIB, grown.sizeBytes());
        assertEquals(grown, Volumes.readHeader(file).withSize(3 * MIB));
        assertEquals(3 * MIB, Volumes.readHeader(file).sizeBytes());
        assertEquals(KEY_INFO, Volumes.readHeader(file).keyInfo());
        try (BlockDevice dev = open(file, true)) {
            assertEquals(768, dev.sectorCount());
            byte[] back = new byte[SECTOR];
            dev.read(200, back, 0);
            assertArrayEquals(data, back);
            dev.read(700, back, 0);
            assertArrayEquals(new byte[SECTOR], back);
        }
        assertThrows(IllegalArgumentException.class, () -> Volumes.resize(file, MIB));
        assertThrows(IllegalArgumentException.class, () -> Volumes.resize(file, 3 * MIB + 100));
    }

    @Test
    void copyKeepsCiphertextAndOpensWithTheSameKey() throws IOException {
        Path from = dir.resolve("d-enc.img");
        Path to = dir.resolve("s-enc.img");
        create(from, 4 * MIB, true);
        byte[] a = random(SECTOR, 7);
        byte[] b = random(2 * SECTOR, 8);
        try (BlockDevice dev = open(from, true)) {
            dev.write(0, a, 0);
            dev.write(900, 2, b, 0);
        }
        Volumes.copy(from, to);
        assertArrayEquals(Files.readAllBytes(from), Files.readAllBytes(to));
        try (BlockDevice dev = open(to, true)) {
            byte[] back = new byte[2 * SECTOR];
            dev.read(900, 2, back, 0);
            assertArrayEquals(b, back);
        }
        assertThrows(FileAlreadyExistsException.class, () -> Volumes.copy(from, to));
        assertTrue(Files.exists(to), "a failed copy must not delete a file it did not create");
    }

    @Test
    void concurrentWritersToOneEncryptedDeviceDoNotCorruptEachOther() throws Exception {
        Path file = dir.resolve("d-enc.img");
        create(file, 4 * MIB, true);
        try (BlockDevice dev = open(file, true)) {
            Thread[] writers = new Thread[4];
            AtomicReference<Throwable> failure = new AtomicReference<>();
            for (int w = 0; w < writers.length; w++) {
                int lane = w;
                writers[w] = new Thread(() -> {
                    try {
                        for (long s = lane; s < dev.sectorCount(); s += writers.length) {
                            dev.write(s, random(SECTOR, s), 0);
                        }
                    } catch (Throwable e) {
                        failure.set(e);
                    }
                });
                writers[w].start();
            }
            for (Thread t : writers) {
                t.join();
            }
            assertNull(failure.get());
            byte[] back = new byte[SECTOR];
            for (long s = 0; s < dev.sectorCount(); s++) {
                dev.read(s, back, 0);
                assertArrayEquals(random(SECTOR, s), back, "sector " + s);
            }
        }
    }

    /** ECS snapshots a 40 GiB disk within an API call: the copy must not read the holes. */
    @Test
    void copyingALargeMostlyEmptyVolumeSkipsItsHoles() throws IOException {
        Path from = dir.resolve("d-big.img");
        Path to = dir.resolve("s-big.img");
        Volumes.createEncrypted(from, 40L << 30, KEY_INFO, KEY);
        byte[] data = random(SECTOR, 9);
        long last;
        try (BlockDevice dev = open(from, true)) {
            last = dev.sectorCount() - 1;
            dev.write(last, data, 0);
            dev.write(12345, data, 0);
        }
        long started = System.nanoTime();
        Volumes.copy(from, to);
        assertTrue(System.nanoTime() - started < 3_000_000_000L, "copy of a 40 GiB volume read its holes");
        try (BlockDevice dev = open(to, true)) {
            byte[] back = new byte[SECTOR];
            dev.read(last, back, 0);
            assertArrayEquals(data, back);
            dev.read(12345, back, 0);
            assertArrayEquals(data, back);
            assertEquals(12345 / 256 * 256, dev.nextWrittenSector(0));
        }
    }

    @Test
    void nextWrittenSectorSkipsNeverWrittenChunksAndSurvivesReopen() throws IOException {
        Path file = dir.resolve("d-plain.img");
        create(file, 16 * MIB, false);
        try (BlockDevice dev = open(file, false)) {
            assertEquals(-1, dev.nextWrittenSector(0));
            dev.write(1022, 3, random(3 * SECTOR, 10), 0); // chunk 3 (sectors 768..1023) and chunk 4
        }
        try (BlockDevice dev = open(file, false)) {
            assertEquals(768, dev.nextWrittenSector(0));
            assertEquals(1000, dev.nextWrittenSector(1000));
            assertEquals(1024, dev.nextWrittenSector(1024));
            assertEquals(-1, dev.nextWrittenSector(1280));
            assertEquals(-1, dev.nextWrittenSector(dev.sectorCount()));
        }
    }

    @Test
    void largeVolumesAreSparse() throws IOException {
        Path file = dir.resolve("d-big.img");
        long size = 100L << 30;
        Volumes.createPlain(file, size);
        assertEquals(VolumeHeader.DATA_OFFSET + size, Files.size(file));
        try (BlockDevice dev = Volumes.open(file, null)) {
            byte[] buf = new byte[SECTOR];
            dev.read(dev.sectorCount() - 1, buf, 0);
            assertArrayEquals(new byte[SECTOR], buf);
        }
    }

    @Test
    void aFileThatIsNoVolumeIsRefused() throws IOException {
        Path junk = dir.resolve("junk.img");
        Files.write(junk, new byte[VolumeHeader.BYTES]);
        assertThrows(VolumeFormatException.class, () -> Volumes.readHeader(junk));
        Files.write(junk, new byte[10]);
        assertThrows(VolumeFormatException.class, () -> Volumes.open(junk, null));
    }

    private static void create(Path file, long size, boolean encrypted) throws IOException {
        if (encrypted) {
            Volumes.createEncrypted(file, size, KEY_INFO, KEY);
        } else {
            Volumes.createPlain(file, size);
        }
    }

    private static BlockDevice open(Path file, boolean encrypted) throws IOException {
        return Volumes.open(file, encrypted ? KEY : null);
    }

    private static byte[] random(int len, long seed) {
        byte[] b = new byte[len];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static long indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
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
