package dev.ecskms.sim.ecs;

import dev.ecskms.sim.common.CallContext;
import dev.ecskms.sim.common.Page;
import dev.ecskms.sim.kms.KmsService;
import dev.ecskms.sim.kms.ProtectedResource;
import dev.ecskms.sim.ram.RamService;
import dev.ecskms.sim.store.Store;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * ECS block storage on the local store and real volume files. Each resource has its own home, and this class only
 * wires them and answers {@link EcsService} with them: {@link Disks}, {@link Snapshots}, {@link Images} and
 * {@link DiskEncryption} (account-level default encryption and the key rules).
 */
public final class LocalEcsService implements EcsService {
    private final Store store;
    private final DiskVolumes volumes;
    private final VolumeJournal journal;
    private final DiskEncryption encryption;
    private final Snapshots snapshots;
    private final Disks disks;
    private final Images images;
    private final BillingLedger billing;
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
        this.volumes = new DiskVolumes(dataKeys, dataDir.resolve("volumes"), dataDir.resolve("snapshots"));
        this.journal = new VolumeJournal(store, volumes, dataDir);
        this.encryption = new DiskEncryption(store, kms, ram);
        this.snapshots = new Snapshots(store, clock, volumes, journal, encryption);
        this.disks = new Disks(store, clock, volumes, journal, encryption, snapshots);
        this.images = new Images(store, clock, volumes, journal, encryption, snapshots, disks);
        this.billing = new BillingLedger(store, clock);
        kms.addProtectedResourceProvider(this::resourcesUsing);
    }

    /**
     * The context of ECS itself acting for a resource of the caller's (an instance it starts, a disk it creates):
     * its calls for data keys go to KMS as the service role {@value RamService#ECS_DISK_ENCRYPTION_ROLE}, and the
     * audit trail shows them so.
     */
    static CallContext asEcs(CallContext ctx, String actingFor) {
        // (another service acting through its own role, e.g. OOS, still reaches KMS as ECS here)
        return RamService.ECS_DISK_ENCRYPTION_ROLE.equals(ctx.roleName()) ? ctx
                : ctx.asServiceRole(RamService.ECS_DISK_ENCRYPTION_ROLE, actingFor);
    }

    /** The store, for tests that set up what a crash leaves behind. */
    Store store() {
        return store;
    }

    VolumeJournal journal() {
        return journal;
    }

    /** Where the volume files live; for tests and the guest. */
    public DiskVolumes volumes() {
        return volumes;
    }

    Disks disks() {
        return disks;
    }

    Snapshots snapshots() {
        return snapshots;
    }

    Images images() {
        return images;
    }

    DiskEncryption encryption() {
        return encryption;
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
    public String createDisk(CallContext ctx, CreateDiskRequest request) {
        return disks.createDisk(ctx, request);
    }

    @Override
    public EncryptionChoice previewEncryption(CallContext ctx, CreateDiskRequest request) {
        return disks.previewEncryption(ctx, request);
    }

    @Override
    public Page<Disk> describeDisks(CallContext ctx, DescribeDisksRequest request) {
        return disks.describeDisks(ctx, request);
    }

    @Override
    public Disk describeDisk(CallContext ctx, String diskId) {
        return disks.describeDisk(ctx, diskId);
    }

    @Override
    public void modifyDiskAttribute(CallContext ctx, String diskId, String diskName, String description,
            Boolean deleteWithInstance) {
        disks.modifyDiskAttribute(ctx, diskId, diskName, description, deleteWithInstance);
    }

    @Override
    public void resizeDisk(CallContext ctx, String diskId, Integer newSize) {
        disks.resizeDisk(ctx, diskId, newSize);
    }

    @Override
    public void deleteDisk(CallContext ctx, String diskId) {
        disks.deleteDisk(ctx, diskId);
    }

    // -------------------------------------------------------------- snapshots

    @Override
    public String createSnapshot(CallContext ctx, String diskId, String snapshotName, String description) {
        return snapshots.createSnapshot(ctx, disks.describeDisk(ctx, diskId), snapshotName, description);
    }

    @Override
    public Page<Snapshot> describeSnapshots(CallContext ctx, DescribeSnapshotsRequest request) {
        return snapshots.describeSnapshots(ctx, request);
    }

    @Override
    public void deleteSnapshot(CallContext ctx, String snapshotId) {
        snapshots.deleteSnapshot(ctx, snapshotId);
    }

    @Override
    public void modifySnapshotSharePermission(CallContext ctx, String snapshotId, List<String> addAccounts,
            List<String> removeAccounts) {
        snapshots.modifySnapshotSharePermission(ctx, snapshotId, addAccounts, removeAccounts);
    }

    @Override
    public List<String> snapshotSharedWith(CallContext ctx, String snapshotId) {
        return snapshots.snapshotSharedWith(ctx, snapshotId);
    }

    // ----------------------------------------------------------------- images

    @Override
    public String createImage(CallContext ctx, CreateImageRequest request) {
        return images.createImage(ctx, request);
    }

    @Override
    public Page<Image> describeImages(CallContext ctx, DescribeImagesRequest request) {
        return images.describeImages(ctx, request);
    }

    @Override
    public String copyImage(CallContext ctx, CopyImageRequest request) {
        return images.copyImage(ctx, request);
    }

    @Override
    public void deleteImage(CallContext ctx, String imageId, Boolean force) {
        images.deleteImage(ctx, imageId, force);
    }

    @Override
    public void modifyImageSharePermission(CallContext ctx, String imageId, List<String> addAccounts,
            List<String> removeAccounts) {
        images.modifyImageSharePermission(ctx, imageId, addAccounts, removeAccounts);
    }

    @Override
    public List<String> imageSharedWith(CallContext ctx, String imageId) {
        return images.imageSharedWith(ctx, imageId);
    }

    // ---------------------------------------------------- default encryption

    @Override
    public void enableDiskEncryptionByDefault(CallContext ctx) {
        encryption.enableDiskEncryptionByDefault(ctx);
    }

    @Override
    public void disableDiskEncryptionByDefault(CallContext ctx) {
        encryption.disableDiskEncryptionByDefault(ctx);
    }

    @Override
    public DefaultEncryption describeDiskEncryptionByDefaultStatus(CallContext ctx) {
        return encryption.describeDiskEncryptionByDefaultStatus(ctx);
    }

    @Override
    public void modifyDiskDefaultKmsKeyId(CallContext ctx, String kmsKeyId) {
        encryption.modifyDiskDefaultKmsKeyId(ctx, kmsKeyId);
    }

    @Override
    public String describeDiskDefaultKmsKeyId(CallContext ctx) {
        return encryption.describeDiskDefaultKmsKeyId(ctx);
    }

    @Override
    public void resetDiskDefaultKmsKeyId(CallContext ctx) {
        encryption.resetDiskDefaultKmsKeyId(ctx);
    }

    // ------------------------------------------------------------------ time

    @Override
    public PriceQuote describePrice(CallContext ctx, PriceRequest request) {
        return Pricing.quote(ctx.regionId(), request);
    }

    @Override
    public BillingStatement describeBilling(CallContext ctx, Integer days) {
        return billing.statement(ctx, days);
    }

    @Override
    public synchronized void processDueEvents() {
        if (!recovered) {
            recovered = true;
            journal.recover(); // the first call comes at start-up, before anyone can call
            disks.repairDisksOfMissingInstances();
        }
        disks.processDueEvents();
    }

    /**
     * Whether a snapshot was still in progress at simulated time {@code sinceMillis}: its progress is computed from
     * the clock, so it moved since then although nothing was written (the change feed tells the pages).
     */
    public boolean snapshotsProgressedSince(long sinceMillis) {
        return snapshots.progressedSince(sinceMillis);
    }

    /** Whether an image was still being made at simulated time {@code sinceMillis} (see above). */
    public boolean imagesProgressedSince(long sinceMillis) {
        return images.progressedSince(sinceMillis);
    }

    /** The resources a key protects, for the key's page and the warning before it is disabled or deleted. */
    private List<ProtectedResource> resourcesUsing(String accountId, String regionId, String keyId) {
        List<ProtectedResource> out = new ArrayList<>();
        out.addAll(store.query("select disk_id, disk_name from ecs_disks where account_id = ? and region_id = ?"
                + " and kms_key_id = ?", rs -> new ProtectedResource("Disk", rs.getString(1), rs.getString(2),
                        regionId), accountId, regionId, keyId));
        out.addAll(store.query("select snapshot_id, snapshot_name from ecs_snapshots where account_id = ?"
                + " and region_id = ? and kms_key_id = ?", rs -> new ProtectedResource("Snapshot", rs.getString(1),
                        rs.getString(2), regionId), accountId, regionId, keyId));
        out.addAll(store.query("select image_id, image_name from ecs_images where account_id = ? and region_id = ?"
                + " and kms_key_id = ?", rs -> new ProtectedResource("Image", rs.getString(1), rs.getString(2),
                        regionId), accountId, regionId, keyId));
        return out;
    }
}
