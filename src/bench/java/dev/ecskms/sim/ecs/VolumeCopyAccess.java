package dev.ecskms.sim.ecs;

import dev.ecskms.sim.common.CallContext;
import java.io.IOException;
import java.util.Map;

/**
 * For benchmarks only (bench source root, same package): reaches the package-private copy that CopyImage runs,
 * so a benchmark measures that very code rather than a re-implementation of it.
 */
public final class VolumeCopyAccess {
    private VolumeCopyAccess() {
    }

    /** {@link DiskVolumes#copySnapshotVolume}: what {@code Images.copyImage} calls to copy an image's snapshot. */
    public static String copySnapshotVolume(DiskVolumes volumes, CallContext ctx, Snapshot source, String snapshotId,
            String kmsKeyId) throws IOException {
        return volumes.copySnapshotVolume(ctx, source, snapshotId, kmsKeyId);
    }

    /** The EncryptionContext every disk data key is bound to, so a source volume can be made the way ECS makes one. */
    public static Map<String, String> dataKeyContext() {
        return DiskVolumes.DATA_KEY_CONTEXT;
    }
}
