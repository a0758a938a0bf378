package dev.ecskms.sim.ecs;

import java.util.List;

/**
 * DescribePrice's parameters, as ECS 2014-05-26 names them (checked against the request models of aliyun-java-sdk-ecs
 * 5.11.7 and com.aliyun:ecs20140526 5.3.0). Nulls take the service's defaults. The real API has no parameter for a
 * disk's encryption: a disk costs the same encrypted or not, and KMS calls ECS makes for it are free.
 *
 * @param resourceType            instance (default) or disk
 * @param systemDisk              SystemDisk.Category/Size/PerformanceLevel; null takes the defaults (instance only)
 * @param dataDisks               DataDisk.N.*, N from 1; a disk quote needs DataDisk.1
 * @param priceUnit               Hour (default), Week, Month or Year; a disk is priced by the hour only
 * @param period                  how many price units; 1 by default
 * @param amount                  how many instances; 1 by default
 * @param internetChargeType      PayByBandwidth or PayByTraffic
 * @param internetMaxBandwidthOut Mbit/s of public bandwidth (0 = no public IP)
 */
public record PriceRequest(String resourceType, String instanceType, DiskSpec systemDisk, List<DiskSpec> dataDisks,
        String priceUnit, Integer period, Integer amount, String zoneId, String instanceNetworkType,
        String internetChargeType, Integer internetMaxBandwidthOut) {

    public PriceRequest {
        dataDisks = dataDisks == null ? List.of() : List.copyOf(dataDisks);
    }

    /** One disk of the configuration: Category, Size (GiB) and PerformanceLevel; nulls take the defaults. */
    public record DiskSpec(String category, Integer size, String performanceLevel) {
    }

    /** The pay-as-you-go price per hour of one disk (ResourceType=disk, DataDisk.1). */
    public static PriceRequest disk(String category, int sizeGiB, String performanceLevel) {
        return new PriceRequest("disk", null, null, List.of(new DiskSpec(category, sizeGiB, performanceLevel)),
                PricingUnit.HOUR.apiName(), null, null, null, null, null, null);
    }

    /** The pay-as-you-go price per hour of {@code amount} instances with their system and data disks. */
    public static PriceRequest instance(String instanceType, DiskSpec systemDisk, List<DiskSpec> dataDisks,
            int amount) {
        return new PriceRequest("instance", instanceType, systemDisk, dataDisks, PricingUnit.HOUR.apiName(), null,
                amount, null, null, null, null);
    }

    /** DescribePrice's price units and the hours each stands for. */
    public enum PricingUnit {
        HOUR("Hour", 1), WEEK("Week", 168), MONTH("Month", 730), YEAR("Year", 8760);

        private final String apiName;
        private final int hours;

        PricingUnit(String apiName, int hours) {
            this.apiName = apiName;
            this.hours = hours;
        }

        public String apiName() {
            return apiName;
        }

        public int hours() {
            return hours;
        }
    }
}
