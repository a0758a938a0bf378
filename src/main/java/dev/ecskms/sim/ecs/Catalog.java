package dev.ecskms.sim.ecs;

import dev.ecskms.sim.common.ApiException;
import java.util.List;
import java.util.Optional;

/** The one place that knows regions (and later zones, categories, instance types) and their limitations. */
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

    /** The region or the real service's error for an unknown one. */
    public static Region requireRegion(String regionId) {
        return findRegion(regionId).orElseThrow(() -> new ApiException("InvalidRegionId.NotFound", 404,
                "The specified RegionId \"" + regionId + "\" does not exist. Call DescribeRegions for the valid ones."));
    }
}
