package dev.ecskms.sim.kms;

import dev.ecskms.sim.common.CallContext;
import dev.ecskms.sim.common.Page;
import dev.ecskms.sim.store.Store;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/** Placeholder being replaced by the real implementation. */
public final class LocalKmsService implements KmsService {
    public LocalKmsService(Store store, Hsm hsm, Clock clock) {
    }
    @Override
    public KeyMetadata createKey(CallContext ctx, CreateKeyRequest request) {
        throw new UnsupportedOperationException("createKey");
    }
    @Override
    public KeyMetadata describeKey(CallContext ctx, String keyId) {
        throw new UnsupportedOperationException("describeKey");
    }
    @Override
    public Page<KeyRef> listKeys(CallContext ctx, Integer pageNumber, Integer pageSize) {
        throw new UnsupportedOperationException("listKeys");
    }
    @Override
    public void updateKeyDescription(CallContext ctx, String keyId, String description) {
        throw new UnsupportedOperationException("updateKeyDescription");
    }
    @Override
    public void enableKey(CallContext ctx, String keyId) {
        throw new UnsupportedOperationException("enableKey");
    }
    @Override
    public void disableKey(CallContext ctx, String keyId) {
        throw new UnsupportedOperationException("disableKey");
    }
    @Override
    public KeyMetadata scheduleKeyDeletion(CallContext ctx, String keyId, Integer pendingWindowInDays) {
        throw new UnsupportedOperationException("scheduleKeyDeletion");
    }
    @Override
    public void cancelKeyDeletion(CallContext ctx, String keyId) {
        throw new UnsupportedOperationException("cancelKeyDeletion");
    }
    @Override
    public void createAlias(CallContext ctx, String aliasName, String keyId) {
        throw new UnsupportedOperationException("createAlias");
    }
    @Override
    public void updateAlias(CallContext ctx, String aliasName, String keyId) {
        throw new UnsupportedOperationException("updateAlias");
    }
    @Override
    public void deleteAlias(CallContext ctx, String aliasName) {
        throw new UnsupportedOperationException("deleteAlias");
    }
    @Override
    public Page<AliasInfo> listAliases(CallContext ctx, Integer pageNumber, Integer pageSize) {
        throw new UnsupportedOperationException("listAliases");
    }
    @Override
    public Page<AliasInfo> listAliasesByKeyId(CallContext ctx, String keyId, Integer pageNumber, Integer pageSize) {
        throw new UnsupportedOperationException("listAliasesByKeyId");
    }
    @Override
    public GenerateDataKeyResponse generateDataKey(CallContext ctx, GenerateDataKeyRequest request) {
        throw new UnsupportedOperationException("generateDataKey");
    }
    @Override
    public GenerateDataKeyResponse generateDataKeyWithoutPlaintext(CallContext ctx, GenerateDataKeyRequest request) {
        throw new UnsupportedOperationException("generateDataKeyWithoutPlaintext");
    }
    @Override
    public EncryptResponse encrypt(CallContext ctx, String keyId, byte[] plaintext, Map<String, String> encryptionContext) {
        throw new UnsupportedOperationException("encrypt");
    }
    @Override
    public DecryptResponse decrypt(CallContext ctx, String ciphertextBlob, Map<String, String> encryptionContext) {
        throw new UnsupportedOperationException("decrypt");
    }
    @Override
    public void updateRotationPolicy(CallContext ctx, String keyId, Boolean enableAutomaticRotation, String rotationInterval) {
        throw new UnsupportedOperationException("updateRotationPolicy");
    }
    @Override
    public KeyVersion createKeyVersion(CallContext ctx, String keyId) {
        throw new UnsupportedOperationException("createKeyVersion");
    }
    @Override
    public Page<KeyVersion> listKeyVersions(CallContext ctx, String keyId, Integer pageNumber, Integer pageSize) {
        throw new UnsupportedOperationException("listKeyVersions");
    }
    @Override
    public KeyVersion describeKeyVersion(CallContext ctx, String keyId, String keyVersionId) {
        throw new UnsupportedOperationException("describeKeyVersion");
    }
    @Override
    public ImportParameters getParametersForImport(CallContext ctx, String keyId, String wrappingAlgorithm, String wrappingKeySpec) {
        throw new UnsupportedOperationException("getParametersForImport");
    }
    @Override
    public void importKeyMaterial(CallContext ctx, String keyId, byte[] encryptedKeyMaterial, String importToken, Long keyMaterialExpireUnix) {
        throw new UnsupportedOperationException("importKeyMaterial");
    }
    @Override
    public void deleteKeyMaterial(CallContext ctx, String keyId) {
        throw new UnsupportedOperationException("deleteKeyMaterial");
    }
    @Override
    public void tagResource(CallContext ctx, String keyId, List<Tag> tags) {
        throw new UnsupportedOperationException("tagResource");
    }
    @Override
    public void untagResource(CallContext ctx, String keyId, List<String> tagKeys) {
        throw new UnsupportedOperationException("untagResource");
    }
    @Override
    public List<Tag> listResourceTags(CallContext ctx, String keyId) {
        throw new UnsupportedOperationException("listResourceTags");
    }
    @Override
    public KeyMetadata serviceKey(CallContext ctx, String service) {
        throw new UnsupportedOperationException("serviceKey");
    }
    @Override
    public List<KeySummary> listKeySummaries(CallContext ctx) {
        throw new UnsupportedOperationException("listKeySummaries");
    }
    @Override
    public List<ProtectedResource> resourcesUsing(CallContext ctx, String keyId) {
        throw new UnsupportedOperationException("resourcesUsing");
    }
    @Override
    public void addProtectedResourceProvider(ProtectedResourceProvider provider) {
        throw new UnsupportedOperationException("addProtectedResourceProvider");
    }
    @Override
    public void processDueEvents() {
        throw new UnsupportedOperationException("processDueEvents");
    }
}
