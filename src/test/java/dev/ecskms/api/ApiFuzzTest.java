package dev.ecskms.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ecskms.sim.common.CallContext;
import dev.ecskms.sim.ecs.Catalog;
import dev.ecskms.sim.ecs.DescribeDisksRequest;
import dev.ecskms.sim.ecs.DescribeSnapshotsRequest;
import dev.ecskms.sim.ecs.Disk;
import dev.ecskms.sim.ecs.Instance;
import dev.ecskms.sim.ecs.Region;
import dev.ecskms.sim.ecs.Snapshot;
import dev.ecskms.sim.guest.OsImage;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Seeded fuzzing of the running endpoint (issue 7): correctly signed requests over every registered action of every
 * product with missing, empty, huge, control-character, Unicode-digit, overflowing, wrong-JSON, unpaired-surrogate,
 * wrong and path-traversal values, then unsigned and garbage-parameter requests. No answer may be a 5xx; every
 * answer is JSON with a RequestId, and errors carry Code and Message; the server still answers afterwards, and
 * what the requests left behind is consistent (no disk without its volume file, no volume without its disk).
 *
 * <p>Reproducible: the same seed sends the same requests. {@code -Dfuzz.requests=N} (signed requests, default 2000),
 * {@code -Dfuzz.unsigned=M} (default a tenth of N, at least 200) and {@code -Dfuzz.seed=S} change the run; see
 * scripts/fuzz.sh for the large one.
 */
class ApiFuzzTest extends ApiTestBase {
    private static final long SEED = Long.getLong("fuzz.seed", 20261128L);
    private static final int SIGNED = Integer.getInteger("fuzz.requests", 2000);
    private static final int UNSIGNED = Integer.getInteger("fuzz.unsigned", Math.max(200, SIGNED / 10));
    private static final String PASSWORD = "Fuzz-Passw0rd";
    private static final String ZONE = "cn-hangzhou-i";
    private static final Pattern HTTP_STATUS = Pattern.compile("^HTTP/1\\.1 (\\d{3})");

    /** The parameters each action reads (from KmsActions, EcsActions, InstanceActions, RamActions). */
    private static final Map<String, List<String>> PARAMETERS = parameters("""
            CreateKey: KeySpec KeyUsage Origin ProtectionLevel Description EnableAutomaticRotation RotationInterval
            DescribeKey: KeyId
            ListKeys: PageNumber PageSize
            UpdateKeyDescription: KeyId Description
            EnableKey: KeyId
            DisableKey: KeyId
            ScheduleKeyDeletion: KeyId PendingWindowInDays
            CancelKeyDeletion: KeyId
            CreateAlias: AliasName KeyId
            UpdateAlias: AliasName KeyId
            DeleteAlias: AliasName
            ListAliases: PageNumber PageSize
            ListAliasesByKeyId: KeyId PageNumber PageSize
            GenerateDataKey: KeyId KeySpec NumberOfBytes EncryptionContext
            GenerateDataKeyWithoutPlaintext: KeyId KeySpec NumberOfBytes EncryptionContext
            Encrypt: KeyId Plaintext EncryptionContext
            Decrypt: CiphertextBlob EncryptionContext
            UpdateRotationPolicy: KeyId EnableAutomaticRotation RotationInterval
            CreateKeyVersion: KeyId
            ListKeyVersions: KeyId PageNumber PageSize
            DescribeKeyVersion: KeyId KeyVersionId
            GetParametersForImport: KeyId WrappingAlgorithm WrappingKeySpec
            ImportKeyMaterial: KeyId EncryptedKeyMaterial ImportToken KeyMaterialExpireUnix
            DeleteKeyMaterial: KeyId
            TagResource: KeyId Tags
            UntagResource: KeyId TagKeys
            ListResourceTags: KeyId
            DescribeRegions:
            DescribeZones:
            CreateDisk: ZoneId DiskCategory Size SnapshotId PerformanceLevel Encrypted KMSKeyId EncryptAlgorithm DiskName Description ClientToken InstanceId
            DescribeDisks: DiskIds ZoneId InstanceId DiskType Category Status Encrypted KMSKeyId PageNumber PageSize
            ModifyDiskAttribute: DiskId DiskName Description DeleteWithInstance
            ResizeDisk: DiskId NewSize Type
            DeleteDisk: DiskId
            CreateSnapshot: DiskId SnapshotName Description
            DescribeSnapshots: SnapshotIds DiskId Encrypted KMSKeyId Status SnapshotOwnerAlias PageNumber PageSize
            DeleteSnapshot: SnapshotId
            ModifySnapshotSharePermission: SnapshotId AddAccount.1 AddAccount.2 RemoveAccount.1
            DescribeSnapshotSharePermission: SnapshotId
            EnableDiskEncryptionByDefault:
            DisableDiskEncryptionByDefault:
            DescribeDiskEncryptionByDefaultStatus:
            ModifyDiskDefaultKMSKeyId: KMSKeyId
            DescribeDiskDefaultKMSKeyId:
            ResetDiskDefaultKMSKeyId:
            DescribeInstanceTypes: InstanceTypeFamily InstanceTypes.1 InstanceTypes.2
            DescribeImages: ImageOwnerAlias OSType ImageId PageNumber PageSize
            RunInstances: ZoneId InstanceType ImageId Amount Password InstanceName HostName ClientToken DryRun SystemDisk.Category SystemDisk.Size SystemDisk.PerformanceLevel SystemDisk.Encrypted SystemDisk.KMSKeyId DataDisk.1.Category DataDisk.1.Size DataDisk.1.SnapshotId DataDisk.1.PerformanceLevel DataDisk.1.Encrypted DataDisk.1.KMSKeyId DataDisk.1.DeleteWithInstance
            DescribeInstances: InstanceIds Status PageNumber PageSize
            DescribeInstanceStatus: InstanceId.1 InstanceId.2 PageNumber PageSize
            StartInstance: InstanceId DryRun
            StopInstance: InstanceId ForceStop DryRun
            RebootInstance: InstanceId ForceStop DryRun
            DeleteInstance: InstanceId Force DryRun
            AttachDisk: InstanceId DiskId DeleteWithInstance Bootable
            DetachDisk: InstanceId DiskId
            GetInstanceScreenshot: InstanceId
            GetInstanceConsoleOutput: InstanceId
            RunCommand: Type CommandContent ContentEncoding InstanceId.1 InstanceId.2 Name
            DescribeInvocations: InvokeId InstanceId IncludeOutput ContentEncoding PageNumber PageSize
            DescribeInvocationResults: InvokeId InstanceId ContentEncoding PageNumber PageSize
            CreateRole: RoleName AssumeRolePolicyDocument Description MaxSessionDuration
            GetRole: RoleName
            ListRoles: MaxItems Marker
            AttachPolicyToRole: PolicyType PolicyName RoleName
            ListPoliciesForRole: RoleName
            """);

    /** Actions that create or destroy something expensive: sent less often, so that a run stays short. */
    private static final Set<String> HEAVY = Set.of("RunInstances", "GetParametersForImport", "CreateSnapshot",
            "RunCommand");

    private Random random;
    private final Map<String, List<String>> pools = new LinkedHashMap<>();
    private final List<String> failures = new ArrayList<>();
    private final Map<Integer, Integer> statuses = new java.util.TreeMap<>();
    private int lastStatus;

    @Test
    void malformedRequestsNeverGetA5xxAndAlwaysGetTheErrorShape() throws Exception {
        random = new Random(SEED);
        prepareResources();
        List<String[]> actions = new ArrayList<>();
        ActionRegistry registry = ApiServer.registry(simulator.kms(), simulator.ecs(), simulator.instances(),
                simulator.ram());
        for (ActionRegistry.Product product : registry.products()) {
            for (String action : registry.actions(product.version())) {
                actions.add(new String[] {product.version(), action});
            }
        }
        assertTrue(actions.size() >= 60, "every product's actions: " + actions.size());
        long started = System.nanoTime();
        for (int n = 0; n < SIGNED; n++) {
            String[] target = actions.get(random.nextInt(actions.size()));
            if (HEAVY.contains(target[1]) && random.nextInt(4) != 0) {
                target = actions.get(random.nextInt(actions.size()));
            }
            signedRequest(n, target[0], target[1]);
        }
        for (int n = 0; n < UNSIGNED; n++) {
            if (n % 4 == 3) {
                rawGarbage(n); // a quarter is not even HTTP an HTTP client would send
            } else {
                garbageRequest(n, actions.get(random.nextInt(actions.size())));
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("ApiFuzzTest: seed %d, %d signed + %d unsigned requests in %.1f s, statuses %s,"
                + " 5xx or malformed answers: %d%n", SEED, SIGNED, UNSIGNED, seconds, statuses, failures.size());

        // The server still answers, and correctly.
        RawResponse after = getSigned(kmsRequest("ListKeys"));
        assertEquals(200, after.status(), () -> after.body().toString());
        assertTrue(failures.isEmpty(), () -> failures.size() + " bad answers (seed " + SEED + "):\n"
                + String.join("\n", failures.subList(0, Math.min(30, failures.size()))));
        assertConsistentState();
    }

    // ---------------------------------------------------------------- setup

    /** Real resources, so that valid-looking values reach past "not found" into the services. */
    private void prepareResources() throws Exception {
        String cmk = okBody(KMS_VERSION, "CreateKey", Map.of("Description", "fuzz")).path("KeyMetadata")
                .path("KeyId").asText();
        String external = okBody(KMS_VERSION, "CreateKey", Map.of("Origin", "EXTERNAL")).path("KeyMetadata")
                .path("KeyId").asText();
        okBody(KMS_VERSION, "CreateAlias", Map.of("KeyId", cmk, "AliasName", "alias/fuzz"));
        String serviceKey = okBody(ECS_VERSION, "DescribeDiskDefaultKMSKeyId", Map.of()).path("KMSKeyId").asText();
        authorizeEcs();
        String version = okBody(KMS_VERSION, "ListKeyVersions", Map.of("KeyId", cmk)).path("KeyVersions")
                .path("KeyVersion").get(0).path("KeyVersionId").asText();
        String blob = okBody(KMS_VERSION, "Encrypt", Map.of("KeyId", cmk, "Plaintext", "aGVsbG8=",
                "EncryptionContext", "{\"purpose\":\"fuzz\"}")).path("CiphertextBlob").asText();
        String token = okBody(KMS_VERSION, "GetParametersForImport", Map.of("KeyId", external, "WrappingAlgorithm",
                "RSAES_OAEP_SHA_256", "WrappingKeySpec", "RSA_2048")).path("ImportToken").asText();
        String disk = okBody(ECS_VERSION, "CreateDisk", Map.of("ZoneId", ZONE, "DiskCategory", "cloud_essd",
                "Size", "20", "Encrypted", "true", "KMSKeyId", cmk)).path("DiskId").asText();
        String plainDisk = okBody(ECS_VERSION, "CreateDisk", Map.of("ZoneId", ZONE, "DiskCategory", "cloud_essd",
                "Size", "20")).path("DiskId").asText();
        simulator.clock().fastForward(Duration.ofMinutes(1));
        String snapshot = okBody(ECS_VERSION, "CreateSnapshot", Map.of("DiskId", disk)).path("SnapshotId").asText();
        String instance = okBody(ECS_VERSION, "RunInstances", Map.of("ZoneId", ZONE, "InstanceType", "ecs.g7.large",
                "ImageId", OsImage.ALIYUN_3.imageId(), "Password", PASSWORD, "InstanceName", "fuzz"))
                .path("InstanceIdSets").path("InstanceIdSet").get(0).asText();
        simulator.clock().fastForward(Duration.ofMinutes(1));
        String account = simulator.accounts().rootAccountId();

        pools.put("KeyId", List.of(cmk, external, serviceKey, "alias/fuzz", "alias/acs/ecs",
                "acs:kms:" + REGION + ":" + account + ":key/" + cmk, "acs:kms:cn-beijing:" + account + ":key/" + cmk,
                "acs:kms:" + REGION + ":" + account + ":alias/fuzz", UUID.randomUUID().toString()));
        pools.put("KMSKeyId", pools.get("KeyId"));
        pools.put("KeyVersionId", List.of(version, UUID.randomUUID().toString()));
        pools.put("CiphertextBlob", List.of(blob, blob.substring(0, blob.length() / 2), "RUtDMSQ=", "AAAA"));
        pools.put("ImportToken", List.of(token, Base64.getEncoder().encodeToString("x".getBytes())));
        pools.put("DiskId", List.of(disk, plainDisk, "d-notadiskatall00000"));
        pools.put("SnapshotId", List.of(snapshot, "s-notasnapshot00000"));
        pools.put("InstanceId", List.of(instance, "i-notaninstance0000"));
        pools.put("DiskIds", List.of("[\"" + disk + "\"]", "[\"" + disk + "\",\"" + plainDisk + "\"]", "[]"));
        pools.put("SnapshotIds", List.of("[\"" + snapshot + "\"]", "[]"));
        pools.put("InstanceIds", List.of("[\"" + instance + "\"]", "[]"));
        pools.put("InvokeId", List.of("t-notaninvocation0", "t-" + instance.substring(2)));
        pools.put("AddAccount", List.of(account, "1234567890123456", "0"));
        pools.put("RoleName", List.of("AliyunECSDiskEncryptDefaultRole", "fuzz-role", "fuzz.role-2"));
    }

    private JsonNode okBody(String version, String action, Map<String, String> params) throws Exception {
        RawResponse r = raw(version, action, params);
        assertEquals(200, r.status(), () -> action + ": " + r.body());
        return r.body();
    }

    // ----------------------------------------------------------- requests

    private void signedRequest(int n, String version, String action) throws Exception {
        Map<String, String> params = rpcRequest(version, action);
        params.put("SignatureNonce", nonce());
        List<String> names = PARAMETERS.getOrDefault(action, List.of("KeyId", "DiskId", "InstanceId", "Name"));
        for (String name : names) {
            if (random.nextInt(10) < 8) {
                params.put(name, valid(name));
            }
        }
        // Mutate up to three parameters: the action's own mostly, sometimes a common one or a renamed one. One
        // request in six goes unmutated, so that valid requests change the state the others run against.
        int mutations = random.nextInt(6) == 0 ? 0 : 1 + random.nextInt(3);
        for (int m = 0; m < mutations; m++) {
            int dice = random.nextInt(100);
            String name;
            if (dice < 80 && !names.isEmpty()) {
                name = names.get(random.nextInt(names.size()));
            } else if (dice < 90) {
                name = pick(List.of("RegionId", "Format", "Version", "Action", "Timestamp", "SignatureMethod",
                        "SignatureVersion", "AccessKeyId"));
            } else {
                name = mutatedName(names.isEmpty() ? "KeyId" : names.get(random.nextInt(names.size())));
            }
            String value = mutatedValue(name);
            if (value == null) {
                params.remove(name);
            } else {
                params.put(name, value);
            }
        }
        if (params.containsKey("Version") && params.containsKey("Action") && random.nextInt(50) == 0) {
            params.put("Action", pick(List.of("NoSuchAction", "../../ListKeys", "ListKeys\u0000", "")));
        }
        if (random.nextInt(4) == 0) {
            sendV3(n, action, params); // a quarter as the current SDK generation signs them
        } else {
            send(n, action, signed("POST", params, ACCESS_KEY_SECRET), true);
        }
    }

    /**
     * The same mutated parameters, signed with signature V3 (action and version in headers, the rest in the query or
     * a form or JSON body), sometimes to a real-form host naming a region, sometimes with a signed part changed.
     */
    private void sendV3(int n, String action, Map<String, String> params) {
        Map<String, String> rest = new LinkedHashMap<>(params);
        String version = rest.remove("Version");
        rest.remove("Action");
        for (String v1Only : List.of("Signature", "SignatureMethod", "SignatureVersion", "SignatureNonce", "Timestamp",
                "AccessKeyId", "Format")) {
            rest.remove(v1Only);
        }
        String host = switch (random.nextInt(4)) {
            case 0 -> pick(List.of("kms", "ecs", "ram")) + "." + pick(List.of("cn-shanghai", "cn-hangzhou",
                    "xx-nowhere-9", "")) + ".aliyuncs.com";
            case 1 -> "ecs-" + pick(List.of("cn-beijing", "moon-1")) + ".aliyuncs.com";
            default -> server.endpoint();
        };
        V3Request request = V3Request.of(host, version == null ? "" : version, action);
        switch (random.nextInt(3)) {
            case 0 -> request.query.putAll(rest);
            case 1 -> request.formBody(rest);
            default -> {
                try {
                    request.jsonBody(JSON.writeValueAsString(rest));
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        request.sign(ACCESS_KEY_ID, ACCESS_KEY_SECRET);
        if (random.nextInt(8) == 0) { // a signed part changed after signing, or a header left out
            switch (random.nextInt(4)) {
                case 0 -> request.headers.put("x-acs-date", pick(List.of("2001-01-01T00:00:00Z", "now", "")));
                case 1 -> request.headers.remove("x-acs-signature-nonce");
                case 2 -> request.body = (new String(request.body, StandardCharsets.UTF_8) + "&x=1")
                        .getBytes(StandardCharsets.UTF_8);
                default -> request.authorization = request.authorization.replace("Signature=", "Signature=0");
            }
        }
        String what;
        try {
            V3Request.Answer answer = request.send(server.endpoint());
            statuses.merge(answer.status(), 1, Integer::sum);
            what = answer.status() >= 500 ? "5xx " + answer.body()
                    : !answer.contentType().startsWith("application/json") ? "not JSON content"
                    : answer.body() == null || answer.body().path("RequestId").asText("").isEmpty() ? "no RequestId"
                    : answer.status() != 200 && (answer.code() == null || answer.message().isEmpty())
                            ? "an error without Code and Message"
                    : null;
        } catch (IOException | RuntimeException e) {
            what = "no JSON answer: " + e;
        }
        if (what != null) {
            fail(n, "V3 " + action, rest, what);
        }
    }

    /** Well-formed HTTP with no or a wrong signature, or garbage parameters. */
    private void garbageRequest(int n, String[] target) throws Exception {
        Map<String, String> params = rpcRequest(target[0], target[1]);
        params.put("SignatureNonce", nonce());
        switch (random.nextInt(8)) {
            case 0 -> params.put("Signature", "");
            case 1 -> params.put("Signature", randomString(28));
            case 2 -> params.remove("AccessKeyId");
            case 3 -> {
                params.clear();
                for (int i = random.nextInt(6); i >= 0; i--) {
                    String value = mutatedValue("X");
                    params.put(randomString(1 + random.nextInt(12)), value == null ? "" : value);
                }
            }
            case 4 -> params = signed("POST", params, "not-the-secret");
            case 5 -> {
                params.put("Timestamp", pick(List.of("yesterday", "2001-01-01T00:00:00Z", "", "\u0662\u0660\u0662\u0666")));
                params = signed("POST", params, ACCESS_KEY_SECRET);
            }
            case 6 -> {
                params.remove("Version");
                params = signed("POST", params, ACCESS_KEY_SECRET);
            }
            default -> {
                for (String name : PARAMETERS.getOrDefault(target[1], List.of())) {
                    String value = mutatedValue(name);
                    if (value != null) {
                        params.put(name, value);
                    }
                }
                params.remove("Signature"); // unsigned
            }
        }
        if (random.nextInt(10) == 0) {
            sendRaw(n, target[1], pick(List.of("PUT", "DELETE", "PATCH")), SignatureV1.canonicalQuery(params), null,
                    params);
            return;
        }
        if (random.nextInt(10) == 0) {
            String broken = pick(List.of("Action=%zz", "%", "a=%E0%A4", "=&=&&", "Action=" + "A".repeat(3000),
                    "Version=2016-01-20&Version=2014-05-26"));
            sendRaw(n, target[1], "POST", null, broken, params);
            return;
        }
        send(n, target[1], params, false);
    }

    /**
     * Bytes on a raw socket that no HTTP client would send: broken request lines, 8-bit bytes, bad escapes,
     * oversized lines and headers, binary noise. The answer must still be the JSON error shape with a 4xx status.
     */
    private void rawGarbage(int n) throws IOException {
        String head = switch (random.nextInt(8)) {
            case 0 -> "GET /?Action=%ZZ" + randomString(random.nextInt(20)) + " HTTP/1.1";
            case 1 -> "POST /\u00e9\u00ff?" + randomString(10) + " HTTP/1.1";
            case 2 -> randomString(1 + random.nextInt(40));
            case 3 -> "GET /?" + "A".repeat(70_000 + random.nextInt(400_000)) + " HTTP/1.1";
            case 4 -> "GET / HTTP/1.1\r\nX-Big: " + "B".repeat(70_000 + random.nextInt(400_000));
            case 5 -> pick(List.of("BREW", "TRACE", "CONNECT", "G\u00c9T", "OPTIONS")) + " / HTTP/1.1";
            case 6 -> "GET / HTTP/" + pick(List.of("9.9", "1", "x", "1.1.1"));
            default -> "POST /?Action=ListKeys HTTP/1.1\r\nContent-Length: " + pick(List.of("-1", "abc",
                    "99999999999999999999", "1, 2"));
        };
        byte[] request = (head + "\r\nHost: fuzz\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
        if (random.nextInt(6) == 0) {
            random.nextBytes(request); // pure noise
            request = (new String(request, StandardCharsets.ISO_8859_1) + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
        }
        String[] hostPort = server.endpoint().split(":");
        String answer;
        try (Socket socket = new Socket(hostPort[0], Integer.parseInt(hostPort[1]))) {
            socket.setSoTimeout(15_000);
            // Written from another thread while this one reads, as an HTTP client does: the server may answer and
            // close before it has read a large request, and a client still blocked in its write would miss that.
            byte[] bytes = request;
            Thread writer = new Thread(() -> {
                try {
                    socket.getOutputStream().write(bytes);
                    socket.getOutputStream().flush();
                } catch (IOException closedEarly) {
                    // the answer is what counts
                }
            });
            writer.start();
            answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            answer = "";
        }
        String what = "raw #" + n + " " + new String(request, 0, Math.min(60, request.length), StandardCharsets.ISO_8859_1);
        Matcher status = HTTP_STATUS.matcher(answer);
        if (!status.find()) {
            failures.add(what + " -> no HTTP answer: " + answer.substring(0, Math.min(80, answer.length()))
                    + " (request starts " + java.util.HexFormat.of().formatHex(request, 0, Math.min(24, request.length))
                    + ", " + request.length + " bytes)");
            return;
        }
        int code = Integer.parseInt(status.group(1));
        statuses.merge(code, 1, Integer::sum);
        int bodyAt = answer.indexOf("\r\n\r\n");
        String headers = answer.substring(0, Math.max(0, bodyAt)).toLowerCase(Locale.ROOT);
        try {
            JsonNode body = JSON.readTree(answer.substring(bodyAt + 4));
            if (code >= 500 || !headers.contains("content-type: application/json") || !body.hasNonNull("Code")
                    || !body.hasNonNull("Message") || !body.hasNonNull("RequestId")) {
                failures.add(what + " -> " + code + " " + body);
            }
        } catch (IOException | RuntimeException e) {
            failures.add(what + " -> " + code + " not JSON: " + answer.substring(bodyAt + 4, Math.min(answer.length(), bodyAt + 84)));
        }
    }

    private void send(int n, String action, Map<String, String> params, boolean signed) throws Exception {
        String form = form(params);
        boolean asGet = form.length() < 2000 && random.nextInt(4) == 0;
        if (asGet) {
            sendRaw(n, action, "GET", form, null, params);
        } else {
            sendRaw(n, action, "POST", null, form, params);
        }
    }

    private void sendRaw(int n, String action, String method, String query, String body, Map<String, String> params)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://" + server.endpoint() + "/"
                + (query == null || query.isEmpty() ? "" : "?" + query))).timeout(Duration.ofSeconds(60));
        if (body == null) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", "application/x-www-form-urlencoded")
                    .method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        HttpResponse<String> r;
        try {
            r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            fail(n, action, params, "no answer: " + e + " (previous answer: HTTP " + lastStatus + ")");
            return;
        }
        lastStatus = r.statusCode();
        statuses.merge(r.statusCode(), 1, Integer::sum);
        String problem = problem(r);
        if (problem != null) {
            fail(n, action, params, problem + " — HTTP " + r.statusCode() + " " + shorten(r.body(), 400));
        }
    }

    /** What is wrong with an answer, or null when it has the real shape. */
    private static String problem(HttpResponse<String> r) {
        if (r.statusCode() >= 500) {
            return "5xx";
        }
        if (!r.headers().firstValue("Content-Type").orElse("").startsWith("application/json")) {
            return "not JSON content";
        }
        JsonNode body;
        try {
            body = JSON.readTree(r.body());
        } catch (IOException e) {
            return "body is not JSON";
        }
        if (body == null || !body.isObject() || body.path("RequestId").asText("").isEmpty()) {
            return "no RequestId";
        }
        if (r.statusCode() != 200 && (body.path("Code").asText("").isEmpty()
                || body.path("Message").asText("").isEmpty())) {
            return "an error without Code and Message";
        }
        if (r.statusCode() == 200 && body.has("Code")) {
            return "a success with an error Code";
        }
        return null;
    }

    private void fail(int n, String action, Map<String, String> params, String what) {
        Map<String, String> shown = new LinkedHashMap<>();
        params.forEach((k, v) -> {
            if (!Set.of("Signature", "SignatureNonce", "AccessKeyId", "SignatureMethod", "SignatureVersion",
                    "Format").contains(k)) {
                shown.put(shorten(k, 60), shorten(v, 120));
            }
        });
        String line = "#" + n + " " + action + " " + shown + " → " + what;
        System.out.println("FUZZ " + line);
        failures.add(line);
    }

    // ---------------------------------------------------- values and mutations

    /** A plausible value for a parameter: a real resource's id, a value in range, a well-formed document. */
    private String valid(String name) {
        String base = name.replaceAll("^(DataDisk\\.\\d+|SystemDisk)\\.", "").replaceAll("\\.\\d+$", "");
        List<String> pool = pools.get(base);
        if (pool != null && random.nextInt(5) != 0) {
            return pick(pool);
        }
        return switch (base) {
            case "KeyId", "KMSKeyId" -> pick(pools.getOrDefault("KeyId", List.of("alias/fuzz")));
            case "PageNumber" -> Integer.toString(1 + random.nextInt(3));
            case "PageSize" -> pick(List.of("1", "10", "50", "100"));
            case "MaxItems" -> pick(List.of("1", "100", "1000"));
            case "Size", "NewSize" -> pick(List.of("20", "40", "64", "100"));
            case "Amount" -> pick(List.of("1", "1", "2"));
            case "NumberOfBytes" -> pick(List.of("16", "32", "1024"));
            case "PendingWindowInDays" -> pick(List.of("7", "30", "366"));
            case "KeyMaterialExpireUnix" -> pick(List.of("0", Long.toString(Instant.now().getEpochSecond() + 86400)));
            case "MaxSessionDuration" -> "3600";
            case "Encrypted", "EnableAutomaticRotation", "DeleteWithInstance", "Force", "ForceStop", "DryRun",
                    "IncludeOutput", "Bootable" -> pick(List.of("true", "false", "TRUE", "False"));
            case "RotationInterval" -> pick(List.of("365d", "604800s", "730d"));
            case "KeySpec" -> pick(List.of("Aliyun_AES_256", "Aliyun_SM4", "AES_256", "AES_128"));
            case "KeyUsage" -> "ENCRYPT/DECRYPT";
            case "Origin" -> pick(List.of("Aliyun_KMS", "EXTERNAL"));
            case "ProtectionLevel" -> pick(List.of("SOFTWARE", "HSM"));
            case "WrappingAlgorithm" -> pick(List.of("RSAES_OAEP_SHA_256", "RSAES_OAEP_SHA_1", "RSAES_PKCS1_V1_5"));
            case "WrappingKeySpec" -> "RSA_2048";
            case "EncryptedKeyMaterial", "Plaintext" -> Base64.getEncoder().encodeToString(bytes(1 + random.nextInt(64)));
            case "EncryptionContext" -> pick(List.of("{\"purpose\":\"fuzz\"}", "{}", "{\"a\":\"b\",\"c\":\"d\"}"));
            case "Tags" -> pick(List.of("[{\"TagKey\":\"team\",\"TagValue\":\"fuzz\"}]", "[{\"TagKey\":\"k\"}]"));
            case "TagKeys" -> pick(List.of("[\"team\"]", "[\"k\",\"team\"]"));
            case "AliasName" -> pick(List.of("alias/fuzz", "alias/fuzz-" + random.nextInt(50), "alias/acs/ecs"));
            case "Description" -> pick(List.of("", "fuzz", "a description"));
            case "ZoneId" -> pick(List.of(ZONE, "cn-hangzhou-h", "cn-beijing-a"));
            case "DiskCategory", "Category" -> pick(List.of("cloud_essd", "cloud_efficiency", "cloud_auto", "cloud"));
            case "PerformanceLevel" -> pick(List.of("PL0", "PL1", "PL3"));
            case "EncryptAlgorithm" -> "aes-256";
            case "DiskName", "SnapshotName", "InstanceName" -> "fuzz-" + random.nextInt(1000);
            case "HostName" -> "fuzz-host";
            case "ClientToken" -> "token-" + random.nextInt(20);
            case "DiskType" -> pick(List.of("all", "system", "data"));
            case "Status" -> pick(List.of("Available", "In_use", "Running", "Stopped", "accomplished", "all"));
            case "Type" -> pick(List.of("RunShellScript", "offline", "online"));
            case "SnapshotOwnerAlias" -> pick(List.of("self", "others"));
            case "InstanceType" -> pick(List.of("ecs.g7.large", "ecs.ebmg5.24xlarge", "ecs.c7.xlarge"));
            case "InstanceTypes", "InstanceTypeFamily" -> pick(List.of("ecs.g7.large", "ecs.g7"));
            case "ImageId" -> pick(List.of(OsImage.ALIYUN_3.imageId(), OsImage.UBUNTU_22_04.imageId()));
            case "ImageOwnerAlias" -> pick(List.of("system", "self"));
            case "OSType" -> pick(List.of("linux", "windows"));
            case "Password" -> PASSWORD;
            case "CommandContent" -> pick(List.of("echo hello", "ls /", "ZWNobyBoaQ=="));
            case "ContentEncoding" -> pick(List.of("PlainText", "Base64"));
            case "Name" -> "fuzz-command";
            case "AssumeRolePolicyDocument" -> "{\"Statement\":[{\"Action\":\"sts:AssumeRole\",\"Effect\":\"Allow\","
                    + "\"Principal\":{\"Service\":[\"ecs.aliyuncs.com\"]}}],\"Version\":\"1\"}";
            case "PolicyType" -> pick(List.of("System", "Custom"));
            case "PolicyName" -> pick(List.of("AliyunECSDiskEncryptRolePolicy", "AliyunKMSFullAccess"));
            case "Marker" -> pick(List.of("fuzz-role", ""));
            default -> randomString(1 + random.nextInt(16));
        };
    }

    /** A caller's mistake for a parameter; null means "leave it out". */
    private String mutatedValue(String name) {
        return switch (random.nextInt(20)) {
            case 0 -> null;
            case 1 -> pick(List.of("", " ", "\t", "\n"));
            case 2 -> "x".repeat(pick(List.of(129, 257, 1025, 2049, 8193, 16385, 65537)));
            case 3 -> randomString(1 + random.nextInt(40)) + pick(List.of("\u0000", "\r\n", "\u001b[31m", "\u007f",
                    "\b", "\u0085"));
            case 4 -> pick(List.of("\u0667", "\uFF12\uFF10", "\u0662\u0660", "\u07C0", "\uD835\uDFD8", "\u00B2",
                    "\u2167", "\u0969"));
            case 5 -> pick(List.of("-1", "0", "-0", "2147483647", "2147483648", "-2147483649", "9223372036854775807",
                    "9223372036854775808", "1e3", "0x10", "+5", " 5", "5 ", "NaN", "1.5", "00000000000000000001",
                    "99999999999999999999999999"));
            case 6 -> pick(List.of("{", "[", "null", "{\"a\":", "[1,2]", "{\"a\":1}", "\"str\"", "{\"a\":\"b\"}x",
                    "[".repeat(3000) + "]".repeat(3000), "{\"a\":{\"b\":{\"c\":[]}}}", "[{\"TagKey\":null}]",
                    "[{\"TagKey\":\"\",\"TagValue\":\"\"}]", "[\"\"]", "[null]", "{\"\":\"\"}", "true", "1"));
            case 7 -> pick(List.of("{\"a\":\"\\ud800\"}", "{\"\\udc00\":\"a\"}", "[\"\\ud800\"]",
                    "[{\"TagKey\":\"\\ud800\",\"TagValue\":\"v\"}]", "\\ud800", "\uD800", "a\uDC00b",
                    "{\"Statement\":[{\"Action\":\"sts:AssumeRole\",\"Effect\":\"Allow\",\"Principal\":{\"Service\":"
                            + "\"\\ud800\"}}],\"Version\":\"1\"}"));
            case 8 -> pick(List.of("d-doesnotexist", "i-xxxxxxxxxxxxxxxx", "s-00000000000000000000",
                    UUID.randomUUID().toString(), "alias/", "alias/acs/ecs", "alias/acs/other", "acs:kms:::key/",
                    "acs:kms:cn-hangzhou:0:alias/x", "key/", "*", "%", "%25", "null", "undefined"));
            case 9 -> pick(List.of("../../x", "..\\..\\x", "/etc/passwd", "d-../../etc/passwd", "..%2F..%2Fx",
                    "s-..", "./", "volumes/../state", "C:\\Windows", "\u002e\u002e/\u002e\u002e/x", "~/.ssh"));
            case 10 -> pick(List.of("\u202eevil", "\uD83D\uDE00", "\u200b", "\uFEFFx", "e\u0301", "\uFFFD",
                    "\uFFFF", "\u0000", "' or 1=1 --", "\"; drop table kms_keys; --", "${jndi:ldap://x}", "<b>x</b>"));
            case 11 -> pick(List.of("TRUE", "yes", "1", "on", "True ", "false\u0000"));
            case 12 -> randomString(1 + random.nextInt(300));
            case 13 -> {
                // A value of another parameter: type confusion.
                List<String> names = new ArrayList<>(PARAMETERS.values().stream().flatMap(List::stream).toList());
                yield valid(pick(names));
            }
            case 14 -> pick(List.of("-" + valid(name), valid(name) + valid(name), valid(name).toUpperCase(),
                    valid(name) + " "));
            case 15 -> pick(List.of("cn-hangzhou", "cn-nanjing", "ap-southeast-7", "xx-nowhere-1", "cn-hangzhou-i",
                    "CN-HANGZHOU"));
            case 16 -> "\u00e9".repeat(1 + random.nextInt(200)) + "\uD835\uDC00".repeat(random.nextInt(100));
            case 17 -> Base64.getEncoder().encodeToString(bytes(random.nextInt(9000)));
            default -> valid(name);
        };
    }

    /** A parameter name a client should not send. */
    private String mutatedName(String name) {
        return pick(List.of("DataDisk.0.Size", "DataDisk.17.Size", "DataDisk.99999999999.Size", "DataDisk..Size",
                "DataDisk.1", "DataDisk.01.Size", "DataDisk.+1.Size", "DataDisk.\u0661.Size", "AddAccount.-1",
                "AddAccount.11", "AddAccount.x", "InstanceId.0", "InstanceId.101", "InstanceId.1.x",
                "InstanceTypes.\uFF11", name.toLowerCase(), name + ".1", "", " ", "\u0000", "x".repeat(500)));
    }

    private <T> T pick(List<T> from) {
        return from.get(random.nextInt(from.size()));
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private String randomString(int length) {
        String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.:/ =&%+?#\"'\\{}[]";
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < length; i++) {
            out.append(random.nextInt(12) == 0 ? (char) random.nextInt(0x3000)
                    : alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }

    private String nonce() {
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }

    private static String shorten(String s, int max) {
        String escaped = s.chars().mapToObj(c -> c < 0x20 || Character.isSurrogate((char) c)
                ? String.format("\\u%04x", c) : String.valueOf((char) c)).collect(Collectors.joining());
        return escaped.length() <= max ? escaped : escaped.substring(0, max) + "…(" + s.length() + " chars)";
    }

    private static Map<String, List<String>> parameters(String table) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String line : table.strip().split("\n")) {
            int colon = line.indexOf(':');
            String rest = line.substring(colon + 1).strip();
            out.put(line.substring(0, colon).strip(), rest.isEmpty() ? List.of() : List.of(rest.split("\\s+")));
        }
        return out;
    }

    // -------------------------------------------------------- what is left

    /**
     * No partial state: every disk has its volume file and every volume file its disk, the same for snapshots, and
     * every instance has its system disk.
     */
    private void assertConsistentState() throws IOException {
        simulator.clock().fastForward(Duration.ofMinutes(5));
        String account = simulator.accounts().rootAccountId();
        Set<String> disks = new HashSet<>();
        Set<String> snapshots = new HashSet<>();
        List<String> problems = new ArrayList<>();
        for (Region region : Catalog.regions()) {
            CallContext ctx = CallContext.root(account, region.regionId());
            for (int page = 1; ; page++) {
                List<Disk> items = simulator.ecs().describeDisks(ctx, new DescribeDisksRequest(null, null, null, null,
                        null, null, null, null, page, 100)).items();
                items.forEach(d -> disks.add(d.diskId()));
                if (items.size() < 100) {
                    break;
                }
            }
            for (int page = 1; ; page++) {
                List<Snapshot> items = simulator.ecs().describeSnapshots(ctx, new DescribeSnapshotsRequest(null, null,
                        null, null, null, false, page, 100)).items();
                items.forEach(s -> snapshots.add(s.snapshotId()));
                if (items.size() < 100) {
                    break;
                }
            }
            for (Instance i : simulator.instances().describeInstances(ctx, null, null, 1, 100).items()) {
                boolean hasSystemDisk = simulator.ecs().describeDisks(ctx, new DescribeDisksRequest(null, null,
                        i.instanceId(), "system", null, null, null, null, 1, 10)).totalCount() == 1;
                if (!hasSystemDisk) {
                    problems.add("instance " + i.instanceId() + " has no system disk");
                }
            }
        }
        Set<String> volumeFiles = files(simulator.dataDir().resolve("volumes"));
        Set<String> snapshotFiles = files(simulator.dataDir().resolve("snapshots"));
        disks.stream().filter(d -> !volumeFiles.contains(d)).forEach(d -> problems.add("disk " + d + " has no volume"));
        volumeFiles.stream().filter(f -> !disks.contains(f)).forEach(f -> problems.add("volume " + f + " has no disk"));
        snapshots.stream().filter(s -> !snapshotFiles.contains(s))
                .forEach(s -> problems.add("snapshot " + s + " has no volume"));
        snapshotFiles.stream().filter(f -> !snapshots.contains(f))
                .forEach(f -> problems.add("snapshot volume " + f + " has no snapshot"));
        System.out.printf("ApiFuzzTest: %d disks, %d snapshots left%n", disks.size(), snapshots.size());
        assertTrue(problems.isEmpty(), () -> "partial state: " + problems);
    }

    private static Set<String> files(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return Set.of();
        }
        try (Stream<Path> list = Files.list(dir)) {
            return list.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(".img"))
                    .map(f -> f.substring(0, f.length() - 4)).collect(Collectors.toSet());
        }
    }
}
