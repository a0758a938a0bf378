package dev.ecskms.sim.ecs;

import dev.ecskms.sim.common.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one place that knows regions, zones, disk categories and instance types, their limitations and their list
 * prices ({@link Pricing} turns these into the prices every page and DescribePrice show).
 */
public final class Catalog {
    private static final List<Region> REGIONS = List.of(
            region("cn-hangzhou", "China (Hangzhou)"),
            region("cn-shanghai", "China (Shanghai)"),
            region("cn-beijing", "China (Beijing)"),
            region("cn-shenzhen", "China (Shenzhen)"),
            region("cn-hongkong", "China (Hong Kong)"),
            region("ap-southeast-1", "Singapore"),
            region("ap-northeast-1", "Japan (Tokyo)"),
            region("us-west-1", "US (Silicon Valley)"),
            region("eu-central-1", "Germany (Frankfurt)"),
            new Region("ap-northeast-2", "South Korea (Seoul)", false, false,
                    "Cloud disks cannot be encrypted in this region."),
            new Region("cn-nanjing", "China (Nanjing - Local Region, closing down)", false, false,
                    "Cloud disks cannot be encrypted in this region."),
            new Region("ap-southeast-7", "Thailand (Bangkok)", true, false,
                    "Only the service key can encrypt cloud disks in this region."),
            new Region("cn-fuzhou", "China (Fuzhou - Local Region, closing down)", true, false,
                    "Only the service key can encrypt cloud disks in this region."));

    public static final String DEFAULT_REGION = "cn-hangzhou";

    private static final List<String> ESSD_LEVELS = List.of("PL0", "PL1", "PL2", "PL3");
    private static final String N = DiskCategory.NO_LEVEL;
    private static final List<DiskCategory> CATEGORIES = List.of(
            new DiskCategory("cloud_essd", "ESSD", ESSD_LEVELS,
                    Map.of("PL0", 1, "PL1", 20, "PL2", 461, "PL3", 1261), 65536, true,
                    Map.of("PL0", 0.08, "PL1", 0.15, "PL2", 0.30, "PL3", 0.60)),
            new DiskCategory("cloud_essd_entry", "ESSD Entry", List.of(), Map.of(N, 10), 32768, true, Map.of(N, 0.06)),
            new DiskCategory("cloud_auto", "ESSD AutoPL", List.of(), Map.of(N, 1), 65536, true, Map.of(N, 0.12)),
            new DiskCategory("cloud_regional_disk_auto", "Regional ESSD", List.of(), Map.of(N, 10), 65536, true,
                    Map.of(N, 0.20)),
            new DiskCategory("cloud_ssd", "Standard SSD", List.of(), Map.of(N, 20), 32768, false, Map.of(N, 0.14)),
            new DiskCategory("cloud_efficiency", "Ultra Disk", List.of(), Map.of(N, 20), 32768, false, Map.of(N, 0.05)),
            new DiskCategory("cloud", "Basic Disk", List.of(), Map.of(N, 5), 2000, false, Map.of(N, 0.04)));

    private static final List<String> ALL = List.of("cloud_essd", "cloud_essd_entry", "cloud_auto", "cloud_ssd",
            "cloud_efficiency");
    private static final List<String> ALL_WITH_REGIONAL = List.of("cloud_essd", "cloud_essd_entry", "cloud_auto",
            "cloud_regional_disk_auto", "cloud_ssd", "cloud_efficiency");
    private static final List<String> LOCAL_REGION = List.of("cloud_essd", "cloud_ssd", "cloud_efficiency");
    private static final List<Zone> ZONES = zones();

    /** The seed's families that cannot attach encrypted system disks or encrypted data disks from snapshots. */
    public static final List<String> ENCRYPTION_LIMITED_FAMILIES = List.of("ecs.ebmg5", "ecs.ebmgn5t", "ecs.ebmi3",
            "ecs.sccg5", "ecs.scch5", "ecs.ebmc4", "ecs.ebmhfg5");
    private static final List<InstanceType> INSTANCE_TYPES = List.of(
            type("ecs.t6-c1m1.large", "ecs.t6", "Burstable (entry)", 2, 2, 0.027),
            type("ecs.t6-c1m2.large", "ecs.t6", "Burstable (entry)", 2, 4, 0.045),
            type("ecs.e-c1m2.large", "ecs.e", "Economy (entry)", 2, 4, 0.052),
            type("ecs.u1-c1m2.large", "ecs.u1", "Universal (entry)", 2, 4, 0.060),
            type("ecs.g7.large", "ecs.g7", "General purpose", 2, 8, 0.118),
            type("ecs.g7.xlarge", "ecs.g7", "General purpose", 4, 16, 0.236),
            type("ecs.g7.2xlarge", "ecs.g7", "General purpose", 8, 32, 0.472),
            type("ecs.c7.large", "ecs.c7", "Compute optimized", 2, 4, 0.094),
            type("ecs.c7.xlarge", "ecs.c7", "Compute optimized", 4, 8, 0.188),
            type("ecs.r7.large", "ecs.r7", "Memory optimized", 2, 16, 0.146),
            type("ecs.r7.xlarge", "ecs.r7", "Memory optimized", 4, 32, 0.292),
            type("ecs.ebmg5.24xlarge", "ecs.ebmg5", "ECS Bare Metal (general)", 96, 384, 6.18),
            type("ecs.ebmgn5t.24xlarge", "ecs.ebmgn5t", "ECS Bare Metal (GPU)", 96, 384, 12.50),
            type("ecs.ebmi3.24xlarge", "ecs.ebmi3", "ECS Bare Metal (storage)", 96, 384, 7.40),
            type("ecs.sccg5.24xlarge", "ecs.sccg5", "Super Computing Cluster (general)", 96, 384, 6.90),
            type("ecs.scch5.16xlarge", "ecs.scch5", "Super Computing Cluster (high clock)", 64, 192, 5.20),
            type("ecs.ebmc4.8xlarge", "ecs.ebmc4", "ECS Bare Metal (compute)", 32, 64, 2.40),
            type("ecs.ebmhfg5.4xlarge", "ecs.ebmhfg5", "ECS Bare Metal (high clock)", 16, 64, 1.60));

    /**
     * (simulator's choice) Each region's price level relative to the list prices of the instance types and disk
     * categories above, as the real price list differs by region; regions not named are at the list price.
     */
    private static final Map<String, Double> REGIONAL_PRICE_LEVEL = Map.of("cn-hongkong", 1.25,
            "ap-southeast-1", 1.15, "ap-northeast-1", 1.25, "us-west-1", 1.20, "eu-central-1", 1.25,
            "ap-northeast-2", 1.20, "ap-southeast-7", 1.10);
    /** (simulator's choice) Pay-by-bandwidth public bandwidth, USD per Mbit/s and hour, before the regional level. */
    public static final double BANDWIDTH_PRICE_PER_MBPS_HOUR = 0.0125;

    /** The region's price level: 1.0 at the list price (see {@link Pricing}, which applies it). */
    public static double priceLevel(String regionId) {
        return REGIONAL_PRICE_LEVEL.getOrDefault(regionId, 1.0);
    }

    private static InstanceType type(String id, String family, String familyName, int cpu, double memory,
            double price) {
        return new InstanceType(id, family, familyName, cpu, memory, price, ENCRYPTION_LIMITED_FAMILIES.contains(family));
    }

    public static List<InstanceType> instanceTypes() {
        return INSTANCE_TYPES;
    }

    public static Optional<InstanceType> findInstanceType(String id) {
        return INSTANCE_TYPES.stream().filter(t -> t.instanceTypeId().equals(id)).findFirst();
    }

    private static List<Zone> zones() {
        List<Zone> out = new ArrayList<>();
        zones(out, "cn-hangzhou", ALL_WITH_REGIONAL, "h", "i", "j", "k");
        zones(out, "cn-shanghai", ALL_WITH_REGIONAL, "e", "f", "g");
        zones(out, "cn-beijing", ALL_WITH_REGIONAL, "g", "h", "i");
        zones(out, "cn-shenzhen", ALL, "c", "d", "e");
        zones(out, "cn-hongkong", ALL, "b", "c", "d");
        zones(out, "ap-southeast-1", ALL_WITH_REGIONAL, "a", "b", "c");
        zones(out, "ap-northeast-1", ALL, "a", "b");
        zones(out, "us-west-1", ALL, "a", "b");
        zones(out, "eu-central-1", ALL, "a", "b");
        zones(out, "ap-northeast-2", ALL, "a");
        zones(out, "cn-nanjing", LOCAL_REGION, "a");
        zones(out, "ap-southeast-7", ALL, "a");
        zones(out, "cn-fuzhou", LOCAL_REGION, "a");
        return List.copyOf(out);
    }

    private static void zones(List<Zone> out, String regionId, List<String> categories, String... letters) {
        for (int i = 0; i < letters.length; i++) {
            // Basic disks survive only in each region's oldest zone, as in the real service.
            List<String> here = new ArrayList<>(categories);
            if (i == 0) {
                here.add("cloud");
            }
            String zoneId = regionId + "-" + letters[i];
            out.add(new Zone(zoneId, regionId, "Zone " + letters[i].toUpperCase(), List.copyOf(here)));
        }
    }

    private Catalog() {
    }

    private static Region region(String id, String name) {
        return new Region(id, name, true, true, "");
    }

    public static List<Region> regions() {
        return REGIONS;
    }

    public static Optional<Region> findRegion(String regionId) {
        return REGIONS.stream().filter(r -> r.regionId().equals(regionId)).findFirst();
    }

    public static List<DiskCategory> diskCategories() {
        return CATEGORIES;
    }

    public static Optional<DiskCategory> findDiskCategory(String id) {
        return CATEGORIES.stream().filter(c -> c.id().equals(id)).findFirst();
    }

    public static List<Zone> zones(String regionId) {
        return ZONES.stream().filter(z -> z.regionId().equals(regionId)).toList();
    }

    public static Optional<Zone> findZone(String zoneId) {
        return ZONES.stream().filter(z -> z.zoneId().equals(zoneId)).findFirst();
    }

    /** The region or the real service's error for an unknown one. */
    public static Region requireRegion(String regionId) {
        return findRegion(regionId).orElseThrow(() -> new ApiException("InvalidRegionId.NotFound", 404,
                "The specified RegionId \"" + regionId + "\" does not exist. Call DescribeRegions for the valid ones."));
    }
}
