package dev.ecskms.sim.ecs;

/**
 * CopyImage: into {@code destinationRegionId} (null: the caller's region). With {@code encrypted} the copy's data is
 * re-encrypted under a new data key wrapped by {@code kmsKeyId} (null: the destination region's service key).
 */
public record CopyImageRequest(String imageId, String destinationRegionId, String destinationImageName,
        String destinationDescription, Boolean encrypted, String kmsKeyId, String encryptAlgorithm) {
}
