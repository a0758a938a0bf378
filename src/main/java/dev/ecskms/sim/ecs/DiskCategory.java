package dev.ecskms.sim.ecs;

import java.util.List;
import java.util.Map;

/**
 * A cloud disk category with its size limits and performance levels.
 *
 * @param performanceLevels PL0–PL3 for ESSD, empty where the category has none
 * @param minSizeByLevel    minimum data-disk size in GiB per performance level ("" for categories without levels)
 * @param encryptable       only ESSD-series disks can be encrypted (the seed's limitation)
 * @param pricePerGiBMonth  pay-as-you-go price in USD per GiB and month, per performance level ("" without levels)
 */
public record DiskCategory(String id, String displayName, List<String> performanceLevels,
        Map<String, Integer> minSizeByLevel, int maxSizeGiB, boolean encryptable,
        Map<String, Double> pricePerGiBMonth) {

    public static final String NO_LEVEL = "";

    public boolean hasPerformanceLevels() {
        return !performanceLevels.isEmpty();
    }

    public String defaultPerformanceLevel() {
        return hasPerformanceLevels() ? (performanceLevels.contains("PL1") ? "PL1" : performanceLevels.get(0)) : NO_LEVEL;
    }

    public int minSizeGiB(String performanceLevel) {
        return minSizeByLevel.getOrDefault(level(performanceLevel), minSizeByLevel.values().iterator().next());
    }

    public double pricePerGiBMonth(String performanceLevel) {
        return pricePerGiBMonth.getOrDefault(level(performanceLevel), 0.0);
    }

    private String level(String performanceLevel) {
        return hasPerformanceLevels() ? (performanceLevel == null ? defaultPerformanceLevel() : performanceLevel) : NO_LEVEL;
    }
}
