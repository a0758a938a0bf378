package dev.ecskms.sim.conversion;

/**
 * How a conversion ended.
 *
 * @param newDiskId   the encrypted disk, attached where the old one was
 * @param kmsKeyId    the key that wraps its data key
 * @param snapshotId  the snapshot, when the user chose to keep it; null when it was deleted
 * @param oldReleased whether the old disk was released (else it is kept, detached and Available)
 */
public record ConversionResult(String oldDiskId, String newDiskId, String kmsKeyId, String snapshotId,
        String instanceId, boolean oldReleased) {
}
