package dev.ecskms.sim.ecs;

import java.util.List;

/**
 * RunInstances' parameters, as the API names them (SystemDisk.*, DataDisk.N.*). Nulls take the defaults.
 *
 * @param amount 1 to 100 instances
 */
public record RunInstancesRequest(String zoneId, String instanceType, String imageId, SystemDisk systemDisk,
        List<DataDisk> dataDisks, Integer amount, String password, String instanceName, String hostName,
        String clientToken) {

    /** SystemDisk.Category / Size / PerformanceLevel / Encrypted / KMSKeyId. */
    public record SystemDisk(String category, Integer size, String performanceLevel, Boolean encrypted,
            String kmsKeyId) {
    }

    /** DataDisk.N.Category / Size / SnapshotId / PerformanceLevel / Encrypted / KMSKeyId / DeleteWithInstance. */
    public record DataDisk(String category, Integer size, String snapshotId, String performanceLevel,
            Boolean encrypted, String kmsKeyId, Boolean deleteWithInstance) {
    }
}
