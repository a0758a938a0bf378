package dev.ecskms.sim.ecs;

import dev.ecskms.sim.common.ApiException;
import dev.ecskms.sim.common.CallContext;
import dev.ecskms.sim.common.Ids;
import dev.ecskms.sim.common.Page;
import dev.ecskms.sim.guest.OsImage;
import dev.ecskms.sim.guest.OsType;
import dev.ecskms.sim.store.Store;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Images: the public images of the catalog (ImageOwnerAlias system) and custom images. A custom image is backed by a
 * snapshot of a system disk — real volume bytes holding the guest's file system — so an instance started from it sees
 * what was written before. CreateImage from an instance snapshots its system disk now; a copy writes a new snapshot,
 * re-encrypted under a new data key when it is encrypted. Status and progress follow the simulated clock as a
 * snapshot's do.
 */
final class Images {
    /** How long an image made from an existing snapshot takes to become Available (simulated time). */
    static final Duration FROM_SNAPSHOT = Duration.ofSeconds(10);
    private static final Set<String> OWNER_ALIASES = Set.of("system", "self", "others", "marketplace");
    private static final Set<String> STATUSES = Set.of("Creating", "Waiting", "Available", "UnAvailable",
            "CreateFailed", "Deprecated");
    private static final String COLUMNS = "image_id, account_id, region_id, image_name, description, os_image_id,"
            + " snapshot_id, size_gib, encrypted, kms_key_id, source_instance_id, source_image_id, source_region_id,"
            + " creation_ms, ready_ms";

    private final Store store;
    private final Clock clock;
    private final DiskVolumes volumes;
    private final VolumeJournal journal;
    private final DiskEncryption encryption;
    private final Snapshots snapshots;
    private final Disks disks;

    Images(Store store, Clock clock, DiskVolumes volumes, VolumeJournal journal, DiskEncryption encryption,
            Snapshots snapshots, Disks disks) {
        this.store = store;
        this.clock = clock;
        this.volumes = volumes;
        this.journal = journal;
        this.encryption = encryption;
        this.snapshots = snapshots;
        this.disks = disks;
    }

    // ----------------------------------------------------------- CreateImage

    synchronized String createImage(CallContext ctx, CreateImageRequest r) {
        Catalog.requireRegion(ctx.regionId());
        String name = ResourceNames.name("ImageName", "InvalidImageName.Malformed", r.imageName());
        String description = ResourceNames.description(r.description());
        String instanceId = Disks.blankToNull(r.instanceId());
        String snapshotId = Disks.blankToNull(r.snapshotId());
        if (instanceId != null && snapshotId != null) {
            throw ApiException.invalid("SnapshotId", "an image is made either from an instance (InstanceId) or from"
                    + " a snapshot (SnapshotId), not both. Leave one of them out.");
        }
        if (instanceId == null && snapshotId == null) {
            throw new ApiException("MissingParameter", 400, "CreateImage needs InstanceId (the instance whose system"
                    + " disk becomes the image) or SnapshotId (a snapshot of a system disk).");
        }
        String imageId = Ids.ecs("m");
        return instanceId != null ? fromInstance(ctx, imageId, instanceId, name, description)
                : fromSnapshot(ctx, imageId, snapshotId, name, description);
    }

    /** Snapshots the instance's system disk now (crash-consistent, as the real service) and backs the image by it. */
    private String fromInstance(CallContext ctx, String imageId, String instanceId, String name, String description) {
        String[] instance = store.queryOne("select status, os_image_id from ecs_instances where instance_id = ?"
                + " and account_id = ? and region_id = ?", rs -> new String[] {rs.getString(1), rs.getString(2)},
                instanceId, ctx.accountId(), ctx.regionId())
                .orElseThrow(() -> InstanceLifecycle.instanceNotFound(instanceId));
        InstanceStatus status = InstanceStatus.valueOf(instance[0]);
        if (status != InstanceStatus.Running && status != InstanceStatus.Stopped) {
            throw new ApiException("IncorrectInstanceStatus", 403, "Instance " + instanceId + " is " + status
                    + "; an image is made from a Running or Stopped instance. Wait until it is one of them.");
        }
        Disk system = disks.disksOf(ctx, instanceId).stream().filter(d -> d.type().equals("system")).findFirst()
                .orElseThrow(() -> new ApiException("InvalidInstanceId.NotFound", 404, "Instance " + instanceId
                        + " has no system disk to make an image of."));
        String snapshotId = snapshots.copyOf(system);
        long now = clock.millis();
        try {
            store.txRun(c -> {
                snapshots.insertSnapshotOf(c, ctx, system, snapshotId, "", "Created for image " + imageId);
                insert(c, ctx, imageId, name, description, instance[1], snapshotId, system.size(), system.encrypted(),
                        system.kmsKeyId(), instanceId, null, null, now, now + Snapshots.duration(system.size()));
            });
        } catch (RuntimeException e) {
            journal.finishDeletion(snapshotId);
            throw e;
        }
        return imageId;
    }

    private String fromSnapshot(CallContext ctx, String imageId, String snapshotId, String name, String description) {
        Snapshot snapshot = snapshots.ownSnapshot(ctx, snapshotId);
        if (!snapshot.isAccomplished()) {
            throw new ApiException("InvalidSnapshotId.NotReady", 403, "Snapshot " + snapshotId + " is still being"
                    + " created (" + snapshot.progress() + "). Wait until it is accomplished.");
        }
        if (snapshot.osImageId() == null) {
            // (simulator's choice of code) the real service takes a data disk's snapshot with a Platform; the
            // simulated guest boots only what a system disk holds
            throw new ApiException("InvalidSnapshotId.NotSystemDisk", 400, "Snapshot " + snapshotId + " is of a"
                    + " data disk, which holds no operating system to boot. Use a snapshot of a system disk.");
        }
        long now = clock.millis();
        store.txRun(c -> insert(c, ctx, imageId, name, description, snapshot.osImageId(), snapshot.snapshotId(),
                snapshot.sourceDiskSize(), snapshot.encrypted(), snapshot.kmsKeyId(), null, null, null, now,
                now + FROM_SNAPSHOT.toMillis()));
        return imageId;
    }

    private static void insert(Connection c, CallContext ctx, String imageId, String name, String description,
            String osImageId, String snapshotId, int sizeGiB, boolean encrypted, String kmsKeyId,
            String sourceInstanceId, String sourceImageId, String sourceRegionId, long now, long readyMs)
            throws SQLException {
        Store.update(c, "insert into ecs_images (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                + " ?)", imageId, ctx.accountId(), ctx.regionId(), name, description, osImageId, snapshotId, sizeGiB,
                encrypted, kmsKeyId, sourceInstanceId, sourceImageId, sourceRegionId, now, readyMs);
    }

    // ------------------------------------------------------------- CopyImage

    synchronized String copyImage(CallContext ctx, CopyImageRequest r) {
        Catalog.requireRegion(ctx.regionId());
        Image source = visibleCustomImage(ctx, ApiException.required("ImageId", r.imageId()));
        String destination = r.destinationRegionId() == null || r.destinationRegionId().isBlank() ? ctx.regionId()
                : r.destinationRegionId().strip();
        Region region = Catalog.requireRegion(destination);
        if (!source.ownerId().equals(ctx.accountId()) && !destination.equals(ctx.regionId())) {
            throw new ApiException("OperationDenied", 403, "Image " + source.imageId() + " is shared with you by"
                    + " account " + source.ownerId() + ": copy it within " + ctx.regionId() + " first, then copy"
                    + " your copy to " + destination + ".");
        }
        requireAvailable(source);
        String name = ResourceNames.name("DestinationImageName", "InvalidImageName.Malformed",
                r.destinationImageName());
        String description = ResourceNames.description(r.destinationDescription());
        if (r.encryptAlgorithm() != null && !r.encryptAlgorithm().isBlank()
                && !r.encryptAlgorithm().equalsIgnoreCase("aes-256")) {
            throw ApiException.invalid("EncryptAlgorithm", "the simulator encrypts images with aes-256 (AES-256-XTS).");
        }
        CallContext target = ctx.inRegion(destination);
        Snapshot data = store.tx(c -> snapshots.find(c, source.snapshotId())).orElseThrow();
        // The key rules of disks: a key chosen, else the source's own key in its region, else the service key.
        EncryptionChoice choice = encryption.resolved(target, encryption.choose(target, region, null, data,
                r.encrypted(), Disks.blankToNull(r.kmsKeyId())));
        String imageId = Ids.ecs("m");
        String snapshotId = Ids.ecs("s");
        journal.intendCreate(snapshotId);
        String keyVersionId;
        try {
            keyVersionId = volumes.copySnapshotVolume(LocalEcsService.asEcs(target, imageId), data, snapshotId,
                    choice.encrypted() ? choice.kmsKeyId() : null);
        } catch (IOException | RuntimeException e) {
            journal.finishDeletion(snapshotId);
            throw e instanceof IOException io ? HostStorage.failure("copy the data of image " + source.imageId(), io)
                    : (RuntimeException) e;
        }
        long now = clock.millis();
        long ready = now + Snapshots.duration(source.size());
        try {
            store.txRun(c -> {
                Snapshots.insert(c, new Snapshot(snapshotId, "", "Copied for image " + imageId + " from "
                        + source.imageId(), destination, data.sourceDiskId(), data.sourceDiskSize(),
                        data.sourceDiskType(), data.sourceDiskCategory(), null, null, choice.encrypted(),
                        choice.kmsKeyId(), Instant.ofEpochMilli(now), ctx.accountId(), keyVersionId,
                        data.osImageId()), ready);
                insert(c, target, imageId, name.isEmpty() ? source.imageName() : name, description,
                        source.osImageId(), snapshotId, source.size(), choice.encrypted(), choice.kmsKeyId(), null,
                        source.imageId(), source.regionId(), now, ready);
            });
        } catch (RuntimeException e) {
            journal.finishDeletion(snapshotId);
            throw e;
        }
        encryption.markKeyUsedByEcs(target, choice);
        return imageId;
    }

    // --------------------------------------------------------- DescribeImages

    Page<Image> describeImages(CallContext ctx, DescribeImagesRequest r) {
        Catalog.requireRegion(ctx.regionId());
        int[] paging = Page.validate(r.pageNumber(), r.pageSize(), 10, 100);
        String alias = r.imageOwnerAlias() == null || r.imageOwnerAlias().isBlank() ? null : r.imageOwnerAlias();
        if (alias != null && !OWNER_ALIASES.contains(alias)) {
            throw ApiException.invalid("ImageOwnerAlias", "it must be system, self, others or marketplace.");
        }
        List<String> statuses = r.statuses() == null || r.statuses().isEmpty() ? List.of(Image.AVAILABLE)
                : r.statuses();
        for (String status : statuses) {
            if (!STATUSES.contains(status)) {
                throw ApiException.invalid("Status", "it takes Creating, Waiting, Available, UnAvailable,"
                        + " CreateFailed or Deprecated, comma-separated.");
            }
        }
        List<Image> all = new ArrayList<>();
        if (alias == null || alias.equals("self")) {
            all.addAll(store.query("select " + COLUMNS + " from ecs_images where account_id = ? and region_id = ?"
                    + " order by creation_ms desc, image_id", rs -> image(rs, ctx), ctx.accountId(), ctx.regionId()));
        }
        if (alias == null || alias.equals("others")) {
            all.addAll(store.query("select " + Snapshots.prefixed("m.", COLUMNS) + " from ecs_images m join"
                    + " ecs_image_shares h on h.image_id = m.image_id where h.target_account_id = ? and"
                    + " m.region_id = ? order by m.creation_ms desc, m.image_id", rs -> image(rs, ctx),
                    ctx.accountId(), ctx.regionId()));
        }
        if (alias == null || alias.equals("system")) {
            OsImage.publicImages().forEach(i -> all.add(system(i, ctx.regionId())));
        }
        List<Image> matching = all.stream()
                .filter(i -> r.imageIds() == null || r.imageIds().isEmpty() || r.imageIds().contains(i.imageId()))
                .filter(i -> statuses.contains(i.status()))
                .filter(i -> r.osType() == null || r.osType().equalsIgnoreCase(i.osType()))
                .toList();
        return Page.of(matching, paging[0], paging[1]);
    }

    // ------------------------------------------------------------ DeleteImage

    synchronized void deleteImage(CallContext ctx, String imageId, Boolean force) {
        Image image = ownImage(ctx, ApiException.required("ImageId", imageId));
        if (!image.isAvailable()) {
            throw new ApiException("ImageIsCreating", 403, "Image " + image.imageId() + " is still being created ("
                    + image.progress() + "). Wait until it is Available, then delete it.");
        }
        List<String> sharedWith = imageSharedWith(ctx, image.imageId());
        if (!sharedWith.isEmpty()) {
            throw new ApiException("ImageUseShared", 403, "Image " + image.imageId() + " is shared with "
                    + String.join(", ", sharedWith) + ". Stop sharing it (ModifyImageSharePermission with"
                    + " RemoveAccount.N) before deleting it.");
        }
        List<String> users = store.query("select instance_id from ecs_instances where image_id = ? order by 1",
                rs -> rs.getString(1), image.imageId());
        if (!users.isEmpty() && !Boolean.TRUE.equals(force)) {
            throw new ApiException("ImageUsingByInstance", 403, "The specified image has been used to create"
                    + " instances (" + String.join(", ", users) + "). Their system disks cannot be re-initialized"
                    + " from it once it is gone: delete it with Force=true if that is what you want.");
        }
        // Its snapshot stays, as on the real service: it is the user's to keep or delete.
        store.txRun(c -> Store.update(c, "delete from ecs_images where image_id = ?", image.imageId()));
    }

    // ------------------------------------------------------------- sharing

    synchronized void modifyImageSharePermission(CallContext ctx, String imageId, List<String> add,
            List<String> remove) {
        Image image = ownImage(ctx, ApiException.required("ImageId", imageId));
        long now = clock.millis();
        store.txRun(c -> {
            for (String account : add == null ? List.<String>of() : add) {
                if (account.equals(ctx.accountId())) {
                    throw ApiException.invalid("AddAccount", "an image is not shared with its own account.");
                }
                if (Store.queryOne(c, "select 1 from accounts where account_id = ?", rs -> 1, account).isEmpty()) {
                    throw new ApiException("InvalidAccount.NotFound", 404, "Account " + account + " does not exist.");
                }
                Store.update(c, "merge into ecs_image_shares (image_id, target_account_id, shared_ms) key (image_id,"
                        + " target_account_id) values (?, ?, ?)", image.imageId(), account, now);
            }
            for (String account : remove == null ? List.<String>of() : remove) {
                Store.update(c, "delete from ecs_image_shares where image_id = ? and target_account_id = ?",
                        image.imageId(), account);
            }
        });
    }

    List<String> imageSharedWith(CallContext ctx, String imageId) {
        Image image = ownImage(ctx, ApiException.required("ImageId", imageId));
        return store.query("select target_account_id from ecs_image_shares where image_id = ? order by 1",
                rs -> rs.getString(1), image.imageId());
    }

    // ------------------------------------------------------------ for use

    /**
     * An image the caller may start an instance from or put on a system disk: a system image, or an Available custom
     * image of the caller's or shared with the caller, in the caller's region.
     */
    Usable usableImage(CallContext ctx, String imageId) {
        String id = ApiException.required("ImageId", imageId);
        Optional<OsImage> system = OsImage.byId(id);
        if (system.isPresent()) {
            return new Usable(system(system.get(), ctx.regionId()), system.get(), null);
        }
        Image image = visibleCustomImage(ctx, id);
        requireAvailable(image);
        Snapshot data = store.tx(c -> snapshots.find(c, image.snapshotId())).orElseThrow();
        return new Usable(image, OsImage.byId(image.osImageId()).orElseThrow(), data);
    }

    /** An image ready for use: what it is, the operating system it holds, and its data (null for a system image). */
    record Usable(Image image, OsImage os, Snapshot data) {
    }

    /** Whether an image was still being made at simulated time {@code sinceMillis} (its progress moved since). */
    boolean progressedSince(long sinceMillis) {
        return store.queryOne("select count(*) from ecs_images where ready_ms > ?", rs -> rs.getLong(1),
                sinceMillis).orElse(0L) > 0;
    }

    private Image ownImage(CallContext ctx, String imageId) {
        return store.queryOne("select " + COLUMNS + " from ecs_images where image_id = ? and account_id = ?"
                + " and region_id = ?", rs -> image(rs, ctx), imageId, ctx.accountId(), ctx.regionId())
                .orElseThrow(() -> notFound(imageId));
    }

    /** The caller's custom image or one shared with the caller, in the caller's region. */
    private Image visibleCustomImage(CallContext ctx, String imageId) {
        return store.queryOne("select " + Snapshots.prefixed("m.", COLUMNS) + " from ecs_images m where m.image_id = ?"
                + " and m.region_id = ? and (m.account_id = ? or exists (select 1 from ecs_image_shares h where"
                + " h.image_id = m.image_id and h.target_account_id = ?))", rs -> image(rs, ctx), imageId,
                ctx.regionId(), ctx.accountId(), ctx.accountId()).orElseThrow(() -> notFound(imageId));
    }

    private static void requireAvailable(Image image) {
        if (!image.isAvailable()) {
            throw new ApiException("IncorrectImageStatus", 403, "Image " + image.imageId() + " is " + image.status()
                    + " (" + image.progress() + "). Wait until it is Available.");
        }
    }

    static ApiException notFound(String imageId) {
        return new ApiException("InvalidImageId.NotFound", 404, "The specified image \"" + imageId + "\" does not"
                + " exist in this region. Call DescribeImages for the images you may use.");
    }

    private Image image(ResultSet rs, CallContext ctx) throws SQLException {
        long created = rs.getLong("creation_ms");
        int progress = Snapshots.progress(created, rs.getLong("ready_ms"), clock.millis());
        OsImage os = OsImage.byId(rs.getString("os_image_id")).orElseThrow();
        String owner = rs.getString("account_id");
        return new Image(rs.getString("image_id"), rs.getString("image_name"), rs.getString("description"),
                rs.getString("region_id"), owner.equals(ctx.accountId()) ? "self" : "others", owner, os.imageId(),
                os.osName(), osTypeName(os), platform(os), rs.getInt("size_gib"),
                progress == 100 ? Image.AVAILABLE : Image.CREATING, progress + "%", rs.getBoolean("encrypted"),
                rs.getString("kms_key_id"), rs.getString("snapshot_id"), rs.getString("source_instance_id"),
                rs.getString("source_image_id"), rs.getString("source_region_id"), Instant.ofEpochMilli(created));
    }

    private static Image system(OsImage os, String regionId) {
        return new Image(os.imageId(), os.osName(), "", regionId, "system", null, os.imageId(), os.osName(),
                osTypeName(os), platform(os), minimumSystemDiskSize(os), Image.AVAILABLE, "100%", false, null, null,
                null, null, null, null);
    }

    static String osTypeName(OsImage image) {
        return image.osType() == OsType.WINDOWS ? "windows" : "linux";
    }

    private static String platform(OsImage image) {
        return image.osType() == OsType.WINDOWS ? "Windows Server 2022" : image.distro().equals("ubuntu") ? "Ubuntu"
                : "Aliyun";
    }

    static int minimumSystemDiskSize(OsImage image) {
        return image.osType() == OsType.WINDOWS ? 40 : 20;
    }
}
