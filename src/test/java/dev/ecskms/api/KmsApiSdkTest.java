package dev.ecskms.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aliyuncs.exceptions.ClientException;
import com.aliyuncs.kms.model.v20160120.CancelKeyDeletionRequest;
import com.aliyuncs.kms.model.v20160120.CreateAliasRequest;
import com.aliyuncs.kms.model.v20160120.CreateKeyRequest;
import com.aliyuncs.kms.model.v20160120.CreateKeyResponse;
import com.aliyuncs.kms.model.v20160120.CreateKeyVersionRequest;
import com.aliyuncs.kms.model.v20160120.CreateKeyVersionResponse;
import com.aliyuncs.kms.model.v20160120.DecryptRequest;
import com.aliyuncs.kms.model.v20160120.DecryptResponse;
import com.aliyuncs.kms.model.v20160120.DeleteAliasRequest;
import com.aliyuncs.kms.model.v20160120.DeleteKeyMaterialRequest;
import com.aliyuncs.kms.model.v20160120.DescribeKeyRequest;
import com.aliyuncs.kms.model.v20160120.DescribeKeyResponse;
import com.aliyuncs.kms.model.v20160120.DescribeKeyVersionRequest;
import com.aliyuncs.kms.model.v20160120.DescribeKeyVersionResponse;
import com.aliyuncs.kms.model.v20160120.DisableKeyRequest;
import com.aliyuncs.kms.model.v20160120.EnableKeyRequest;
import com.aliyuncs.kms.model.v20160120.EncryptRequest;
import com.aliyuncs.kms.model.v20160120.EncryptResponse;
import com.aliyuncs.kms.model.v20160120.GenerateDataKeyRequest;
import com.aliyuncs.kms.model.v20160120.GenerateDataKeyResponse;
import com.aliyuncs.kms.model.v20160120.GenerateDataKeyWithoutPlaintextRequest;
import com.aliyuncs.kms.model.v20160120.GenerateDataKeyWithoutPlaintextResponse;
import com.aliyuncs.kms.model.v20160120.GetParametersForImportRequest;
import com.aliyuncs.kms.model.v20160120.GetParametersForImportResponse;
import com.aliyuncs.kms.model.v20160120.ImportKeyMaterialRequest;
import com.aliyuncs.kms.model.v20160120.ListAliasesByKeyIdRequest;
import com.aliyuncs.kms.model.v20160120.ListAliasesByKeyIdResponse;
import com.aliyuncs.kms.model.v20160120.ListAliasesRequest;
import com.aliyuncs.kms.model.v20160120.ListAliasesResponse;
import com.aliyuncs.kms.model.v20160120.ListKeyVersionsRequest;
import com.aliyuncs.kms.model.v20160120.ListKeyVersionsResponse;
import com.aliyuncs.kms.model.v20160120.ListKeysRequest;
import com.aliyuncs.kms.model.v20160120.ListKeysResponse;
import com.aliyuncs.kms.model.v20160120.ListResourceTagsRequest;
import com.aliyuncs.kms.model.v20160120.ListResourceTagsResponse;
import com.aliyuncs.kms.model.v20160120.ScheduleKeyDeletionRequest;
import com.aliyuncs.kms.model.v20160120.TagResourceRequest;
import com.aliyuncs.kms.model.v20160120.UntagResourceRequest;
import com.aliyuncs.kms.model.v20160120.UpdateAliasRequest;
import com.aliyuncs.kms.model.v20160120.UpdateKeyDescriptionRequest;
import com.aliyuncs.kms.model.v20160120.UpdateRotationPolicyRequest;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import org.junit.jupiter.api.Test;

/** Every KMS action of the endpoint, driven by the official SDK (aliyun-java-sdk-kms 2.10.1). */
class KmsApiSdkTest extends ApiTestBase {
    private static final Pattern ISO_SECONDS = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");

    // ---- key life cycle ----

    @Test
    void createAndDescribeKey() throws Exception {
        CreateKeyRequest create = new CreateKeyRequest();
        create.setDescription("disk key");
        CreateKeyResponse.KeyMetadata created = call(create).getKeyMetadata();
        assertNotNull(created.getKeyId());
        assertEquals("Enabled", created.getKeyState());
        assertEquals("disk key", created.getDescription());

        DescribeKeyResponse.KeyMetadata m = describe(created.getKeyId());
        assertEquals(created.getKeyId(), m.getKeyId());
        assertTrue(m.getArn().startsWith("acs:kms:" + REGION + ":"), m.getArn());
        assertTrue(m.getArn().endsWith(":key/" + m.getKeyId()), m.getArn());
        assertEquals("Enabled", m.getKeyState());
        assertEquals("Aliyun_AES_256", m.getKeySpec());
        assertEquals("ENCRYPT/DECRYPT", m.getKeyUsage());
        assertEquals("Aliyun_KMS", m.getOrigin());
        assertEquals("SOFTWARE", m.getProtectionLevel());
        assertNotNull(m.getCreator());
        assertNotNull(m.getPrimaryKeyVersion());
        assertNotNull(m.getAutomaticRotation());
        assertTrue(ISO_SECONDS.matcher(m.getCreationDate()).matches(), m.getCreationDate());
        assertNull(m.getDeleteDate());

        UpdateKeyDescriptionRequest update = new UpdateKeyDescriptionRequest();
        update.setKeyId(m.getKeyId());
        update.setDescription("renamed");
        call(update);
        assertEquals("renamed", describe(m.getKeyId()).getDescription());
    }

    @Test
    void listKeysPages() throws Exception {
        Set<String> created = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            created.add(createKey());
        }
        ListKeysRequest first = new ListKeysRequest();
        first.setPageSize(2);
        ListKeysResponse page1 = call(first);
        assertEquals(3, page1.getTotalCount());
        assertEquals(1, page1.getPageNumber());
        assertEquals(2, page1.getPageSize());
        assertEquals(2, page1.getKeys().size());

        ListKeysRequest second = new ListKeysRequest();
        second.setPageSize(2);
        second.setPageNumber(2);
        ListKeysResponse page2 = call(second);
        assertEquals(1, page2.getKeys().size());

        Set<String> listed = new HashSet<>();
        page1.getKeys().forEach(k -> listed.add(k.getKeyId()));
        page2.getKeys().forEach(k -> listed.add(k.getKeyId()));
        assertEquals(created, listed);
        page1.getKeys().forEach(k -> assertTrue(k.getKeyArn().endsWith(":key/" + k.getKeyId()), k.getKeyArn()));
    }

    @Test
    void disableEnableScheduleAndCancelDeletion() throws Exception {
        String keyId = createKey();

        DisableKeyRequest disable = new DisableKeyRequest();
        disable.setKeyId(keyId);
        call(disable);
        assertEquals("Disabled", describe(keyId).getKeyState());
        assertSdkError("Rejected.Disabled", () -> call(generateDataKey(keyId, null)));

        EnableKeyRequest enable = new EnableKeyRequest();
        enable.setKeyId(keyId);
        call(enable);
        assertEquals("Enabled", describe(keyId).getKeyState());
        assertNotNull(call(generateDataKey(keyId, null)).getCiphertextBlob());

        ScheduleKeyDeletionRequest schedule = new ScheduleKeyDeletionRequest();
        schedule.setKeyId(keyId);
        schedule.setPendingWindowInDays(7);
        call(schedule);
        DescribeKeyResponse.KeyMetadata pending = describe(keyId);
        assertEquals("PendingDeletion", pending.getKeyState());
        assertTrue(ISO_SECONDS.matcher(pending.getDeleteDate()).matches(), pending.getDeleteDate());
        assertSdkError("Rejected.PendingDeletion", () -> call(generateDataKey(keyId, null)));

        CancelKeyDeletionRequest cancel = new CancelKeyDeletionRequest();
        cancel.setKeyId(keyId);
        call(cancel);
        DescribeKeyResponse.KeyMetadata restored = describe(keyId);
        assertEquals("Enabled", restored.getKeyState());
        assertNull(restored.getDeleteDate());
    }

    @Test
    void scheduleKeyDeletionNeedsItsWindow() throws Exception {
        String keyId = createKey();
        ScheduleKeyDeletionRequest schedule = new ScheduleKeyDeletionRequest();
        schedule.setKeyId(keyId);
        assertSdkError("MissingParameter", () -> call(schedule));
        assertEquals("Enabled", describe(keyId).getKeyState());
    }

    @Test
    void unknownKeyIsNotFound() {
        assertSdkError("Forbidden.KeyNotFound", () -> describe("00000000-0000-0000-0000-000000000000"));
    }

    // ---- aliases ----

    @Test
    void aliasesNameKeysAndMove() throws Exception {
        String first = createKey();
        String second = createKey();
        CreateAliasRequest create = new CreateAliasRequest();
        create.setAliasName("alias/disks");
        create.setKeyId(first);
        call(create);
        assertSdkError("AliasAlreadyExists", () -> call(create));

        ListAliasesResponse all = call(new ListAliasesRequest());
        assertEquals(1, all.getTotalCount());
        ListAliasesResponse.Alias alias = all.getAliases().get(0);
        assertEquals("alias/disks", alias.getAliasName());
        assertEquals(first, alias.getKeyId());
        assertTrue(alias.getAliasArn().endsWith(":alias/disks"), alias.getAliasArn());
        assertEquals(first, describe("alias/disks").getKeyId());
        assertEquals(first, call(generateDataKey("alias/disks", null)).getKeyId());

        UpdateAliasRequest update = new UpdateAliasRequest();
        update.setAliasName("alias/disks");
        update.setKeyId(second);
        call(update);
        assertEquals(0, aliasesOf(first).getTotalCount());
        ListAliasesByKeyIdResponse ofSecond = aliasesOf(second);
        assertEquals(1, ofSecond.getTotalCount());
        assertEquals("alias/disks", ofSecond.getAliases().get(0).getAliasName());
        assertEquals(second, ofSecond.getAliases().get(0).getKeyId());

        DeleteAliasRequest delete = new DeleteAliasRequest();
        delete.setAliasName("alias/disks");
        call(delete);
        assertEquals(0, call(new ListAliasesRequest()).getTotalCount());
        assertSdkError("Forbidden.AliasNotFound", () -> call(delete));
    }

    // ---- envelope crypto ----

    @Test
    void generatedDataKeyDecryptsToTheSamePlaintextUnderItsContext() throws Exception {
        String keyId = createKey();
        String context = "{\"disk\":\"d-1\",\"purpose\":\"volume\"}";
        GenerateDataKeyResponse dataKey = call(generateDataKey(keyId, context));
        assertEquals(keyId, dataKey.getKeyId());
        assertNotNull(dataKey.getKeyVersionId());
        assertEquals(32, Base64.getDecoder().decode(dataKey.getPlaintext()).length);

        DecryptResponse decrypted = call(decrypt(dataKey.getCiphertextBlob(), context));
        assertEquals(dataKey.getPlaintext(), decrypted.getPlaintext());
        assertEquals(keyId, decrypted.getKeyId());
        assertEquals(dataKey.getKeyVersionId(), decrypted.getKeyVersionId());

        assertSdkError("InvalidCiphertext", () -> call(decrypt(dataKey.getCiphertextBlob(), "{\"disk\":\"d-2\"}")));
        assertSdkError("InvalidCiphertext", () -> call(decrypt(dataKey.getCiphertextBlob(), null)));
    }

    @Test
    void dataKeyLengthsAndWithoutPlaintext() throws Exception {
        String keyId = createKey();
        GenerateDataKeyRequest aes128 = generateDataKey(keyId, null);
        aes128.setKeySpec("AES_128");
        assertEquals(16, Base64.getDecoder().decode(call(aes128).getPlaintext()).length);
        GenerateDataKeyRequest sized = generateDataKey(keyId, null);
        sized.setNumberOfBytes(48);
        assertEquals(48, Base64.getDecoder().decode(call(sized).getPlaintext()).length);

        GenerateDataKeyWithoutPlaintextRequest hidden = new GenerateDataKeyWithoutPlaintextRequest();
        hidden.setKeyId(keyId);
        GenerateDataKeyWithoutPlaintextResponse wrapped = call(hidden);
        assertEquals(keyId, wrapped.getKeyId());
        assertEquals(32, Base64.getDecoder().decode(call(decrypt(wrapped.getCiphertextBlob(), null)).getPlaintext())
                .length);
    }

    @Test
    void encryptDecryptRoundTrip() throws Exception {
        String keyId = createKey();
        byte[] secret = "the quick brown fox".getBytes(StandardCharsets.UTF_8);
        EncryptResponse encrypted = call(encrypt(keyId, secret, "{\"a\":\"b\"}"));
        assertEquals(keyId, encrypted.getKeyId());
        DecryptResponse decrypted = call(decrypt(encrypted.getCiphertextBlob(), "{\"a\":\"b\"}"));
        assertArrayEquals(secret, Base64.getDecoder().decode(decrypted.getPlaintext()));
    }

    @Test
    void oversizedPlaintextIsRefused() throws Exception {
        String keyId = createKey();
        assertSdkError("InvalidParameter", () -> call(encrypt(keyId, new byte[KmsActions.MAX_PLAINTEXT_BYTES + 1],
                null)));
    }

    // ---- rotation and versions ----

    @Test
    void newVersionEncryptsAndOldCiphertextStillDecrypts() throws Exception {
        String keyId = createKey();
        String oldVersion = describe(keyId).getPrimaryKeyVersion();
        byte[] data = {1, 2, 3, 4};
        EncryptResponse before = call(encrypt(keyId, data, null));
        assertEquals(oldVersion, before.getKeyVersionId());

        CreateKeyVersionRequest rotate = new CreateKeyVersionRequest();
        rotate.setKeyId(keyId);
        CreateKeyVersionResponse.KeyVersion created = call(rotate).getKeyVersion();
        assertEquals(keyId, created.getKeyId());
        assertNotEquals(oldVersion, created.getKeyVersionId());
        assertTrue(ISO_SECONDS.matcher(created.getCreationDate()).matches(), created.getCreationDate());
        assertEquals(created.getKeyVersionId(), describe(keyId).getPrimaryKeyVersion());

        EncryptResponse after = call(encrypt(keyId, data, null));
        assertEquals(created.getKeyVersionId(), after.getKeyVersionId());
        DecryptResponse old = call(decrypt(before.getCiphertextBlob(), null));
        assertEquals(oldVersion, old.getKeyVersionId());
        assertArrayEquals(data, Base64.getDecoder().decode(old.getPlaintext()));

        ListKeyVersionsRequest list = new ListKeyVersionsRequest();
        list.setKeyId(keyId);
        ListKeyVersionsResponse versions = call(list);
        assertEquals(2, versions.getTotalCount());
        assertEquals(2, versions.getKeyVersions().size());
        versions.getKeyVersions().forEach(v -> assertEquals(keyId, v.getKeyId()));

        DescribeKeyVersionRequest describeVersion = new DescribeKeyVersionRequest();
        describeVersion.setKeyId(keyId);
        describeVersion.setKeyVersionId(oldVersion);
        DescribeKeyVersionResponse.KeyVersion described = call(describeVersion).getKeyVersion();
        assertEquals(oldVersion, described.getKeyVersionId());
        assertEquals(keyId, described.getKeyId());
    }

    @Test
    void rotationPolicy() throws Exception {
        String keyId = createKey();
        UpdateRotationPolicyRequest enable = new UpdateRotationPolicyRequest();
        enable.setKeyId(keyId);
        enable.setEnableAutomaticRotation(true);
        enable.setRotationInterval("30d");
        call(enable);
        DescribeKeyResponse.KeyMetadata m = describe(keyId);
        assertEquals("Enabled", m.getAutomaticRotation());
        assertNotNull(m.getRotationInterval());
        assertNotNull(m.getNextRotationDate());

        UpdateRotationPolicyRequest tooShort = new UpdateRotationPolicyRequest();
        tooShort.setKeyId(keyId);
        tooShort.setEnableAutomaticRotation(true);
        tooShort.setRotationInterval("1d");
        assertSdkError("InvalidParameter", () -> call(tooShort));

        UpdateRotationPolicyRequest disable = new UpdateRotationPolicyRequest();
        disable.setKeyId(keyId);
        disable.setEnableAutomaticRotation(false);
        call(disable);
        assertEquals("Disabled", describe(keyId).getAutomaticRotation());
    }

    // ---- BYOK ----

    @Test
    void importedKeyMaterialEncryptsUntilDeleted() throws Exception {
        CreateKeyRequest create = new CreateKeyRequest();
        create.setOrigin("EXTERNAL");
        String keyId = call(create).getKeyMetadata().getKeyId();
        assertEquals("PendingImport", describe(keyId).getKeyState());
        assertSdkError("Rejected.PendingImport", () -> call(encrypt(keyId, new byte[] {1}, null)));

        GetParametersForImportRequest parameters = new GetParametersForImportRequest();
        parameters.setKeyId(keyId);
        parameters.setWrappingAlgorithm("RSAES_OAEP_SHA_256");
        parameters.setWrappingKeySpec("RSA_2048");
        GetParametersForImportResponse forImport = call(parameters);
        assertEquals(keyId, forImport.getKeyId());
        assertNotNull(forImport.getImportToken());
        assertTrue(ISO_SECONDS.matcher(forImport.getTokenExpireTime()).matches(), forImport.getTokenExpireTime());

        byte[] material = new byte[32];
        new SecureRandom().nextBytes(material);
        ImportKeyMaterialRequest importRequest = new ImportKeyMaterialRequest();
        importRequest.setKeyId(keyId);
        importRequest.setImportToken(forImport.getImportToken());
        importRequest.setEncryptedKeyMaterial(Base64.getEncoder().encodeToString(
                wrapOaepSha256(forImport.getPublicKey(), material)));
        importRequest.setKeyMaterialExpireUnix(0L);
        call(importRequest);
        DescribeKeyResponse.KeyMetadata imported = describe(keyId);
        assertEquals("Enabled", imported.getKeyState());
        assertEquals("EXTERNAL", imported.getOrigin());

        byte[] data = "byok".getBytes(StandardCharsets.UTF_8);
        EncryptResponse encrypted = call(encrypt(keyId, data, null));
        assertArrayEquals(data, Base64.getDecoder().decode(call(decrypt(encrypted.getCiphertextBlob(), null))
                .getPlaintext()));

        DeleteKeyMaterialRequest delete = new DeleteKeyMaterialRequest();
        delete.setKeyId(keyId);
        call(delete);
        assertEquals("PendingImport", describe(keyId).getKeyState());
        assertSdkError("Rejected.PendingImport", () -> call(decrypt(encrypted.getCiphertextBlob(), null)));
    }

    @Test
    void importWithBadMaterialChangesNothing() throws Exception {
        CreateKeyRequest create = new CreateKeyRequest();
        create.setOrigin("EXTERNAL");
        String keyId = call(create).getKeyMetadata().getKeyId();
        GetParametersForImportRequest parameters = new GetParametersForImportRequest();
        parameters.setKeyId(keyId);
        parameters.setWrappingAlgorithm("RSAES_OAEP_SHA_256");
        parameters.setWrappingKeySpec("RSA_2048");
        String token = call(parameters).getImportToken();

        ImportKeyMaterialRequest notBase64 = new ImportKeyMaterialRequest();
        notBase64.setKeyId(keyId);
        notBase64.setImportToken(token);
        notBase64.setEncryptedKeyMaterial("%%%not base64%%%");
        assertSdkError("InvalidParameter", () -> call(notBase64));
        assertEquals("PendingImport", describe(keyId).getKeyState());
    }

    // ---- tags ----

    @Test
    void tagsAreAddedListedAndRemoved() throws Exception {
        String keyId = createKey();
        TagResourceRequest tag = new TagResourceRequest();
        tag.setKeyId(keyId);
        tag.setTags("[{\"TagKey\":\"project\",\"TagValue\":\"disks\"},{\"TagKey\":\"owner\",\"TagValue\":\"ops\"}]");
        call(tag);
        List<ListResourceTagsResponse.Tag> tags = tagsOf(keyId);
        assertEquals(2, tags.size());
        tags.forEach(t -> assertEquals(keyId, t.getKeyId()));
        assertTrue(tags.stream().anyMatch(t -> t.getTagKey().equals("project") && t.getTagValue().equals("disks")));

        UntagResourceRequest untag = new UntagResourceRequest();
        untag.setKeyId(keyId);
        untag.setTagKeys("[\"project\"]");
        call(untag);
        List<ListResourceTagsResponse.Tag> left = tagsOf(keyId);
        assertEquals(1, left.size());
        assertEquals("owner", left.get(0).getTagKey());

        TagResourceRequest malformed = new TagResourceRequest();
        malformed.setKeyId(keyId);
        malformed.setTags("project=disks");
        assertSdkError("InvalidParameter", () -> call(malformed));
        assertEquals(1, tagsOf(keyId).size());
    }

    // ---- helpers ----

    private String createKey() throws ClientException {
        return call(new CreateKeyRequest()).getKeyMetadata().getKeyId();
    }

    private DescribeKeyResponse.KeyMetadata describe(String keyId) throws ClientException {
        DescribeKeyRequest request = new DescribeKeyRequest();
        request.setKeyId(keyId);
        return call(request).getKeyMetadata();
    }

    private ListAliasesByKeyIdResponse aliasesOf(String keyId) throws ClientException {
        ListAliasesByKeyIdRequest request = new ListAliasesByKeyIdRequest();
        request.setKeyId(keyId);
        return call(request);
    }

    private List<ListResourceTagsResponse.Tag> tagsOf(String keyId) throws ClientException {
        ListResourceTagsRequest request = new ListResourceTagsRequest();
        request.setKeyId(keyId);
        return call(request).getTags();
    }

    private static GenerateDataKeyRequest generateDataKey(String keyId, String encryptionContext) {
        GenerateDataKeyRequest request = new GenerateDataKeyRequest();
        request.setKeyId(keyId);
        request.setEncryptionContext(encryptionContext);
        return request;
    }

    private static EncryptRequest encrypt(String keyId, byte[] plaintext, String encryptionContext) {
        EncryptRequest request = new EncryptRequest();
        request.setKeyId(keyId);
        request.setPlaintext(Base64.getEncoder().encodeToString(plaintext));
        request.setEncryptionContext(encryptionContext);
        return request;
    }

    private static DecryptRequest decrypt(String ciphertextBlob, String encryptionContext) {
        DecryptRequest request = new DecryptRequest();
        request.setCiphertextBlob(ciphertextBlob);
        request.setEncryptionContext(encryptionContext);
        return request;
    }

    /** What a user does with the downloaded public key: RSAES-OAEP with SHA-256 (and MGF1 with SHA-256). */
    private static byte[] wrapOaepSha256(String publicKeyBase64, byte[] material) throws Exception {
        PublicKey publicKey = KeyFactory.getInstance("RSA")
                .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(publicKeyBase64)));
        Cipher rsa = Cipher.getInstance("RSA/ECB/OAEPPadding");
        rsa.init(Cipher.ENCRYPT_MODE, publicKey, new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256,
                PSource.PSpecified.DEFAULT));
        return rsa.doFinal(material);
    }
}
