package dev.ecskms.sim.ram;

import java.time.Instant;

/**
 * An AccessKey pair. The secret is held in memory only as long as a caller needs it to verify a signature.
 *
 * @param userName   null for the account's own (root) key
 * @param createDate when it was made (CreateAccessKey shows it with the secret); null where not read
 */
public record AccessKey(String accessKeyId, String accessKeySecret, String accountId, String userName, String status,
        Instant createDate) {

    public AccessKey(String accessKeyId, String accessKeySecret, String accountId, String userName, String status) {
        this(accessKeyId, accessKeySecret, accountId, userName, status, null);
    }

    public boolean isActive() {
        return "Active".equals(status);
    }
}
