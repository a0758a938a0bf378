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
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Cloud disks: plans (every check before anything is made), their volume files under the {@link VolumeJournal},
 * listing, resizing, attachment bookkeeping and release. Every encrypted disk's sectors are AES-256-XTS ciphertext
 * under its own data key; the data key exists on the host only wrapped by KMS (see {@link DiskVolumes}).
 */
final class Disks {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Disks.class);
    static final Duration DISK_CREATION = Duration.ofSeconds(5);
    private static final String COLUMNS = "disk_id, disk_name, description, region_id, zone_id, category,"
            + " performance_level, size_gib, disk_type, status, encrypted, kms_key_id, source_snapshot_id, instance_id,"
            + " delete_with_instance, creation_ms, ready_ms, kms_key_version_id";

    private final Store store;
    private final Clock clock;
    private final DiskVolumes volumes;
    private final VolumeJournal journal;
    private final DiskEncryption encryption;
    private final Snapshots snapshots;

    Disks(Store store, Clock clock, DiskVolumes volumes, VolumeJournal journal, DiskEncryption encryption,
            Snapshots snapshots) {
        this.store = store;
        this.clock = clock;
        this.volumes = volumes;
        this.journal = journal;
        this.encryption = encryption;
        this.snapshots = snapshots;
    }

    synchronized String createDisk(CallContext ctx, CreateDiskRequest r) {
        clientToken(r.clientToken());
        DiskPlan plan = plan(ctx, r);
        Optional<String> repeated = sameRequestAgain(ctx, r.clientToken(), plan);
        if (repeated.isPresent()) {
            return repeated.get();
        }
        PreparedDisk disk = prepareDisk(ctx, plan, "data", null, false, DiskStatus.Creating,
                blankToNull(r.clientToken()), null);
        long now = clock.millis();
        try {
            store.txRun(c -> insertDisk(c, disk, now));
        } catch (RuntimeException e) {
            discard(disk);
            throw e;
        }
        encryption.markKeyUsedByEcs(ctx, plan.encryption());
        return disk.diskId();
    }

    /**
     * The first half of creating a disk: the intent commits, then the volume files are written. Nothing shows the
     * disk until {@link #insertDisk} commits its row (with the intent's removal); until then {@link #discard} undoes
     * it, and a crash leaves only the intent, which the next start finishes by removing the files. Instances write
     * their disks this way so that an order commits all its disks and instances in one transaction.
     *
     * @param osImageId the public image whose operating system a system disk holds; null for a data disk
     */
    synchronized PreparedDisk prepareDisk(CallContext ctx, DiskPlan plan, String type, String instanceId,
            boolean deleteWithInstance, DiskStatus status, String clientToken, String osImageId) {
        String diskId = Ids.ecs("d");
        String keyVersionId;
        journal.intendCreate(diskId);
        try {
            keyVersionId = volumes.createDiskVolume(LocalEcsService.asEcs(ctx, instanceId != null ? instanceId
                    : diskId), diskId, plan);
        } catch (IOException | RuntimeException e) {
            journal.finishDeletion(diskId); // whatever createDiskVolume left goes, then the intent
            throw e instanceof IOException io ? HostStorage.failure("create the " + plan.sizeGiB() + " GiB volume of"
                    + " disk " + diskId, io) : (RuntimeException) e;
        }
        String os = osImageId != null ? osImageId : plan.snapshot() == null ? null : plan.snapshot().osImageId();
        return new PreparedDisk(diskId, ctx.accountId(), ctx.regionId(), plan, keyVersionId, type, instanceId,
                deleteWithInstance, status, clientToken, os);
    }

    /** Writes a prepared disk's row and removes its intent, within the caller's transaction. */
    static void insertDisk(Connection c, PreparedDisk d, long now) throws SQLException {
        DiskPlan plan = d.plan();
        VolumeJournal.done(c, d.diskId());
        Store.update(c, "insert into ecs_disks (disk_id, account_id, region_id, zone_id,"
                + " disk_name, description, category, performance_level, size_gib, disk_type, status, encrypted,"
                + " kms_key_id, source_snapshot_id, instance_id, delete_with_instance, creation_ms, ready_ms,"
                + " client_token, kms_key_version_id, os_image_id) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                + " ?, ?, ?, ?, ?, ?, ?)",
                d.diskId(), d.accountId(), d.regionId(), plan.zone().zoneId(), plan.name(), plan.description(),
                plan.category().id(), plan.performanceLevel(), plan.sizeGiB(), d.type(), d.status().name(),
                plan.encryption().encrypted(), plan.encryption().kmsKeyId(),
                plan.snapshot() == null ? null : plan.snapshot().snapshotId(), d.instanceId(), d.deleteWithInstance(),
                now, now + DISK_CREATION.toMillis(), d.clientToken(), d.keyVersionId(), d.osImageId());
        BillingLedger.diskCreated(c, d, now);
    }

    /** Undoes a prepared disk whose row never committed: its files go, then its intent (kept if the host refuses). */
    void discard(PreparedDisk d) {
        journal.finishDeletion(d.diskId());
    }

    /** After an order committed: tags the keys ECS now uses (acs:ecs:disk-encryption=true). */
    void keyUsed(CallContext ctx, PreparedDisk d) {
        encryption.markKeyUsedByEcs(ctx, d.plan().encryption());
    }

    /**
     * A ClientToken seen before returns the first disk, provided the request is the same; the same token with other
     * parameters is the caller's mistake.
     */
    private Optional<String> sameRequestAgain(CallContext ctx, String clientToken, DiskPlan plan) {
        if (clientToken == null || clientToken.isBlank()) {
            return Optional.empty();
        }
        Optional<Disk> first = store.queryOne("select " + COLUMNS + " from ecs_disks where account_id = ?"
                + " and client_token = ?", this::disk, ctx.accountId(), clientToken);
        if (first.isEmpty()) {
            return Optional.empty();
        }
        Disk d = first.get();
        boolean same = d.regionId().equals(ctx.regionId()) && d.zoneId().equals(plan.zone().zoneId())
                && d.category().equals(plan.category().id()) && d.size() == plan.sizeGiB()
                && d.encrypted() == plan.encryption().encrypted()
                && Objects.equals(d.kmsKeyId(), plan.encryption().kmsKeyId())
                && Objects.equals(d.sourceSnapshotId(), plan.snapshot() == null ? null : plan.snapshot().snapshotId());
        if (!same) {
            throw new ApiException("IdempotentParameterMismatch", 400, "The ClientToken \"" + clientToken
                    + "\" was used for disk " + d.diskId() + " with other parameters. Use a new ClientToken.");
        }
        return Optional.of(d.diskId());
    }

    EncryptionChoice previewEncryption(CallContext ctx, CreateDiskRequest r) {
        return previewEncryption(ctx, r, r.snapshotId() == null || r.snapshotId().isBlank() ? null
                : snapshots.usableSnapshot(ctx, r.snapshotId()));
    }

    /** As above, with the snapshot already found (an image's). */
    EncryptionChoice previewEncryption(CallContext ctx, CreateDiskRequest r, Snapshot snapshot) {
        Region region = Catalog.requireRegion(ctx.regionId());
        DiskCategory category = category(r.diskCategory());
        return encryption.choose(ctx, region, category, snapshot, r.encrypted(), blankToNull(r.kmsKeyId()));
    }

    /** Validates a CreateDisk request completely before anything is created. */
    DiskPlan plan(CallContext ctx, CreateDiskRequest r) {
        Snapshot snapshot = r.snapshotId() == null || r.snapshotId().isBlank() ? null
                : snapshots.usableSnapshot(ctx, r.snapshotId());
        return plan(ctx, r, snapshot);
    }

    /**
     * As above, with the snapshot the disk is made from already found: an image's snapshot, which the image's
     * sharing (not the snapshot's) lets the caller use.
     */
    DiskPlan plan(CallContext ctx, CreateDiskRequest r, Snapshot snapshot) {
        Region region = Catalog.requireRegion(ctx.regionId());
        Zone zone = zone(ctx, r.zoneId());
        DiskCategory category = category(r.diskCategory());
        if (!zone.diskCategories().contains(category.id())) {
            throw new ApiException("InvalidDiskCategory.NotSupported", 403, "The disk category " + category.id()
                    + " is not available in zone " + zone.zoneId() + ". Available: "
                    + String.join(", ", zone.diskCategories()) + ".");
        }
        String level = performanceLevel(category, r.performanceLevel());
        int size = size(category, level, r.size(), snapshot);
        if (r.encryptAlgorithm() != null && !r.encryptAlgorithm().isBlank()
                && !r.encryptAlgorithm().equalsIgnoreCase("aes-256")) {
            throw ApiException.invalid("EncryptAlgorithm", "the simulator encrypts disks with aes-256 (AES-256-XTS).");
        }
        String name = ResourceNames.name("DiskName", "InvalidDiskName.Malformed", r.diskName());
        String description = ResourceNames.description(r.description());
        EncryptionChoice choice = encryption.resolved(ctx, encryption.choose(ctx, region, category, snapshot,
                r.encrypted(), blankToNull(r.kmsKeyId())));
        return new DiskPlan(zone, category, level, size, snapshot, choice, name, description);
    }

    Page<Disk> describeDisks(CallContext ctx, DescribeDisksRequest r) {
        int[] paging = Page.validate(r.pageNumber(), r.pageSize(), 10, 100);
        String keyFilter = r.kmsKeyId() == null || r.kmsKeyId().isBlank() ? null
                : encryption.resolveKeyFilter(ctx, r.kmsKeyId());
        // The database filters and cuts the page: a region may hold thousands of disks, and a console or script
        // pages through them.
        StringBuilder where = new StringBuilder(" from ecs_disks where account_id = ? and region_id = ?");
        List<Object> params = new ArrayList<>(List.of(ctx.accountId(), ctx.regionId()));
        if (r.diskIds() != null && !r.diskIds().isEmpty()) {
            where.append(" and disk_id in (").append(String.join(", ", Collections.nCopies(r.diskIds().size(), "?")))
                    .append(')');
            params.addAll(r.diskIds());
        }
        filter(where, params, "zone_id", r.zoneId());
        filter(where, params, "instance_id", r.instanceId());
        filter(where, params, "disk_type", "all".equals(r.diskType()) ? null : r.diskType());
        filter(where, params, "category", "all".equals(r.category()) ? null : r.category());
        filter(where, params, "encrypted", r.encrypted());
        filter(where, params, "kms_key_id", keyFilter);
        search(where, params, r.search(), r.searchKeyIds());
        String order = " order by creation_ms desc, disk_id";
        if (r.status() != null && !r.status().equals("All")) {
            // A Creating row may already be Available by simulated time (see disk(ResultSet)): filtered as read.
            List<Disk> matching = store.query("select " + COLUMNS + where + order, this::disk, params.toArray())
                    .stream().filter(d -> r.status().equals(d.status().name())).toList();
            return Page.of(matching, paging[0], paging[1]);
        }
        return store.tx(c -> {
            int total = Store.queryOne(c, "select count(*)" + where, rs -> rs.getInt(1), params.toArray()).orElse(0);
            long offset = (paging[0] - 1L) * paging[1];
            List<Disk> items = offset >= total ? List.of() : Store.query(c, "select " + COLUMNS + where + order
                    + " limit ? offset ?", this::disk, append(params, paging[1], offset));
            return new Page<>(items, total, paging[0], paging[1]);
        });
    }

    private static void filter(StringBuilder where, List<Object> params, String column, Object value) {
        if (value != null) {
            where.append(" and ").append(column).append(" = ?");
            params.add(value);
        }
    }

    /** The console's search box: id, name or key id containing the text, or a key whose alias matched. */
    private static void search(StringBuilder where, List<Object> params, String text, List<String> keyIds) {
        String needle = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (needle.isEmpty()) {
            return;
        }
        String like = Store.containsPattern(needle);
        where.append(" and (lower(disk_id) like ? escape '\\' or lower(disk_name) like ? escape '\\'"
                + " or lower(kms_key_id) like ? escape '\\'");
        params.addAll(List.of(like, like, like));
        if (keyIds != null && !keyIds.isEmpty()) {
            where.append(" or kms_key_id in (").append(String.join(", ", Collections.nCopies(keyIds.size(), "?")))
                    .append(')');
            params.addAll(keyIds);
        }
        where.append(')');
    }

    private static Object[] append(List<Object> params, Object... more) {
        List<Object> all = new ArrayList<>(params);
        all.addAll(List.of(more));
        return all.toArray();
    }

    Disk describeDisk(CallContext ctx, String diskId) {
        return store.tx(c -> findDisk(c, ctx, ApiException.required("DiskId", diskId)));
    }

    /** The disks attached to an instance: the system disk first, then the data disks in the order they were made. */
    List<Disk> disksOf(CallContext ctx, String instanceId) {
        return store.query("select " + COLUMNS + " from ecs_disks where account_id = ? and region_id = ?"
                + " and instance_id = ? order by case when disk_type = 'system' then 0 else 1 end, creation_ms,"
                + " disk_id", this::disk, ctx.accountId(), ctx.regionId(), instanceId);
    }

    synchronized void modifyDiskAttribute(CallContext ctx, String diskId, String diskName, String description,
            Boolean deleteWithInstance) {
        String name = diskName == null ? null : ResourceNames.name("DiskName", "InvalidDiskName.Malformed", diskName);
        String text = description == null ? null : ResourceNames.description(description);
        store.txRun(c -> {
            Disk disk = findDisk(c, ctx, ApiException.required("DiskId", diskId));
            Store.update(c, "update ecs_disks set disk_name = coalesce(?, disk_name), description = coalesce(?,"
                    + " description), delete_with_instance = coalesce(?, delete_with_instance) where disk_id = ?",
                    name, text, deleteWithInstance, disk.diskId());
        });
    }

    synchronized void resizeDisk(CallContext ctx, String diskId, Integer newSize) {
        if (newSize == null) {
            throw ApiException.missing("NewSize");
        }
        Disk disk = describeDisk(ctx, diskId);
        requireStatus(disk, DiskStatus.Available, DiskStatus.In_use);
        DiskCategory category = category(disk.category());
        DiskSizeRule.checkResize(category, disk.size(), newSize);
        // The new size commits first: a crash before the volume grew is finished at the next start.
        long now = clock.millis();
        store.txRun(c -> {
            Store.update(c, "update ecs_disks set size_gib = ? where disk_id = ?", newSize, disk.diskId());
            BillingLedger.diskResized(c, disk.diskId(), newSize, now);
        });
        try {
            volumes.resizeDiskVolume(disk.diskId(), newSize);
        } catch (IOException | RuntimeException e) {
            store.txRun(c -> {
                Store.update(c, "update ecs_disks set size_gib = ? where disk_id = ?", disk.size(), disk.diskId());
                BillingLedger.diskResized(c, disk.diskId(), disk.size(), now);
            });
            throw e instanceof IOException io ? HostStorage.failure("grow the volume of disk " + disk.diskId()
                    + " to " + newSize + " GiB", io) : (RuntimeException) e;
        }
    }

    synchronized void deleteDisk(CallContext ctx, String diskId) {
        Disk disk = describeDisk(ctx, diskId);
        if (disk.instanceId() != null) {
            throw new ApiException("IncorrectDiskStatus", 403, "Disk " + disk.diskId() + " is attached to instance "
                    + disk.instanceId() + ". Detach it before releasing it.");
        }
        requireStatus(disk, DiskStatus.Available);
        forgetDisk(disk.diskId());
    }

    /** Removes a disk and its volume whatever its status: instances release their disks through here. */
    synchronized void forgetDisk(String diskId) {
        long now = clock.millis();
        store.txRun(c -> forget(c, diskId, now));
        journal.finishDeletion(diskId);
    }

    /**
     * Removes a disk's row and records the deletion of its volume, within the caller's transaction; the caller calls
     * {@code journal.finishDeletion} after the commit.
     */
    static void forget(Connection c, String diskId, long now) throws SQLException {
        Store.update(c, "delete from ecs_disks where disk_id = ?", diskId);
        BillingLedger.released(c, diskId, now);
        VolumeJournal.record(c, diskId, VolumeJournal.DELETE);
    }

    /** After {@link #forget} committed: the volume's files go, then the intent. */
    void finishForgetting(String diskId) {
        journal.finishDeletion(diskId);
    }

    /** Attaches a disk to an instance (In_use) or detaches it (null, Available). */
    synchronized void setAttachment(String diskId, String instanceId, DiskStatus status) {
        store.txRun(c -> Store.update(c, "update ecs_disks set instance_id = ?, status = ? where disk_id = ?",
                instanceId, status.name(), diskId));
    }

    /** Moves disks along simulated time: Creating → Available. */
    void processDueEvents() {
        store.txRun(c -> Store.update(c, "update ecs_disks set status = ? where status = ? and ready_ms <= ?",
                DiskStatus.Available.name(), DiskStatus.Creating.name(), clock.millis()));
    }

    /**
     * Debris of earlier releases, whose failed RunInstances could leave disks attached to an instance that was never
     * created: a system disk that goes with its instance (DeleteWithInstance) is released, as the order that made it
     * never delivered the instance and the disk holds nothing but the image it was given; every other disk (a data
     * disk, a system disk kept on its own) is detached and Available again, its data untouched, for its owner to
     * attach or release. Logged once, on one line.
     */
    void repairDisksOfMissingInstances() {
        List<String[]> orphans = store.query("select d.disk_id, d.instance_id, d.disk_type, d.delete_with_instance"
                + " from ecs_disks d where d.instance_id is not null and not exists (select 1 from ecs_instances i"
                + " where i.instance_id = d.instance_id) order by d.disk_id", rs -> new String[] {rs.getString(1),
                        rs.getString(2), rs.getString(3), Boolean.toString(rs.getBoolean(4))});
        if (orphans.isEmpty()) {
            return;
        }
        List<String> released = new ArrayList<>();
        List<String> detached = new ArrayList<>();
        for (String[] o : orphans) {
            if (o[2].equals("system") && Boolean.parseBoolean(o[3])) {
                forgetDisk(o[0]);
                released.add(o[0] + " (of " + o[1] + ")");
            } else {
                store.txRun(c -> Store.update(c, "update ecs_disks set instance_id = null, status = ? where disk_id = ?",
                        DiskStatus.Available.name(), o[0]));
                detached.add(o[0] + " (of " + o[1] + ")");
            }
        }
        LOG.warn("Repaired disks attached to instances that do not exist (left by a failed RunInstances of an earlier"
                + " release): released the system disk(s) {}; detached and made Available {}",
                released.isEmpty() ? "none" : String.join(", ", released),
                detached.isEmpty() ? "none" : String.join(", ", detached));
    }

    // --------------------------------------------------------------- helpers

    private Disk findDisk(Connection c, CallContext ctx, String diskId) throws SQLException {
        return Store.queryOne(c, "select " + COLUMNS + " from ecs_disks where disk_id = ? and account_id = ?"
                + " and region_id = ?", this::disk, diskId, ctx.accountId(), ctx.regionId())
                .orElseThrow(() -> new ApiException("InvalidDiskId.NotFound", 404,
                        "The specified disk \"" + diskId + "\" does not exist in this region."));
    }

    private Disk disk(ResultSet rs) throws SQLException {
        DiskStatus status = DiskStatus.valueOf(rs.getString("status"));
        if (status == DiskStatus.Creating && rs.getLong("ready_ms") <= clock.millis()) {
            status = DiskStatus.Available; // ready by simulated time; the ticker writes it down
        }
        return new Disk(rs.getString("disk_id"), rs.getString("disk_name"), rs.getString("description"),
                rs.getString("region_id"), rs.getString("zone_id"), rs.getString("category"),
                rs.getString("performance_level"), rs.getInt("size_gib"), rs.getString("disk_type"), status,
                rs.getBoolean("encrypted"), rs.getString("kms_key_id"), rs.getString("source_snapshot_id"),
                rs.getString("instance_id"), rs.getBoolean("delete_with_instance"),
                Instant.ofEpochMilli(rs.getLong("creation_ms")), rs.getString("kms_key_version_id"));
    }

    static void requireStatus(Disk disk, DiskStatus... allowed) {
        for (DiskStatus status : allowed) {
            if (disk.status() == status) {
                return;
            }
        }
        throw new ApiException("IncorrectDiskStatus", 403, "Disk " + disk.diskId() + " is " + disk.status()
                + "; this operation needs it " + List.of(allowed) + ".");
    }

    private static Zone zone(CallContext ctx, String zoneId) {
        Zone zone = Catalog.findZone(ApiException.required("ZoneId", zoneId)).orElse(null);
        if (zone == null || !zone.regionId().equals(ctx.regionId())) {
            throw new ApiException("InvalidZoneId.NotFound", 404, "The specified zone \"" + zoneId
                    + "\" does not exist in region " + ctx.regionId() + ". Call DescribeZones for the valid ones.");
        }
        return zone;
    }

    static DiskCategory category(String diskCategory) {
        String id = diskCategory == null || diskCategory.isBlank() ? "cloud" : diskCategory;
        return Catalog.findDiskCategory(id).orElseThrow(() -> new ApiException("InvalidDiskCategory.ValueNotSupported",
                400, "The disk category \"" + id + "\" is not valid. Valid: cloud, cloud_efficiency, cloud_ssd,"
                        + " cloud_essd, cloud_essd_entry, cloud_auto, cloud_regional_disk_auto."));
    }

    private static String performanceLevel(DiskCategory category, String level) {
        if (level == null || level.isBlank()) {
            return category.hasPerformanceLevels() ? category.defaultPerformanceLevel() : null;
        }
        if (!category.performanceLevels().contains(level)) {
            throw ApiException.invalid("PerformanceLevel", category.hasPerformanceLevels()
                    ? "it must be one of " + String.join(", ", category.performanceLevels()) + "."
                    : "disks of category " + category.id() + " have no performance levels.");
        }
        return level;
    }

    private static int size(DiskCategory category, String level, Integer size, Snapshot snapshot) {
        if (size == null) {
            if (snapshot == null) {
                throw ApiException.missing("Size");
            }
            size = snapshot.sourceDiskSize();
        }
        return DiskSizeRule.check(category, level, size, snapshot == null ? null : snapshot.snapshotId(),
                snapshot == null ? null : snapshot.sourceDiskSize());
    }

    /** A ClientToken has at most 64 ASCII characters, as in the real API. */
    static String clientToken(String token) {
        if (token != null && (token.length() > 64 || !token.chars().allMatch(ch -> ch >= 0x20 && ch < 0x7f))) {
            throw ApiException.invalid("ClientToken", "it has at most 64 printable ASCII characters.");
        }
        return token;
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /** A CreateDisk request after every check: what will be created. */
    record DiskPlan(Zone zone, DiskCategory category, String performanceLevel, int sizeGiB, Snapshot snapshot,
            EncryptionChoice encryption, String name, String description) {
    }

    /** A disk whose volume exists but whose row is not written yet (see {@link #prepareDisk}). */
    record PreparedDisk(String diskId, String accountId, String regionId, DiskPlan plan, String keyVersionId,
            String type, String instanceId, boolean deleteWithInstance, DiskStatus status, String clientToken,
            String osImageId) {
    }
}
