package dev.ecskms.sim.ecs;

import dev.ecskms.sim.common.ApiException;
import java.util.Locale;

/**
 * The one rule for a new disk's size: the category's range for its performance level (from the Catalog's
 * {@link DiskCategory}) and at least the size of the snapshot it is created from. CreateDisk and RunInstances' data
 * disks check it, and the Create Disk wizard and the purchase page state and check the same range next to their size
 * fields. A system disk has its own range ({@link #checkSystem}): at most {@value #SYSTEM_MAX_GIB} GiB and at least
 * what its image needs.
 */
public final class DiskSizeRule {
    /** The largest system disk RunInstances takes (SystemDisk.Size), whatever a data disk of the category may be. */
    public static final int SYSTEM_MAX_GIB = 2048;

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

    /** The smallest system disk: the category's minimum for the level, raised to what the image needs. */
    public static int systemMin(DiskCategory category, String level, int imageMinGiB) {
        return Math.max(category.minSizeGiB(level), imageMinGiB);
    }

    public static int systemMax(DiskCategory category) {
        return Math.min(SYSTEM_MAX_GIB, category.maxSizeGiB());
    }

    /** The system disk's range as the purchase page states it, e.g. "40–2,048 GiB for ESSD PL1 (the image needs 40)". */
    public static String describeSystem(DiskCategory category, String level, int imageMinGiB) {
        return String.format(Locale.ROOT, "%,d–%,d GiB for %s%s", systemMin(category, level, imageMinGiB),
                systemMax(category), category.displayName(),
                category.hasPerformanceLevels() && level != null ? " " + level : "")
                + (imageMinGiB > category.minSizeGiB(level) ? " (the image needs at least " + imageMinGiB + " GiB)"
                        : "");
    }

    /**
     * SystemDisk.Size when RunInstances accepts it; otherwise InvalidSystemDiskSize.ValueNotSupported (outside the
     * category's range for system disks) or InvalidSystemDiskSize.LessThanImageSize (smaller than the image needs).
     */
    public static int checkSystem(DiskCategory category, String level, int size, String imageId, int imageMinGiB) {
        int min = category.minSizeGiB(level);
        if (size < min || size > systemMax(category)) {
            throw new ApiException("InvalidSystemDiskSize.ValueNotSupported", 400, "A " + category.id()
                    + (level == null ? "" : " " + level) + " system disk must be " + min + " to "
                    + systemMax(category) + " GiB; " + size + " GiB was asked.");
        }
        if (size < imageMinGiB) {
            throw new ApiException("InvalidSystemDiskSize.LessThanImageSize", 400, "The system disk must be at least "
                    + imageMinGiB + " GiB for image " + imageId + "; " + size + " GiB was asked.");
        }
        return size;
    }
}
