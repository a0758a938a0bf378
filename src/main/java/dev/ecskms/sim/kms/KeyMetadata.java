package dev.ecskms.sim.kms;

import java.time.Instant;

/**
 * DescribeKey's KeyMetadata. Nullable fields are absent in the API's JSON. {@code managedBy} is not part of the
 * real API: it names the cloud service that owns a service key ({@code "ecs"}), null for customer master keys.
 */
public record KeyMetadata(
        String keyId,
        String arn,
        KeyState keyState,
        String keySpec,
        String keyUsage,
        String creator,
        Instant creationDate,
        Instant deleteDate,
        String description,
        String origin,
        String protectionLevel,
        String primaryKeyVersion,
        String automaticRotation,
        String rotationInterval,
        Instant lastRotationDate,
        Instant nextRotationDate,
        Instant materialExpireTime,
        String managedBy) {

    public boolean isServiceKey() {
        return managedBy != null;
    }
}
