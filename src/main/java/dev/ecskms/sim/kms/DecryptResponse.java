package dev.ecskms.sim.kms;

public record DecryptResponse(String keyId, String keyVersionId, byte[] plaintext) {
}
