package dev.ecskms.sim.ecs;

import dev.ecskms.sim.common.ApiException;
import dev.ecskms.sim.common.CallContext;
import dev.ecskms.sim.ecs.EncryptionChoice.Reason;
import dev.ecskms.sim.kms.KeyMetadata;
import dev.ecskms.sim.kms.KeyState;
import dev.ecskms.sim.kms.KmsService;
import dev.ecskms.sim.kms.Tag;
import dev.ecskms.sim.ram.RamService;
import dev.ecskms.sim.store.Store;

/**
 * Account-level default encryption (per region) and the key rules every encrypted disk, snapshot copy and image
 * copy follows: which key a new volume gets, and whether ECS may use it.
 */
final class DiskEncryption {
    private final Store store;
    private final KmsService kms;
    private final RamService ram;

    DiskEncryption(Store store, KmsService kms, RamService ram) {
        this.store = store;
        this.kms = kms;
        this.ram = ram;
    }

    // ---------------------------------------------------- default encryption

    synchronized void enableDiskEncryptionByDefault(CallContext ctx) {
        Region region = Catalog.requireRegion(ctx.regionId());
        if (!region.encryptedDisksSupported()) {
            throw new ApiException("InvalidRegion.NotSupport", 403, "Cloud disks cannot be encrypted in region "
                    + region.regionId() + " (" + region.localName() + "), so default encryption cannot be enabled.");
        }
        putDefault(ctx, true, defaultEncryption(ctx).kmsKeyId());
    }

    synchronized void disableDiskEncryptionByDefault(CallContext ctx) {
        Catalog.requireRegion(ctx.regionId());
        putDefault(ctx, false, defaultEncryption(ctx).kmsKeyId());
    }

    DefaultEncryption describeDiskEncryptionByDefaultStatus(CallContext ctx) {
        Catalog.requireRegion(ctx.regionId());
        return defaultEncryption(ctx);
    }

    synchronized void modifyDiskDefaultKmsKeyId(CallContext ctx, String kmsKeyId) {
        Region region = Catalog.requireRegion(ctx.regionId());
        KeyMetadata key = usableKey(ctx, region, ApiException.required("KMSKeyId", kmsKeyId));
        putDefault(ctx, defaultEncryption(ctx).enabled(), key.isServiceKey() ? null : key.keyId());
    }

    String describeDiskDefaultKmsKeyId(CallContext ctx) {
        Catalog.requireRegion(ctx.regionId());
        String key = defaultEncryption(ctx).kmsKeyId();
        return key != null ? key : kms.serviceKey(ctx, "ecs").keyId();
    }

    synchronized void resetDiskDefaultKmsKeyId(CallContext ctx) {
        Catalog.requireRegion(ctx.regionId());
        putDefault(ctx, defaultEncryption(ctx).enabled(), null);
    }

    DefaultEncryption defaultEncryption(CallContext ctx) {
        return store.queryOne("select enabled, kms_key_id from ecs_default_encryption where account_id = ?"
                + " and region_id = ?", rs -> new DefaultEncryption(rs.getBoolean(1), rs.getString(2)),
                ctx.accountId(), ctx.regionId()).orElse(new DefaultEncryption(false, null));
    }

    private void putDefault(CallContext ctx, boolean enabled, String kmsKeyId) {
        store.txRun(c -> Store.update(c, "merge into ecs_default_encryption (account_id, region_id, enabled,"
                + " kms_key_id) key (account_id, region_id) values (?, ?, ?, ?)", ctx.accountId(), ctx.regionId(),
                enabled, kmsKeyId));
    }

    // -------------------------------------------------------------- key rules

    /**
     * The key rules of the seed, in one place (see {@link EncryptionChoice.Reason}).
     *
     * @param snapshot       the snapshot (or an image's snapshot) the volume is made from; null for an empty one
     * @param encryptedParam the request's Encrypted; null when not given
     */
    EncryptionChoice choose(CallContext ctx, Region region, DiskCategory category, Snapshot snapshot,
            Boolean encryptedParam, String kmsKeyId) {
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
        DefaultEncryption defaults = defaultEncryption(ctx);
        boolean encrypted = Boolean.TRUE.equals(encryptedParam) || fromEncryptedSnapshot || defaults.enabled();
        if (!encrypted) {
            return new EncryptionChoice(false, null, Reason.PLAIN, "The disk will not be encrypted.");
        }
        if (!region.encryptedDisksSupported()) {
            throw new ApiException("InvalidParameter.EncryptedNotSupported", 400,
                    "Cloud disks cannot be encrypted in region " + region.regionId() + " (" + region.localName()
                            + "). Create an unencrypted disk, or use another region.");
        }
        if (category != null && !category.encryptable()) {
            throw new ApiException("InvalidParameter.EncryptedNotSupported", 400, "Disks of category "
                    + category.id() + " (" + category.displayName() + ") cannot be encrypted. Choose an ESSD-series"
                    + " category: cloud_essd, cloud_essd_entry, cloud_auto or cloud_regional_disk_auto.");
        }
        if (kmsKeyId != null) {
            return new EncryptionChoice(true, usableKey(ctx, region, kmsKeyId).keyId(), Reason.CHOSEN_KEY,
                    "Encrypted with the key you chose.");
        }
        if (fromEncryptedSnapshot && snapshot.ownerId().equals(ctx.accountId())
                && snapshot.regionId().equals(ctx.regionId())) {
            return new EncryptionChoice(true, usableKey(ctx, region, snapshot.kmsKeyId()).keyId(),
                    Reason.SNAPSHOT_KEY, "Created from your encrypted snapshot " + snapshot.snapshotId()
                            + ": encrypted with the snapshot's key unless you choose another.");
        }
        if (fromEncryptedSnapshot && !snapshot.ownerId().equals(ctx.accountId())) {
            return new EncryptionChoice(true, serviceKeyIdIfExists(ctx), Reason.SHARED_SNAPSHOT_SERVICE_KEY,
                    "Created from a snapshot shared by account " + snapshot.ownerId()
                            + ": encrypted with your region's service key alias/acs/ecs unless you choose another.");
        }
        if (defaults.enabled()) {
            String key = defaults.kmsKeyId() == null ? serviceKeyIdIfExists(ctx)
                    : usableKey(ctx, region, defaults.kmsKeyId()).keyId();
            return new EncryptionChoice(true, key, Reason.ACCOUNT_DEFAULT_KEY, "Account-level default encryption is"
                    + " on in this region: encrypted with the account's default key"
                    + (defaults.kmsKeyId() == null ? " (the service key alias/acs/ecs)." : "."));
        }
        return new EncryptionChoice(true, serviceKeyIdIfExists(ctx), Reason.SERVICE_KEY,
                "No key chosen: encrypted with the region's service key alias/acs/ecs.");
    }

    /** The choice with the service key filled in (created now if it never was): what a volume is really made with. */
    EncryptionChoice resolved(CallContext ctx, EncryptionChoice choice) {
        if (choice.encrypted() && choice.kmsKeyId() == null) {
            return new EncryptionChoice(true, kms.serviceKey(ctx, "ecs").keyId(), choice.reason(),
                    choice.explanation());
        }
        return choice;
    }

    /** Keys ECS uses carry the tag acs:ecs:disk-encryption=true, as in the real service. */
    void markKeyUsedByEcs(CallContext ctx, EncryptionChoice encryption) {
        if (encryption.encrypted()) {
            kms.tagByService(ctx, encryption.kmsKeyId(), new Tag("acs:ecs:disk-encryption", "true"));
        }
    }

    /** The service key's id if it exists; null tells the caller it is created on first real use. */
    private String serviceKeyIdIfExists(CallContext ctx) {
        try {
            return kms.describeKey(ctx, "alias/acs/ecs").keyId();
        } catch (ApiException e) {
            return null;
        }
    }

    /** A key ECS may use to wrap a disk's data key, with the ECS error codes. */
    KeyMetadata usableKey(CallContext ctx, Region region, String kmsKeyId) {
        KeyMetadata key;
        try {
            key = kms.describeKey(ctx, kmsKeyId);
        } catch (ApiException e) {
            if (e.code().startsWith("Forbidden.") && e.httpStatus() == 404) {
                throw new ApiException("InvalidParameter.KMSKeyId.NotFound", 404, "The specified KMSKeyId \""
                        + kmsKeyId + "\" does not exist in region " + ctx.regionId() + ".");
            }
            throw e;
        }
        if (!key.isServiceKey()) {
            if (!region.cmkSupported()) {
                throw new ApiException("InvalidRegion.NotSupport", 403, "Customer master keys cannot encrypt cloud"
                        + " disks in region " + region.regionId() + " (" + region.localName() + "). Leave KMSKeyId"
                        + " empty to use the service key alias/acs/ecs.");
            }
            if (!ram.ecsMayUseCustomerKeys(ctx.accountId())) {
                throw new ApiException("InvalidParameter.KMSKeyId.KMSUnauthorized", 403,
                        "ECS service have no right to access your KMS. Authorize ECS first: create the RAM role "
                                + RamService.ECS_DISK_ENCRYPTION_ROLE + " with the policy "
                                + RamService.ECS_DISK_ENCRYPTION_POLICY + " (the console's Authorize button).");
            }
        }
        if (key.keyState() != KeyState.Enabled) {
            throw new ApiException("InvalidParameter.KMSKeyId.CMKNotEnabled", 400, "The CMK needs to be enabled. Key "
                    + key.keyId() + " is " + key.keyState() + ".");
        }
        return key;
    }

    /** A KMSKeyId filter as the key's id; a deleted key still filters the resources that name it. */
    String resolveKeyFilter(CallContext ctx, String kmsKeyId) {
        try {
            return kms.describeKey(ctx, kmsKeyId).keyId();
        } catch (ApiException e) {
            return kmsKeyId;
        }
    }
}
