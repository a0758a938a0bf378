package dev.ecskms.sim.ecs;

import dev.ecskms.sim.common.ApiException;
import dev.ecskms.sim.ecs.EncryptionChoice.Reason;

/**
 * The one rule for whether a new disk is encrypted and with which key when the request names none: the caller's own
 * encrypted snapshot keeps its key, a snapshot shared by another account gets the service key, account-level default
 * encryption gives the account's default key, otherwise the region's service key alias/acs/ecs. CreateDisk and
 * RunInstances decide with it (LocalEcsService resolves the key it names), and the console's key selectors show the
 * same default before anything is sent.
 */
public final class NewDiskKeyRule {
    private NewDiskKeyRule() {
    }

    /**
     * The key ECS uses when KMSKeyId is empty.
     *
     * @param kmsKeyId the key's id; null for the region's service key (ECS creates it on first use)
     */
    public record DefaultKey(Reason reason, String kmsKeyId, String explanation) {
        public boolean serviceKey() {
            return kmsKeyId == null;
        }
    }

    /**
     * Whether the disk is encrypted: asked for, made from an encrypted snapshot, or by account default. Refuses a
     * KMSKeyId without Encrypted=true (InvalidParameter.EncryptedIllegal) and Encrypted=false for a disk from an
     * encrypted snapshot (EncryptedOption.Conflict).
     */
    public static boolean encrypted(Boolean encryptedParam, String kmsKeyId, Snapshot snapshot,
            DefaultEncryption defaults) {
        if (kmsKeyId != null && !Boolean.TRUE.equals(encryptedParam)) {
            throw new ApiException("InvalidParameter.EncryptedIllegal", 400,
                    "The specified parameter Encrypted must be true when kmsKeyId is not empty.");
        }
        boolean fromEncryptedSnapshot = snapshot != null && snapshot.encrypted();
        if (fromEncryptedSnapshot && Boolean.FALSE.equals(encryptedParam)) {
            throw new ApiException("EncryptedOption.Conflict", 400, "A disk created from encrypted snapshot "
                    + snapshot.snapshotId() + " is always encrypted: encryption cannot be undone. Leave Encrypted"
                    + " unset or set it to true.");
        }
        return Boolean.TRUE.equals(encryptedParam) || fromEncryptedSnapshot || defaults.enabled();
    }

    /** The key of an encrypted disk made by {@code accountId} from {@code snapshot} (null: empty) without KMSKeyId. */
    public static DefaultKey defaultKey(String accountId, Snapshot snapshot, DefaultEncryption defaults) {
        return defaultKey(accountId, snapshot == null ? null : snapshot.regionId(), snapshot, defaults);
    }

    /**
     * As {@link #defaultKey(String, Snapshot, DefaultEncryption)} for a disk made in {@code regionId}: the caller's
     * own snapshot keeps its key only in its own region (a key never leaves its region; an image copied elsewhere
     * gets that region's default).
     */
    public static DefaultKey defaultKey(String accountId, String regionId, Snapshot snapshot,
            DefaultEncryption defaults) {
        if (snapshot != null && snapshot.encrypted() && snapshot.ownerId().equals(accountId)
                && snapshot.regionId().equals(regionId)) {
            return new DefaultKey(Reason.SNAPSHOT_KEY, snapshot.kmsKeyId(), "Created from your encrypted snapshot "
                    + snapshot.snapshotId() + ": encrypted with the snapshot's key.");
        }
        if (snapshot != null && snapshot.encrypted() && !snapshot.ownerId().equals(accountId)) {
            return new DefaultKey(Reason.SHARED_SNAPSHOT_SERVICE_KEY, null, "Created from a snapshot shared by"
                    + " account " + snapshot.ownerId() + ": encrypted with your region's service key alias/acs/ecs"
                    + " unless you choose another.");
        }
        if (defaults.enabled()) {
            return new DefaultKey(Reason.ACCOUNT_DEFAULT_KEY, defaults.kmsKeyId(), "Account-level default encryption"
                    + " is on in this region: encrypted with the account's default key"
                    + (defaults.kmsKeyId() == null ? " (the service key alias/acs/ecs)." : "."));
        }
        return new DefaultKey(Reason.SERVICE_KEY, null,
                "No key chosen: encrypted with the region's service key alias/acs/ecs.");
    }

    /**
     * Whether the console keeps the key it shows: a disk from the caller's own encrypted snapshot takes the snapshot's
     * key, as in the real console, where encryption and key are both fixed.
     */
    public static boolean keyFixed(String accountId, Snapshot snapshot) {
        return defaultKey(accountId, snapshot, new DefaultEncryption(false, null)).reason() == Reason.SNAPSHOT_KEY;
    }
}
