package dev.ecskms.sim.ecs;

import java.time.Instant;

/**
 * An instance as DescribeInstances returns it.
 *
 * @param bootFailure why the last start could not read one of the instance's disks; null when it read them all
 */
public record Instance(String instanceId, String instanceName, String hostName, String regionId, String zoneId,
        String instanceType, int cpu, double memoryGiB, String imageId, String osName, String osType,
        InstanceStatus status, String privateIpAddress, Instant creationTime, BootFailure bootFailure) {
}
