package dev.ecskms.sim.ecs;

import java.time.Instant;

/**
 * A cloud disk as DescribeDisks returns it.
 *
 * @param kmsKeyId        the key id of the KMS key that wraps the disk's data key; null for a plain disk
 * @param kmsKeyVersionId the version of that key that wrapped it; null for a plain disk
 */
public record Disk(String diskId, String diskName, String description, String regionId, String zoneId,
        String category, String performanceLevel, int size, String type, DiskStatus status, boolean encrypted,
        String kmsKeyId, String sourceSnapshotId, String instanceId, boolean deleteWithInstance,
        Instant creationTime, String kmsKeyVersionId) {
}
