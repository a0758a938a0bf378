package dev.ecskms.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ecskms.sim.guest.OsImage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Caller mistakes that used to end in HTTP 500 or to be accepted (issue 7): each is refused with the real error
 * code, or, for a page past the end, answered as the real API answers.
 */
class MalformedInputApiTest extends ApiTestBase {
    private static final String IMAGE = OsImage.ALIYUN_3.imageId();
    private static final String PASSWORD = "Fuzz-Passw0rd";

    private RawResponse ok(RawResponse r) {
        assertEquals(200, r.status(), () -> r.body().toString());
        return r;
    }

    private String createKey() throws Exception {
        return ok(raw(KMS_VERSION, "CreateKey", Map.of())).body().path("KeyMetadata").path("KeyId").asText();
    }

    private String serviceKeyId() throws Exception {
        return ok(raw(ECS_VERSION, "DescribeDiskDefaultKMSKeyId", Map.of())).body().path("KMSKeyId").asText();
    }

    private static Map<String, String> with(Map<String, String> base, String... more) {
        Map<String, String> out = new LinkedHashMap<>(base);
        for (int i = 0; i < more.length; i += 2) {
            out.put(more[i], more[i + 1]);
        }
        return out;
    }

    // ---- (5) paging ----

    @Test
    void aPagePastTheEndIsEmptyAndPagingOutOfRangeIsInvalidParameter() throws Exception {
        String keyId = createKey();
        Map<String, List<Object>> listings = new LinkedHashMap<>();
        listings.put("ListKeys", List.of(KMS_VERSION, Map.of()));
        listings.put("ListAliases", List.of(KMS_VERSION, Map.of()));
        listings.put("ListAliasesByKeyId", List.of(KMS_VERSION, Map.of("KeyId", keyId)));
        listings.put("ListKeyVersions", List.of(KMS_VERSION, Map.of("KeyId", keyId)));
        listings.put("DescribeDisks", List.of(ECS_VERSION, Map.of()));
        listings.put("DescribeSnapshots", List.of(ECS_VERSION, Map.of()));
        listings.put("DescribeInstances", List.of(ECS_VERSION, Map.of()));
        listings.put("DescribeInstanceStatus", List.of(ECS_VERSION, Map.of()));
        listings.put("DescribeImages", List.of(ECS_VERSION, Map.of()));
        for (Map.Entry<String, List<Object>> listing : listings.entrySet()) {
            String action = listing.getKey();
            String version = (String) listing.getValue().get(0);
            @SuppressWarnings("unchecked")
            Map<String, String> base = (Map<String, String>) listing.getValue().get(1);
            RawResponse last = raw(version, action, with(base, "PageNumber", "2147483647", "PageSize", "100"));
            assertEquals(200, last.status(), () -> action + ": " + last.body());
            assertEquals(2147483647, last.body().path("PageNumber").asInt(), action);
            assertTrue(last.body().has("TotalCount"), action);
            JsonNode list = last.body().properties().stream().filter(e -> e.getValue().isObject())
                    .findFirst().orElseThrow().getValue();
            assertTrue(list.elements().next().isEmpty(), () -> action + ": a page past the end is empty: " + list);
            for (String[] bad : new String[][] {{"PageNumber", "0"}, {"PageNumber", "2147483648"},
                    {"PageSize", "0"}, {"PageSize", "101"}, {"PageSize", "-1"}}) {
                RawResponse r = raw(version, action, with(base, bad[0], bad[1]));
                assertError(r, 400, "InvalidParameter");
                assertTrue(r.message().contains(bad[0]), r.message());
            }
        }
    }

    // ---- (6) names and the columns they are stored in ----

    @Test
    void numberedInstanceNamesMustFitAndNothingIsCreatedWhenTheyDoNot() throws Exception {
        Map<String, String> run = Map.of("ZoneId", "cn-hangzhou-i", "InstanceType", "ecs.g7.large", "ImageId", IMAGE,
                "Password", PASSWORD, "Amount", "2");
        RawResponse tooLong = raw(ECS_VERSION, "RunInstances", with(run, "InstanceName", "n".repeat(127)));
        assertError(tooLong, 400, "InvalidInstanceName.Malformed");
        assertTrue(tooLong.message().contains("at most 125"), tooLong.message());
        assertEquals(0, raw(ECS_VERSION, "DescribeInstances", Map.of()).body().path("TotalCount").asInt());
        assertEquals(0, raw(ECS_VERSION, "DescribeDisks", Map.of()).body().path("TotalCount").asInt());

        assertError(raw(ECS_VERSION, "RunInstances", with(run, "InstanceName", "x", "Amount", "1")), 400,
                "InvalidInstanceName.Malformed");
        assertError(raw(ECS_VERSION, "RunInstances", with(run, "InstanceName", "n".repeat(129), "Amount", "1")), 400,
                "InvalidInstanceName.Malformed");

        ok(raw(ECS_VERSION, "RunInstances", with(run, "InstanceName", "n".repeat(125))));
        JsonNode instances = raw(ECS_VERSION, "DescribeInstances", Map.of()).body().path("Instances")
                .path("Instance");
        assertEquals(2, instances.size());
        for (JsonNode i : instances) {
            assertEquals(128, i.path("InstanceName").asText().length());
        }
    }

    @Test
    void namesOfLettersOutsideTheBasicPlaneAreBoundedByTheirStoredLength() throws Exception {
        String wide = "\uD835\uDC00".repeat(100); // 100 letters (MATHEMATICAL BOLD CAPITAL A), 200 UTF-16 chars
        Map<String, String> disk = Map.of("ZoneId", "cn-hangzhou-i", "DiskCategory", "cloud_essd", "Size", "20");
        assertError(raw(ECS_VERSION, "CreateDisk", with(disk, "DiskName", wide)), 400, "InvalidDiskName.Malformed");
        assertEquals(0, raw(ECS_VERSION, "DescribeDisks", Map.of()).body().path("TotalCount").asInt());
        assertError(raw(ECS_VERSION, "RunInstances", Map.of("ZoneId", "cn-hangzhou-i", "InstanceType", "ecs.g7.large",
                "ImageId", IMAGE, "Password", PASSWORD, "InstanceName", wide)), 400, "InvalidInstanceName.Malformed");
        String diskId = ok(raw(ECS_VERSION, "CreateDisk", disk)).body().path("DiskId").asText();
        assertError(raw(ECS_VERSION, "CreateSnapshot", Map.of("DiskId", diskId, "SnapshotName", wide)), 400,
                "InvalidSnapshotName.Malformed");
        assertError(raw(ECS_VERSION, "ModifyDiskAttribute", Map.of("DiskId", diskId, "DiskName", wide)), 400,
                "InvalidDiskName.Malformed");
        assertError(raw(ECS_VERSION, "CreateDisk", with(disk, "ClientToken", "t".repeat(65))), 400,
                "InvalidParameter");
    }

    // ---- (9) the service key ----

    @Test
    void theServiceKeyCanBeReadAndUsedButNotChanged() throws Exception {
        String serviceKey = serviceKeyId();
        String cmk = createKey();
        for (String keyId : List.of(serviceKey, "alias/acs/ecs")) {
            Map<String, Map<String, String>> changes = new LinkedHashMap<>();
            changes.put("UpdateKeyDescription", Map.of("KeyId", keyId, "Description", "mine now"));
            changes.put("CreateKeyVersion", Map.of("KeyId", keyId));
            changes.put("UpdateRotationPolicy", Map.of("KeyId", keyId, "EnableAutomaticRotation", "true"));
            changes.put("TagResource", Map.of("KeyId", keyId, "Tags", "[{\"TagKey\":\"team\",\"TagValue\":\"a\"}]"));
            changes.put("UntagResource", Map.of("KeyId", keyId, "TagKeys", "[\"team\"]"));
            changes.put("CreateAlias", Map.of("KeyId", keyId, "AliasName", "alias/on-the-service-key"));
            changes.put("DisableKey", Map.of("KeyId", keyId));
            changes.put("EnableKey", Map.of("KeyId", keyId));
            changes.put("ScheduleKeyDeletion", Map.of("KeyId", keyId, "PendingWindowInDays", "7"));
            changes.put("CancelKeyDeletion", Map.of("KeyId", keyId));
            changes.put("GetParametersForImport", Map.of("KeyId", keyId, "WrappingAlgorithm", "RSAES_OAEP_SHA_256",
                    "WrappingKeySpec", "RSA_2048"));
            changes.put("DeleteKeyMaterial", Map.of("KeyId", keyId));
            for (Map.Entry<String, Map<String, String>> change : changes.entrySet()) {
                RawResponse r = raw(KMS_VERSION, change.getKey(), change.getValue());
                assertEquals("Forbidden.NoPermission", r.code(), () -> change.getKey() + ": " + r.body());
                assertError(r, 403, "Forbidden.NoPermission");
            }
        }
        ok(raw(KMS_VERSION, "CreateAlias", Map.of("KeyId", cmk, "AliasName", "alias/moving")));
        assertError(raw(KMS_VERSION, "UpdateAlias", Map.of("KeyId", serviceKey, "AliasName", "alias/moving")), 403,
                "Forbidden.NoPermission");

        JsonNode key = ok(raw(KMS_VERSION, "DescribeKey", Map.of("KeyId", "alias/acs/ecs"))).body()
                .path("KeyMetadata");
        assertEquals("Enabled", key.path("KeyState").asText());
        assertTrue(key.path("Description").asText().startsWith("Default master key"), key.toString());
        assertEquals(1, ok(raw(KMS_VERSION, "ListKeyVersions", Map.of("KeyId", serviceKey))).body()
                .path("TotalCount").asInt());
        ok(raw(KMS_VERSION, "GenerateDataKey", Map.of("KeyId", "alias/acs/ecs")));
        assertEquals(1, ok(raw(KMS_VERSION, "ListAliasesByKeyId", Map.of("KeyId", serviceKey))).body()
                .path("Aliases").path("Alias").size(), "only alias/acs/ecs names the service key");
    }

    // ---- (10) strict parsing ----

    @Test
    void integersAreAsciiDigitsOnly() throws Exception {
        String keyId = createKey();
        for (String days : List.of("\u0667", "\uFF17", "+7", " 7", "7 ", "7.0", "0x7", "-7", "7\u0000",
                "99999999999999999999")) {
            RawResponse r = raw(KMS_VERSION, "ScheduleKeyDeletion", Map.of("KeyId", keyId, "PendingWindowInDays",
                    days));
            assertError(r, 400, "InvalidParameter");
            assertTrue(r.message().contains("PendingWindowInDays"), r.message());
        }
        assertEquals("Enabled", raw(KMS_VERSION, "DescribeKey", Map.of("KeyId", keyId)).body().path("KeyMetadata")
                .path("KeyState").asText(), "no deletion was scheduled");

        Map<String, String> disk = Map.of("ZoneId", "cn-hangzhou-i", "DiskCategory", "cloud_essd");
        for (String size : List.of("\uFF12\uFF10", "\u0662\u0660", "+20", " 20", "20\t")) {
            RawResponse r = raw(ECS_VERSION, "CreateDisk", with(disk, "Size", size));
            assertError(r, 400, "InvalidParameter");
            assertTrue(r.message().contains("Size"), r.message());
        }
        assertEquals(0, raw(ECS_VERSION, "DescribeDisks", Map.of()).body().path("TotalCount").asInt());
        ok(raw(ECS_VERSION, "CreateDisk", with(disk, "Size", "020")));

        RawResponse index = raw(ECS_VERSION, "RunInstances", Map.of("ZoneId", "cn-hangzhou-i", "InstanceType",
                "ecs.g7.large", "ImageId", IMAGE, "Password", PASSWORD, "DataDisk.+1.Size", "20"));
        assertError(index, 400, "InvalidParameter");
        assertError(raw(ECS_VERSION, "RunInstances", Map.of("ZoneId", "cn-hangzhou-i", "InstanceType",
                "ecs.g7.large", "ImageId", IMAGE, "Password", PASSWORD, "DataDisk.\u0661.Size", "20")), 400,
                "InvalidParameter");
    }

    @Test
    void booleansAreTrueOrFalseOnly() throws Exception {
        Map<String, String> disk = Map.of("ZoneId", "cn-hangzhou-i", "DiskCategory", "cloud_essd", "Size", "20");
        for (String value : List.of("yes", "1", " true", "true ", "tru\u0065\u0301")) {
            RawResponse r = raw(ECS_VERSION, "CreateDisk", with(disk, "Encrypted", value));
            assertError(r, 400, "InvalidParameter");
            assertTrue(r.message().contains("Encrypted"), r.message());
        }
        ok(raw(ECS_VERSION, "CreateDisk", with(disk, "Encrypted", "TRUE")));
    }

    @Test
    void aTrustPolicyNeedsVersionEffectActionAndPrincipal() throws Exception {
        String statementTail = "\"Principal\":{\"Service\":[\"ecs.aliyuncs.com\"]}}],\"Version\":\"1\"}";
        Map<String, String> wrong = new LinkedHashMap<>();
        wrong.put("{\"Statement\":[{\"Effect\":\"Allow\"," + statementTail, "Action");
        wrong.put("{\"Statement\":[{\"Action\":\"sts:AssumeRole\",\"Effect\":\"Allow\"}],\"Version\":\"1\"}",
                "Principal");
        wrong.put("{\"Statement\":[{\"Action\":\"sts:AssumeRole\",\"Effect\":\"Allow\",\"Principal\":{}}],"
                + "\"Version\":\"1\"}", "Principal");
        wrong.put("{\"Statement\":[{\"Action\":\"ecs:*\",\"Effect\":\"Allow\"," + statementTail, "Action");
        wrong.put("{\"Statement\":[{\"Action\":\"sts:AssumeRole\",\"Effect\":\"Maybe\"," + statementTail, "Effect");
        wrong.put("{\"Statement\":[{\"Action\":\"sts:AssumeRole\",\"Effect\":\"Allow\",\"Principal\":{\"Service\":"
                + "[\"ecs.aliyuncs.com\"]}}]}", "Version");
        wrong.put("{\"Statement\":[],\"Version\":\"1\"}", "Statement");
        wrong.put("{\"Statement\":[{\"Action\":\"sts:AssumeRole\",\"Effect\":\"Allow\"," + statementTail + "x",
                "JSON");
        for (Map.Entry<String, String> policy : wrong.entrySet()) {
            RawResponse r = raw(RAM_VERSION, "CreateRole", Map.of("RoleName", "fuzzed", "AssumeRolePolicyDocument",
                    policy.getKey()));
            assertError(r, 400, "MalformedPolicyDocument");
            assertTrue(r.message().contains(policy.getValue()), () -> policy.getValue() + " in " + r.message());
        }
        assertEquals(0, raw(RAM_VERSION, "ListRoles", Map.of()).body().path("Roles").path("Role").size());
        ok(raw(RAM_VERSION, "CreateRole", Map.of("RoleName", "fuzzed", "AssumeRolePolicyDocument",
                "{\"Statement\":[{\"Action\":[\"sts:AssumeRole\"],\"Effect\":\"Allow\",\"Principal\":{\"RAM\":"
                        + "\"acs:ram::1234567890:root\"}}],\"Version\":\"1\"}")));
    }

    // ---- (11) EncryptionContext and other JSON text ----

    @Test
    void unpairedSurrogatesInJsonParametersAreRefused() throws Exception {
        String keyId = createKey();
        for (String context : List.of("{\"a\":\"\\ud800\"}", "{\"\\udc00\":\"a\"}", "{\"a\":\"x\\ud800y\"}")) {
            RawResponse r = raw(KMS_VERSION, "Encrypt", Map.of("KeyId", keyId, "Plaintext", "aGVsbG8=",
                    "EncryptionContext", context));
            assertError(r, 400, "InvalidParameter");
            assertTrue(r.message().contains("EncryptionContext"), r.message());
        }
        String blob = ok(raw(KMS_VERSION, "Encrypt", Map.of("KeyId", keyId, "Plaintext", "aGVsbG8=",
                "EncryptionContext", "{\"a\":\"?\"}"))).body().path("CiphertextBlob").asText();
        assertError(raw(KMS_VERSION, "Decrypt", Map.of("CiphertextBlob", blob, "EncryptionContext",
                "{\"a\":\"\\ud800\"}")), 400, "InvalidParameter");
        // A pair is a character and is bound as one.
        ok(raw(KMS_VERSION, "Encrypt", Map.of("KeyId", keyId, "Plaintext", "aGVsbG8=", "EncryptionContext",
                "{\"a\":\"\\ud835\\udc00\"}")));
        assertError(raw(KMS_VERSION, "TagResource", Map.of("KeyId", keyId, "Tags",
                "[{\"TagKey\":\"\\ud800\",\"TagValue\":\"v\"}]")), 400, "InvalidParameter");
        assertEquals(0, raw(KMS_VERSION, "ListResourceTags", Map.of("KeyId", keyId)).body().path("Tags")
                .path("Tag").size());
    }
}
