package dev.ecskms.sim.kms;

/**
 * CreateKey's parameters; null means the service default (Aliyun_AES_256, ENCRYPT/DECRYPT, Aliyun_KMS, SOFTWARE,
 * empty description, no automatic rotation).
 *
 * @param rotationInterval as the API writes it: "365d" or seconds "604800s"; 7 to 730 days
 */
public record CreateKeyRequest(String keySpec, String keyUsage, String origin, String protectionLevel,
        String description, Boolean enableAutomaticRotation, String rotationInterval) {

    public static CreateKeyRequest defaults(String description) {
        return new CreateKeyRequest(null, null, null, null, description, null, null);
    }
}
