package dev.ecskms.sim.kms;

import java.util.Map;

/**
 * @param keySpec       AES_256 or AES_128; ignored when numberOfBytes is set
 * @param numberOfBytes 1 to 1024
 */
public record GenerateDataKeyRequest(String keyId, String keySpec, Integer numberOfBytes,
        Map<String, String> encryptionContext) {
}
