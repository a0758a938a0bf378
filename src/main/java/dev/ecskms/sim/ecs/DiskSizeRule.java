package dev.ecskms.sim.ecs;

import dev.ecskms.sim.common.ApiException;
import java.util.Locale;

/**
 * The one rule for a new disk's size: the category's range for its performance level (from the Catalog's
 * {@link DiskCategory}) and at least the size of the snapshot it is created from. CreateDisk checks it, and the
 * Create Disk wizard states and checks the same range next to its size field.
 */
public final class DiskSizeRule {
    private DiskSizeRule() {
    }

    /** The smallest size accepted: the category's minimum for the level, raised to the snapshot's size. */
    public static int min(DiskCategory category, String level, Integer snapshotSize) {
        int min = category.minSizeGiB(level);
        return snapshotSize == null ? min : Math.max(min, snapshotSize);
    }

    /** The range as the form states it, e.g. "20–65,536 GiB for ESSD PL0". */
    public static String describe(DiskCategory category, String level, Integer snapshotSize) {
        return String.format(Locale.ROOT, "%,d–%,d GiB for %s%s", min(category, level, snapshotSize),
                category.maxSizeGiB(), category.displayName(),
                category.hasPerformanceLevels() && level != null ? " " + level : "")
                + (snapshotSize == null ? "" : " (at least the snapshot's " + snapshotSize + " GiB)");
    }

    /**
     * The size when CreateDisk accepts it; otherwise InvalidDiskSize.ValueNotSupported (outside the category's
     * range) or InvalidDiskSize.TooSmall (smaller than the snapshot).
     */
    public static int check(DiskCategory category, String level, int size, String snapshotId, Integer snapshotSize) {
        int min = category.minSizeGiB(level);
        if (size < min || size > category.maxSizeGiB()) {
            throw new ApiException("InvalidDiskSize.ValueNotSupported", 400, "A " + category.id()
                    + (level == null ? "" : " " + level) + " disk must be " + min + " to " + category.maxSizeGiB()
                    + " GiB; " + size + " GiB was asked.");
        }
        if (snapshotSize != null && size < snapshotSize) {
            throw new ApiException("InvalidDiskSize.TooSmall", 400, "A disk created from snapshot "
                    + snapshotId + " must be at least its " + snapshotSize + " GiB.");
        }
        return size;
    }

    /** ResizeDisk's rule: a disk only grows, up to its category's maximum. */
    public static int checkResize(DiskCategory category, int currentSize, int newSize) {
        if (newSize <= currentSize) {
            throw new ApiException("InvalidDiskSize.TooSmall", 400, "The new size " + newSize + " GiB must be larger"
                    + " than the current " + currentSize + " GiB: disks can only grow.");
        }
        if (newSize > category.maxSizeGiB()) {
            throw new ApiException("InvalidDiskSize.ValueNotSupported", 400, "A " + category.id() + " disk can be at"
                    + " most " + category.maxSizeGiB() + " GiB.");
        }
        return newSize;
    }
}
