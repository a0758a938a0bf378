package dev.ecskms.sim.ecs;

import dev.ecskms.sim.common.ApiException;
import dev.ecskms.sim.common.CallContext;
import dev.ecskms.sim.common.Ids;
import dev.ecskms.sim.common.Page;
import dev.ecskms.sim.store.Store;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Snapshots: a copy of a disk's volume file (ciphertext stays ciphertext), their progress over simulated time, and
 * sharing with other accounts. Images are backed by snapshots too (see {@link Images}).
 */
final class Snapshots {
    static final Duration SNAPSHOT_BASE = Duration.ofSeconds(20);
    static final Duration SNAPSHOT_PER_GIB = Duration.ofMillis(500);
    static final String COLUMNS = "snapshot_id, snapshot_name, description, region_id,"
            + " source_disk_id, source_disk_size, source_disk_type, source_category, encrypted, kms_key_id,"
            + " creation_ms, ready_ms, account_id, kms_key_version_id, os_image_id";

    private final Store store;
    private final Clock clock;
    private final DiskVolumes volumes;
    private final VolumeJournal journal;
    private final DiskEncryption encryption;

    Snapshots(Store store, Clock clock, DiskVolumes volumes, VolumeJournal journal, DiskEncryption encryption) {
        this.store = store;
        this.clock = clock;
        this.volumes = volumes;
        this.journal = journal;
        this.encryption = encryption;
    }

    synchronized String createSnapshot(CallContext ctx, Disk disk, String snapshotName, String description) {
        String name = snapshotName == null ? "" : ResourceNames.name("SnapshotName", "InvalidSnapshotName.Malformed",
                snapshotName);
        String text = ResourceNames.description(description);
        Disks.requireStatus(disk, DiskStatus.Available, DiskStatus.In_use);
        String snapshotId = copyOf(disk);
        try {
            store.txRun(c -> insertSnapshotOf(c, ctx, disk, snapshotId, name, text));
        } catch (RuntimeException e) {
            journal.finishDeletion(snapshotId);
            throw e;
        }
        return snapshotId;
    }

    /**
     * The first half of a snapshot: the intent commits, then the disk's volume is copied. Nothing shows it until
     * {@link #insertSnapshotOf} commits its row; until then {@code journal.finishDeletion} undoes it.
     */
    String copyOf(Disk disk) {
        String snapshotId = Ids.ecs("s");
        journal.intendCreate(snapshotId);
        try {
            volumes.snapshotDiskVolume(disk.diskId(), snapshotId);
        } catch (IOException | RuntimeException e) {
            journal.finishDeletion(snapshotId); // whatever Volumes.copy left goes, then the intent
            throw e instanceof IOException io ? HostStorage.failure("copy the volume of disk " + disk.diskId()
                    + " into snapshot " + snapshotId, io) : (RuntimeException) e;
        }
        return snapshotId;
    }

    /** Writes the row of a snapshot {@link #copyOf} made, and removes its intent, within the caller's transaction. */
    void insertSnapshotOf(Connection c, CallContext ctx, Disk disk, String snapshotId, String name,
            String description) throws SQLException {
        long now = clock.millis();
        String osImageId = Store.queryOne(c, "select coalesce(os_image_id, '') from ecs_disks where disk_id = ?",
                rs -> rs.getString(1), disk.diskId()).filter(os -> !os.isEmpty()).orElse(null);
        insert(c, new Snapshot(snapshotId, name, description, ctx.regionId(), disk.diskId(), disk.size(), disk.type(),
                disk.category(), null, null, disk.encrypted(), disk.kmsKeyId(), Instant.ofEpochMilli(now),
                ctx.accountId(), disk.kmsKeyVersionId(), osImageId), now + duration(disk.size()));
    }

    /** Writes a snapshot's row (status and progress are computed from its times) and removes its intent. */
    static void insert(Connection c, Snapshot s, long readyMs) throws SQLException {
        VolumeJournal.done(c, s.snapshotId());
        Store.update(c, "insert into ecs_snapshots (snapshot_id, account_id, region_id, source_disk_id,"
                + " source_disk_size, source_disk_type, source_category, snapshot_name, description, encrypted,"
                + " kms_key_id, creation_ms, ready_ms, kms_key_version_id, os_image_id) values (?, ?, ?, ?, ?, ?, ?, ?,"
                + " ?, ?, ?, ?, ?, ?, ?)", s.snapshotId(), s.ownerId(), s.regionId(), s.sourceDiskId(),
                s.sourceDiskSize(), s.sourceDiskType(), s.sourceDiskCategory(), s.snapshotName(), s.description(),
                s.encrypted(), s.kmsKeyId(), s.creationTime().toEpochMilli(), readyMs, s.kmsKeyVersionId(),
                s.osImageId());
    }

    /** How long copying a volume of this size takes in simulated time. */
    static long duration(int sizeGiB) {
        return SNAPSHOT_BASE.plus(SNAPSHOT_PER_GIB.multipliedBy(sizeGiB)).toMillis();
    }

    Page<Snapshot> describeSnapshots(CallContext ctx, DescribeSnapshotsRequest r) {
        int[] paging = Page.validate(r.pageNumber(), r.pageSize(), 10, 100);
        boolean shared = Boolean.TRUE.equals(r.shared());
        List<Snapshot> all = shared
                ? store.query("select " + prefixed("s.", COLUMNS) + " from ecs_snapshots s join"
                        + " ecs_snapshot_shares h on h.snapshot_id = s.snapshot_id where h.target_account_id = ?"
                        + " and s.region_id = ? order by s.creation_ms desc", this::snapshot, ctx.accountId(),
                        ctx.regionId())
                : store.query("select " + COLUMNS + " from ecs_snapshots where account_id = ? and region_id = ?"
                        + " order by creation_ms desc, snapshot_id", this::snapshot, ctx.accountId(), ctx.regionId());
        String keyFilter = r.kmsKeyId() == null || r.kmsKeyId().isBlank() ? null
                : encryption.resolveKeyFilter(ctx, r.kmsKeyId());
        List<Snapshot> matching = all.stream()
                .filter(s -> r.snapshotIds() == null || r.snapshotIds().isEmpty() || r.snapshotIds().contains(s.snapshotId()))
                .filter(s -> r.diskId() == null || r.diskId().equals(s.sourceDiskId()))
                .filter(s -> r.encrypted() == null || r.encrypted() == s.encrypted())
                .filter(s -> keyFilter == null || keyFilter.equals(s.kmsKeyId()))
                .filter(s -> r.status() == null || r.status().equals("all") || r.status().equals(s.status()))
                .toList();
        return Page.of(matching, paging[0], paging[1]);
    }

    synchronized void deleteSnapshot(CallContext ctx, String snapshotId) {
        String id = ApiException.required("SnapshotId", snapshotId);
        Snapshot snapshot = ownSnapshot(ctx, id);
        List<String> images = store.query("select image_id from ecs_images where snapshot_id = ? order by 1",
                rs -> rs.getString(1), snapshot.snapshotId());
        if (!images.isEmpty()) {
            throw new ApiException("SnapshotCreatedImage", 403, "The snapshot has been used to create user defined"
                    + " image(s): " + String.join(", ", images) + ". Delete the image(s) first (DeleteImage).");
        }
        store.txRun(c -> {
            Store.update(c, "delete from ecs_snapshots where snapshot_id = ?", snapshot.snapshotId());
            VolumeJournal.record(c, snapshot.snapshotId(), VolumeJournal.DELETE);
        });
        journal.finishDeletion(snapshot.snapshotId());
    }

    synchronized void modifySnapshotSharePermission(CallContext ctx, String snapshotId, List<String> add,
            List<String> remove) {
        Snapshot snapshot = ownSnapshot(ctx, ApiException.required("SnapshotId", snapshotId));
        store.txRun(c -> {
            for (String account : add == null ? List.<String>of() : add) {
                if (account.equals(ctx.accountId())) {
                    throw ApiException.invalid("AddAccount", "a snapshot is not shared with its own account.");
                }
                if (Store.queryOne(c, "select 1 from accounts where account_id = ?", rs -> 1, account).isEmpty()) {
                    throw new ApiException("InvalidAccount.NotFound", 404, "Account " + account + " does not exist.");
                }
                Store.update(c, "merge into ecs_snapshot_shares (snapshot_id, target_account_id) key (snapshot_id,"
                        + " target_account_id) values (?, ?)", snapshot.snapshotId(), account);
            }
            for (String account : remove == null ? List.<String>of() : remove) {
                Store.update(c, "delete from ecs_snapshot_shares where snapshot_id = ? and target_account_id = ?",
                        snapshot.snapshotId(), account);
            }
        });
    }

    List<String> snapshotSharedWith(CallContext ctx, String snapshotId) {
        Snapshot snapshot = ownSnapshot(ctx, ApiException.required("SnapshotId", snapshotId));
        return store.query("select target_account_id from ecs_snapshot_shares where snapshot_id = ? order by 1",
                rs -> rs.getString(1), snapshot.snapshotId());
    }

    Snapshot ownSnapshot(CallContext ctx, String snapshotId) {
        return store.queryOne("select " + COLUMNS + " from ecs_snapshots where snapshot_id = ?"
                + " and account_id = ? and region_id = ?", this::snapshot, snapshotId, ctx.accountId(), ctx.regionId())
                .orElseThrow(() -> notFound(snapshotId));
    }

    /** A snapshot by id whoever owns it (an image's, which the image's sharing governs), or empty. */
    java.util.Optional<Snapshot> find(Connection c, String snapshotId) throws SQLException {
        return Store.queryOne(c, "select " + COLUMNS + " from ecs_snapshots where snapshot_id = ?", this::snapshot,
                snapshotId);
    }

    /** The caller's own snapshot or one shared with the caller, ready to create a disk from. */
    Snapshot usableSnapshot(CallContext ctx, String snapshotId) {
        Snapshot snapshot = store.queryOne("select " + prefixed("s.", COLUMNS) + " from ecs_snapshots s"
                + " where s.snapshot_id = ? and s.region_id = ? and (s.account_id = ? or exists (select 1 from"
                + " ecs_snapshot_shares h where h.snapshot_id = s.snapshot_id and h.target_account_id = ?))",
                this::snapshot, snapshotId, ctx.regionId(), ctx.accountId(), ctx.accountId())
                .orElseThrow(() -> notFound(snapshotId));
        if (!snapshot.isAccomplished()) {
            throw new ApiException("InvalidSnapshotId.NotReady", 403, "Snapshot " + snapshotId + " is still being"
                    + " created (" + snapshot.progress() + "). Wait until it is accomplished.");
        }
        return snapshot;
    }

    static ApiException notFound(String snapshotId) {
        return new ApiException("InvalidSnapshotId.NotFound", 404,
                "The specified snapshot \"" + snapshotId + "\" does not exist in this region.");
    }

    /**
     * Whether a snapshot was still in progress at simulated time {@code sinceMillis}: its progress is computed from
     * the clock, so it moved since then although nothing was written (the change feed tells the pages).
     */
    boolean progressedSince(long sinceMillis) {
        return store.queryOne("select count(*) from ecs_snapshots where ready_ms > ?", rs -> rs.getLong(1),
                sinceMillis).orElse(0L) > 0;
    }

    Snapshot snapshot(ResultSet rs) throws SQLException {
        long created = rs.getLong("creation_ms");
        long ready = rs.getLong("ready_ms");
        int progress = progress(created, ready, clock.millis());
        return new Snapshot(rs.getString("snapshot_id"), rs.getString("snapshot_name"), rs.getString("description"),
                rs.getString("region_id"), rs.getString("source_disk_id"), rs.getInt("source_disk_size"),
                rs.getString("source_disk_type"), rs.getString("source_category"),
                progress == 100 ? "accomplished" : "progressing", progress + "%", rs.getBoolean("encrypted"),
                rs.getString("kms_key_id"), Instant.ofEpochMilli(created), rs.getString("account_id"),
                rs.getString("kms_key_version_id"), rs.getString("os_image_id"));
    }

    /** Percent done of work that started at {@code created} and ends at {@code ready}, at simulated time now. */
    static int progress(long created, long ready, long now) {
        return now >= ready ? 100 : (int) Math.min(99, Math.max(0, (now - created) * 100 / (ready - created)));
    }

    static String prefixed(String prefix, String columns) {
        return prefix + columns.replace(", ", ", " + prefix);
    }
}
