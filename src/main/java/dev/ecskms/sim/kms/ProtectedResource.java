package dev.ecskms.sim.kms;

/**
 * A resource whose data key a KMS key protects.
 *
 * @param type "Disk", "Snapshot", "Image", "Instance" …
 */
public record ProtectedResource(String type, String id, String name, String regionId) {
}
