package dev.ecskms.sim.ecs;

/**
 * An instance type of the catalog.
 *
 * @param encryptedDisksLimited true for the seed's families that cannot attach encrypted system disks or encrypted
 *                              data disks created from snapshots (encrypted empty data disks are fine)
 * @param pricePerHour          pay-as-you-go, USD
 */
public record InstanceType(String instanceTypeId, String family, String familyName, int cpuCores,
        double memoryGiB, double pricePerHour, boolean encryptedDisksLimited) {
}
