package dev.ecskms.sim.kms;

public record EncryptResponse(String keyId, String keyVersionId, String ciphertextBlob) {
}
