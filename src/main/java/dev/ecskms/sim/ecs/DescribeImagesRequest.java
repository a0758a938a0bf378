package dev.ecskms.sim.ecs;

import java.util.List;

/**
 * DescribeImages' filters.
 *
 * @param imageOwnerAlias system, self, others or marketplace; null for all the caller may use
 * @param imageIds        null or empty for any
 * @param statuses        Creating, Available …; null or empty for Available only, as the real API
 * @param osType          linux or windows; null for any
 */
public record DescribeImagesRequest(String imageOwnerAlias, List<String> imageIds, List<String> statuses,
        String osType, Integer pageNumber, Integer pageSize) {
}
