package dev.ecskms.sim.ecs;

import java.time.Instant;

/**
 * A snapshot as DescribeSnapshots returns it.
 *
 * @param status   progressing or accomplished
 * @param progress "0%" to "100%"
 * @param ownerId  the account that owns it (differs from the caller's for a shared snapshot)
 */
public record Snapshot(String snapshotId, String snapshotName, String description, String regionId,
        String sourceDiskId, int sourceDiskSize, String sourceDiskType, String sourceDiskCategory, String status,
        String progress, boolean encrypted, String kmsKeyId, Instant creationTime, String ownerId,
        String kmsKeyVersionId) {

    public boolean isAccomplished() {
        return "accomplished".equals(status);
    }
}
