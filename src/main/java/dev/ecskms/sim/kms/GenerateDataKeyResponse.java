package dev.ecskms.sim.kms;

/** @param plaintext the data key; null for GenerateDataKeyWithoutPlaintext */
public record GenerateDataKeyResponse(String keyId, String keyVersionId, byte[] plaintext, String ciphertextBlob) {
}
