package dev.ecskms.sim.ecs;

/**
 * Account-level default encryption in one region.
 *
 * @param kmsKeyId the default key's id; null means the region's service key
 */
public record DefaultEncryption(boolean enabled, String kmsKeyId) {
}
