package dev.ecskms.sim.kms;

import dev.ecskms.sim.common.CallContext;
import dev.ecskms.sim.common.Page;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * KMS 2016-01-20, one operation per API action. The console and the API endpoint both call this interface, so a
 * click and a signed request meet the same checks and the same error codes ({@link dev.ecskms.sim.common.ApiException}).
 *
 * <p>Wire formats stay at the edge: callers pass decoded values (bytes, maps, lists); the ciphertext blob is a
 * base64 string because it is opaque to every caller. A {@code keyId} argument accepts a key id, a key ARN, an
 * alias name ({@code alias/...}) or an alias ARN, as the real service does.
 */
public interface KmsService {

    // ---- keys ----
    KeyMetadata createKey(CallContext ctx, CreateKeyRequest request);

    KeyMetadata describeKey(CallContext ctx, String keyId);

    Page<KeyRef> listKeys(CallContext ctx, Integer pageNumber, Integer pageSize);

    void updateKeyDescription(CallContext ctx, String keyId, String description);

    void enableKey(CallContext ctx, String keyId);

    void disableKey(CallContext ctx, String keyId);

    /** Schedules deletion after 7–366 days; returns the metadata with its DeleteDate. */
    KeyMetadata scheduleKeyDeletion(CallContext ctx, String keyId, Integer pendingWindowInDays);

    void cancelKeyDeletion(CallContext ctx, String keyId);

    // ---- aliases ----
    void createAlias(CallContext ctx, String aliasName, String keyId);

    void updateAlias(CallContext ctx, String aliasName, String keyId);

    void deleteAlias(CallContext ctx, String aliasName);

    Page<AliasInfo> listAliases(CallContext ctx, Integer pageNumber, Integer pageSize);

    Page<AliasInfo> listAliasesByKeyId(CallContext ctx, String keyId, Integer pageNumber, Integer pageSize);

    // ---- envelope crypto ----
    GenerateDataKeyResponse generateDataKey(CallContext ctx, GenerateDataKeyRequest request);

    /** As {@link #generateDataKey} but the response's plaintext is null. */
    GenerateDataKeyResponse generateDataKeyWithoutPlaintext(CallContext ctx, GenerateDataKeyRequest request);

    EncryptResponse encrypt(CallContext ctx, String keyId, byte[] plaintext, Map<String, String> encryptionContext);

    DecryptResponse decrypt(CallContext ctx, String ciphertextBlob, Map<String, String> encryptionContext);

    // ---- rotation and versions ----
    void updateRotationPolicy(CallContext ctx, String keyId, Boolean enableAutomaticRotation, String rotationInterval);

    KeyVersion createKeyVersion(CallContext ctx, String keyId);

    Page<KeyVersion> listKeyVersions(CallContext ctx, String keyId, Integer pageNumber, Integer pageSize);

    KeyVersion describeKeyVersion(CallContext ctx, String keyId, String keyVersionId);

    // ---- BYOK ----
    ImportParameters getParametersForImport(CallContext ctx, String keyId, String wrappingAlgorithm,
            String wrappingKeySpec);

    /** @param keyMaterialExpireUnix seconds since the epoch; 0 or null means the material never expires */
    void importKeyMaterial(CallContext ctx, String keyId, byte[] encryptedKeyMaterial, String importToken,
            Long keyMaterialExpireUnix);

    void deleteKeyMaterial(CallContext ctx, String keyId);

    // ---- tags ----
    void tagResource(CallContext ctx, String keyId, List<Tag> tags);

    void untagResource(CallContext ctx, String keyId, List<String> tagKeys);

    List<Tag> listResourceTags(CallContext ctx, String keyId);

    /** A tag under the reserved "acs:" prefix, written by a cloud service (e.g. acs:ecs:disk-encryption=true). */
    void tagByService(CallContext ctx, String keyId, Tag tag);

    // ---- for other services and the console ----

    /**
     * The region's service key for a cloud service ({@code "ecs"} → {@code alias/acs/ecs}), created on first use.
     * Users cannot disable, delete or re-alias it, and using it needs no authorization.
     */
    KeyMetadata serviceKey(CallContext ctx, String service);

    /** Keys of the caller's account and region with their aliases, for the console's key tables. */
    List<KeySummary> listKeySummaries(CallContext ctx);

    /**
     * The given keys of the caller's account and region with their aliases, in the order asked; a key that no
     * longer exists is left out. A table names only the keys on its page, not all of the region's.
     */
    List<KeySummary> keySummaries(CallContext ctx, Collection<String> keyIds);

    /**
     * One page of the console's key table, newest first: the customer keys or the service keys, narrowed to those
     * whose id, description or an alias contains {@code search} (ignoring case; null or blank for all).
     */
    Page<KeySummary> keySummaries(CallContext ctx, boolean serviceKeys, String search, Integer pageNumber,
            Integer pageSize);

    /** Ids of the region's keys with an alias containing {@code text}, ignoring case: a search box's alias match. */
    List<String> keyIdsWithAliasContaining(CallContext ctx, String text);

    /** Resources (disks, snapshots, images …) whose data keys this key protects, as told by the other services. */
    List<ProtectedResource> resourcesUsing(CallContext ctx, String keyId);

    void addProtectedResourceProvider(ProtectedResourceProvider provider);

    /** Applies what simulated time has made due: deletions, automatic rotations, material expiry. */
    void processDueEvents();
}
