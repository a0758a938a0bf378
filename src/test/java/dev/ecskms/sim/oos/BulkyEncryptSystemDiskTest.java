package dev.ecskms.sim.oos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecskms.sim.common.ApiException;
import dev.ecskms.sim.common.ChangeFeed;
import dev.ecskms.sim.ecs.DescribeDisksRequest;
import dev.ecskms.sim.ecs.DescribeImagesRequest;
import dev.ecskms.sim.ecs.DescribeSnapshotsRequest;
import dev.ecskms.sim.ecs.Disk;
import dev.ecskms.sim.ecs.InstanceStatus;
import dev.ecskms.sim.ecs.Invocation;
import dev.ecskms.sim.ecs.RunInstancesRequest;
import dev.ecskms.sim.guest.OsImage;
import dev.ecskms.sim.kms.CreateKeyRequest;
import dev.ecskms.sim.trail.TrailEvent;
import dev.ecskms.sim.trail.TrailFilter;
import dev.ecskms.testing.HostFiles;
import dev.ecskms.testing.SimulatorTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * ACS-ECS-BulkyEncryptSystemDisk on a real simulator: the execution calls ECS as the user who started it, the system
 * disks end up as ciphertext on the host under the CMK, and the guests still read what they wrote before.
 */
class BulkyEncryptSystemDiskTest extends SimulatorTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MARKER = "OOS-MARKER-51e9";
    private OosService oos;
    private String cmk;

    @Override
    protected void opened() {
        oos = sim.oos();
    }

    private String cmk() {
        if (cmk == null) {
            sim.ram().authorizeEcsDiskEncryption(ctx);
            cmk = sim.kms().createKey(ctx, CreateKeyRequest.defaults("fleet key")).keyId();
        }
        return cmk;
    }

    private String run(String instanceType, Boolean encrypted) {
        return sim.instances().runInstances(ctx, new RunInstancesRequest("cn-hangzhou-i", instanceType,
                OsImage.ALIYUN_3.imageId(), new RunInstancesRequest.SystemDisk("cloud_essd", 20, "PL0", encrypted,
                null), List.of(), 1, "Lab-Passw0rd", "fleet", "fleet-host", null)).get(0);
    }

    private Invocation shell(String instanceId, String script) {
        return sim.instances().describeInvocationResults(ctx, sim.instances().runCommand(ctx, List.of(instanceId),
                script, "probe")).get(0);
    }

    /** A running instance whose guest wrote MARKER to /root/marker.txt. */
    private String written(String instanceType) {
        String id = run(instanceType, null);
        advance();
        Invocation wrote = shell(id, "echo " + MARKER + " > /root/marker.txt && sync");
        assertEquals("Success", wrote.status(), wrote.errorInfo());
        return id;
    }

    private Disk systemDisk(String instanceId) {
        return sim.ecs().describeDisks(ctx, new DescribeDisksRequest(null, null, instanceId, "system", null, null,
                null, null, 1, 10)).items().get(0);
    }

    private static String parameters(List<String> instanceIds, String kmsKeyId, int concurrency, int maxErrors) {
        var p = JSON.createObjectNode();
        var targets = p.putObject("targets");
        targets.put("Type", "ResourceIds");
        instanceIds.forEach(targets.putArray("ResourceIds")::add);
        p.put("KMSKeyId", kmsKeyId);
        var rate = p.putObject("rateControl");
        rate.put("Mode", "Concurrency");
        rate.put("Concurrency", concurrency);
        rate.put("MaxErrors", maxErrors);
        return p.toString();
    }

    private Execution start(List<String> instanceIds, int concurrency, int maxErrors) {
        return oos.startExecution(ctx, StartExecutionRequest.of(Templates.BULKY_ENCRYPT_SYSTEM_DISK,
                parameters(instanceIds, cmk(), concurrency, maxErrors)));
    }

    private Execution execution(String id) {
        return oos.listExecutions(ctx, ListExecutionsRequest.one(id)).items().get(0);
    }

    /** Moves simulated time in 5 s steps until the execution ends (at most two simulated hours). */
    private Execution untilFinished(String id) {
        for (int i = 0; i < 1440; i++) {
            Execution e = execution(id);
            if (e.isFinished()) {
                return e;
            }
            sim.clock().fastForward(Duration.ofSeconds(5));
        }
        throw new AssertionError("execution " + id + " did not finish: " + execution(id));
    }

    private List<Execution> children(String id) {
        return oos.listExecutions(ctx, ListExecutionsRequest.childrenOf(id)).items();
    }

    private Execution child(String parentId, String instanceId) {
        return children(parentId).stream().filter(c -> instanceId.equals(c.loopItem())).findFirst().orElseThrow();
    }

    private List<TaskExecution> tasks(String executionId) {
        return oos.listTaskExecutions(ctx, ListTaskExecutionsRequest.of(executionId)).items();
    }

    private void assertEncryptedUnderCmkAndReadable(String instanceId) throws Exception {
        Disk disk = systemDisk(instanceId);
        assertTrue(disk.encrypted(), instanceId + "'s system disk is encrypted");
        assertEquals(cmk, disk.kmsKeyId(), "under the CMK the execution was given");
        assertFalse(HostFiles.contains(sim.volumes().diskVolume(disk.diskId()),
                MARKER.getBytes(StandardCharsets.US_ASCII)), "its bytes on the host are ciphertext");
        assertEquals(InstanceStatus.Running, sim.instances().describeInstance(ctx, instanceId).status());
        Invocation read = shell(instanceId, "cat /root/marker.txt");
        assertEquals("Success", read.status(), read.errorInfo());
        assertTrue(read.output().contains(MARKER), "the guest reads the file it wrote before: " + read.output());
    }

    private static ApiException fails(String code, Executable call) {
        ApiException e = assertThrows(ApiException.class, call);
        assertEquals(code, e.code(), e.getMessage());
        return e;
    }

    @Test
    void encryptsAFleetSkipsTheEncryptedOneAndCleansUp() throws Exception {
        List<String> plain = List.of(written("ecs.g7.large"), written("ecs.g7.large"), written("ecs.g7.large"));
        String already = run("ecs.g7.large", true);
        advance();
        String alreadyDisk = systemDisk(already).diskId();
        for (String id : plain) {
            assertTrue(HostFiles.contains(sim.volumes().diskVolume(systemDisk(id).diskId()),
                    MARKER.getBytes(StandardCharsets.US_ASCII)), "before: the guest's file is plain on the host");
        }
        List<ChangeFeed.Change> progress = new CopyOnWriteArrayList<>();
        try (var subscription = sim.changes().subscribe(Set.of(ChangeFeed.Topic.OOS_EXECUTIONS), progress::add)) {
            List<String> targets = new ArrayList<>(plain);
            targets.add(already);
            Execution started = start(targets, 10, 0);
            assertEquals(Execution.STARTED, started.status());
            assertEquals(Templates.BULKY_ENCRYPT_SYSTEM_DISK, started.templateName());
            assertEquals(ctx.principal(), started.executedBy());

            Execution done = untilFinished(started.executionId());
            assertEquals(Execution.SUCCESS, done.status(), done.statusMessage());
            assertEquals(4, done.counters().get("Total"));
            assertEquals(4, done.counters().get("Success"));
            // the public template's output: the instances whose system disk was encrypted already
            assertEquals(List.of(already), outputList(done.outputs(), "systemDiskEncryptedInstances"));
            sim.changes().awaitDelivered(Duration.ofSeconds(5));
        }
        assertTrue(progress.size() > 20, "every step was published for live progress: " + progress.size());

        for (String id : plain) {
            assertEncryptedUnderCmkAndReadable(id);
        }
        assertEquals(alreadyDisk, systemDisk(already).diskId(), "the encrypted instance was skipped");

        Execution parent = oos.listExecutions(ctx, ListExecutionsRequest.all()).items().get(0);
        Execution first = child(parent.executionId(), plain.get(0));
        assertEquals(Templates.ENCRYPT_SYSTEM_DISK, first.templateName());
        assertEquals(parent.executionId(), first.parentExecutionId());
        List<TaskExecution> steps = tasks(first.executionId());
        assertEquals(List.of("waitInstanceReady", "describeDisk", "whetherToEncrypt", "createSnapshot", "createImage",
                "untilImageReady", "copyImage", "untilCopyImageReady", "replaceSystemDisk", "deleteImage",
                "deleteSnapshot"), steps.stream().map(TaskExecution::taskName).toList());
        assertTrue(steps.stream().allMatch(t -> t.status().equals(Execution.SUCCESS)), steps.toString());
        assertEquals(systemDisk(plain.get(0)).diskId(), JSON.readTree(steps.get(8).outputs())
                .path("newSystemDiskId").asText());
        List<TaskExecution> skipped = tasks(child(parent.executionId(), already).executionId());
        assertEquals(List.of("waitInstanceReady", "describeDisk", "whetherToEncrypt"),
                skipped.stream().map(TaskExecution::taskName).toList());

        List<TaskExecution> top = tasks(parent.executionId());
        assertEquals(List.of("getInstance", "encryptSystemDisk"), top.stream().map(TaskExecution::taskName).toList());
        List<TaskExecution> items = oos.listTaskExecutions(ctx, new ListTaskExecutionsRequest(null, null, null, null,
                top.get(1).taskExecutionId(), null, 100, null)).items();
        assertEquals(4, items.size());
        assertEquals(plain.get(0), items.get(0).loopItem());
        assertEquals(first.executionId(), items.get(0).childExecutionId());

        // clean-up: the images and the snapshot made for the copy are gone
        assertTrue(sim.ecs().describeImages(ctx, new DescribeImagesRequest("self", null, List.of("Available",
                "Creating"), null, 1, 100)).items().isEmpty(), "both images of every instance were deleted");
        assertTrue(sim.ecs().describeSnapshots(ctx, DescribeSnapshotsRequest.own()).items().stream()
                .noneMatch(s -> s.snapshotName().startsWith("Snapshot-exec-")), "the snapshots were deleted");

        // OOS called ECS as the user who started it, and the trail says so
        List<TrailEvent> replaced = sim.trail().lookupEvents(ctx, TrailFilter.all().event("ReplaceSystemDisk"))
                .events();
        assertEquals(3, replaced.size());
        assertTrue(replaced.stream().allMatch(e -> e.principalName().equals("root")
                && e.source().name().equals("SIMULATOR") && e.errorCode() == null), replaced.toString());
        assertEquals(1, sim.trail().lookupEvents(ctx, TrailFilter.all().event("StartExecution")).events().size());
    }

    private static List<String> outputList(String outputs, String name) throws Exception {
        List<String> values = new ArrayList<>();
        JSON.readTree(outputs).path(name).forEach(v -> values.add(v.asText()));
        return values;
    }

    @Test
    void oneFailedInstanceStopsTheRestOnlyWhenMaxErrorsSaysSo() throws Exception {
        // a bare-metal ebmg5 instance cannot take an encrypted system disk: its ReplaceSystemDisk fails
        String bareMetal = written("ecs.ebmg5.24xlarge");
        String plain = written("ecs.g7.large");

        Execution strict = untilFinished(start(List.of(bareMetal, plain), 1, 0).executionId());
        assertEquals(Execution.FAILED, strict.status());
        assertTrue(strict.statusMessage().contains(bareMetal), strict.statusMessage());
        Execution failedChild = child(strict.executionId(), bareMetal);
        assertEquals(Execution.FAILED, failedChild.status());
        assertTrue(failedChild.statusMessage().startsWith("replaceSystemDisk: InvalidInstanceType"),
                failedChild.statusMessage());
        List<TaskExecution> steps = tasks(failedChild.executionId());
        assertEquals(List.of("Failed", "Success", "Success"), steps.subList(8, 11).stream()
                .map(TaskExecution::status).toList(), "the clean-up ran after the failed replacement");
        assertFalse(systemDisk(bareMetal).encrypted());
        assertFalse(systemDisk(plain).encrypted(), "MaxErrors 0: the second instance was not started");
        assertEquals(1, strict.counters().get("Cancelled"));
        assertTrue(children(strict.executionId()).stream().noneMatch(c -> plain.equals(c.loopItem())));

        Execution tolerant = untilFinished(start(List.of(bareMetal, plain), 1, 1).executionId());
        assertEquals(Execution.SUCCESS, tolerant.status(), tolerant.statusMessage());
        assertTrue(tolerant.statusMessage().contains("within MaxErrors (1)"), tolerant.statusMessage());
        assertEquals(1, tolerant.counters().get("Failed"));
        assertEquals(1, tolerant.counters().get("Success"));
        assertEncryptedUnderCmkAndReadable(plain);
    }

    @Test
    void cancelStopsAnExecutionBetweenSteps() {
        String a = written("ecs.g7.large");
        String b = written("ecs.g7.large");
        Execution started = start(List.of(a, b), 1, 0);
        sim.clock().fastForward(Duration.ofSeconds(5));
        Execution running = execution(started.executionId());
        assertEquals(Execution.RUNNING, running.status());
        assertEquals(1, running.counters().get("Running"));
        assertEquals(1, running.counters().get("Queued"));
        Execution first = child(started.executionId(), a);
        assertEquals("createSnapshot", first.currentTasks().get(0).taskName(), "live progress: the current step");

        oos.cancelExecution(ctx, started.executionId());
        Execution cancelled = execution(started.executionId());
        assertEquals(Execution.CANCELLED, cancelled.status());
        assertEquals(2, cancelled.counters().get("Cancelled"));
        assertEquals(Execution.CANCELLED, child(started.executionId(), a).status());
        int tasksBefore = tasks(first.executionId()).size();
        for (int i = 0; i < 20; i++) {
            sim.clock().fastForward(Duration.ofSeconds(30));
        }
        assertEquals(tasksBefore, tasks(first.executionId()).size(), "no step ran after the cancellation");
        assertTrue(sim.ecs().describeImages(ctx, new DescribeImagesRequest("self", null, List.of("Available",
                "Creating"), null, 1, 100)).items().isEmpty(), "no image was made");
        assertFalse(systemDisk(a).encrypted());
        assertFalse(systemDisk(b).encrypted());
        oos.cancelExecution(ctx, started.executionId()); // cancelling again changes nothing
        assertEquals(Execution.CANCELLED, execution(started.executionId()).status());
    }

    @Test
    void anExecutionRunningAtShutdownGoesOnAfterARestart() throws Exception {
        String a = written("ecs.g7.large");
        String id = start(List.of(a), 10, 0).executionId();
        for (int i = 0; i < 12; i++) {
            sim.clock().fastForward(Duration.ofSeconds(5)); // into the image steps
        }
        Execution before = child(id, a);
        assertEquals(Execution.RUNNING, before.status());
        String step = before.currentTasks().get(0).taskName();
        assertNotEquals("waitInstanceReady", step);

        reopen();
        assertEquals(Execution.RUNNING, execution(id).status(), "still running after the restart (was at " + step
                + ")");
        Execution done = untilFinished(id);
        assertEquals(Execution.SUCCESS, done.status(), done.statusMessage());
        assertEncryptedUnderCmkAndReadable(a);
    }

    @Test
    void withOosAssumeRoleTheStepsCallEcsAsThatRole() throws Exception {
        String a = written("ecs.g7.large");
        sim.ram().createRole(ctx, "OOSServiceRole", "{\"Statement\":[{\"Action\":\"sts:AssumeRole\","
                + "\"Effect\":\"Allow\",\"Principal\":{\"Service\":[\"oos.aliyuncs.com\"]}}],\"Version\":\"1\"}",
                "OOS runs as this role");
        String id = oos.startExecution(ctx, StartExecutionRequest.of(Templates.BULKY_ENCRYPT_SYSTEM_DISK,
                "{\"targets\":{\"Type\":\"ResourceIds\",\"ResourceIds\":[\"" + a + "\"]},\"KMSKeyId\":\"" + cmk()
                        + "\",\"OOSAssumeRole\":\"OOSServiceRole\"}")).executionId();
        assertEquals("OOSServiceRole", execution(id).ramRole());
        assertEquals(Execution.SUCCESS, untilFinished(id).status());
        assertEncryptedUnderCmkAndReadable(a);

        List<TrailEvent> copies = sim.trail().lookupEvents(ctx, TrailFilter.all().event("CopyImage")).events();
        assertEquals(1, copies.size());
        assertEquals(TrailEvent.IdentityType.ASSUMED_ROLE, copies.get(0).identityType());
        assertEquals("OOSServiceRole", copies.get(0).principalName());
        assertEquals(id, copies.get(0).sessionName(), "the role's session is the execution");
        // the encrypted copy's data key still comes from KMS through ECS's own service role
        List<TrailEvent> dataKeys = sim.trail().lookupEvents(ctx, TrailFilter.all().event("GenerateDataKey"))
                .events();
        assertTrue(dataKeys.stream().anyMatch(e -> e.principalName().equals("AliyunECSDiskEncryptDefaultRole")
                && cmk.equals(e.kmsKeyId())), dataKeys.toString());
    }

    @Test
    void badRequestsAreRefusedWithTheirCodesAndLeaveNothing() {
        String a = run("ecs.g7.large", null);
        String key = cmk();
        fails("EntityNotExists.Template", () -> oos.startExecution(ctx, StartExecutionRequest.of("ACS-ECS-Nothing",
                parameters(List.of(a), key, 1, 0))));
        fails("MissingParameter", () -> oos.startExecution(ctx, StartExecutionRequest.of(
                Templates.BULKY_ENCRYPT_SYSTEM_DISK, "{\"targets\":{\"Type\":\"ResourceIds\",\"ResourceIds\":[\""
                        + a + "\"]}}")));
        fails("MissingParameter", () -> oos.startExecution(ctx, StartExecutionRequest.of(
                Templates.BULKY_ENCRYPT_SYSTEM_DISK, "{\"KMSKeyId\":\"" + key + "\"}")));
        fails("InvalidParameter", () -> oos.startExecution(ctx, StartExecutionRequest.of(
                Templates.BULKY_ENCRYPT_SYSTEM_DISK, "{\"targets\":{\"Type\":\"Tags\"},\"KMSKeyId\":\"" + key
                        + "\"}")));
        fails("InvalidParameter", () -> oos.startExecution(ctx, StartExecutionRequest.of(
                Templates.BULKY_ENCRYPT_SYSTEM_DISK, "{not json")));
        fails("InvalidParameter", () -> oos.startExecution(ctx, StartExecutionRequest.of(
                Templates.BULKY_ENCRYPT_SYSTEM_DISK, parameters(List.of(a), key, 0, 0))));
        fails("InvalidParameter", () -> oos.startExecution(ctx, StartExecutionRequest.of(
                Templates.BULKY_ENCRYPT_SYSTEM_DISK, "{\"instanceIds\":[]}")));
        fails("EntityNotExist.Role", () -> oos.startExecution(ctx, StartExecutionRequest.of(
                Templates.BULKY_ENCRYPT_SYSTEM_DISK, "{\"targets\":{\"Type\":\"ResourceIds\",\"ResourceIds\":[\""
                        + a + "\"]},\"KMSKeyId\":\"" + key + "\",\"OOSAssumeRole\":\"NoSuchRole\"}")));
        fails("EntityNotExists.Execution", () -> oos.cancelExecution(ctx, "exec-doesnotexist"));
        fails("EntityNotExists.Execution", () -> oos.listTaskExecutions(ctx,
                ListTaskExecutionsRequest.of("exec-doesnotexist")));
        fails("EntityNotExists.Template", () -> oos.getTemplate(ctx, "ACS-ECS-Nothing", null));
        assertTrue(oos.listExecutions(ctx, ListExecutionsRequest.all()).items().isEmpty(), "nothing was started");

        Template template = oos.getTemplate(ctx, Templates.BULKY_ENCRYPT_SYSTEM_DISK, null);
        for (String parameter : List.of("regionId", "targets", "KMSKeyId", "rateControl", "OOSAssumeRole")) {
            assertTrue(template.content().contains("  " + parameter + ":"), parameter);
        }
        assertEquals(List.of(Templates.BULKY_ENCRYPT_SYSTEM_DISK), oos.listTemplates(ctx, null, null, null).items()
                .stream().map(Template::templateName).toList());
    }
}
