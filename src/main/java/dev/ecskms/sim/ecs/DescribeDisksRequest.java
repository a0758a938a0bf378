package dev.ecskms.sim.ecs;

import java.util.List;

/** DescribeDisks' filters; null means no filter. */
public record DescribeDisksRequest(List<String> diskIds, String zoneId, String instanceId, String diskType,
        String category, String status, Boolean encrypted, String kmsKeyId, Integer pageNumber, Integer pageSize) {

    public static DescribeDisksRequest all() {
        return new DescribeDisksRequest(null, null, null, null, null, null, null, null, 1, 100);
    }
}
