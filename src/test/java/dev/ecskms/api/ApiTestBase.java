package dev.ecskms.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aliyun.teaopenapi.models.Config;
import com.aliyuncs.AcsRequest;
import com.aliyuncs.AcsResponse;
import com.aliyuncs.CommonRequest;
import com.aliyuncs.CommonResponse;
import com.aliyuncs.DefaultAcsClient;
import com.aliyuncs.IAcsClient;
import com.aliyuncs.exceptions.ClientException;
import com.aliyuncs.http.MethodType;
import com.aliyuncs.http.ProtocolType;
import com.aliyuncs.kms.model.v20160120.ListKeysRequest;
import com.aliyuncs.profile.DefaultProfile;
import com.aliyuncs.ram.model.v20150501.AttachPolicyToRoleRequest;
import com.aliyuncs.ram.model.v20150501.CreateRoleRequest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecskms.sim.Simulator;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * A simulator on a fresh data dir, an API server on an ephemeral port, the official SDK pointed at it, and a raw
 * HTTP client with a signer for the requests the SDK would never send.
 */
abstract class ApiTestBase {
    static final String ACCESS_KEY_ID = "LTAItestAccessKeyId0001";
    static final String ACCESS_KEY_SECRET = "testAccessKeySecret0000000001";
    static final String REGION = "cn-hangzhou";
    static final String KMS_VERSION = "2016-01-20";
    static final String ECS_VERSION = "2014-05-26";
    static final String RAM_VERSION = "2015-05-01";
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;
    Simulator simulator;
    ApiServer server;
    IAcsClient sdk;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void startServer() {
        simulator = openSimulator(dataDir);
        simulator.accounts().ensureRootAccessKey(ACCESS_KEY_ID, ACCESS_KEY_SECRET);
        server = new ApiServer(simulator.kms(), simulator.ecs(), simulator.instances(), simulator.ram(),
                simulator.trail(), simulator.oos(), simulator.accounts());
        server.start("127.0.0.1", 0);
        sdk = client(ACCESS_KEY_ID, ACCESS_KEY_SECRET);
    }

    /** The simulator under test; tests that drive simulated time alone open it on a fixed base clock. */
    Simulator openSimulator(Path dir) {
        return Simulator.open(dir);
    }

    @AfterEach
    void stopServer() {
        if (sdk != null) {
            sdk.shutdown();
        }
        if (server != null) {
            server.stop();
        }
        if (simulator != null) {
            simulator.close();
        }
    }

    /**
     * The current SDK generation's configuration as a user writes it: endpoint, protocol and credentials, nothing
     * else (V3 signing, no RegionId where the API has none).
     */
    Config currentSdkConfig() {
        return new Config().setAccessKeyId(ACCESS_KEY_ID).setAccessKeySecret(ACCESS_KEY_SECRET)
                .setEndpoint(server.endpoint()).setProtocol("HTTP");
    }

    static IAcsClient client(String accessKeyId, String secret) {
        return new DefaultAcsClient(DefaultProfile.getProfile(REGION, accessKeyId, secret));
    }

    /** The console's one-click authorization, done with the RAM SDK as a script would. */
    void authorizeEcs() throws ClientException {
        CreateRoleRequest role = new CreateRoleRequest();
        role.setRoleName("AliyunECSDiskEncryptDefaultRole");
        role.setAssumeRolePolicyDocument("{\"Statement\":[{\"Action\":\"sts:AssumeRole\",\"Effect\":\"Allow\","
                + "\"Principal\":{\"Service\":[\"ecs.aliyuncs.com\"]}}],\"Version\":\"1\"}");
        call(role);
        AttachPolicyToRoleRequest attach = new AttachPolicyToRoleRequest();
        attach.setPolicyType("System");
        attach.setPolicyName("AliyunECSDiskEncryptRolePolicy");
        attach.setRoleName("AliyunECSDiskEncryptDefaultRole");
        call(attach);
    }

    <T extends AcsResponse> T call(AcsRequest<T> request) throws ClientException {
        return call(sdk, request);
    }

    <T extends AcsResponse> T call(IAcsClient client, AcsRequest<T> request) throws ClientException {
        request.setSysEndpoint(server.endpoint());
        request.setSysProtocol(ProtocolType.HTTP);
        return client.getAcsResponse(request);
    }

    /** Asserts that the SDK call fails with this error code (ServerException is a ClientException). */
    static ClientException assertSdkError(String code, Executable call) {
        ClientException e = assertThrows(ClientException.class, call);
        assertEquals(code, e.getErrCode(), () -> "message: " + e.getErrMsg());
        return e;
    }

    int keyCount() throws ClientException {
        return call(new ListKeysRequest()).getTotalCount();
    }

    // ---- raw, hand-signed requests ----

    record RawResponse(int status, String contentType, JsonNode body) {
        String code() {
            return body.path("Code").asText(null);
        }

        String message() {
            return body.path("Message").asText("");
        }
    }

    /**
     * An action the typed SDK lacks, sent as the SDK's CommonRequest (RPC style, POST, signed like every request).
     * Returns the response body.
     */
    JsonNode common(IAcsClient client, String version, String action, String regionId, Map<String, String> params)
            throws ClientException {
        CommonRequest request = new CommonRequest();
        request.setSysMethod(MethodType.POST);
        request.setSysDomain(server.endpoint());
        request.setSysProtocol(ProtocolType.HTTP);
        request.setSysVersion(version);
        request.setSysAction(action);
        if (regionId != null) {
            request.setSysRegionId(regionId);
            request.putQueryParameter("RegionId", regionId);
        }
        params.forEach(request::putQueryParameter);
        CommonResponse response = client.getCommonResponse(request);
        try {
            return JSON.readTree(response.getData());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + response.getData(), e);
        }
    }

    /** The common parameters of a fresh request, signed later by {@link #signed}. */
    static Map<String, String> kmsRequest(String action) {
        return rpcRequest(KMS_VERSION, action);
    }

    static Map<String, String> rpcRequest(String version, String action) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("Action", action);
        p.put("Version", version);
        p.put("Format", "JSON");
        p.put("AccessKeyId", ACCESS_KEY_ID);
        p.put("SignatureMethod", "HMAC-SHA1");
        p.put("SignatureVersion", "1.0");
        p.put("SignatureNonce", UUID.randomUUID().toString());
        p.put("Timestamp", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        p.put("RegionId", REGION);
        return p;
    }

    static Map<String, String> signed(String method, Map<String, String> params, String secret) {
        Map<String, String> out = new LinkedHashMap<>(params);
        out.remove("Signature");
        out.put("Signature", SignatureV1.sign(secret, SignatureV1.stringToSign(method, out)));
        return out;
    }

    static String form(Map<String, String> params) {
        return params.entrySet().stream()
                .map(e -> SignatureV1.percentEncode(e.getKey()) + "=" + SignatureV1.percentEncode(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    RawResponse get(Map<String, String> signedParams) throws IOException, InterruptedException {
        return send("GET", form(signedParams), null);
    }

    RawResponse postForm(Map<String, String> querySigned, Map<String, String> bodySigned)
            throws IOException, InterruptedException {
        return send("POST", form(querySigned), form(bodySigned));
    }

    /** A hand-made request of any product, signed with the test's secret and sent as a GET. */
    RawResponse raw(String version, String action, Map<String, String> params)
            throws IOException, InterruptedException {
        Map<String, String> p = rpcRequest(version, action);
        p.putAll(params);
        return getSigned(p);
    }

    /** Signs with the test's secret and sends as a GET. */
    RawResponse getSigned(Map<String, String> params) throws IOException, InterruptedException {
        return get(signed("GET", params, ACCESS_KEY_SECRET));
    }

    RawResponse send(String method, String query, String formBody) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://" + server.endpoint() + "/"
                + (query == null || query.isEmpty() ? "" : "?" + query)));
        if (formBody == null) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", "application/x-www-form-urlencoded")
                    .method(method, HttpRequest.BodyPublishers.ofString(formBody));
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        String contentType = r.headers().firstValue("Content-Type").orElse("");
        assertTrue(!r.body().isEmpty(), "every response has a body");
        return new RawResponse(r.statusCode(), contentType, JSON.readTree(r.body()));
    }

    /** The error shape of the real service: the five fields, JSON content type, the code's status. */
    static void assertError(RawResponse r, int status, String code) {
        assertEquals(code, r.code(), () -> "body: " + r.body());
        assertEquals(status, r.status(), () -> "body: " + r.body());
        assertEquals("application/json;charset=utf-8", r.contentType());
        for (String field : new String[] {"RequestId", "HostId", "Code", "Message", "Recommend"}) {
            assertTrue(r.body().hasNonNull(field), () -> field + " missing in " + r.body());
        }
    }
}
