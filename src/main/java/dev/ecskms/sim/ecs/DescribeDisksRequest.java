package dev.ecskms.sim.ecs;

import java.util.List;

/**
 * DescribeDisks' filters; null means no filter. {@code search} and {@code searchKeyIds} are the console's search
 * box, which the API does not offer: a disk matches when its id, name or key id contains {@code search}
 * (ignoring case) or its key is one of {@code searchKeyIds} (keys whose alias matched, resolved by KMS).
 */
public record DescribeDisksRequest(List<String> diskIds, String zoneId, String instanceId, String diskType,
        String category, String status, Boolean encrypted, String kmsKeyId, Integer pageNumber, Integer pageSize,
        String search, List<String> searchKeyIds) {

    /** The API's filters, without the console's search. */
    public DescribeDisksRequest(List<String> diskIds, String zoneId, String instanceId, String diskType,
            String category, String status, Boolean encrypted, String kmsKeyId, Integer pageNumber,
            Integer pageSize) {
        this(diskIds, zoneId, instanceId, diskType, category, status, encrypted, kmsKeyId, pageNumber, pageSize,
                null, null);
    }

    public static DescribeDisksRequest all() {
        return new DescribeDisksRequest(null, null, null, null, null, null, null, null, 1, 100);
    }
}
