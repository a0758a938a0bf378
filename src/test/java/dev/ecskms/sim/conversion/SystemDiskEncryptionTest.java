package dev.ecskms.sim.conversion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecskms.sim.common.ApiException;
import dev.ecskms.sim.conversion.SystemDiskEncryption.Step;
import dev.ecskms.sim.conversion.SystemDiskEncryption.StepState;
import dev.ecskms.sim.ecs.DescribeDisksRequest;
import dev.ecskms.sim.ecs.DescribeImagesRequest;
import dev.ecskms.sim.ecs.DescribeSnapshotsRequest;
import dev.ecskms.sim.ecs.Disk;
import dev.ecskms.sim.ecs.Image;
import dev.ecskms.sim.ecs.InstanceService;
import dev.ecskms.sim.ecs.InstanceStatus;
import dev.ecskms.sim.ecs.Invocation;
import dev.ecskms.sim.ecs.RunInstancesRequest;
import dev.ecskms.sim.guest.OsImage;
import dev.ecskms.sim.kms.CreateKeyRequest;
import dev.ecskms.sim.storage.Volumes;
import dev.ecskms.testing.HostFiles;
import dev.ecskms.testing.SimulatorTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Encrypt system disk on the real services: the guest's file written before is read after from a disk whose bytes
 * on the host are ciphertext under the chosen key; a failing step leaves nothing new behind.
 */
class SystemDiskEncryptionTest extends SimulatorTest {
    private static final String PASSWORD = "Lab-Passw0rd";
    private static final String NEW_PASSWORD = "New-Passw0rd!";
    private static final String MARKER = "SYSDISK-MARKER-5e2a";
    private SystemDiskEncryption conversion;
    /** Between two looks at something still moving, simulated time moves on (nobody waits in real time). */
    private final Pause fastForward = () -> sim.clock().fastForward(Duration.ofSeconds(15));

    @Override
    protected void opened() {
        conversion = new SystemDiskEncryption(sim.ecs(), sim.instances(), sim.kms());
    }

    private String runningInstanceWithMarker() {
        String id = sim.instances().runInstances(ctx, new RunInstancesRequest("cn-hangzhou-i", "ecs.g7.large",
                OsImage.ALIYUN_3.imageId(), new RunInstancesRequest.SystemDisk("cloud_essd", 20, "PL0", null, null),
                List.of(), 1, PASSWORD, "web", "web-host", null)).get(0);
        advance();
        Invocation write = shell(id, "echo " + MARKER + " > /root/marker.txt");
        assertEquals("Success", write.status(), write.errorInfo());
        return id;
    }

    private Invocation shell(String instanceId, String script) {
        return sim.instances().describeInvocationResults(ctx, sim.instances().runCommand(ctx, List.of(instanceId),
                script, "probe")).get(0);
    }

    private Disk systemDisk(String instanceId) {
        return sim.ecs().describeDisks(ctx, new DescribeDisksRequest(null, null, instanceId, "system", null, null,
                null, null, 1, 10)).items().get(0);
    }

    private List<Image> ownImages() {
        return sim.ecs().describeImages(ctx, new DescribeImagesRequest("self", null, List.of("Available",
                "Creating"), null, 1, 100)).items();
    }

    private List<String> volumeFiles() throws Exception {
        try (Stream<java.nio.file.Path> files = Files.walk(dataDir)) {
            return files.filter(Files::isRegularFile).map(p -> dataDir.relativize(p).toString())
                    .filter(p -> p.startsWith("volumes") || p.startsWith("snapshots")).sorted().toList();
        }
    }

    /** Records what the run reports, in order. */
    private static final class Recorder implements SystemDiskEncryption.Listener {
        final List<String> events = new ArrayList<>();
        final List<String> log = new ArrayList<>();
        final List<Double> copyProgress = new ArrayList<>();

        @Override
        public void step(Step step, StepState state, double progress) {
            if (state != StepState.RUNNING) {
                events.add(step + ":" + state);
            } else if (step == Step.COPY_IMAGE) {
                copyProgress.add(progress);
            }
        }

        @Override
        public void log(String line) {
            log.add(line);
        }
    }

    @Test
    void aRunningInstanceGetsAnEncryptedSystemDiskAndTheGuestReadsItsFileFromCiphertext() throws Exception {
        sim.ram().authorizeEcsDiskEncryption(ctx);
        String cmk = sim.kms().createKey(ctx, CreateKeyRequest.defaults("system disks")).keyId();
        sim.kms().createAlias(ctx, "alias/sysdisk", cmk);
        String id = runningInstanceWithMarker();
        Disk old = systemDisk(id);
        int snapshotsBefore = sim.ecs().describeSnapshots(ctx, DescribeSnapshotsRequest.own()).totalCount();

        SystemDiskEncryption.Plan plan = conversion.plan(ctx, id, cmk, NEW_PASSWORD);
        assertEquals(List.of(Step.STOP_INSTANCE, Step.CREATE_IMAGE, Step.COPY_IMAGE, Step.REPLACE_SYSTEM_DISK,
                Step.START_INSTANCE, Step.DELETE_PLAIN_IMAGE), plan.steps());
        assertTrue(plan.keyName().contains("alias/sysdisk"), plan.keyName());
        assertTrue(plan.happens().stream().anyMatch(l -> l.contains("password")), "the plan says the password is"
                + " set again");
        assertEquals(InstanceStatus.Running, sim.instances().describeInstance(ctx, id).status(),
                "planning changes nothing");

        Recorder recorder = new Recorder();
        SystemDiskEncryption.Result result = conversion.run(ctx, plan, recorder, fastForward);

        assertEquals(List.of("STOP_INSTANCE:WAITING", "CREATE_IMAGE:WAITING", "COPY_IMAGE:WAITING",
                "REPLACE_SYSTEM_DISK:WAITING", "START_INSTANCE:WAITING", "DELETE_PLAIN_IMAGE:WAITING",
                "STOP_INSTANCE:DONE", "CREATE_IMAGE:DONE", "COPY_IMAGE:DONE", "REPLACE_SYSTEM_DISK:DONE",
                "START_INSTANCE:DONE", "DELETE_PLAIN_IMAGE:DONE"), recorder.events);
        assertTrue(recorder.copyProgress.stream().anyMatch(p -> p > 0 && p < 1), "the copy's progress moved through"
                + " the middle: " + recorder.copyProgress);
        Disk now = systemDisk(id);
        assertEquals(result.newDiskId(), now.diskId());
        assertNotEquals(old.diskId(), now.diskId());
        assertTrue(now.encrypted());
        assertEquals(cmk, now.kmsKeyId());
        assertEquals(cmk, Volumes.readHeader(sim.volumes().diskVolume(now.diskId())).keyInfo().kmsKeyId());
        assertFalse(Files.exists(sim.volumes().diskVolume(old.diskId())), "the old system disk is released");
        byte[] marker = MARKER.getBytes(StandardCharsets.US_ASCII);
        assertFalse(HostFiles.contains(sim.volumes().diskVolume(now.diskId()), marker),
                "the new system disk's bytes on the host are ciphertext");
        assertEquals(List.of(result.imageId()), ownImages().stream().map(Image::imageId).toList(),
                "only the encrypted image is left");
        Image encrypted = ownImages().get(0);
        assertTrue(encrypted.encrypted());
        assertFalse(HostFiles.contains(sim.volumes().snapshotVolume(encrypted.snapshotId()), marker));
        assertEquals(snapshotsBefore + 1, sim.ecs().describeSnapshots(ctx, DescribeSnapshotsRequest.own())
                .totalCount(), "the unencrypted image's snapshot is deleted, the encrypted image's is kept");

        advance();
        assertEquals(InstanceStatus.Running, sim.instances().describeInstance(ctx, id).status());
        Invocation read = shell(id, "cat /root/marker.txt");
        assertEquals("Success", read.status(), read.errorInfo());
        assertTrue(read.output().contains(MARKER), "the guest reads the file it wrote before");
        assertFalse(shell(id, "cat /etc/shadow").output().contains("root:!!:"), "root has the new password");
    }

    @Test
    void aStepThatFailsUndoesEverythingTheRunMadeAndStartsTheInstanceAgain() throws Exception {
        String id = runningInstanceWithMarker();
        Disk old = systemDisk(id);
        List<String> volumesBefore = volumeFiles();
        int snapshotsBefore = sim.ecs().describeSnapshots(ctx, DescribeSnapshotsRequest.own()).totalCount();
        // The host fills up while ReplaceSystemDisk writes the new disk: a failure after both images are made.
        InstanceService failingReplace = (InstanceService) java.lang.reflect.Proxy.newProxyInstance(
                InstanceService.class.getClassLoader(), new Class<?>[] {InstanceService.class}, (proxy, method, args) -> {
                    if (method.getName().equals("replaceSystemDisk")) {
                        throw new ApiException("ServiceUnavailable.DiskFull", 503, "The host's disk is full.");
                    }
                    try {
                        return method.invoke(sim.instances(), args);
                    } catch (java.lang.reflect.InvocationTargetException thrown) {
                        throw thrown.getCause();
                    }
                });
        SystemDiskEncryption failing = new SystemDiskEncryption(sim.ecs(), failingReplace, sim.kms());
        SystemDiskEncryption.Plan plan = failing.plan(ctx, id, null, NEW_PASSWORD);

        Recorder recorder = new Recorder();
        ApiException e = assertThrows(ApiException.class, () -> failing.run(ctx, plan, recorder, fastForward));
        assertEquals("ServiceUnavailable.DiskFull", e.code(), e.getMessage());

        assertTrue(recorder.events.containsAll(List.of("REPLACE_SYSTEM_DISK:FAILED", "COPY_IMAGE:UNDONE",
                "CREATE_IMAGE:UNDONE", "STOP_INSTANCE:UNDONE")), recorder.events.toString());
        assertEquals(List.of(), ownImages(), "both images are deleted");
        assertEquals(snapshotsBefore, sim.ecs().describeSnapshots(ctx, DescribeSnapshotsRequest.own()).totalCount(),
                "and their snapshots");
        assertEquals(volumesBefore, volumeFiles(), "no volume file is left on the host");
        assertEquals(old.diskId(), systemDisk(id).diskId());
        assertFalse(systemDisk(id).encrypted());
        advance();
        assertEquals(InstanceStatus.Running, sim.instances().describeInstance(ctx, id).status(),
                "the instance runs again");
        assertTrue(shell(id, "cat /root/marker.txt").output().contains(MARKER));
    }

    @Test
    void thePlanRefusesWithTheServicesCodesAndCreatesNothing() throws Exception {
        String id = runningInstanceWithMarker();
        List<String> volumesBefore = volumeFiles();
        fails("MissingParameter", () -> conversion.plan(ctx, id, null, ""));
        fails("InvalidPassword.Malformed", () -> conversion.plan(ctx, id, null, "short"));
        fails("InvalidParameter.KMSKeyId.NotFound", () -> conversion.plan(ctx, id,
                "0b5e1c80-0000-4000-8000-000000000000", NEW_PASSWORD));
        fails("InvalidInstanceId.NotFound", () -> conversion.plan(ctx, "i-doesnotexist", null, NEW_PASSWORD));
        String encryptedOne = sim.instances().runInstances(ctx, new RunInstancesRequest("cn-hangzhou-i",
                "ecs.g7.large", OsImage.ALIYUN_3.imageId(), new RunInstancesRequest.SystemDisk("cloud_essd", 20,
                "PL0", true, null), List.of(), 1, PASSWORD, "enc", null, null)).get(0);
        advance();
        fails("OperationDenied", () -> conversion.plan(ctx, encryptedOne, null, NEW_PASSWORD));
        assertEquals(List.of(), ownImages());
        assertEquals(volumesBefore.size() + 1, volumeFiles().size(), "only the second instance's disk was made");
    }

    private static void fails(String code, Executable call) {
        ApiException e = assertThrows(ApiException.class, call);
        assertEquals(code, e.code(), e.getMessage());
    }
}
