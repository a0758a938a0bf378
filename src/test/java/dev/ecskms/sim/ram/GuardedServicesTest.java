package dev.ecskms.sim.ram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecskms.sim.common.AccessDeniedException;
import dev.ecskms.sim.common.CallContext;
import dev.ecskms.sim.ecs.CreateDiskRequest;
import dev.ecskms.sim.ecs.DescribeDisksRequest;
import dev.ecskms.sim.ecs.RunInstancesRequest;
import dev.ecskms.sim.guest.OsImage;
import dev.ecskms.sim.kms.CreateKeyRequest;
import dev.ecskms.sim.oos.Execution;
import dev.ecskms.sim.oos.ListExecutionsRequest;
import dev.ecskms.sim.oos.StartExecutionRequest;
import dev.ecskms.sim.oos.Templates;
import dev.ecskms.sim.trail.TrailEvent;
import dev.ecskms.sim.trail.TrailFilter;
import dev.ecskms.testing.SimulatorTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The services as the console calls them (the same guarded services the API calls), with a RAM user's context:
 * the "only encrypted disks" policy judges the disk that would really be made — the Encrypted flag, an encrypted
 * snapshot, account-level default encryption — and an OOS execution started without a role acts with its starter's
 * permissions.
 */
class GuardedServicesTest extends SimulatorTest {
    static final String ZONE = "cn-hangzhou-i";
    static final String ONLY_ENCRYPTED = """
            {"Version": "1", "Statement": [{"Effect": "Deny",
              "Action": ["ecs:CreateDisk", "ecs:RunInstances", "ecs:CreateInstance"], "Resource": "*",
              "Condition": {"Bool": {"ecs:IsDiskEncrypted": ["false"]}}}]}""";

    CallContext user(String name, String... policies) {
        sim.ram().createUser(ctx, name, null, null);
        for (String p : policies) {
            String[] typeAndName = p.split(":", 2);
            sim.ram().attachPolicyToUser(ctx, typeAndName[0], typeAndName[1], name);
        }
        return new CallContext(ctx.accountId(), name, ctx.regionId(), CallContext.newRequestId());
    }

    CallContext encryptedOnly() {
        sim.ram().createPolicy(ctx, "only-encrypted-disks", ONLY_ENCRYPTED, null);
        return user("alice", "System:AliyunECSFullAccess", "Custom:only-encrypted-disks");
    }

    static CreateDiskRequest disk(Boolean encrypted, String snapshotId) {
        return new CreateDiskRequest(ZONE, "cloud_essd", snapshotId == null ? 20 : null, snapshotId, "PL0", encrypted,
                null, null, null, null, null);
    }

    int disks() {
        return sim.ecs().describeDisks(ctx, DescribeDisksRequest.all()).totalCount();
    }

    @Test
    void aPlainDiskIsRefusedNamingTheActionAndAnEncryptedOneIsMade() {
        CallContext alice = encryptedOnly();
        AccessDeniedException e = assertThrows(AccessDeniedException.class,
                () -> sim.ecs().createDisk(alice, disk(null, null)));
        assertEquals("Forbidden.RAM", e.code());
        assertEquals("ecs:CreateDisk", e.authAction());
        assertEquals("acs:ecs:cn-hangzhou:" + ctx.accountId() + ":disk/*", e.resource());
        assertEquals(AccessDeniedException.DenyType.ExplicitDeny, e.denyType());
        assertTrue(e.getMessage().contains("alice is not authorized to perform ecs:CreateDisk"), e.getMessage());
        assertEquals(0, disks());
        assertTrue(sim.ecs().describeDisk(alice, sim.ecs().createDisk(alice, disk(true, null))).encrypted());
    }

    @Test
    void whatDecidesIsTheEncryptionTheDiskWillReallyHave() {
        CallContext alice = encryptedOnly();
        String encrypted = sim.ecs().createDisk(ctx, disk(true, null));
        sim.clock().fastForward(Duration.ofMinutes(1));
        String snapshot = sim.ecs().createSnapshot(ctx, encrypted, "enc", null);
        sim.clock().fastForward(Duration.ofMinutes(30));
        // from an encrypted snapshot the disk is encrypted though the request does not say so
        assertTrue(sim.ecs().describeDisk(ctx, sim.ecs().createDisk(alice, disk(null, snapshot))).encrypted());

        assertThrows(AccessDeniedException.class, () -> sim.ecs().createDisk(alice, disk(null, null)));
        sim.ecs().enableDiskEncryptionByDefault(ctx); // the account's default encryption: every new disk encrypted
        assertTrue(sim.ecs().describeDisk(ctx, sim.ecs().createDisk(alice, disk(null, null))).encrypted());
    }

    @Test
    void instancesToo() {
        CallContext alice = encryptedOnly();
        AccessDeniedException plain = assertThrows(AccessDeniedException.class,
                () -> sim.instances().runInstances(alice, run(null)));
        assertEquals("ecs:RunInstances", plain.authAction());
        assertEquals(1, sim.instances().runInstances(alice, run(true)).size());
    }

    static RunInstancesRequest run(Boolean encrypted) {
        return new RunInstancesRequest(ZONE, "ecs.g7.large", OsImage.ALIYUN_3.imageId(),
                new RunInstancesRequest.SystemDisk("cloud_essd", 20, "PL0", encrypted, null), List.of(), 1,
                "Lab-Passw0rd", "guarded", "guarded", null);
    }

    @Test
    void aCustomerKeyNeedsNoKmsPermissionOfTheUser() {
        sim.ram().authorizeEcsDiskEncryption(ctx);
        String cmk = sim.kms().createKey(ctx, CreateKeyRequest.defaults("team key")).keyId();
        CallContext alice = encryptedOnly();
        String id = sim.ecs().createDisk(alice, new CreateDiskRequest(ZONE, "cloud_essd", 20, null, "PL0", true, cmk,
                null, null, null, null));
        assertEquals(cmk, sim.ecs().describeDisk(ctx, id).kmsKeyId());
        // ECS fetched the data key as its service role, which the trail shows
        List<TrailEvent> generated = sim.trail().lookupEvents(ctx, TrailFilter.all().event("GenerateDataKey"))
                .events();
        assertFalse(generated.isEmpty());
        assertEquals(TrailEvent.IdentityType.ASSUMED_ROLE, generated.get(0).identityType());
        assertThrows(AccessDeniedException.class, () -> sim.kms().describeKey(alice, cmk), "alice has no KMS rights");
    }

    @Test
    void anExecutionWithoutARoleActsWithItsStartersPermissions() {
        String instance = sim.instances().runInstances(ctx, run(null)).get(0);
        advance();
        sim.ram().authorizeEcsDiskEncryption(ctx);
        String cmk = sim.kms().createKey(ctx, CreateKeyRequest.defaults("fleet")).keyId();
        CallContext operator = user("operator", "System:AliyunOOSFullAccess", "System:AliyunECSReadOnlyAccess");
        var p = new ObjectMapper().createObjectNode();
        var targets = p.putObject("targets");
        targets.put("Type", "ResourceIds");
        targets.putArray("ResourceIds").add(instance);
        p.put("KMSKeyId", cmk);
        Execution started = sim.oos().startExecution(operator, StartExecutionRequest.of(
                Templates.BULKY_ENCRYPT_SYSTEM_DISK, p.toString()));
        Execution done = null;
        for (int i = 0; i < 720 && (done == null || !done.isFinished()); i++) {
            sim.clock().fastForward(Duration.ofSeconds(5));
            done = sim.oos().listExecutions(ctx, ListExecutionsRequest.one(started.executionId())).items().get(0);
        }
        assertEquals("Failed", done.status(), done.toString());
        // the step that needed more than reading ECS was refused as the operator, and recorded so
        List<TrailEvent> refused = sim.trail().lookupEvents(ctx, TrailFilter.all().result("Forbidden.RAM")
                .principal("operator")).events();
        assertFalse(refused.isEmpty(), "a refused ECS write of the operator's execution is on the trail");
        assertFalse(sim.ecs().describeDisks(ctx, new DescribeDisksRequest(null, null, instance, "system", null, null,
                null, null, 1, 10)).items().get(0).encrypted());
    }
}
