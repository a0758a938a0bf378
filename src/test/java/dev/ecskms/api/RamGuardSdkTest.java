package dev.ecskms.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aliyun.tea.TeaException;
import com.aliyun.teaopenapi.models.Config;
import com.aliyuncs.IAcsClient;
import com.aliyuncs.ecs.model.v20140526.CreateDiskRequest;
import com.aliyuncs.ecs.model.v20140526.RunInstancesRequest;
import com.aliyuncs.exceptions.ClientException;
import com.aliyuncs.kms.model.v20160120.CreateKeyRequest;
import com.aliyuncs.kms.model.v20160120.DescribeKeyRequest;
import com.aliyuncs.kms.model.v20160120.DisableKeyRequest;
import com.aliyuncs.kms.model.v20160120.ListKeysRequest;
import dev.ecskms.sim.Simulator;
import dev.ecskms.sim.common.CallContext;
import dev.ecskms.sim.ecs.DescribeDisksRequest;
import dev.ecskms.sim.kms.KeyState;
import dev.ecskms.sim.ram.AccessKey;
import dev.ecskms.sim.ram.RamService;
import dev.ecskms.sim.trail.TrailEvent;
import dev.ecskms.sim.trail.TrailFilter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The source document's two pieces of production advice, followed by a script signing with a RAM user's AccessKey,
 * with both SDK generations: the "only encrypted disks" custom policy (with AliyunECSFullAccess) refuses a plain
 * disk or instance and allows an encrypted one; AliyunKMSReadOnlyAccess lists and describes keys but cannot disable
 * them. Also: an explicit Deny beats AdministratorAccess, a group's policy applies to its members, and acs:SourceIp
 * conditions see the request's address. Users and policies are set up through the RAM service as the root account.
 */
class RamGuardSdkTest extends ApiTestBase {
    static final String ZONE = REGION + "-h";
    static final String IMAGE = "aliyun_3_x64_20G_alibase_20240819.vhd";
    static final String TYPE = "ecs.g7.large";
    static final String PASSWORD = "Simul4ted!pass";
    /** The source document's policy: no disk, and no instance, unless every disk it creates is encrypted. */
    static final String ONLY_ENCRYPTED = """
            {
              "Version": "1",
              "Statement": [
                {
                  "Effect": "Deny",
                  "Action": ["ecs:CreateDisk", "ecs:RunInstances", "ecs:CreateInstance"],
                  "Resource": "*",
                  "Condition": {"Bool": {"ecs:IsDiskEncrypted": ["false"]}}
                }
              ]
            }""";

    RamService ram;
    CallContext root;

    @Override
    Simulator openSimulator(Path dir) {
        return Simulator.open(dir, Clock.fixed(Instant.parse("2026-03-02T08:00:00Z"), ZoneOffset.UTC));
    }

    @BeforeEach
    void rootContext() {
        ram = simulator.ram();
        root = CallContext.root(simulator.accounts().rootAccountId(), REGION);
    }

    /** A RAM user with the given policies ("System:Name" or "Custom:Name") and an AccessKey. */
    AccessKey user(String name, String... policies) {
        ram.createUser(root, name, name, null);
        for (String p : policies) {
            String[] typeAndName = p.split(":", 2);
            ram.attachPolicyToUser(root, typeAndName[0], typeAndName[1], name);
        }
        return ram.createAccessKey(root, name);
    }

    Config config(AccessKey key) {
        return new Config().setAccessKeyId(key.accessKeyId()).setAccessKeySecret(key.accessKeySecret())
                .setEndpoint(server.endpoint()).setProtocol("HTTP");
    }

    int diskCount() {
        return simulator.ecs().describeDisks(root, DescribeDisksRequest.all()).totalCount();
    }

    String rootKey() throws ClientException {
        return call(new CreateKeyRequest()).getKeyMetadata().getKeyId();
    }

    // ------------------------------------------------------------------ only encrypted disks

    @Test
    void onlyEncryptedDisksWithTheOlderSdk() throws Exception {
        authorizeEcs();
        String cmk = rootKey();
        ram.createPolicy(root, "only-encrypted-disks", ONLY_ENCRYPTED, "the source document's policy");
        AccessKey alice = user("alice", "System:AliyunECSFullAccess", "Custom:only-encrypted-disks");
        IAcsClient as = client(alice.accessKeyId(), alice.accessKeySecret());
        try {
            ClientException plain = assertSdkError("Forbidden.RAM", () -> call(as, disk(null, null)));
            assertTrue(plain.getErrMsg().contains("ecs:CreateDisk"), plain.getErrMsg());
            assertSdkError("Forbidden.RAM", () -> call(as, disk(false, null)));
            assertEquals(0, diskCount(), "nothing was created");

            assertFalse(call(as, disk(true, null)).getDiskId().isBlank(), "the service key");
            // a CMK as well: ECS fetches the data key as its service role, so alice needs no kms:GenerateDataKey
            assertFalse(call(as, disk(true, cmk)).getDiskId().isBlank());
            assertEquals(2, diskCount());

            assertSdkError("Forbidden.RAM", () -> call(as, run(null, null)));
            assertSdkError("Forbidden.RAM", () -> call(as, run("true", "false"))); // a plain data disk
            assertSdkError("Forbidden.RAM", () -> call(as, run(null, "true"))); // a plain system disk
            assertEquals(1, call(as, run("true", "true")).getInstanceIdSets().size());
        } finally {
            as.shutdown();
        }
        // a refusal is on the audit trail with its code, under the user's name
        List<TrailEvent> refused = simulator.trail().lookupEvents(root, TrailFilter.all().event("CreateDisk")
                .result("Forbidden.RAM")).events();
        assertEquals(2, refused.size());
        assertEquals("alice", refused.get(0).principalName());
        assertEquals(TrailEvent.IdentityType.RAM_USER, refused.get(0).identityType());
    }

    @Test
    void onlyEncryptedDisksWithTheCurrentSdk() throws Exception {
        authorizeEcs();
        String cmk = rootKey();
        ram.createPolicy(root, "only-encrypted-disks", ONLY_ENCRYPTED, null);
        AccessKey alice = user("alice", "System:AliyunECSFullAccess", "Custom:only-encrypted-disks");
        com.aliyun.ecs20140526.Client ecs = new com.aliyun.ecs20140526.Client(config(alice));

        TeaException plain = assertThrows(TeaException.class, () -> ecs.createDisk(newDisk().setEncrypted(false)));
        assertEquals("Forbidden.RAM", plain.getCode());
        assertEquals(403, plain.getStatusCode());
        assertEquals(0, diskCount());
        assertFalse(ecs.createDisk(newDisk().setEncrypted(true).setKMSKeyId(cmk)).getBody().getDiskId().isBlank());

        TeaException plainInstance = assertThrows(TeaException.class, () -> ecs.runInstances(newRun("false")));
        assertEquals("Forbidden.RAM", plainInstance.getCode());
        assertEquals(1, ecs.runInstances(newRun("true")).getBody().getInstanceIdSets().getInstanceIdSet().size());
    }

    CreateDiskRequest disk(Boolean encrypted, String keyId) {
        CreateDiskRequest request = new CreateDiskRequest();
        request.setZoneId(ZONE);
        request.setDiskCategory("cloud_essd");
        request.setPerformanceLevel("PL0");
        request.setSize(20);
        if (encrypted != null) {
            request.setEncrypted(encrypted);
        }
        request.setKMSKeyId(keyId);
        return request;
    }

    /** An instance; its system disk and one data disk encrypted with the service key as asked (null: not said). */
    RunInstancesRequest run(String systemEncrypted, String dataEncrypted) {
        RunInstancesRequest request = new RunInstancesRequest();
        request.setZoneId(ZONE);
        request.setInstanceType(TYPE);
        request.setImageId(IMAGE);
        request.setPassword(PASSWORD);
        RunInstancesRequest.SystemDisk system = new RunInstancesRequest.SystemDisk();
        system.setEncrypted(systemEncrypted);
        request.setSystemDisk(system);
        if (dataEncrypted != null) {
            RunInstancesRequest.DataDisk data = new RunInstancesRequest.DataDisk();
            data.setCategory("cloud_essd");
            data.setSize(20);
            data.setEncrypted(dataEncrypted);
            data.setDeleteWithInstance(true);
            request.setDataDisks(List.of(data));
        }
        return request;
    }

    static com.aliyun.ecs20140526.models.CreateDiskRequest newDisk() {
        return new com.aliyun.ecs20140526.models.CreateDiskRequest().setRegionId(REGION).setZoneId(ZONE)
                .setDiskCategory("cloud_essd").setPerformanceLevel("PL0").setSize(20);
    }

    static com.aliyun.ecs20140526.models.RunInstancesRequest newRun(String encrypted) {
        return new com.aliyun.ecs20140526.models.RunInstancesRequest().setRegionId(REGION).setZoneId(ZONE)
                .setInstanceType(TYPE).setImageId(IMAGE).setPassword(PASSWORD)
                .setSystemDisk(new com.aliyun.ecs20140526.models.RunInstancesRequest
                        .RunInstancesRequestSystemDisk().setCategory("cloud_essd").setEncrypted(encrypted));
    }

    // ------------------------------------------------------------------ keys listed, not disabled

    @Test
    void kmsReadOnlyListsAndDescribesButCannotDisableWithTheOlderSdk() throws Exception {
        String keyId = rootKey();
        AccessKey viewer = user("viewer", "System:AliyunKMSReadOnlyAccess");
        IAcsClient as = client(viewer.accessKeyId(), viewer.accessKeySecret());
        try {
            assertEquals(1, call(as, new ListKeysRequest()).getTotalCount());
            DescribeKeyRequest describe = new DescribeKeyRequest();
            describe.setKeyId(keyId);
            assertEquals("Enabled", call(as, describe).getKeyMetadata().getKeyState());
            DisableKeyRequest disable = new DisableKeyRequest();
            disable.setKeyId(keyId);
            ClientException e = assertSdkError("Forbidden.NoPermission", () -> call(as, disable));
            assertTrue(e.getErrMsg().contains("kms:DisableKey"), e.getErrMsg());
        } finally {
            as.shutdown();
        }
        assertEquals(KeyState.Enabled, simulator.kms().describeKey(root, keyId).keyState());

        // the raw answer: HTTP 403 with the gateway's AccessDeniedDetail
        Map<String, String> p = rpcRequest(KMS_VERSION, "DisableKey");
        p.put("AccessKeyId", viewer.accessKeyId());
        p.put("KeyId", keyId);
        RawResponse raw = get(signed("GET", p, viewer.accessKeySecret()));
        assertError(raw, 403, "Forbidden.NoPermission");
        assertEquals("kms:DisableKey", raw.body().path("AccessDeniedDetail").path("AuthAction").asText());
        assertEquals("ImplicitDeny", raw.body().path("AccessDeniedDetail").path("NoPermissionType").asText());
        assertEquals("SubUser", raw.body().path("AccessDeniedDetail").path("AuthPrincipalType").asText());
        assertEquals("viewer", raw.body().path("AccessDeniedDetail").path("AuthPrincipalDisplayName").asText());
        assertEquals(root.accountId(), raw.body().path("AccessDeniedDetail").path("AuthPrincipalOwnerId").asText());
    }

    @Test
    void kmsReadOnlyListsAndDescribesButCannotDisableWithTheCurrentSdk() throws Exception {
        String keyId = rootKey();
        AccessKey viewer = user("viewer", "System:AliyunKMSReadOnlyAccess");
        com.aliyun.kms20160120.Client kms = new com.aliyun.kms20160120.Client(config(viewer));
        assertEquals(1, kms.listKeys(new com.aliyun.kms20160120.models.ListKeysRequest()).getBody().getTotalCount());
        assertEquals(keyId, kms.describeKey(new com.aliyun.kms20160120.models.DescribeKeyRequest().setKeyId(keyId))
                .getBody().getKeyMetadata().getKeyId());
        TeaException e = assertThrows(TeaException.class, () -> kms.disableKey(
                new com.aliyun.kms20160120.models.DisableKeyRequest().setKeyId(keyId)));
        assertEquals("Forbidden.NoPermission", e.getCode());
        assertEquals(403, e.getStatusCode());
        assertEquals(KeyState.Enabled, simulator.kms().describeKey(root, keyId).keyState());
    }

    // ------------------------------------------------------------------ evaluation through the endpoint

    @Test
    void anExplicitDenyBeatsAdministratorAccess() throws Exception {
        String keyId = rootKey();
        ram.createPolicy(root, "never-disable-keys", """
                {"Version": "1", "Statement": [{"Effect": "Deny", "Action": "kms:DisableKey", "Resource": "*"}]}""",
                null);
        AccessKey admin = user("admin", "System:AdministratorAccess", "Custom:never-disable-keys");
        Map<String, String> p = rpcRequest(KMS_VERSION, "DisableKey");
        p.put("AccessKeyId", admin.accessKeyId());
        p.put("KeyId", keyId);
        RawResponse raw = get(signed("GET", p, admin.accessKeySecret()));
        assertError(raw, 403, "Forbidden.NoPermission");
        assertEquals("ExplicitDeny", raw.body().path("AccessDeniedDetail").path("NoPermissionType").asText());
        IAcsClient as = client(admin.accessKeyId(), admin.accessKeySecret());
        try {
            assertEquals(1, call(as, new ListKeysRequest()).getTotalCount(), "everything else is still allowed");
            assertFalse(call(as, disk(true, null)).getDiskId().isBlank());
        } finally {
            as.shutdown();
        }
    }

    @Test
    void aGroupsPolicyAppliesToItsMembersOnly() throws Exception {
        rootKey();
        AccessKey bob = user("bob");
        ram.createGroup(root, "key-viewers", null);
        ram.attachPolicyToGroup(root, "System", "AliyunKMSReadOnlyAccess", "key-viewers");
        IAcsClient as = client(bob.accessKeyId(), bob.accessKeySecret());
        try {
            assertSdkError("Forbidden.NoPermission", () -> call(as, new ListKeysRequest()));
            ram.addUserToGroup(root, "bob", "key-viewers");
            assertEquals(1, call(as, new ListKeysRequest()).getTotalCount());
            ram.removeUserFromGroup(root, "bob", "key-viewers");
            assertSdkError("Forbidden.NoPermission", () -> call(as, new ListKeysRequest()));
        } finally {
            as.shutdown();
        }
    }

    @Test
    void aSourceIpConditionSeesTheRequestsAddress() throws Exception {
        rootKey();
        ram.createPolicy(root, "keys-from-loopback", """
                {"Version": "1", "Statement": [{"Effect": "Allow", "Action": "kms:List*", "Resource": "*",
                  "Condition": {"IpAddress": {"acs:SourceIp": ["127.0.0.0/8"]}}}]}""", null);
        ram.createPolicy(root, "keys-from-the-office", """
                {"Version": "1", "Statement": [{"Effect": "Allow", "Action": "kms:List*", "Resource": "*",
                  "Condition": {"IpAddress": {"acs:SourceIp": ["203.0.113.0/24"]}}}]}""", null);
        AccessKey local = user("local", "Custom:keys-from-loopback");
        AccessKey office = user("office", "Custom:keys-from-the-office");
        IAcsClient fromHere = client(local.accessKeyId(), local.accessKeySecret());
        IAcsClient notFromTheOffice = client(office.accessKeyId(), office.accessKeySecret());
        try {
            assertEquals(1, call(fromHere, new ListKeysRequest()).getTotalCount(), "this test calls from 127.0.0.1");
            assertSdkError("Forbidden.NoPermission", () -> call(notFromTheOffice, new ListKeysRequest()));
        } finally {
            fromHere.shutdown();
            notFromTheOffice.shutdown();
        }
    }

    @Test
    void aUserWithNoPoliciesChangesNothingTheRootSetUp() throws Exception {
        String keyId = rootKey();
        AccessKey nobody = user("nobody");
        IAcsClient as = client(nobody.accessKeyId(), nobody.accessKeySecret());
        try {
            DisableKeyRequest disable = new DisableKeyRequest();
            disable.setKeyId(keyId);
            assertSdkError("Forbidden.NoPermission", () -> call(as, disable));
            assertSdkError("Forbidden.RAM", () -> call(as, disk(true, null)));
        } finally {
            as.shutdown();
        }
        assertEquals(KeyState.Enabled, simulator.kms().describeKey(root, keyId).keyState());
        assertEquals(0, diskCount());
    }
}
