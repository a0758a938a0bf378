package dev.ecskms.sim.ecs;

import java.time.Instant;

/**
 * An image as DescribeImages returns it: a public (system) image of the catalog, or a custom image backed by a
 * snapshot of a system disk.
 *
 * @param imageOwnerAlias system, self (the caller's) or others (shared with the caller)
 * @param ownerId         the account that owns a custom image; null for a system image
 * @param osImageId       the public image whose operating system it holds (the system image's own id for one)
 * @param size            GiB: the smallest system disk made from it
 * @param status          Creating or Available
 * @param progress        "0%" to "100%"
 * @param snapshotId      the snapshot that holds its system disk's data; null for a system image
 * @param sourceImageId   for a copy, the image it was copied from; else null
 */
public record Image(String imageId, String imageName, String description, String regionId, String imageOwnerAlias,
        String ownerId, String osImageId, String osName, String osType, String platform, int size, String status,
        String progress, boolean encrypted, String kmsKeyId, String snapshotId, String sourceInstanceId,
        String sourceImageId, String sourceRegionId, Instant creationTime) {

    public static final String CREATING = "Creating";
    public static final String AVAILABLE = "Available";

    public boolean isAvailable() {
        return AVAILABLE.equals(status);
    }

    public boolean isCustom() {
        return snapshotId != null;
    }

    /** As the purchase page lists images. */
    public ImageInfo info() {
        return new ImageInfo(imageId, imageName, osName, osType, platform, imageOwnerAlias, size);
    }
}
