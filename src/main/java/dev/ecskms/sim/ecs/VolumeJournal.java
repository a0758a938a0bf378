package dev.ecskms.sim.ecs;

import dev.ecskms.sim.storage.VolumeHeader;
import dev.ecskms.sim.storage.Volumes;
import dev.ecskms.sim.store.Store;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the volume files in step with the database, which records every intent first (as for key material):
 * <ul>
 *   <li>creating a volume: the intent {@code create} commits, then the files are written, then the disk's or
 *       snapshot's row commits together with the removal of the intent;</li>
 *   <li>deleting one: the row's removal commits together with the intent {@code delete}, then the files go, then
 *       the intent;</li>
 *   <li>growing a disk: its row's new size commits first, then the volume grows (and the row goes back if the host
 *       refuses).</li>
 * </ul>
 * A process killed in between leaves an intent behind; {@link #recover()} (once, before anyone can call) finishes
 * it: it removes the files of a creation that never completed and of a recorded deletion, and grows a volume
 * smaller than its row. Volume files the database knows nothing about are <b>not</b> deleted — a database restored
 * from an older backup would otherwise destroy newer disks — but moved to {@code lost+found/} in the data dir, with
 * one WARN line naming them.
 */
final class VolumeJournal {
    static final String CREATE = "create";
    static final String DELETE = "delete";
    private static final Logger LOG = LoggerFactory.getLogger(VolumeJournal.class);
    private static final long GIB = 1L << 30;
    /** A disk's or snapshot's file: its id, then ".img" and whatever a crash left after it. */
    private static final Pattern VOLUME_FILE = Pattern.compile("([ds]-[A-Za-z0-9]+)\\.img.*");

    private final Store store;
    private final DiskVolumes volumes;
    private final Path lostAndFound;

    VolumeJournal(Store store, DiskVolumes volumes, Path dataDir) {
        this.store = store;
        this.volumes = volumes;
        this.lostAndFound = dataDir.resolve("lost+found");
    }

    /** Records the intent to create volume {@code volumeId}, in its own transaction, before any file exists. */
    void intendCreate(String volumeId) {
        store.txRun(c -> record(c, volumeId, CREATE));
    }

    /** Records an intent ({@link #CREATE} or {@link #DELETE}) within the caller's transaction. */
    static void record(Connection c, String volumeId, String action) throws SQLException {
        Store.update(c, "merge into ecs_volume_journal (volume_id, action, recorded_ms) key (volume_id)"
                + " values (?, ?, ?)", volumeId, action, System.currentTimeMillis());
    }

    /** Removes the intent within the caller's transaction (the row it led to commits with it). */
    static void done(Connection c, String volumeId) throws SQLException {
        Store.update(c, "delete from ecs_volume_journal where volume_id = ?", volumeId);
    }

    /** Creation failed and its files are gone: forget the intent. */
    void abandon(String volumeId) {
        store.txRun(c -> done(c, volumeId));
    }

    /** Deletes the files of a volume whose deletion is recorded; the intent stays if the host refuses. */
    void finishDeletion(String volumeId) {
        try {
            volumes.deleteVolume(volumeId);
            store.txRun(c -> done(c, volumeId));
        } catch (IOException e) {
            LOG.warn("Cannot delete the volume files of {} now ({}); they go at the next start", volumeId,
                    e.getMessage());
        }
    }

    /** Finishes what a crash interrupted; see the class comment. Run before anyone can create or delete. */
    void recover() {
        Set<String> disks = new HashSet<>(store.query("select disk_id from ecs_disks", rs -> rs.getString(1)));
        Set<String> snapshots = new HashSet<>(store.query("select snapshot_id from ecs_snapshots",
                rs -> rs.getString(1)));
        Map<String, String> intents = new HashMap<>();
        store.query("select volume_id, action from ecs_volume_journal", rs -> new String[] {rs.getString(1),
                rs.getString(2)}).forEach(r -> intents.put(r[0], r[1]));
        List<String> finished = new ArrayList<>();
        for (Map.Entry<String, String> intent : intents.entrySet()) {
            String id = intent.getKey();
            boolean hasRow = disks.contains(id) || snapshots.contains(id);
            try {
                if (!hasRow) { // a creation that never committed, or a committed deletion: the files go
                    removeAll(id);
                }
                store.txRun(c -> done(c, id));
                finished.add(id + " (" + intent.getValue() + ")");
            } catch (IOException e) {
                LOG.warn("Cannot finish the {} of volume {}: {}", intent.getValue(), id, e.getMessage());
            }
        }
        if (!finished.isEmpty()) {
            LOG.info("Finished {} interrupted volume operation(s): {}", finished.size(), String.join(", ", finished));
        }
        List<String> moved = new ArrayList<>();
        moved.addAll(sweep(volumes.volumesDir(), disks));
        moved.addAll(sweep(volumes.snapshotsDir(), snapshots));
        if (!moved.isEmpty()) {
            LOG.warn("{} volume file(s) that no disk or snapshot in the database owns were moved to {} (nothing"
                    + " was deleted; move them back once the database knows them again): {}", moved.size(),
                    lostAndFound, String.join(", ", moved));
        }
        growToRecordedSizes();
    }

    private void removeAll(String volumeId) throws IOException {
        volumes.deleteVolume(volumeId);
        Path dir = volumeId.startsWith("s-") ? volumes.snapshotsDir() : volumes.volumesDir();
        for (Path leftover : filesOf(dir, volumeId)) {
            Files.deleteIfExists(leftover); // e.g. a half-written temporary file of the creation
        }
    }

    /** Moves files of unknown ids, and stray files of known ones, to lost+found; returns their names. */
    private List<String> sweep(Path dir, Set<String> known) {
        List<String> moved = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return moved;
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            LOG.warn("Cannot list {}: {}", dir, e.getMessage());
            return moved;
        }
        for (Path file : files) {
            Matcher m = VOLUME_FILE.matcher(file.getFileName().toString());
            if (!m.matches()) {
                continue; // not a volume file: not ours to judge
            }
            boolean owned = known.contains(m.group(1)) && Volumes.isVolumeFile(file);
            try {
                if (owned) {
                    // files of older releases took the umask's mode; each file of the listing on its own, as listing
                    // the directory again per volume made opening 10,000 disks take minutes
                    Volumes.restrictFilePermissions(file);
                } else {
                    moved.add(moveToLostAndFound(dir, file));
                }
            } catch (IOException e) {
                LOG.warn("Cannot tidy up {}: {}", file, e.getMessage());
            }
        }
        return moved;
    }

    private String moveToLostAndFound(Path dir, Path file) throws IOException {
        Path targetDir = lostAndFound.resolve(dir.getFileName());
        Files.createDirectories(targetDir);
        Path target = targetDir.resolve(file.getFileName());
        for (int n = 1; Files.exists(target); n++) {
            target = targetDir.resolve(file.getFileName() + "~" + n);
        }
        Files.move(file, target);
        return dir.getFileName() + "/" + file.getFileName();
    }

    /** A resize whose row committed but whose volume did not grow (a crash between) grows now. */
    private void growToRecordedSizes() {
        for (String[] row : store.query("select disk_id, size_gib from ecs_disks", rs -> new String[] {
                rs.getString(1), rs.getString(2)})) {
            Path volume = volumes.diskVolume(row[0]);
            try {
                if (Files.exists(volume)) {
                    VolumeHeader header = Volumes.readHeader(volume);
                    if (header.sizeBytes() < Long.parseLong(row[1]) * GIB) {
                        volumes.resizeDiskVolume(row[0], Integer.parseInt(row[1]));
                        LOG.info("Grew the volume of {} to its recorded {} GiB (an interrupted resize)", row[0],
                                row[1]);
                    }
                } else {
                    LOG.warn("Disk {} has no volume file {}", row[0], volume);
                }
            } catch (IOException e) {
                LOG.warn("Cannot check the volume of {}: {}", row[0], e.getMessage());
            }
        }
    }

    private static List<Path> filesOf(Path dir, String volumeId) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(f -> {
                Matcher m = VOLUME_FILE.matcher(f.getFileName().toString());
                return m.matches() && m.group(1).equals(volumeId);
            }).toList();
        }
    }
}
