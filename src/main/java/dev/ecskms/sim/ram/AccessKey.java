package dev.ecskms.sim.ram;

/**
 * An AccessKey pair. The secret is held in memory only as long as a caller needs it to verify a signature.
 *
 * @param userName null for the account's own (root) key
 */
public record AccessKey(String accessKeyId, String accessKeySecret, String accountId, String userName, String status) {

    public boolean isActive() {
        return "Active".equals(status);
    }
}
