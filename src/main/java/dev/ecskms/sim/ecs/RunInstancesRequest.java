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

        /**
         * The disk as CreateDisk's parameters in the instance's zone (ESSD when no category is given): RunInstances
         * plans it this way, and the purchase page asks for its encryption preview the same way.
         */
        public CreateDiskRequest asCreateDiskRequest(String zoneId) {
            return new CreateDiskRequest(zoneId, category == null ? "cloud_essd" : category, size, snapshotId,
                    performanceLevel, encrypted, kmsKeyId, null, null, null, null);
        }
    }
}
