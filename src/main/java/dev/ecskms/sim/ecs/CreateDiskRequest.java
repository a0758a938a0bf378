package dev.ecskms.sim.ecs;

/**
 * CreateDisk's parameters, as the API names them. Nulls take the service's defaults.
 *
 * @param size       GiB; may be omitted when a snapshot is given (the snapshot's size)
 * @param encrypted  null = not said (account default encryption or an encrypted snapshot may still encrypt)
 * @param kmsKeyId   a key id, ARN or alias; requires encrypted = true
 */
public record CreateDiskRequest(String zoneId, String diskCategory, Integer size, String snapshotId,
        String performanceLevel, Boolean encrypted, String kmsKeyId, String encryptAlgorithm, String diskName,
        String description, String clientToken) {

    public CreateDiskRequest withPl0() {
        return new CreateDiskRequest(zoneId, diskCategory, size, snapshotId, "PL0", encrypted, kmsKeyId,
                encryptAlgorithm, diskName, description, clientToken);
    }
}
