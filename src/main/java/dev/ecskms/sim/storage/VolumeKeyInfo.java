package dev.ecskms.sim.storage;

import java.util.Objects;

/**
 * What an encrypted volume's header says about its data key: the key as wrapped by KMS and the KMS key (and version)
 * that wrapped it. The plaintext data key is never part of it.
 *
 * @param wrappedDataKey the CiphertextBlob from KMS GenerateDataKey, base64, stored as given
 * @param kmsKeyId       the KMS key that wrapped the data key
 * @param keyVersionId   the version of that key
 */
public record VolumeKeyInfo(String wrappedDataKey, String kmsKeyId, String keyVersionId) {
    public VolumeKeyInfo {
        Objects.requireNonNull(wrappedDataKey, "wrappedDataKey");
        Objects.requireNonNull(kmsKeyId, "kmsKeyId");
        Objects.requireNonNull(keyVersionId, "keyVersionId");
        if (wrappedDataKey.isBlank()) {
            throw new IllegalArgumentException("wrappedDataKey must not be blank");
        }
    }
}
