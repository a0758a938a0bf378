package dev.ecskms.sim.ecs;

/**
 * What a new disk's encryption will be and why: the one rule that the API applies and the wizard explains.
 *
 * @param kmsKeyId the resolved key id; null for a plain disk, or while the service key is yet to be created
 */
public record EncryptionChoice(boolean encrypted, String kmsKeyId, Reason reason, String explanation) {

    public enum Reason {
        /** Not encrypted. */
        PLAIN,
        /** The caller chose a key. */
        CHOSEN_KEY,
        /** From the caller's own encrypted snapshot: the snapshot's key. */
        SNAPSHOT_KEY,
        /** From a snapshot another account shared: the region's service key. */
        SHARED_SNAPSHOT_SERVICE_KEY,
        /** Account-level default encryption is on: the account's default key. */
        ACCOUNT_DEFAULT_KEY,
        /** Encrypted without a key: the region's service key alias/acs/ecs. */
        SERVICE_KEY
    }
}
