package dev.ecskms.sim.kms;

import dev.ecskms.sim.common.ApiException;

/** KMS error codes in one place, with messages that tell the caller what to do. */
final class KmsErrors {
    private KmsErrors() {
    }

    static ApiException keyNotFound(String keyId) {
        return new ApiException("Forbidden.KeyNotFound", 404, "The specified Key \"" + keyId
                + "\" is not found in this region. Check the key id (ListKeys) and the region; a deleted key is gone for good.");
    }

    static ApiException aliasNotFound(String aliasName) {
        return new ApiException("Forbidden.AliasNotFound", 404,
                "The specified alias \"" + aliasName + "\" is not found in this region. Call ListAliases to see the aliases.");
    }

    static ApiException keyVersionNotFound(String versionId) {
        return new ApiException("Forbidden.KeyVersionNotFound", 404,
                "The specified key version \"" + versionId + "\" is not found. Call ListKeyVersions to see the versions.");
    }

    /** A cryptographic or state-dependent operation on a key that is not in a state that allows it. */
    static ApiException rejected(KeyState state, String keyId) {
        String hint = switch (state) {
            case Disabled -> "The key is disabled. Enable it (EnableKey) and try again.";
            case PendingDeletion -> "The key is pending deletion. Cancel the deletion (CancelKeyDeletion) to use it again.";
            case PendingImport -> "The key has no key material. Import material (GetParametersForImport, ImportKeyMaterial) first.";
            case Enabled -> "The key is enabled; this operation needs another state.";
        };
        return new ApiException("Rejected." + state.name(), 409, "Key " + keyId + ": " + hint);
    }

    static ApiException stateModifiedFailed(KeyState state, String keyId, String operation) {
        return new ApiException("Rejected.StateModifiedFailed", 409,
                operation + " is not allowed while key " + keyId + " is " + state + ".");
    }

    static ApiException serviceKey(String keyId, String operation) {
        return new ApiException("Forbidden.NoPermission", 403, "Key " + keyId
                + " is a service key managed by an Alibaba Cloud service; " + operation + " is not allowed on it.");
    }

    /**
     * (unconfirmed code) The key exists but the HSM cannot read its material (its key-encryption key is missing or
     * damaged in the data dir). Not the caller's mistake, but no retry helps either: 409 like the other refusals.
     */
    static ApiException materialUnavailable(String keyId) {
        return new ApiException("Rejected.KeyMaterialUnavailable", 409, "The material of key " + keyId
                + " is unavailable: its key-encryption key (hsm/keys/" + keyId + ".kek in the data dir) is missing or"
                + " damaged. Restore that file from a backup of the data dir; until then nothing under this key can be"
                + " encrypted or decrypted.");
    }

    /** (unconfirmed code) A blob that is not ours, altered, or paired with another EncryptionContext. */
    static ApiException invalidCiphertext(String why) {
        return new ApiException("InvalidCiphertext", 400, "The CiphertextBlob cannot be decrypted: " + why);
    }
}
