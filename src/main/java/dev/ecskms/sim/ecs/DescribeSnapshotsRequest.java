package dev.ecskms.sim.ecs;

import java.util.List;

/**
 * DescribeSnapshots' filters; null means no filter.
 *
 * @param shared true: only snapshots other accounts share with the caller; false or null: the caller's own
 */
public record DescribeSnapshotsRequest(List<String> snapshotIds, String diskId, Boolean encrypted, String kmsKeyId,
        String status, Boolean shared, Integer pageNumber, Integer pageSize) {

    public static DescribeSnapshotsRequest own() {
        return new DescribeSnapshotsRequest(null, null, null, null, null, false, 1, 100);
    }

    public static DescribeSnapshotsRequest sharedWithMe() {
        return new DescribeSnapshotsRequest(null, null, null, null, null, true, 1, 100);
    }
}
