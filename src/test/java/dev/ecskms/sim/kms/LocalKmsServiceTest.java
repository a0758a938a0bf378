package dev.ecskms.sim.kms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecskms.sim.common.ApiException;
import dev.ecskms.sim.common.Page;
import dev.ecskms.testing.SimulatorTest;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import org.junit.jupiter.api.Test;

class LocalKmsServiceTest extends SimulatorTest {
    KmsService kms;

    @Override
    protected Clock baseClock() {
        return Clock.systemUTC(); // deletion windows and rotations are measured from now
    }

    @Override
    protected void opened() {
        kms = sim.kms();
    }

    static ApiException fails(String code, org.junit.jupiter.api.function.Executable call) {
        ApiException e = assertThrows(ApiException.class, call);
        assertEquals(code, e.code(), e.getMessage());
        return e;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void createdKeyIsEnabledWithDefaultsAndAnArn() {
        KeyMetadata key = kms.createKey(ctx, CreateKeyRequest.defaults("payroll"));
        assertEquals(KeyState.Enabled, key.keyState());
        assertEquals("Aliyun_AES_256", key.keySpec());
        assertEquals("ENCRYPT/DECRYPT", key.keyUsage());
        assertEquals("Aliyun_KMS", key.origin());
        assertEquals("SOFTWARE", key.protectionLevel());
        assertEquals("acs:kms:cn-hangzhou:" + ctx.accountId() + ":key/" + key.keyId(), key.arn());
        assertEquals("Disabled", key.automaticRotation());
        assertNotNull(key.primaryKeyVersion());
        assertEquals(key, kms.describeKey(ctx, key.arn()));
    }

    @Test
    void keysAreRegionalAndListedWithPaging() {
        for (int i = 0; i < 12; i++) {
            kms.createKey(ctx, CreateKeyRequest.defaults("k" + i));
        }
        Page<KeyRef> second = kms.listKeys(ctx, 2, 5);
        assertEquals(12, second.totalCount());
        assertEquals(5, second.items().size());
        assertEquals(2, kms.listKeys(ctx, 3, 5).items().size());
        assertEquals(0, kms.listKeys(ctx.inRegion("cn-shanghai"), 1, 10).totalCount());
        String keyId = second.items().get(0).keyId();
        fails("Forbidden.KeyNotFound", () -> kms.describeKey(ctx.inRegion("cn-shanghai"), keyId));
        fails("InvalidParameter", () -> kms.listKeys(ctx, 1, 101));
    }

    @Test
    void invalidCreateParametersAreRefusedAndCreateNothing() {
        fails("InvalidParameter", () -> kms.createKey(ctx, new CreateKeyRequest("RSA_9999", null, null, null, null, null, null)));
        fails("InvalidParameter", () -> kms.createKey(ctx, new CreateKeyRequest(null, null, "Elsewhere", null, null, null, null)));
        fails("InvalidParameter", () -> kms.createKey(ctx, new CreateKeyRequest(null, null, null, null, null, true, "3d")));
        fails("InvalidParameter", () -> kms.createKey(ctx, new CreateKeyRequest(null, null, null, null, null, true, "731d")));
        fails("InvalidParameter", () -> kms.createKey(ctx, new CreateKeyRequest(null, null, null, null, "x".repeat(8193), null, null)));
        assertEquals(0, kms.listKeys(ctx, 1, 10).totalCount());
    }

    @Test
    void envelopeRoundTripBindsTheEncryptionContext() {
        KeyMetadata key = kms.createKey(ctx, CreateKeyRequest.defaults(""));
        Map<String, String> context = Map.of("disk", "d-1", "purpose", "test");
        GenerateDataKeyResponse dk = kms.generateDataKey(ctx, new GenerateDataKeyRequest(key.keyId(), null, null, context));
        assertEquals(32, dk.plaintext().length);
        assertEquals(key.primaryKeyVersion(), dk.keyVersionId());
        DecryptResponse back = kms.decrypt(ctx, dk.ciphertextBlob(), Map.of("purpose", "test", "disk", "d-1"));
        assertArrayEquals(dk.plaintext(), back.plaintext());
        assertEquals(key.keyId(), back.keyId());

        fails("InvalidCiphertext", () -> kms.decrypt(ctx, dk.ciphertextBlob(), Map.of("disk", "d-2", "purpose", "test")));
        fails("InvalidCiphertext", () -> kms.decrypt(ctx, dk.ciphertextBlob(), null));
        byte[] raw = Base64.getDecoder().decode(dk.ciphertextBlob());
        raw[raw.length - 1] ^= 1;
        fails("InvalidCiphertext", () -> kms.decrypt(ctx, Base64.getEncoder().encodeToString(raw), context));
        fails("InvalidCiphertext", () -> kms.decrypt(ctx, "bm90IGEgYmxvYg==", context));
        fails("InvalidCiphertext", () -> kms.decrypt(ctx, "%%%", context));

        GenerateDataKeyResponse noPlain = kms.generateDataKeyWithoutPlaintext(ctx,
                new GenerateDataKeyRequest(key.keyId(), "AES_128", null, null));
        assertNull(noPlain.plaintext());
        assertEquals(16, kms.decrypt(ctx, noPlain.ciphertextBlob(), null).plaintext().length);
        assertEquals(100, kms.generateDataKey(ctx, new GenerateDataKeyRequest(key.keyId(), null, 100, null)).plaintext().length);
        fails("InvalidParameter", () -> kms.generateDataKey(ctx, new GenerateDataKeyRequest(key.keyId(), null, 1025, null)));
    }

    @Test
    void sm4KeysEncryptAndDecrypt() {
        KeyMetadata key = kms.createKey(ctx, new CreateKeyRequest("Aliyun_SM4", null, null, null, "sm4", null, null));
        EncryptResponse sealed = kms.encrypt(ctx, key.keyId(), bytes("国密"), Map.of());
        assertEquals("国密", new String(kms.decrypt(ctx, sealed.ciphertextBlob(), Map.of()).plaintext(), StandardCharsets.UTF_8));
    }

    @Test
    void encryptChecksItsPlaintext() {
        KeyMetadata key = kms.createKey(ctx, CreateKeyRequest.defaults(""));
        fails("MissingParameter", () -> kms.encrypt(ctx, key.keyId(), new byte[0], null));
        fails("InvalidParameter", () -> kms.encrypt(ctx, key.keyId(), new byte[6145], null));
        fails("Forbidden.KeyNotFound", () -> kms.encrypt(ctx, "no-such-key", bytes("x"), null));
        fails("Forbidden.AliasNotFound", () -> kms.encrypt(ctx, "alias/nothing", bytes("x"), null));
    }

    @Test
    void stateMachineFollowsTheRealCodes() {
        KeyMetadata key = kms.createKey(ctx, CreateKeyRequest.defaults(""));
        String blob = kms.encrypt(ctx, key.keyId(), bytes("secret"), null).ciphertextBlob();
        kms.disableKey(ctx, key.keyId());
        assertEquals(KeyState.Disabled, kms.describeKey(ctx, key.keyId()).keyState());
        fails("Rejected.Disabled", () -> kms.decrypt(ctx, blob, null));
        fails("Rejected.Disabled", () -> kms.generateDataKey(ctx, new GenerateDataKeyRequest(key.keyId(), null, null, null)));
        kms.enableKey(ctx, key.keyId());
        assertEquals("secret", new String(kms.decrypt(ctx, blob, null).plaintext(), StandardCharsets.UTF_8));

        KeyMetadata scheduled = kms.scheduleKeyDeletion(ctx, key.keyId(), 7);
        assertEquals(KeyState.PendingDeletion, scheduled.keyState());
        assertEquals(sim.clock().instant().plus(Duration.ofDays(7)).getEpochSecond(), scheduled.deleteDate().getEpochSecond(), 2);
        fails("Rejected.PendingDeletion", () -> kms.decrypt(ctx, blob, null));
        fails("Rejected.StateModifiedFailed", () -> kms.enableKey(ctx, key.keyId()));
        fails("Rejected.StateModifiedFailed", () -> kms.disableKey(ctx, key.keyId()));
        fails("Rejected.StateModifiedFailed", () -> kms.scheduleKeyDeletion(ctx, key.keyId(), 30));
        kms.cancelKeyDeletion(ctx, key.keyId());
        assertEquals(KeyState.Enabled, kms.describeKey(ctx, key.keyId()).keyState());
        assertNull(kms.describeKey(ctx, key.keyId()).deleteDate());
        fails("Rejected.StateModifiedFailed", () -> kms.cancelKeyDeletion(ctx, key.keyId()));
        fails("InvalidParameter", () -> kms.scheduleKeyDeletion(ctx, key.keyId(), 6));
        fails("InvalidParameter", () -> kms.scheduleKeyDeletion(ctx, key.keyId(), 367));
        fails("MissingParameter", () -> kms.scheduleKeyDeletion(ctx, key.keyId(), null));
    }

    @Test
    void deletionDestroysTheKeyWhenSimulatedTimePassesTheWindowEvenAcrossARestart() {
        KeyMetadata key = kms.createKey(ctx, CreateKeyRequest.defaults(""));
        kms.createAlias(ctx, "alias/doomed", key.keyId());
        String blob = kms.encrypt(ctx, key.keyId(), bytes("gone soon"), null).ciphertextBlob();
        kms.scheduleKeyDeletion(ctx, key.keyId(), 7);
        sim.clock().fastForward(Duration.ofDays(6));
        assertEquals(KeyState.PendingDeletion, kms.describeKey(ctx, key.keyId()).keyState());
        reopen();
        assertEquals(KeyState.PendingDeletion, kms.describeKey(ctx, key.keyId()).keyState(), "the offset survives");
        sim.clock().fastForward(Duration.ofDays(1).plusMinutes(1));
        fails("Forbidden.KeyNotFound", () -> kms.describeKey(ctx, key.keyId()));
        fails("Forbidden.KeyNotFound", () -> kms.decrypt(ctx, blob, null));
        fails("Forbidden.AliasNotFound", () -> kms.describeKey(ctx, "alias/doomed"));
    }

    @Test
    void serviceKeyIsCreatedOnceAndCannotBeDisabledOrDeleted() {
        KeyMetadata first = kms.serviceKey(ctx, "ecs");
        assertEquals(first.keyId(), kms.serviceKey(ctx, "ecs").keyId());
        assertEquals(first.keyId(), kms.describeKey(ctx, "alias/acs/ecs").keyId());
        assertTrue(first.isServiceKey());
        fails("Forbidden.NoPermission", () -> kms.disableKey(ctx, first.keyId()));
        fails("Forbidden.NoPermission", () -> kms.scheduleKeyDeletion(ctx, first.keyId(), 7));
        fails("InvalidParameter", () -> kms.deleteAlias(ctx, "alias/acs/ecs"));
        fails("InvalidParameter", () -> kms.createAlias(ctx, "alias/acs/mine", first.keyId()));
        assertNotEquals(first.keyId(), kms.serviceKey(ctx.inRegion("cn-beijing"), "ecs").keyId(), "one per region");
        assertNotNull(kms.generateDataKey(ctx, new GenerateDataKeyRequest("alias/acs/ecs", null, null, null)).plaintext());
    }

    @Test
    void serviceKeyRefusesEveryChangeWithTheOneRule() {
        KeyMetadata key = kms.serviceKey(ctx, "ecs");
        String id = key.keyId();
        fails("Forbidden.NoPermission", () -> kms.updateKeyDescription(ctx, "alias/acs/ecs", "mine"));
        fails("Forbidden.NoPermission", () -> kms.createKeyVersion(ctx, id));
        fails("Forbidden.NoPermission", () -> kms.updateRotationPolicy(ctx, id, true, null));
        fails("Forbidden.NoPermission", () -> kms.tagResource(ctx, id, List.of(new Tag("team", "a"))));
        fails("Forbidden.NoPermission", () -> kms.untagResource(ctx, id, List.of("team")));
        fails("Forbidden.NoPermission", () -> kms.createAlias(ctx, "alias/mine", id));
        fails("Forbidden.NoPermission", () -> kms.enableKey(ctx, id));
        fails("Forbidden.NoPermission", () -> kms.cancelKeyDeletion(ctx, id));
        fails("Forbidden.NoPermission", () -> kms.getParametersForImport(ctx, id, "RSAES_OAEP_SHA_256",
                "RSA_2048"));
        fails("Forbidden.NoPermission", () -> kms.deleteKeyMaterial(ctx, id));
        assertEquals(key, kms.describeKey(ctx, id), "nothing changed");
        assertEquals(1, kms.listKeyVersions(ctx, id, null, null).totalCount());
        // The service itself still marks the keys it uses.
        kms.tagByService(ctx, id, new Tag("acs:ecs:disk-encryption", "true"));
    }

    @Test
    void keyMaterialExpiryBeyondTheYear9999IsRefusedBeforeItOverflowsInMilliseconds() {
        KeyMetadata key = kms.createKey(ctx, new CreateKeyRequest(null, null, "EXTERNAL", null, "byok", null, null));
        for (long seconds : new long[] {253_402_300_800L, 9_223_372_036_854_775L, Long.MAX_VALUE}) {
            ApiException e = fails("InvalidParameter", () -> kms.importKeyMaterial(ctx, key.keyId(), new byte[] {1},
                    "token", seconds));
            assertTrue(e.getMessage().contains("KeyMaterialExpireUnix"), e.getMessage());
        }
    }

    /** Found by ApiFuzzTest: the interval was unboxed from null (HTTP 500). */
    @Test
    void turningRotationOffOnAKeyThatNeverRotatedKeepsNoInterval() {
        KeyMetadata key = kms.createKey(ctx, CreateKeyRequest.defaults("never rotated"));
        kms.updateRotationPolicy(ctx, key.keyId(), false, null);
        KeyMetadata after = kms.describeKey(ctx, key.keyId());
        assertEquals("Disabled", after.automaticRotation());
        assertNull(after.rotationInterval());
    }

    @Test
    void encryptionContextWithAnUnpairedSurrogateIsRefusedAndCannotCollide() {
        KeyMetadata key = kms.createKey(ctx, CreateKeyRequest.defaults("aad"));
        fails("InvalidParameter", () -> kms.encrypt(ctx, key.keyId(), bytes("x"), Map.of("a", "\ud800")));
        fails("InvalidParameter", () -> kms.encrypt(ctx, key.keyId(), bytes("x"), Map.of("\udc00", "a")));
        fails("InvalidParameter", () -> kms.generateDataKey(ctx, new GenerateDataKeyRequest(key.keyId(), null, null,
                Map.of("a", "b\ud800"))));
        String blob = kms.encrypt(ctx, key.keyId(), bytes("x"), Map.of("a", "?")).ciphertextBlob();
        fails("InvalidParameter", () -> kms.decrypt(ctx, blob, Map.of("a", "\ud800")));
        assertArrayEquals(bytes("x"), kms.decrypt(ctx, blob, Map.of("a", "?")).plaintext());
    }

    @Test
    void aliasesPointAtKeysAndMove() {
        KeyMetadata a = kms.createKey(ctx, CreateKeyRequest.defaults("a"));
        KeyMetadata b = kms.createKey(ctx, CreateKeyRequest.defaults("b"));
        kms.createAlias(ctx, "alias/app", a.keyId());
        fails("AliasAlreadyExists", () -> kms.createAlias(ctx, "alias/app", b.keyId()));
        fails("InvalidParameter", () -> kms.createAlias(ctx, "app", b.keyId()));
        assertEquals(a.keyId(), kms.describeKey(ctx, "alias/app").keyId());
        assertEquals(a.keyId(), kms.describeKey(ctx, "acs:kms:cn-hangzhou:" + ctx.accountId() + ":alias/app").keyId());
        kms.updateAlias(ctx, "alias/app", b.keyId());
        assertEquals(b.keyId(), kms.describeKey(ctx, "alias/app").keyId());
        assertEquals(List.of("alias/app"), kms.listAliasesByKeyId(ctx, b.keyId(), 1, 10).items().stream().map(AliasInfo::aliasName).toList());
        assertEquals(0, kms.listAliasesByKeyId(ctx, a.keyId(), 1, 10).totalCount());
        kms.deleteAlias(ctx, "alias/app");
        fails("Forbidden.AliasNotFound", () -> kms.deleteAlias(ctx, "alias/app"));
        assertEquals(0, kms.listAliases(ctx, 1, 10).totalCount());
    }

    @Test
    void rotationKeepsOldCiphertextsDecryptable() {
        KeyMetadata key = kms.createKey(ctx, new CreateKeyRequest(null, null, null, null, "rotating", true, "7d"));
        assertEquals("Enabled", key.automaticRotation());
        assertEquals("604800s", key.rotationInterval());
        String v1Blob = kms.encrypt(ctx, key.keyId(), bytes("v1"), null).ciphertextBlob();
        KeyVersion manual = kms.createKeyVersion(ctx, key.keyId());
        assertEquals(manual.keyVersionId(), kms.describeKey(ctx, key.keyId()).primaryKeyVersion());
        sim.clock().fastForward(Duration.ofDays(8));
        KeyMetadata rotated = kms.describeKey(ctx, key.keyId());
        assertEquals(3, kms.listKeyVersions(ctx, key.keyId(), 1, 10).totalCount());
        assertNotEquals(manual.keyVersionId(), rotated.primaryKeyVersion());
        assertNotNull(rotated.lastRotationDate());
        EncryptResponse v3 = kms.encrypt(ctx, key.keyId(), bytes("v3"), null);
        assertEquals(rotated.primaryKeyVersion(), v3.keyVersionId());
        assertEquals("v1", new String(kms.decrypt(ctx, v1Blob, null).plaintext(), StandardCharsets.UTF_8));
        assertEquals(manual.keyVersionId(), kms.describeKeyVersion(ctx, key.keyId(), manual.keyVersionId()).keyVersionId());
        fails("Forbidden.KeyVersionNotFound", () -> kms.describeKeyVersion(ctx, key.keyId(), "nope"));

        kms.updateRotationPolicy(ctx, key.keyId(), false, null);
        assertEquals("Disabled", kms.describeKey(ctx, key.keyId()).automaticRotation());
        sim.clock().fastForward(Duration.ofDays(30));
        assertEquals(3, kms.listKeyVersions(ctx, key.keyId(), 1, 10).totalCount());
    }

    @Test
    void byokImportsMaterialThatThenEncryptsAndCanBeDeletedOrExpire() throws Exception {
        KeyMetadata key = kms.createKey(ctx, new CreateKeyRequest(null, null, "EXTERNAL", null, "byok", null, null));
        assertEquals(KeyState.PendingImport, key.keyState());
        fails("Rejected.PendingImport", () -> kms.encrypt(ctx, key.keyId(), bytes("x"), null));

        byte[] material = new byte[32];
        new SecureRandom().nextBytes(material);
        ImportParameters params = kms.getParametersForImport(ctx, key.keyId(), "RSAES_OAEP_SHA_256", "RSA_2048");
        fails("InvalidImportToken", () -> kms.importKeyMaterial(ctx, key.keyId(), wrap(params, material), "forged", 0L));
        fails("InvalidKeyMaterial", () -> kms.importKeyMaterial(ctx, key.keyId(), wrap(params, new byte[16]), params.importToken(), 0L));
        fails("InvalidKeyMaterial", () -> kms.importKeyMaterial(ctx, key.keyId(), new byte[256], params.importToken(), 0L));
        long expireUnix = sim.clock().instant().plus(Duration.ofDays(10)).getEpochSecond();
        kms.importKeyMaterial(ctx, key.keyId(), wrap(params, material), params.importToken(), expireUnix);
        assertEquals(KeyState.Enabled, kms.describeKey(ctx, key.keyId()).keyState());
        String blob = kms.encrypt(ctx, key.keyId(), bytes("mine"), null).ciphertextBlob();

        kms.deleteKeyMaterial(ctx, key.keyId());
        assertEquals(KeyState.PendingImport, kms.describeKey(ctx, key.keyId()).keyState());
        fails("Rejected.PendingImport", () -> kms.decrypt(ctx, blob, null));

        // Importing the same material again brings old ciphertexts back.
        ImportParameters again = kms.getParametersForImport(ctx, key.keyId(), "RSAES_OAEP_SHA_256", "RSA_2048");
        kms.importKeyMaterial(ctx, key.keyId(), wrap(again, material), again.importToken(), expireUnix);
        assertEquals("mine", new String(kms.decrypt(ctx, blob, null).plaintext(), StandardCharsets.UTF_8));

        sim.clock().fastForward(Duration.ofDays(11));
        KeyMetadata expired = kms.describeKey(ctx, key.keyId());
        assertEquals(KeyState.PendingImport, expired.keyState());
        assertNull(expired.materialExpireTime());
        fails("InvalidParameter", () -> kms.createKeyVersion(ctx, key.keyId()));
    }

    static byte[] wrap(ImportParameters params, byte[] material) throws Exception {
        PublicKey publicKey = KeyFactory.getInstance("RSA")
                .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(params.publicKey())));
        Cipher rsa = Cipher.getInstance("RSA/ECB/OAEPPadding");
        rsa.init(Cipher.ENCRYPT_MODE, publicKey, new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256,
                PSource.PSpecified.DEFAULT));
        return rsa.doFinal(material);
    }

    @Test
    void tagsAreSetListedAndRemoved() {
        KeyMetadata key = kms.createKey(ctx, CreateKeyRequest.defaults(""));
        kms.tagResource(ctx, key.keyId(), List.of(new Tag("team", "storage"), new Tag("env", "lab")));
        kms.tagResource(ctx, key.keyId(), List.of(new Tag("env", "prod")));
        assertEquals(List.of(new Tag("env", "prod"), new Tag("team", "storage")), kms.listResourceTags(ctx, key.keyId()));
        kms.untagResource(ctx, key.keyId(), List.of("team"));
        assertEquals(List.of(new Tag("env", "prod")), kms.listResourceTags(ctx, key.keyId()));
        fails("InvalidParameter", () -> kms.tagResource(ctx, key.keyId(), List.of(new Tag("acs:x", "y"))));
    }

    @Test
    void resourcesUsingAKeyComeFromTheRegisteredProviders() {
        KeyMetadata key = kms.createKey(ctx, CreateKeyRequest.defaults(""));
        assertTrue(kms.resourcesUsing(ctx, key.keyId()).isEmpty());
        kms.addProtectedResourceProvider((account, region, keyId) -> keyId.equals(key.keyId())
                ? List.of(new ProtectedResource("Disk", "d-1", "data", region)) : List.of());
        assertEquals(List.of(new ProtectedResource("Disk", "d-1", "data", "cn-hangzhou")),
                kms.resourcesUsing(ctx, key.keyId()));
    }

    @Test
    void everythingSurvivesARestart() {
        KeyMetadata key = kms.createKey(ctx, CreateKeyRequest.defaults("kept"));
        kms.createAlias(ctx, "alias/kept", key.keyId());
        kms.disableKey(ctx, key.keyId());
        kms.enableKey(ctx, key.keyId());
        String blob = kms.encrypt(ctx, "alias/kept", bytes("durable"), Map.of("a", "b")).ciphertextBlob();
        String account = ctx.accountId();
        reopen();
        assertEquals(account, ctx.accountId());
        assertEquals("durable", new String(kms.decrypt(ctx, blob, Map.of("a", "b")).plaintext(), StandardCharsets.UTF_8));
        assertEquals("kept", kms.describeKey(ctx, "alias/kept").description());
    }

    @Test
    void listKeySummariesSeparatesServiceKeysAndCarriesAliases() {
        KeyMetadata cmk = kms.createKey(ctx, CreateKeyRequest.defaults(""));
        kms.createAlias(ctx, "alias/mine", cmk.keyId());
        kms.serviceKey(ctx, "ecs");
        List<KeySummary> all = kms.listKeySummaries(ctx);
        assertEquals(2, all.size());
        KeySummary service = all.stream().filter(s -> s.metadata().isServiceKey()).findFirst().orElseThrow();
        assertEquals(List.of("alias/acs/ecs"), service.aliases());
        KeySummary mine = all.stream().filter(s -> !s.metadata().isServiceKey()).findFirst().orElseThrow();
        assertEquals(List.of("alias/mine"), mine.aliases());
        assertFalse(mine.metadata().isServiceKey());
    }

    @Test
    void keySummariesPageOneKindAndSearchIdsDescriptionsAndAliases() {
        KeyMetadata payroll = kms.createKey(ctx, CreateKeyRequest.defaults("payroll data"));
        KeyMetadata backups = kms.createKey(ctx, CreateKeyRequest.defaults(""));
        kms.createAlias(ctx, "alias/backups_2024", backups.keyId());
        KeyMetadata service = kms.serviceKey(ctx, "ecs");

        Page<KeySummary> customer = kms.keySummaries(ctx, false, null, 1, 10);
        assertEquals(2, customer.totalCount());
        assertFalse(customer.items().stream().anyMatch(s -> s.metadata().isServiceKey()));
        Page<KeySummary> services = kms.keySummaries(ctx, true, " ", 1, 10);
        assertEquals(List.of(service.keyId()), services.items().stream().map(s -> s.metadata().keyId()).toList());
        assertEquals(List.of("alias/acs/ecs"), services.items().get(0).aliases());

        assertEquals(List.of(payroll.keyId()), ids(kms.keySummaries(ctx, false, "PAYROLL", 1, 10)));
        assertEquals(List.of(backups.keyId()), ids(kms.keySummaries(ctx, false, "backups_20", 1, 10)));
        assertEquals(List.of(), ids(kms.keySummaries(ctx, false, "backups%", 1, 10)), "% is not a wildcard");
        assertEquals(List.of(backups.keyId()), ids(kms.keySummaries(ctx, false, backups.keyId().substring(3, 12),
                1, 10)));
        Page<KeySummary> second = kms.keySummaries(ctx, false, null, 2, 1);
        assertEquals(2, second.totalCount());
        assertEquals(1, second.items().size());

        assertEquals(List.of(backups.keyId()), kms.keyIdsWithAliasContaining(ctx, "UPS_2"));
        assertEquals(List.of(backups.keyId(), payroll.keyId()), kms.keySummaries(ctx, List.of(backups.keyId(),
                "key-gone", payroll.keyId())).stream().map(s -> s.metadata().keyId()).toList(),
                "the keys asked for, in that order, without one that does not exist");
    }

    private static List<String> ids(Page<KeySummary> page) {
        return page.items().stream().map(s -> s.metadata().keyId()).toList();
    }
}
