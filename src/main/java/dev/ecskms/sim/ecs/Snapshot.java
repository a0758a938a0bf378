package dev.ecskms.sim.ecs;

import java.time.Instant;

/**
 * A snapshot as DescribeSnapshots returns it.
 *
 * @param status   progressing or accomplished
 * @param progress "0%" to "100%"
 * @param ownerId  the account that owns it (differs from the caller's for a shared snapshot)
 * @param osImageId the public image whose operating system the snapshot holds (a system disk's); null for a data
 *                 disk's
 */
public record Snapshot(String snapshotId, String snapshotName, String description, String regionId,
        String sourceDiskId, int sourceDiskSize, String sourceDiskType, String sourceDiskCategory, String status,
        String progress, boolean encrypted, String kmsKeyId, Instant creationTime, String ownerId,
        String kmsKeyVersionId, String osImageId) {

    public boolean isAccomplished() {
        return "accomplished".equals(status);
    }
}
