package dev.ecskms.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aliyuncs.IAcsClient;
import com.aliyuncs.kms.model.v20160120.CreateKeyRequest;
import com.aliyuncs.kms.model.v20160120.ListKeysRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Signature V1, replay protection, routing and the error shape, with hand-made requests where the SDK cannot. */
class ApiProtocolTest extends ApiTestBase {

    @Test
    void signedGetWithParametersInTheQuery() throws Exception {
        RawResponse r = getSigned(kmsRequest("ListKeys"));
        assertEquals(200, r.status(), () -> r.body().toString());
        assertEquals("application/json;charset=utf-8", r.contentType());
        assertTrue(r.body().hasNonNull("RequestId"));
        assertEquals(0, r.body().path("TotalCount").asInt(-1));
    }

    @Test
    void signedPostWithParametersSplitBetweenQueryAndFormBody() throws Exception {
        Map<String, String> all = signed("POST", withDescription(kmsRequest("CreateKey"), "from a form body"),
                ACCESS_KEY_SECRET);
        Map<String, String> query = new LinkedHashMap<>();
        Map<String, String> body = new LinkedHashMap<>();
        all.forEach((k, v) -> (k.equals("Action") || k.equals("Signature") ? query : body).put(k, v));
        RawResponse r = postForm(query, body);
        assertEquals(200, r.status(), () -> r.body().toString());
        assertEquals("from a form body", r.body().path("KeyMetadata").path("Description").asText());
    }

    @Test
    void wrongSecretIsSignatureDoesNotMatchWithTheServersStringToSign() throws Exception {
        Map<String, String> params = kmsRequest("CreateKey");
        RawResponse r = get(signed("GET", params, "not-the-secret"));
        assertError(r, 400, "SignatureDoesNotMatch");
        assertTrue(r.message().endsWith("string to sign is:" + SignatureV1.stringToSign("GET", params)), r.message());
        assertEquals(0, keyCount());
    }

    /** The SDK compares the server's StringToSign with its own; equal strings mean "your secret is wrong". */
    @Test
    void sdkWithWrongSecretRecognisesTheMismatchAsItsSecret() throws Exception {
        IAcsClient wrong = client(ACCESS_KEY_ID, "not-the-secret");
        try {
            assertSdkError("SDK.InvalidAccessKeySecret", () -> call(wrong, new CreateKeyRequest()));
        } finally {
            wrong.shutdown();
        }
        assertEquals(0, keyCount());
    }

    @Test
    void parameterChangedAfterSigningIsRefused() throws Exception {
        Map<String, String> params = signed("GET", kmsRequest("CreateKey"), ACCESS_KEY_SECRET);
        params.put("Description", "added later");
        assertError(get(params), 400, "SignatureDoesNotMatch");
        assertEquals(0, keyCount());
    }

    @Test
    void unknownAccessKeyId() throws Exception {
        IAcsClient stranger = client("LTAIunknownKey000000000", "whatever");
        try {
            assertSdkError("InvalidAccessKeyId.NotFound", () -> call(stranger, new ListKeysRequest()));
        } finally {
            stranger.shutdown();
        }
        Map<String, String> params = kmsRequest("ListKeys");
        params.put("AccessKeyId", "LTAIunknownKey000000000");
        assertError(getSigned(params), 404, "InvalidAccessKeyId.NotFound");
    }

    @Test
    void timestampMoreThanFifteenMinutesOffIsRefused() throws Exception {
        Map<String, String> old = kmsRequest("CreateKey");
        old.put("Timestamp", Instant.now().minus(Duration.ofMinutes(16)).truncatedTo(ChronoUnit.SECONDS).toString());
        assertError(getSigned(old), 400, "IllegalTimestamp");

        Map<String, String> future = kmsRequest("CreateKey");
        future.put("Timestamp", Instant.now().plus(Duration.ofMinutes(16)).truncatedTo(ChronoUnit.SECONDS).toString());
        assertError(getSigned(future), 400, "IllegalTimestamp");

        Map<String, String> garbled = kmsRequest("CreateKey");
        garbled.put("Timestamp", "yesterday");
        assertError(getSigned(garbled), 400, "IllegalTimestamp");
        assertEquals(0, keyCount());
    }

    /** Users fast-forward simulated time; clients keep signing with the real time, which must keep working. */
    @Test
    void timestampIsCheckedAgainstTheRealClockNotTheSimulatedOne() throws Exception {
        simulator.clock().fastForward(Duration.ofDays(30));
        assertEquals(200, getSigned(kmsRequest("ListKeys")).status());
    }

    @Test
    void reusedNonceIsRefusedAndTheReplayChangesNothing() throws Exception {
        Map<String, String> create = signed("GET", kmsRequest("CreateKey"), ACCESS_KEY_SECRET);
        assertEquals(200, get(create).status());
        assertError(get(create), 400, "SignatureNonceUsed");
        assertEquals(1, keyCount());
    }

    @Test
    void missingSignatureIsIncomplete() throws Exception {
        RawResponse r = get(kmsRequest("ListKeys"));
        assertError(r, 400, "IncompleteSignature");
    }

    @Test
    void missingCommonParameterIsNamed() throws Exception {
        Map<String, String> params = kmsRequest("ListKeys");
        params.remove("SignatureNonce");
        RawResponse r = getSigned(params);
        assertError(r, 400, "MissingParameter");
        assertTrue(r.message().contains("SignatureNonce"), r.message());

        Map<String, String> noTimestamp = kmsRequest("ListKeys");
        noTimestamp.remove("Timestamp");
        assertError(getSigned(noTimestamp), 400, "MissingParameter");
    }

    @Test
    void unsupportedSignatureMethod() throws Exception {
        Map<String, String> params = kmsRequest("ListKeys");
        params.put("SignatureMethod", "HMAC-SHA256");
        RawResponse r = getSigned(params);
        assertError(r, 400, "InvalidParameter");
        assertTrue(r.message().contains("SignatureMethod"), r.message());
    }

    @Test
    void onlyGetAndPostAreAccepted() throws Exception {
        RawResponse r = send("PUT", form(signed("PUT", kmsRequest("ListKeys"), ACCESS_KEY_SECRET)), null);
        assertError(r, 403, "UnsupportedHTTPMethod");
        assertError(send("DELETE", "", null), 403, "UnsupportedHTTPMethod");
        var head = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://" + server.endpoint() + "/"))
                .method("HEAD", java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(403, head.statusCode());
    }

    @Test
    void unknownActionAndVersion() throws Exception {
        assertError(getSigned(kmsRequest("MakeCoffee")), 404, "InvalidAction.NotFound");
        Map<String, String> params = kmsRequest("ListKeys");
        params.put("Version", "2099-01-01");
        assertError(getSigned(params), 400, "InvalidVersion");
    }

    @Test
    void regionMustExistAndKmsFallsBackToTheDefaultRegion() throws Exception {
        Map<String, String> unknown = kmsRequest("ListKeys");
        unknown.put("RegionId", "mars-north-1");
        assertError(getSigned(unknown), 404, "InvalidRegionId.NotFound");
        // KMS's API has no RegionId: a call without one is in the endpoint's default region (cn-hangzhou).
        Map<String, String> kms = kmsRequest("CreateKey");
        kms.remove("RegionId");
        RawResponse created = getSigned(kms);
        assertEquals(200, created.status(), () -> created.body().toString());
        assertTrue(created.body().path("KeyMetadata").path("Arn").asText().startsWith("acs:kms:cn-hangzhou:"));
        // ECS's RegionId is required: with no region in the host either, it is missing.
        Map<String, String> ecs = rpcRequest(ECS_VERSION, "DescribeDisks");
        ecs.remove("RegionId");
        assertError(getSigned(ecs), 400, "MissingParameter");
    }

    @Test
    void missingActionParameter() throws Exception {
        RawResponse r = getSigned(kmsRequest("DescribeKey"));
        assertError(r, 400, "MissingParameter");
        assertTrue(r.message().contains("KeyId"), r.message());
    }

    @Test
    void badValuesAre400AndChangeNothing() throws Exception {
        String keyId = createKeyRaw();

        Map<String, String> badBase64 = kmsRequest("Encrypt");
        badBase64.put("KeyId", keyId);
        badBase64.put("Plaintext", "not base64 !!!");
        RawResponse r = getSigned(badBase64);
        assertError(r, 400, "InvalidParameter");
        assertTrue(r.message().contains("Plaintext"), r.message());

        Map<String, String> oversized = kmsRequest("Encrypt");
        oversized.put("KeyId", keyId);
        oversized.put("Plaintext", Base64.getEncoder().encodeToString(new byte[7000]));
        r = postSigned(oversized);
        assertError(r, 400, "InvalidParameter");
        assertTrue(r.message().contains("Plaintext"), r.message());

        Map<String, String> badContext = kmsRequest("GenerateDataKey");
        badContext.put("KeyId", keyId);
        badContext.put("EncryptionContext", "{purpose: disk");
        assertError(getSigned(badContext), 400, "InvalidParameter");

        Map<String, String> nonStringContext = kmsRequest("GenerateDataKey");
        nonStringContext.put("KeyId", keyId);
        nonStringContext.put("EncryptionContext", "{\"n\":1}");
        assertError(getSigned(nonStringContext), 400, "InvalidParameter");

        Map<String, String> badNumber = kmsRequest("ListKeys");
        badNumber.put("PageSize", "ten");
        r = getSigned(badNumber);
        assertError(r, 400, "InvalidParameter");
        assertTrue(r.message().contains("PageSize"), r.message());

        Map<String, String> badBytes = kmsRequest("GenerateDataKey");
        badBytes.put("KeyId", keyId);
        badBytes.put("NumberOfBytes", "4096");
        assertError(getSigned(badBytes), 400, "InvalidParameter");

        Map<String, String> badTags = kmsRequest("TagResource");
        badTags.put("KeyId", keyId);
        badTags.put("Tags", "[{\"Key\":\"k\"}]");
        assertError(getSigned(badTags), 400, "InvalidParameter");

        Map<String, String> badBoolean = kmsRequest("UpdateRotationPolicy");
        badBoolean.put("KeyId", keyId);
        badBoolean.put("EnableAutomaticRotation", "yes");
        assertError(getSigned(badBoolean), 400, "InvalidParameter");

        Map<String, String> listTags = kmsRequest("ListResourceTags");
        listTags.put("KeyId", keyId);
        assertEquals(0, getSigned(listTags).body().path("Tags").path("Tag").size());
        assertEquals(1, keyCount());
    }

    @Test
    void oversizedBodyIsRefused() throws Exception {
        Map<String, String> params = kmsRequest("CreateKey");
        params.put("Description", "x".repeat(RpcRequestReader.MAX_BODY_BYTES));
        assertError(postSigned(params), 400, "InvalidParameter");
        assertEquals(0, keyCount());
    }

    @Test
    void successfulResponsesAreJsonWhateverFormatAsks() throws Exception {
        Map<String, String> params = kmsRequest("ListKeys");
        params.put("Format", "XML");
        RawResponse r = getSigned(params);
        assertEquals(200, r.status());
        assertEquals("application/json;charset=utf-8", r.contentType());
    }

    /** The typed SDK parses these names; managedBy is the simulator's own and absent fields are left out. */
    @Test
    void describeKeyWritesTheRealFieldNamesOnly() throws Exception {
        Map<String, String> describe = kmsRequest("DescribeKey");
        describe.put("KeyId", createKeyRaw());
        RawResponse r = getSigned(describe);
        assertEquals(200, r.status(), () -> r.body().toString());
        java.util.Set<String> allowed = java.util.Set.of("KeyId", "Arn", "KeyState", "KeySpec", "KeyUsage", "Creator",
                "CreationDate", "DeleteDate", "Description", "Origin", "ProtectionLevel", "PrimaryKeyVersion",
                "AutomaticRotation", "RotationInterval", "LastRotationDate", "NextRotationDate", "MaterialExpireTime");
        r.body().path("KeyMetadata").fieldNames().forEachRemaining(name -> assertTrue(allowed.contains(name), name));
        r.body().path("KeyMetadata").forEach(value -> assertTrue(!value.isNull()));
        assertTrue(!r.body().path("KeyMetadata").has("DeleteDate"));
    }

    @Test
    void unexpectedFailureIsInternalErrorWithTheSameShape() throws Exception {
        ActionRegistry registry = new ActionRegistry()
                .product(new ActionRegistry.Product("Test", "2000-01-01", false))
                .action("2000-01-01", "Explode", (ctx, p) -> {
                    throw new IllegalStateException("a bug");
                });
        ApiServer failing = new ApiServer(registry, simulator.accounts(), java.time.Clock.systemUTC());
        ApiServer original = server;
        try {
            failing.start("127.0.0.1", 0);
            server = failing;
            Map<String, String> params = kmsRequest("Explode");
            params.put("Version", "2000-01-01");
            params.remove("RegionId");
            RawResponse r = getSigned(params);
            assertError(r, 500, "InternalError");
            assertTrue(!r.message().contains("a bug"), "internal details stay in the log");
        } finally {
            server = original;
            failing.stop();
        }
    }

    private String createKeyRaw() throws Exception {
        RawResponse r = getSigned(kmsRequest("CreateKey"));
        assertEquals(200, r.status(), () -> r.body().toString());
        return r.body().path("KeyMetadata").path("KeyId").asText();
    }

    private RawResponse postSigned(Map<String, String> params) throws Exception {
        return send("POST", "", form(signed("POST", params, ACCESS_KEY_SECRET)));
    }

    private static Map<String, String> withDescription(Map<String, String> params, String description) {
        params.put("Description", description);
        return params;
    }
}
