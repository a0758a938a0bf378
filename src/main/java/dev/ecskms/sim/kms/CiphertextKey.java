package dev.ecskms.sim.kms;

import java.util.Optional;

/** The key and key version a ciphertext blob names (it is readable without decrypting anything). */
public record CiphertextKey(String keyId, String keyVersionId) {

    /** Empty when the blob is null, not base64 or not a blob of this KMS. */
    public static Optional<CiphertextKey> of(String ciphertextBlob) {
        if (ciphertextBlob == null) {
            return Optional.empty();
        }
        return CiphertextBlob.decode(ciphertextBlob).map(b -> new CiphertextKey(b.keyId(), b.keyVersionId()));
    }
}
