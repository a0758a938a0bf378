package dev.ecskms.sim.ecs;

import dev.ecskms.sim.common.CallContext;
import dev.ecskms.sim.common.Page;
import java.util.List;

/**
 * ECS 2014-05-26 block storage: disks, snapshots, images and account-level default encryption, one operation per API
 * action. The console and the API endpoint both call this interface.
 */
public interface EcsService {

    List<Region> describeRegions(CallContext ctx);

    /** Zones of the caller's region with the disk categories available in each. */
    List<Zone> describeZones(CallContext ctx);

    // ---- disks ----

    /** Creates a disk; returns its id. With a ClientToken seen before, returns the first disk's id. */
    String createDisk(CallContext ctx, CreateDiskRequest request);

    /**
     * What CreateDisk would decide about encryption for this request, without creating anything: the same checks
     * and error codes, so the wizard can explain its default key and show a limitation before the user hits it.
     */
    EncryptionChoice previewEncryption(CallContext ctx, CreateDiskRequest request);

    Page<Disk> describeDisks(CallContext ctx, DescribeDisksRequest request);

    Disk describeDisk(CallContext ctx, String diskId);

    void modifyDiskAttribute(CallContext ctx, String diskId, String diskName, String description,
            Boolean deleteWithInstance);

    /** Grows a disk to newSize GiB (disks never shrink). */
    void resizeDisk(CallContext ctx, String diskId, Integer newSize);

    void deleteDisk(CallContext ctx, String diskId);

    // ---- snapshots ----

    /** Creates a snapshot; it inherits the disk's encryption and key. Returns its id. */
    String createSnapshot(CallContext ctx, String diskId, String snapshotName, String description);

    Page<Snapshot> describeSnapshots(CallContext ctx, DescribeSnapshotsRequest request);

    void deleteSnapshot(CallContext ctx, String snapshotId);

    /** (unconfirmed action name) Shares a snapshot with other accounts of this simulator, or stops sharing. */
    void modifySnapshotSharePermission(CallContext ctx, String snapshotId, List<String> addAccounts,
            List<String> removeAccounts);

    List<String> snapshotSharedWith(CallContext ctx, String snapshotId);

    // ---- images ----

    /**
     * Creates a custom image from an instance (its system disk is snapshotted now) or from a snapshot of a system
     * disk. It is Creating until the snapshot is done, on the simulated clock. Returns its id.
     */
    String createImage(CallContext ctx, CreateImageRequest request);

    /** System images of the catalog, the caller's own images (self) and images shared with the caller (others). */
    Page<Image> describeImages(CallContext ctx, DescribeImagesRequest request);

    /**
     * Copies an Available image into the same or another region; an encrypted copy's data is re-encrypted under a new
     * data key wrapped by the chosen key. Returns the copy's id.
     */
    String copyImage(CallContext ctx, CopyImageRequest request);

    /** Deletes a custom image; the snapshot behind it stays. Force deletes one that instances were started from. */
    void deleteImage(CallContext ctx, String imageId, Boolean force);

    /** Shares an image with other accounts of this simulator, or stops sharing. */
    void modifyImageSharePermission(CallContext ctx, String imageId, List<String> addAccounts,
            List<String> removeAccounts);

    List<String> imageSharedWith(CallContext ctx, String imageId);

    // ---- account-level default encryption (per region) ----

    void enableDiskEncryptionByDefault(CallContext ctx);

    void disableDiskEncryptionByDefault(CallContext ctx);

    DefaultEncryption describeDiskEncryptionByDefaultStatus(CallContext ctx);

    void modifyDiskDefaultKmsKeyId(CallContext ctx, String kmsKeyId);

    /** The default key's id: the account's chosen key, or the region's service key (created on first use). */
    String describeDiskDefaultKmsKeyId(CallContext ctx);

    void resetDiskDefaultKmsKeyId(CallContext ctx);

    // ---- prices and billing ----

    /**
     * DescribePrice: the price of an instance configuration (type, system and data disks, bandwidth) or of a disk,
     * from the one price list ({@link Pricing}). Encryption is not a parameter: it is free.
     */
    PriceQuote describePrice(CallContext ctx, PriceRequest request);

    /**
     * (no ECS action: the console's Billing page, like the real Billing Management console) What the caller's
     * resources in the region bill now and what they cost over the last {@code days} simulated days (30 when null),
     * from the billing ledger the services keep.
     */
    BillingStatement describeBilling(CallContext ctx, Integer days);

    /** Moves statuses along simulated time: Creating → Available, snapshot and image progress. */
    void processDueEvents();
}
