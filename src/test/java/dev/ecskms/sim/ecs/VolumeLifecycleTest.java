package dev.ecskms.sim.ecs;

import static dev.ecskms.sim.ecs.LocalEcsServiceTest.disk;
import static dev.ecskms.sim.ecs.LocalEcsServiceTest.fails;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecskms.sim.common.ApiException;
import dev.ecskms.sim.storage.BlockDevice;
import dev.ecskms.sim.storage.VolumeHeader;
import dev.ecskms.sim.storage.Volumes;
import dev.ecskms.sim.store.Store;
import dev.ecskms.testing.SimulatorTest;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Disk volumes of every size ECS sells, on the test's real file system, and what a crash leaves behind. */
class VolumeLifecycleTest extends SimulatorTest {
    private static final long GIB = 1L << 30;
    EcsService ecs;

    @Override
    protected void opened() {
        ecs = sim.ecs();
    }

    private LocalEcsService local() {
        return sim.localEcs();
    }

    private List<String> journal() {
        return local().store().query("select volume_id || ' ' || action from ecs_volume_journal",
                rs -> rs.getString(1));
    }

    private static List<String> names(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    /** Case 4: 16384 GiB and more failed with a 500, the single volume file passing ext4's 16 TiB. */
    @Test
    void theLargestEssdDiskIsCreatedGrownWrittenAndReadBackOnTheHostFileSystem() throws IOException {
        long started = System.nanoTime();
        String max = ecs.createDisk(ctx, disk("cloud_essd", 65536, true, null));
        long createMs = (System.nanoTime() - started) / 1_000_000;
        String grown = ecs.createDisk(ctx, disk("cloud_essd", 16384, null, null));
        sim.clock().fastForward(Duration.ofMinutes(1));
        started = System.nanoTime();
        ecs.resizeDisk(ctx, grown, 32769);
        ecs.resizeDisk(ctx, grown, 65536);
        long resizeMs = (System.nanoTime() - started) / 1_000_000;
        assertEquals(65536, ecs.describeDisk(ctx, grown).size());
        assertEquals(64, Volumes.files(sim.volumes().diskVolume(max)).size());
        assertEquals(64, Volumes.files(sim.volumes().diskVolume(grown)).size());

        byte[] data = new byte[4096];
        new Random(1).nextBytes(data);
        for (String id : List.of(max, grown)) {
            try (BlockDevice dev = sim.volumes().openDisk(ctx, id)) {
                assertEquals(65536 * GIB, dev.sizeBytes());
                dev.write(dev.sectorCount() - 2, data, 0);
            }
        }
        reopen();
        for (String id : List.of(max, grown)) {
            try (BlockDevice dev = sim.volumes().openDisk(ctx, id)) {
                byte[] back = new byte[4096];
                dev.read(dev.sectorCount() - 2, back, 0);
                assertArrayEquals(data, back, id);
            }
        }
        String snapshot = ecs.createSnapshot(ctx, max, "max", null);
        assertEquals(64, Volumes.files(sim.volumes().snapshotVolume(snapshot)).size());
        ecs.deleteSnapshot(ctx, snapshot);
        ecs.deleteDisk(ctx, grown);
        assertEquals(List.of(), Volumes.files(sim.volumes().diskVolume(grown)), "every extent goes with the disk");
        assertEquals(List.of(), names(dataDir.resolve("snapshots")));
        System.out.println("65536 GiB ESSD: CreateDisk " + createMs + " ms, two ResizeDisk to 65536 GiB " + resizeMs
                + " ms");
    }

    /** Volume files of older releases took the umask's mode: a reopen makes every file of every volume 0600. */
    @Test
    void aReopenMakesTheFilesOfEveryVolumeOwnerOnly() throws IOException {
        String big = ecs.createDisk(ctx, disk("cloud_essd", 32768, null, null)); // a main file and extent files
        String small = ecs.createDisk(ctx, disk("cloud_essd", 20, true, null));
        List<Path> files = new java.util.ArrayList<>(Volumes.files(sim.volumes().diskVolume(big)));
        files.addAll(Volumes.files(sim.volumes().diskVolume(small)));
        assertTrue(files.size() > 2, files.toString());
        for (Path f : files) {
            Files.setPosixFilePermissions(f, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        }
        reopen();
        for (Path f : files) {
            assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(f)), f.toString());
        }
    }

    /** A host that cannot hold the volume: a clear error, no disk row, no files, no intent left. */
    @Test
    void whatTheHostCannotHoldIsRefusedWithOneCodeAndLeavesNothing() throws IOException {
        Path probe = dataDir.resolve("probe");
        boolean refused;
        try (RandomAccessFile raf = new RandomAccessFile(probe.toFile(), "rw")) {
            raf.setLength(VolumeHeader.MAX_SIZE_BYTES);
            refused = false;
        } catch (IOException e) {
            refused = true;
        }
        Files.delete(probe);
        Assumptions.assumeTrue(refused, "this file system holds a 64 TiB file: nothing to refuse");
        local().volumes().useExtentBytes(VolumeHeader.MAX_SIZE_BYTES); // one file per volume, as before extents
        List<String> before = names(dataDir.resolve("volumes"));

        ApiException e = fails(HostStorage.CODE, () -> ecs.createDisk(ctx, disk("cloud_essd", 65536, true, null)));
        assertEquals(403, e.httpStatus());
        assertTrue(e.getMessage().contains("File too large"), e.getMessage());
        assertEquals(0, ecs.describeDisks(ctx, DescribeDisksRequest.all()).totalCount());
        assertEquals(before, names(dataDir.resolve("volumes")));
        assertEquals(List.of(), journal());

        String small = ecs.createDisk(ctx, disk("cloud_essd", 40, null, null));
        sim.clock().fastForward(Duration.ofMinutes(1));
        fails(HostStorage.CODE, () -> ecs.resizeDisk(ctx, small, 65536));
        assertEquals(40, ecs.describeDisk(ctx, small).size(), "the row keeps the size the volume has");
        assertEquals(40 * GIB, Volumes.readHeader(sim.volumes().diskVolume(small)).sizeBytes());
        assertTrue(Files.size(sim.volumes().diskVolume(small)) < 41 * GIB, "the main file is back to its length");
    }

    @Test
    void onlyHostCapacityFailuresGetTheCapacityCode() {
        assertTrue(HostStorage.isCapacity(new IOException("File too large")));
        assertTrue(HostStorage.isCapacity(new java.nio.file.FileSystemException("/x", null, "No space left on device")));
        assertFalse(HostStorage.isCapacity(new java.nio.file.AccessDeniedException("/x")));
        assertEquals(IllegalStateException.class, HostStorage.failure("do it", new IOException("boom")).getClass());
    }

    /**
     * Case 13: a volume file left by kill -9 was never cleaned up. The crash states: a file without a row, a
     * creation recorded but never finished (half-written main file and extent), a copy's temporary file, a recorded
     * deletion whose files remain, a resize whose row committed but whose volume did not grow.
     */
    @Test
    void aReopenFinishesWhatTheDatabaseRecordedAndMovesUnknownFilesToLostAndFound() throws IOException {
        String kept = ecs.createDisk(ctx, disk("cloud_essd", 40, true, null));
        String resized = ecs.createDisk(ctx, disk("cloud_essd", 40, null, null));
        String deleted = ecs.createDisk(ctx, disk("cloud_essd", 40, null, null));
        sim.clock().fastForward(Duration.ofMinutes(1));
        String snapshot = ecs.createSnapshot(ctx, kept, "kept", null);
        Path volumes = dataDir.resolve("volumes");
        Path snapshots = dataDir.resolve("snapshots");
        Store store = local().store();
        // a volume written before its row (what the former release did) and a stranger's stray copy
        Volumes.copy(sim.volumes().diskVolume(kept), volumes.resolve("d-orphan0001.img")); // sparse, unlike Files.copy
        Files.write(snapshots.resolve("s-unknown001.img.tmp"), new byte[] {1, 2, 3});
        // a creation recorded, its files half-written: main file, an extent, a temporary file of the copy
        local().journal().intendCreate("d-half00001");
        Files.write(volumes.resolve("d-half00001.img"), new byte[100]);
        Files.write(volumes.resolve("d-half00001.img.1"), new byte[0]);
        local().journal().intendCreate("s-half00001");
        Files.write(snapshots.resolve("s-half00001.img.tmp"), new byte[100]);
        // a deletion recorded (the row is gone), its files not yet
        store.txRun(c -> {
            Store.update(c, "delete from ecs_disks where disk_id = ?", deleted);
            VolumeJournal.record(c, deleted, VolumeJournal.DELETE);
        });
        // a resize recorded, the volume not grown
        store.txRun(c -> Store.update(c, "update ecs_disks set size_gib = 2048 where disk_id = ?", resized));
        String notAVolume = "notes.txt";
        Files.writeString(volumes.resolve(notAVolume), "mine");

        reopen();

        assertEquals(List.of(kept + ".img", notAVolume, resized + ".img", resized + ".img.1").stream().sorted()
                .toList(), names(volumes));
        assertEquals(List.of(snapshot + ".img"), names(snapshots));
        assertEquals(List.of("d-orphan0001.img"), names(dataDir.resolve("lost+found/volumes")));
        assertEquals(List.of("s-unknown001.img.tmp"), names(dataDir.resolve("lost+found/snapshots")));
        assertEquals(List.of(), journal());
        assertEquals(2048 * GIB, Volumes.readHeader(sim.volumes().diskVolume(resized)).sizeBytes());
        // every valid volume still works
        try (BlockDevice dev = sim.volumes().openDisk(ctx, kept)) {
            dev.write(5, new byte[4096], 0);
        }
        sim.clock().fastForward(Duration.ofMinutes(10));
        String fromSnapshot = ecs.createDisk(ctx, new CreateDiskRequest("cn-hangzhou-i", "cloud_essd", null,
                snapshot, "PL0", null, null, null, null, null, null));
        assertTrue(Files.exists(sim.volumes().diskVolume(fromSnapshot)));
        // the orphan is recoverable: it is a whole volume
        assertEquals(Volumes.readHeader(sim.volumes().diskVolume(kept)).keyInfo(),
                Volumes.readHeader(dataDir.resolve("lost+found/volumes/d-orphan0001.img")).keyInfo());
    }

    @Test
    void createAndDeleteLeaveNoIntentBehind() {
        String id = ecs.createDisk(ctx, disk("cloud_essd", 40, null, null));
        sim.clock().fastForward(Duration.ofMinutes(1));
        String snapshot = ecs.createSnapshot(ctx, id, null, null);
        assertEquals(List.of(), journal());
        ecs.deleteSnapshot(ctx, snapshot);
        ecs.deleteDisk(ctx, id);
        assertEquals(List.of(), journal());
        assertFalse(Files.exists(sim.volumes().diskVolume(id)));
    }
}
