package dev.ecskms.sim.ecs;

import dev.ecskms.sim.common.ApiException;
import dev.ecskms.sim.common.CallContext;
import dev.ecskms.sim.common.Ids;
import dev.ecskms.sim.common.Page;
import dev.ecskms.sim.ecs.EncryptionChoice.Reason;
import dev.ecskms.sim.kms.KeyMetadata;
import dev.ecskms.sim.kms.KeyState;
import dev.ecskms.sim.kms.KmsService;
import dev.ecskms.sim.kms.ProtectedResource;
import dev.ecskms.sim.kms.Tag;
import dev.ecskms.sim.ram.RamService;
import dev.ecskms.sim.store.Store;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * ECS block storage on the local store and real volume files. Every encrypted disk's sectors are AES-256-XTS
 * ciphertext under its own data key; the data key exists on the host only wrapped by KMS (see {@link DiskVolumes}).
 */
public final class LocalEcsService implements EcsService {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(LocalEcsService.class);
    static final Duration DISK_CREATION = Duration.ofSeconds(5);
    static final Duration SNAPSHOT_BASE = Duration.ofSeconds(20);
    static final Duration SNAPSHOT_PER_GIB = Duration.ofMillis(500);
    private static final String DISK_COLUMNS = "disk_id, disk_name, description, region_id, zone_id, category,"
            + " performance_level, size_gib, disk_type, status, encrypted, kms_key_id, source_snapshot_id, instance_id,"
            + " delete_with_instance, creation_ms, ready_ms, kms_key_version_id";
    private static final String SNAPSHOT_COLUMNS = "snapshot_id, snapshot_name, description, region_id,"
            + " source_disk_id, source_disk_size, source_disk_type, source_category, encrypted, kms_key_id,"
            + " creation_ms, ready_ms, account_id, kms_key_version_id";

    private final Store store;
    private final KmsService kms;
    private final RamService ram;
    private final Clock clock;
    private final DiskVolumes volumes;
    private final VolumeJournal journal;
    private boolean recovered;

    public LocalEcsService(Store store, KmsService kms, RamService ram, Clock clock, Path dataDir) {
        this(store, kms, kms, ram, clock, dataDir);
    }

    /**
     * @param kms      what ECS checks keys with (DescribeKey, the service key) as part of validating a request
     * @param dataKeys what ECS's own calls for disk data keys (GenerateDataKey, Decrypt) go through, as the ECS service
     *                 role: the simulator passes the KMS that records them on the audit trail
     */
    public LocalEcsService(Store store, KmsService kms, KmsService dataKeys, RamService ram, Clock clock,
            Path dataDir) {
        this.store = store;
        this.kms = kms;
        this.ram = ram;
        this.clock = clock;
        this.volumes = new DiskVolumes(dataKeys, dataDir.resolve("volumes"), dataDir.resolve("snapshots"));
        this.journal = new VolumeJournal(store, volumes, dataDir);
        kms.addProtectedResourceProvider(this::resourcesUsing);
    }

    /**
     * The context of ECS itself acting for a resource of the caller's (an instance it starts, a disk it creates):
     * its calls for data keys go to KMS as the service role {@value RamService#ECS_DISK_ENCRYPTION_ROLE}, and the
     * audit trail shows them so.
     */
    static CallContext asEcs(CallContext ctx, String actingFor) {
        return ctx.isServiceRole() ? ctx : ctx.asServiceRole(RamService.ECS_DISK_ENCRYPTION_ROLE, actingFor);
    }

    /** The store, for tests that set up what a crash leaves behind. */
    Store store() {
        return store;
    }

    VolumeJournal journal() {
        return journal;
    }

    /** Where the volume files live; for tests and the guest of a later issue. */
    public DiskVolumes volumes() {
        return volumes;
    }

    // ---------------------------------------------------------------- catalog

    @Override
    public List<Region> describeRegions(CallContext ctx) {
        return Catalog.regions();
    }

    @Override
    public List<Zone> describeZones(CallContext ctx) {
        return Catalog.zones(Catalog.requireRegion(ctx.regionId()).regionId());
    }

    // ------------------------------------------------------------------ disks

    @Override
    public synchronized String createDisk(CallContext ctx, CreateDiskRequest r) {
        clientToken(r.clientToken());
        DiskPlan plan = plan(ctx, r);
        Optional<String> repeated = sameRequestAgain(ctx, r.clientToken(), plan);
        if (repeated.isPresent()) {
            return repeated.get();
        }
        return createFromPlan(ctx, plan, "data", null, false, DiskStatus.Creating, blankToNull(r.clientToken()));
    }

    /**
     * Creates a planned disk: the intent, its volume files, then its row (see {@link VolumeJournal}). Instances
     * create their system and data disks with {@link #prepareDisk} and {@link #insertDisk} instead, so that an order
     * commits all its disks and instances in one transaction.
     */
    synchronized String createFromPlan(CallContext ctx, DiskPlan plan, String type, String instanceId,
            boolean deleteWithInstance, DiskStatus status, String clientToken) {
        PreparedDisk disk = prepareDisk(ctx, plan, type, instanceId, deleteWithInstance, status, clientToken);
        long now = clock.millis();
        try {
            store.txRun(c -> insertDisk(c, disk, now));
        } catch (RuntimeException e) {
            discard(disk);
            throw e;
        }
        markKeyUsedByEcs(ctx, plan.encryption);
        return disk.diskId();
    }

    /**
     * The first half of creating a disk: the intent commits, then the volume files are written. Nothing shows the
     * disk until {@link #insertDisk} commits its row (with the intent's removal); until then {@link #discard} undoes
     * it, and a crash leaves only the intent, which the next start finishes by removing the files.
     */
    synchronized PreparedDisk prepareDisk(CallContext ctx, DiskPlan plan, String type, String instanceId,
            boolean deleteWithInstance, DiskStatus status, String clientToken) {
        String diskId = Ids.ecs("d");
        String keyVersionId;
        journal.intendCreate(diskId);
        try {
            keyVersionId = volumes.createDiskVolume(asEcs(ctx, instanceId != null ? instanceId : diskId), diskId,
                    plan);
        } catch (IOException | RuntimeException e) {
            journal.finishDeletion(diskId); // whatever createDiskVolume left goes, then the intent
            throw e instanceof IOException io ? HostStorage.failure("create the " + plan.sizeGiB + " GiB volume of"
                    + " disk " + diskId, io) : (RuntimeException) e;
        }
        return new PreparedDisk(diskId, ctx.accountId(), ctx.regionId(), plan, keyVersionId, type, instanceId,
                deleteWithInstance, status, clientToken);
    }

    /** Writes a prepared disk's row and removes its intent, within the caller's transaction. */
    static void insertDisk(Connection c, PreparedDisk d, long now) throws SQLException {
        DiskPlan plan = d.plan();
        VolumeJournal.done(c, d.diskId());
        Store.update(c, "insert into ecs_disks (disk_id, account_id, region_id, zone_id,"
                + " disk_name, description, category, performance_level, size_gib, disk_type, status, encrypted,"
                + " kms_key_id, source_snapshot_id, instance_id, delete_with_instance, creation_ms, ready_ms,"
                + " client_token, kms_key_version_id) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                d.diskId(), d.accountId(), d.regionId(), plan.zone.zoneId(), plan.name, plan.description,
                plan.category.id(), plan.performanceLevel, plan.sizeGiB, d.type(), d.status().name(),
                plan.encryption.encrypted(), plan.encryption.kmsKeyId(),
                plan.snapshot == null ? null : plan.snapshot.snapshotId(), d.instanceId(), d.deleteWithInstance(),
                now, now + DISK_CREATION.toMillis(), d.clientToken(), d.keyVersionId());
    }

    /** Undoes a prepared disk whose row never committed: its files go, then its intent (kept if the host refuses). */
    void discard(PreparedDisk d) {
        journal.finishDeletion(d.diskId());
    }

    /** After an order committed: tags the keys ECS now uses (acs:ecs:disk-encryption=true). */
    void keyUsed(CallContext ctx, PreparedDisk d) {
        markKeyUsedByEcs(ctx, d.plan().encryption);
    }

    /** A disk whose volume exists but whose row is not written yet (see {@link #prepareDisk}). */
    record PreparedDisk(String diskId, String accountId, String regionId, DiskPlan plan, String keyVersionId,
            String type, String instanceId, boolean deleteWithInstance, DiskStatus status, String clientToken) {
    }

    /**
     * A ClientToken seen before returns the first disk, provided the request is the same; the same token with other
     * parameters is the caller's mistake.
     */
    private Optional<String> sameRequestAgain(CallContext ctx, String clientToken, DiskPlan plan) {
        if (clientToken == null || clientToken.isBlank()) {
            return Optional.empty();
        }
        Optional<Disk> first = store.queryOne("select " + DISK_COLUMNS + " from ecs_disks where account_id = ?"
                + " and client_token = ?", this::disk, ctx.accountId(), clientToken);
        if (first.isEmpty()) {
            return Optional.empty();
        }
        Disk d = first.get();
        boolean same = d.regionId().equals(ctx.regionId()) && d.zoneId().equals(plan.zone.zoneId())
                && d.category().equals(plan.category.id()) && d.size() == plan.sizeGiB
                && d.encrypted() == plan.encryption.encrypted()
                && java.util.Objects.equals(d.kmsKeyId(), plan.encryption.kmsKeyId())
                && java.util.Objects.equals(d.sourceSnapshotId(), plan.snapshot == null ? null : plan.snapshot.snapshotId());
        if (!same) {
            throw new ApiException("IdempotentParameterMismatch", 400, "The ClientToken \"" + clientToken
                    + "\" was used for disk " + d.diskId() + " with other parameters. Use a new ClientToken.");
        }
        return Optional.of(d.diskId());
    }

    @Override
    public EncryptionChoice previewEncryption(CallContext ctx, CreateDiskRequest r) {
        Region region = Catalog.requireRegion(ctx.regionId());
        DiskCategory category = category(r.diskCategory());
        Snapshot snapshot = r.snapshotId() == null || r.snapshotId().isBlank() ? null
                : usableSnapshot(ctx, r.snapshotId());
        return chooseEncryption(ctx, region, category, snapshot, r.encrypted(), blankToNull(r.kmsKeyId()));
    }

    /** Validates a CreateDisk request completely before anything is created. */
    DiskPlan plan(CallContext ctx, CreateDiskRequest r) {
        Region region = Catalog.requireRegion(ctx.regionId());
        Zone zone = zone(ctx, r.zoneId());
        DiskCategory category = category(r.diskCategory());
        if (!zone.diskCategories().contains(category.id())) {
            throw new ApiException("InvalidDiskCategory.NotSupported", 403, "The disk category " + category.id()
                    + " is not available in zone " + zone.zoneId() + ". Available: "
                    + String.join(", ", zone.diskCategories()) + ".");
        }
        String level = performanceLevel(category, r.performanceLevel());
        Snapshot snapshot = r.snapshotId() == null || r.snapshotId().isBlank() ? null
                : usableSnapshot(ctx, r.snapshotId());
        int size = size(category, level, r.size(), snapshot);
        if (r.encryptAlgorithm() != null && !r.encryptAlgorithm().isBlank()
                && !r.encryptAlgorithm().equalsIgnoreCase("aes-256")) {
            throw ApiException.invalid("EncryptAlgorithm", "the simulator encrypts disks with aes-256 (AES-256-XTS).");
        }
        String name = name("DiskName", "InvalidDiskName.Malformed", r.diskName());
        String description = description(r.description());
        EncryptionChoice encryption = chooseEncryption(ctx, region, category, snapshot, r.encrypted(),
                blankToNull(r.kmsKeyId()));
        if (encryption.encrypted() && encryption.kmsKeyId() == null) {
            String serviceKey = kms.serviceKey(ctx, "ecs").keyId();
            encryption = new EncryptionChoice(true, serviceKey, encryption.reason(), encryption.explanation());
        }
        return new DiskPlan(zone, category, level, size, snapshot, encryption, name, description);
    }

    /** The key rules of the seed: {@link NewDiskKeyRule} decides, this resolves the key it names. */
    private EncryptionChoice chooseEncryption(CallContext ctx, Region region, DiskCategory category,
            Snapshot snapshot, Boolean encryptedParam, String kmsKeyId) {
        DefaultEncryption defaults = defaultEncryption(ctx);
        if (!NewDiskKeyRule.encrypted(encryptedParam, kmsKeyId, snapshot, defaults)) {
            return new EncryptionChoice(false, null, Reason.PLAIN, "The disk will not be encrypted.");
        }
        if (!region.encryptedDisksSupported()) {
            throw new ApiException("InvalidParameter.EncryptedNotSupported", 400,
                    "Cloud disks cannot be encrypted in region " + region.regionId() + " (" + region.localName()
                            + "). Create an unencrypted disk, or use another region.");
        }
        if (!category.encryptable()) {
            throw new ApiException("InvalidParameter.EncryptedNotSupported", 400, "Disks of category "
                    + category.id() + " (" + category.displayName() + ") cannot be encrypted. Choose an ESSD-series"
                    + " category: cloud_essd, cloud_essd_entry, cloud_auto or cloud_regional_disk_auto.");
        }
        if (kmsKeyId != null) {
            return new EncryptionChoice(true, usableKey(ctx, region, kmsKeyId).keyId(), Reason.CHOSEN_KEY,
                    "Encrypted with the key you chose.");
        }
        NewDiskKeyRule.DefaultKey key = NewDiskKeyRule.defaultKey(ctx.accountId(), snapshot, defaults);
        return new EncryptionChoice(true, key.serviceKey() ? serviceKeyIdIfExists(ctx)
                : usableKey(ctx, region, key.kmsKeyId()).keyId(), key.reason(), key.explanation());
    }

    /** Keys ECS uses carry the tag acs:ecs:disk-encryption=true, as in the real service. */
    private void markKeyUsedByEcs(CallContext ctx, EncryptionChoice encryption) {
        if (encryption.encrypted()) {
            kms.tagByService(ctx, encryption.kmsKeyId(), new Tag("acs:ecs:disk-encryption", "true"));
        }
    }

    /** The service key's id if it exists; null tells the caller it is created on first real use. */
    private String serviceKeyIdIfExists(CallContext ctx) {
        try {
            return kms.describeKey(ctx, "alias/acs/ecs").keyId();
        } catch (ApiException e) {
            return null;
        }
    }

    /** A key ECS may use to wrap a disk's data key, with the ECS error codes. */
    private KeyMetadata usableKey(CallContext ctx, Region region, String kmsKeyId) {
        KeyMetadata key;
        try {
            key = kms.describeKey(ctx, kmsKeyId);
        } catch (ApiException e) {
            if (e.code().startsWith("Forbidden.") && e.httpStatus() == 404) {
                throw new ApiException("InvalidParameter.KMSKeyId.NotFound", 404, "The specified KMSKeyId \""
                        + kmsKeyId + "\" does not exist in region " + ctx.regionId() + ".");
            }
            throw e;
        }
        if (!key.isServiceKey()) {
            if (!region.cmkSupported()) {
                throw new ApiException("InvalidRegion.NotSupport", 403, "Customer master keys cannot encrypt cloud"
                        + " disks in region " + region.regionId() + " (" + region.localName() + "). Leave KMSKeyId"
                        + " empty to use the service key alias/acs/ecs.");
            }
            if (!ram.ecsMayUseCustomerKeys(ctx.accountId())) {
                throw new ApiException("InvalidParameter.KMSKeyId.KMSUnauthorized", 403,
                        "ECS service have no right to access your KMS. Authorize ECS first: create the RAM role "
                                + RamService.ECS_DISK_ENCRYPTION_ROLE + " with the policy "
                                + RamService.ECS_DISK_ENCRYPTION_POLICY + " (the console's Authorize button).");
            }
        }
        if (key.keyState() != KeyState.Enabled) {
            throw new ApiException("InvalidParameter.KMSKeyId.CMKNotEnabled", 400, "The CMK needs to be enabled. Key "
                    + key.keyId() + " is " + key.keyState() + ".");
        }
        return key;
    }

    @Override
    public Page<Disk> describeDisks(CallContext ctx, DescribeDisksRequest r) {
        int[] paging = Page.validate(r.pageNumber(), r.pageSize(), 10, 100);
        String keyFilter = r.kmsKeyId() == null || r.kmsKeyId().isBlank() ? null : resolveKeyFilter(ctx, r.kmsKeyId());
        List<Disk> all = store.query("select " + DISK_COLUMNS + " from ecs_disks where account_id = ? and region_id = ?"
                + " order by creation_ms desc, disk_id", this::disk, ctx.accountId(), ctx.regionId());
        List<Disk> matching = all.stream()
                .filter(d -> r.diskIds() == null || r.diskIds().isEmpty() || r.diskIds().contains(d.diskId()))
                .filter(d -> r.zoneId() == null || r.zoneId().equals(d.zoneId()))
                .filter(d -> r.instanceId() == null || r.instanceId().equals(d.instanceId()))
                .filter(d -> r.diskType() == null || r.diskType().equals("all") || r.diskType().equals(d.type()))
                .filter(d -> r.category() == null || r.category().equals("all") || r.category().equals(d.category()))
                .filter(d -> r.status() == null || r.status().equals("All") || r.status().equals(d.status().name()))
                .filter(d -> r.encrypted() == null || r.encrypted() == d.encrypted())
                .filter(d -> keyFilter == null || keyFilter.equals(d.kmsKeyId()))
                .toList();
        return Page.of(matching, paging[0], paging[1]);
    }

    private String resolveKeyFilter(CallContext ctx, String kmsKeyId) {
        try {
            return kms.describeKey(ctx, kmsKeyId).keyId();
        } catch (ApiException e) {
            return kmsKeyId; // a deleted key still filters the disks that name it
        }
    }

    @Override
    public Disk describeDisk(CallContext ctx, String diskId) {
        return store.tx(c -> findDisk(c, ctx, ApiException.required("DiskId", diskId)));
    }

    @Override
    public synchronized void modifyDiskAttribute(CallContext ctx, String diskId, String diskName, String description,
            Boolean deleteWithInstance) {
        String name = diskName == null ? null : name("DiskName", "InvalidDiskName.Malformed", diskName);
        String text = description == null ? null : description(description);
        store.txRun(c -> {
            Disk disk = findDisk(c, ctx, ApiException.required("DiskId", diskId));
            Store.update(c, "update ecs_disks set disk_name = coalesce(?, disk_name), description = coalesce(?,"
                    + " description), delete_with_instance = coalesce(?, delete_with_instance) where disk_id = ?",
                    name, text, deleteWithInstance, disk.diskId());
        });
    }

    @Override
    public synchronized void resizeDisk(CallContext ctx, String diskId, Integer newSize) {
        if (newSize == null) {
            throw ApiException.missing("NewSize");
        }
        Disk disk = describeDisk(ctx, diskId);
        requireStatus(disk, DiskStatus.Available, DiskStatus.In_use);
        DiskCategory category = category(disk.category());
        DiskSizeRule.checkResize(category, disk.size(), newSize);
        // The new size commits first: a crash before the volume grew is finished at the next start.
        store.txRun(c -> Store.update(c, "update ecs_disks set size_gib = ? where disk_id = ?", newSize,
                disk.diskId()));
        try {
            volumes.resizeDiskVolume(disk.diskId(), newSize);
        } catch (IOException | RuntimeException e) {
            store.txRun(c -> Store.update(c, "update ecs_disks set size_gib = ? where disk_id = ?", disk.size(),
                    disk.diskId()));
            throw e instanceof IOException io ? HostStorage.failure("grow the volume of disk " + disk.diskId()
                    + " to " + newSize + " GiB", io) : (RuntimeException) e;
        }
    }

    @Override
    public synchronized void deleteDisk(CallContext ctx, String diskId) {
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
        store.txRun(c -> {
            Store.update(c, "delete from ecs_disks where disk_id = ?", diskId);
            VolumeJournal.record(c, diskId, VolumeJournal.DELETE);
        });
        journal.finishDeletion(diskId);
    }

    /** Attaches a disk to an instance (In_use) or detaches it (null, Available). */
    synchronized void setAttachment(String diskId, String instanceId, DiskStatus status) {
        store.txRun(c -> Store.update(c, "update ecs_disks set instance_id = ?, status = ? where disk_id = ?",
                instanceId, status.name(), diskId));
    }

    // -------------------------------------------------------------- snapshots

    @Override
    public synchronized String createSnapshot(CallContext ctx, String diskId, String snapshotName,
            String description) {
        String name = snapshotName == null ? "" : name("SnapshotName", "InvalidSnapshotName.Malformed", snapshotName);
        String text = description(description);
        Disk disk = describeDisk(ctx, diskId);
        requireStatus(disk, DiskStatus.Available, DiskStatus.In_use);
        String snapshotId = Ids.ecs("s");
        long now = clock.millis();
        journal.intendCreate(snapshotId);
        try {
            volumes.snapshotDiskVolume(disk.diskId(), snapshotId);
        } catch (IOException | RuntimeException e) {
            journal.finishDeletion(snapshotId); // whatever Volumes.copy left goes, then the intent
            throw e instanceof IOException io ? HostStorage.failure("copy the volume of disk " + disk.diskId()
                    + " into snapshot " + snapshotId, io) : (RuntimeException) e;
        }
        long duration = SNAPSHOT_BASE.plus(SNAPSHOT_PER_GIB.multipliedBy(disk.size())).toMillis();
        try {
            store.txRun(c -> {
                VolumeJournal.done(c, snapshotId);
                Store.update(c, "insert into ecs_snapshots (snapshot_id, account_id, region_id,"
                    + " source_disk_id, source_disk_size, source_disk_type, source_category, snapshot_name, description,"
                    + " encrypted, kms_key_id, creation_ms, ready_ms, kms_key_version_id) values (?, ?, ?, ?, ?, ?, ?,"
                    + " ?, ?, ?, ?, ?, ?, ?)", snapshotId, ctx.accountId(), ctx.regionId(), disk.diskId(), disk.size(),
                    disk.type(), disk.category(), name, text, disk.encrypted(), disk.kmsKeyId(), now, now + duration,
                    disk.kmsKeyVersionId());
            });
        } catch (RuntimeException e) {
            journal.finishDeletion(snapshotId);
            throw e;
        }
        return snapshotId;
    }

    @Override
    public Page<Snapshot> describeSnapshots(CallContext ctx, DescribeSnapshotsRequest r) {
        int[] paging = Page.validate(r.pageNumber(), r.pageSize(), 10, 100);
        boolean shared = Boolean.TRUE.equals(r.shared());
        List<Snapshot> all = shared
                ? store.query("select " + prefixed("s.", SNAPSHOT_COLUMNS) + " from ecs_snapshots s join"
                        + " ecs_snapshot_shares h on h.snapshot_id = s.snapshot_id where h.target_account_id = ?"
                        + " and s.region_id = ? order by s.creation_ms desc", this::snapshot, ctx.accountId(),
                        ctx.regionId())
                : store.query("select " + SNAPSHOT_COLUMNS + " from ecs_snapshots where account_id = ? and region_id = ?"
                        + " order by creation_ms desc, snapshot_id", this::snapshot, ctx.accountId(), ctx.regionId());
        String keyFilter = r.kmsKeyId() == null || r.kmsKeyId().isBlank() ? null : resolveKeyFilter(ctx, r.kmsKeyId());
        List<Snapshot> matching = all.stream()
                .filter(s -> r.snapshotIds() == null || r.snapshotIds().isEmpty() || r.snapshotIds().contains(s.snapshotId()))
                .filter(s -> r.diskId() == null || r.diskId().equals(s.sourceDiskId()))
                .filter(s -> r.encrypted() == null || r.encrypted() == s.encrypted())
                .filter(s -> keyFilter == null || keyFilter.equals(s.kmsKeyId()))
                .filter(s -> r.status() == null || r.status().equals("all") || r.status().equals(s.status()))
                .toList();
        return Page.of(matching, paging[0], paging[1]);
    }

    @Override
    public synchronized void deleteSnapshot(CallContext ctx, String snapshotId) {
        String id = ApiException.required("SnapshotId", snapshotId);
        Snapshot snapshot = ownSnapshot(ctx, id);
        store.txRun(c -> {
            Store.update(c, "delete from ecs_snapshots where snapshot_id = ?", snapshot.snapshotId());
            VolumeJournal.record(c, snapshot.snapshotId(), VolumeJournal.DELETE);
        });
        journal.finishDeletion(snapshot.snapshotId());
    }

    @Override
    public synchronized void modifySnapshotSharePermission(CallContext ctx, String snapshotId, List<String> add,
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

    @Override
    public List<String> snapshotSharedWith(CallContext ctx, String snapshotId) {
        Snapshot snapshot = ownSnapshot(ctx, ApiException.required("SnapshotId", snapshotId));
        return store.query("select target_account_id from ecs_snapshot_shares where snapshot_id = ? order by 1",
                rs -> rs.getString(1), snapshot.snapshotId());
    }

    private Snapshot ownSnapshot(CallContext ctx, String snapshotId) {
        return store.queryOne("select " + SNAPSHOT_COLUMNS + " from ecs_snapshots where snapshot_id = ?"
                + " and account_id = ? and region_id = ?", this::snapshot, snapshotId, ctx.accountId(), ctx.regionId())
                .orElseThrow(() -> snapshotNotFound(snapshotId));
    }

    /** The caller's own snapshot or one shared with the caller, ready to create a disk from. */
    private Snapshot usableSnapshot(CallContext ctx, String snapshotId) {
        Snapshot snapshot = store.queryOne("select " + prefixed("s.", SNAPSHOT_COLUMNS) + " from ecs_snapshots s"
                + " where s.snapshot_id = ? and s.region_id = ? and (s.account_id = ? or exists (select 1 from"
                + " ecs_snapshot_shares h where h.snapshot_id = s.snapshot_id and h.target_account_id = ?))",
                this::snapshot, snapshotId, ctx.regionId(), ctx.accountId(), ctx.accountId())
                .orElseThrow(() -> snapshotNotFound(snapshotId));
        if (!snapshot.isAccomplished()) {
            throw new ApiException("InvalidSnapshotId.NotReady", 403, "Snapshot " + snapshotId + " is still being"
                    + " created (" + snapshot.progress() + "). Wait until it is accomplished.");
        }
        return snapshot;
    }

    private static ApiException snapshotNotFound(String snapshotId) {
        return new ApiException("InvalidSnapshotId.NotFound", 404,
                "The specified snapshot \"" + snapshotId + "\" does not exist in this region.");
    }

    // ---------------------------------------------------- default encryption

    @Override
    public synchronized void enableDiskEncryptionByDefault(CallContext ctx) {
        Region region = Catalog.requireRegion(ctx.regionId());
        if (!region.encryptedDisksSupported()) {
            throw new ApiException("InvalidRegion.NotSupport", 403, "Cloud disks cannot be encrypted in region "
                    + region.regionId() + " (" + region.localName() + "), so default encryption cannot be enabled.");
        }
        putDefault(ctx, true, defaultEncryption(ctx).kmsKeyId());
    }

    @Override
    public synchronized void disableDiskEncryptionByDefault(CallContext ctx) {
        Catalog.requireRegion(ctx.regionId());
        putDefault(ctx, false, defaultEncryption(ctx).kmsKeyId());
    }

    @Override
    public DefaultEncryption describeDiskEncryptionByDefaultStatus(CallContext ctx) {
        Catalog.requireRegion(ctx.regionId());
        return defaultEncryption(ctx);
    }

    @Override
    public synchronized void modifyDiskDefaultKmsKeyId(CallContext ctx, String kmsKeyId) {
        Region region = Catalog.requireRegion(ctx.regionId());
        KeyMetadata key = usableKey(ctx, region, ApiException.required("KMSKeyId", kmsKeyId));
        putDefault(ctx, defaultEncryption(ctx).enabled(), key.isServiceKey() ? null : key.keyId());
    }

    @Override
    public String describeDiskDefaultKmsKeyId(CallContext ctx) {
        Catalog.requireRegion(ctx.regionId());
        String key = defaultEncryption(ctx).kmsKeyId();
        return key != null ? key : kms.serviceKey(ctx, "ecs").keyId();
    }

    @Override
    public synchronized void resetDiskDefaultKmsKeyId(CallContext ctx) {
        Catalog.requireRegion(ctx.regionId());
        putDefault(ctx, defaultEncryption(ctx).enabled(), null);
    }

    private DefaultEncryption defaultEncryption(CallContext ctx) {
        return store.queryOne("select enabled, kms_key_id from ecs_default_encryption where account_id = ?"
                + " and region_id = ?", rs -> new DefaultEncryption(rs.getBoolean(1), rs.getString(2)),
                ctx.accountId(), ctx.regionId()).orElse(new DefaultEncryption(false, null));
    }

    private void putDefault(CallContext ctx, boolean enabled, String kmsKeyId) {
        store.txRun(c -> Store.update(c, "merge into ecs_default_encryption (account_id, region_id, enabled,"
                + " kms_key_id) key (account_id, region_id) values (?, ?, ?, ?)", ctx.accountId(), ctx.regionId(),
                enabled, kmsKeyId));
    }

    // ------------------------------------------------------------------ time

    @Override
    public synchronized void processDueEvents() {
        if (!recovered) {
            recovered = true;
            journal.recover(); // the first call comes at start-up, before anyone can call
            repairDisksOfMissingInstances();
        }
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
    private void repairDisksOfMissingInstances() {
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

    /**
     * Whether a snapshot was still in progress at simulated time {@code sinceMillis}: its progress is computed from
     * the clock, so it moved since then although nothing was written (the change feed tells the pages).
     */
    public boolean snapshotsProgressedSince(long sinceMillis) {
        return store.queryOne("select count(*) from ecs_snapshots where ready_ms > ?", rs -> rs.getLong(1),
                sinceMillis).orElse(0L) > 0;
    }

    // --------------------------------------------------------------- helpers

    private List<ProtectedResource> resourcesUsing(String accountId, String regionId, String keyId) {
        List<ProtectedResource> out = new ArrayList<>();
        out.addAll(store.query("select disk_id, disk_name from ecs_disks where account_id = ? and region_id = ?"
                + " and kms_key_id = ?", rs -> new ProtectedResource("Disk", rs.getString(1), rs.getString(2),
                        regionId), accountId, regionId, keyId));
        out.addAll(store.query("select snapshot_id, snapshot_name from ecs_snapshots where account_id = ?"
                + " and region_id = ? and kms_key_id = ?", rs -> new ProtectedResource("Snapshot", rs.getString(1),
                        rs.getString(2), regionId), accountId, regionId, keyId));
        return out;
    }

    private Disk findDisk(Connection c, CallContext ctx, String diskId) throws SQLException {
        return Store.queryOne(c, "select " + DISK_COLUMNS + " from ecs_disks where disk_id = ? and account_id = ?"
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

    private Snapshot snapshot(ResultSet rs) throws SQLException {
        long created = rs.getLong("creation_ms");
        long ready = rs.getLong("ready_ms");
        long now = clock.millis();
        int progress = now >= ready ? 100 : (int) Math.min(99, Math.max(0, (now - created) * 100 / (ready - created)));
        return new Snapshot(rs.getString("snapshot_id"), rs.getString("snapshot_name"), rs.getString("description"),
                rs.getString("region_id"), rs.getString("source_disk_id"), rs.getInt("source_disk_size"),
                rs.getString("source_disk_type"), rs.getString("source_category"),
                progress == 100 ? "accomplished" : "progressing", progress + "%", rs.getBoolean("encrypted"),
                rs.getString("kms_key_id"), Instant.ofEpochMilli(created), rs.getString("account_id"),
                rs.getString("kms_key_version_id"));
    }

    private static String prefixed(String prefix, String columns) {
        return prefix + columns.replace(", ", ", " + prefix);
    }

    private static void requireStatus(Disk disk, DiskStatus... allowed) {
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

    private static DiskCategory category(String diskCategory) {
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

    private static String name(String parameter, String code, String value) {
        return ResourceNames.name(parameter, code, value);
    }

    private static String description(String description) {
        return ResourceNames.description(description);
    }

    /** A ClientToken has at most 64 ASCII characters, as in the real API. */
    static String clientToken(String token) {
        if (token != null && (token.length() > 64 || !token.chars().allMatch(ch -> ch >= 0x20 && ch < 0x7f))) {
            throw ApiException.invalid("ClientToken", "it has at most 64 printable ASCII characters.");
        }
        return token;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /** A CreateDisk request after every check: what will be created. */
    record DiskPlan(Zone zone, DiskCategory category, String performanceLevel, int sizeGiB, Snapshot snapshot,
            EncryptionChoice encryption, String name, String description) {
    }
}
