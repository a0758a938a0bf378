package dev.ecskms.sim.ecs;

import static dev.ecskms.sim.ecs.LocalEcsServiceTest.fails;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecskms.sim.guest.OsImage;
import dev.ecskms.sim.kms.CreateKeyRequest;
import dev.ecskms.sim.kms.ProtectedResource;
import dev.ecskms.testing.HostFiles;
import dev.ecskms.testing.SimulatorTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The seed's FAQ procedure on the services: the black screen comes from a data key KMS would not decrypt. */
class LocalInstanceServiceTest extends SimulatorTest {
    private static final String PASSWORD = "Lab-Passw0rd";
    InstanceService instances;

    @Override
    protected void opened() {
        instances = sim.instances();
    }

    private String run(String instanceType, String kmsKeyId, RunInstancesRequest.DataDisk... dataDisks) {
        return instances.runInstances(ctx, new RunInstancesRequest("cn-hangzhou-i", instanceType,
                OsImage.ALIYUN_3.imageId(), new RunInstancesRequest.SystemDisk("cloud_essd", 20, "PL0", kmsKeyId != null
                        || dataDisks.length == 0 ? Boolean.TRUE : null, kmsKeyId), List.of(dataDisks), 1, PASSWORD,
                "faq", "faq-host", null)).get(0);
    }

    private static boolean allBlack(int[] pixels) {
        return Arrays.stream(pixels).allMatch(p -> p == 0xFF000000);
    }

    private void login(InstanceConsole console) {
        console.type("root");
        console.pressEnter();
        console.type(PASSWORD);
        console.pressEnter();
    }

    @Test
    void disablingTheKeyLeavesTheRunningInstanceAloneButTheRebootHangsOnABlackScreen() throws Exception {
        sim.ram().authorizeEcsDiskEncryption(ctx);
        String key = sim.kms().createKey(ctx, CreateKeyRequest.defaults("faq")).keyId();
        String id = run("ecs.g7.large", key);
        assertEquals(InstanceStatus.Pending, instances.describeInstance(ctx, id).status());
        advance();
        assertEquals(InstanceStatus.Running, instances.describeInstance(ctx, id).status());
        InstanceConsole console = instances.connect(ctx, id);
        assertFalse(allBlack(console.pixels()));
        assertTrue(instances.getInstanceConsoleOutput(ctx, id).contains("faq-host login:"));
        login(console);
        console.type("echo MARKER-4e1d > /root/marker.txt");
        console.pressEnter();
        assertTrue(sim.kms().resourcesUsing(ctx, key).contains(new ProtectedResource("Instance", id, "faq", "cn-hangzhou")));

        sim.kms().disableKey(ctx, key);
        console.type("cat /root/marker.txt");
        console.pressEnter();
        assertTrue(instances.getInstanceConsoleOutput(ctx, id).contains("MARKER-4e1d\n"), "still running fine");

        console.type("sudo reboot");
        console.pressEnter();
        advance();
        assertEquals(InstanceStatus.Running, instances.describeInstance(ctx, id).status(), "as the real service shows it");
        assertTrue(allBlack(console.pixels()), "nothing could be read, nothing was drawn");
        assertEquals("", instances.getInstanceConsoleOutput(ctx, id));
        assertTrue(console.status().contains("hung"), console.status());
        String invoke = instances.runCommand(ctx, List.of(id), "cat /root/marker.txt", "probe");
        assertEquals("Failed", instances.describeInvocationResults(ctx, invoke).get(0).status());

        sim.kms().enableKey(ctx, key);
        instances.rebootInstance(ctx, id, false);
        advance();
        assertFalse(allBlack(console.pixels()));
        invoke = instances.runCommand(ctx, List.of(id), "cat /root/marker.txt", "probe");
        Invocation result = instances.describeInvocationResults(ctx, invoke).get(0);
        assertEquals("Success", result.status());
        assertEquals("MARKER-4e1d\n", result.output());

        // The marker never reached the disk's host file in plaintext. (Cloud Assistant keeps the command and its
        // output in the control plane's state, as the real service does: that is not the disk.)
        assertEquals(List.of(), HostFiles.containing(dataDir.resolve("volumes"),
                "MARKER-4e1d".getBytes(StandardCharsets.UTF_8)));

        fails("IncorrectInstanceStatus", () -> instances.deleteInstance(ctx, id, false));
        instances.stopInstance(ctx, id, false);
        advance();
        assertTrue(allBlack(console.pixels()));
        instances.deleteInstance(ctx, id, false);
        assertEquals(0, sim.ecs().describeDisks(ctx, DescribeDisksRequest.all()).totalCount());
    }

    @Test
    void theLimitedFamiliesRefuseEncryptedSystemDisksButTakeEncryptedEmptyDataDisks() {
        fails("InvalidInstanceType.ValueNotSupported", () -> run("ecs.ebmg5.24xlarge", null));
        String id = instances.runInstances(ctx, new RunInstancesRequest("cn-hangzhou-i", "ecs.ebmg5.24xlarge",
                OsImage.ALIYUN_3.imageId(), new RunInstancesRequest.SystemDisk("cloud_essd", 20, null, false, null),
                List.of(new RunInstancesRequest.DataDisk("cloud_essd", 20, null, null, true, null, true)), 1, PASSWORD,
                null, null, null)).get(0);
        assertEquals(2, sim.ecs().describeDisks(ctx, new DescribeDisksRequest(null, null, id, null, null, null, null,
                null, 1, 10)).totalCount());
        fails("InvalidPassword.Malformed", () -> instances.runInstances(ctx, new RunInstancesRequest("cn-hangzhou-i",
                "ecs.g7.large", OsImage.ALIYUN_3.imageId(), null, null, 1, "short", null, null, null)));
        fails("InvalidImageId.NotFound", () -> instances.runInstances(ctx, new RunInstancesRequest("cn-hangzhou-i",
                "ecs.g7.large", "no-such-image", null, null, 1, PASSWORD, null, null, null)));
        assertEquals(1, instances.describeInstances(ctx, null, null, 1, 10).totalCount(), "refusals create nothing");
    }

    @Test
    void anAttachedDiskAppearsInTheRunningGuestAndCanBeInitialized() {
        String id = run("ecs.g7.large", null);
        advance();
        String disk = sim.ecs().createDisk(ctx, new CreateDiskRequest("cn-hangzhou-i", "cloud_essd", 20, null, null,
                true, null, null, "extra", null, null));
        advance();
        instances.attachDisk(ctx, id, disk, null);
        String invoke = instances.runCommand(ctx, List.of(id), "lsblk", "lsblk");
        assertTrue(instances.describeInvocationResults(ctx, invoke).get(0).output().contains("vdb"));
        invoke = instances.runCommand(ctx, List.of(id), String.join("\n", "parted /dev/vdb mklabel gpt",
                "parted /dev/vdb mkpart primary ext4 0% 100%", "mkfs.ext4 /dev/vdb1", "mkdir -p /data",
                "mount /dev/vdb1 /data", "echo kept > /data/f.txt", "cat /data/f.txt"), "init");
        Invocation init = instances.describeInvocationResults(ctx, invoke).get(0);
        assertEquals("Success", init.status(), init.output());
        assertTrue(init.output().endsWith("kept\n"), init.output());
        instances.detachDisk(ctx, id, disk);
        assertEquals(DiskStatus.Available, sim.ecs().describeDisk(ctx, disk).status());
    }

    @Test
    void runningInstancesBootAgainAfterTheSimulatorRestarts() {
        String id = run("ecs.g7.large", null);
        advance();
        reopen();
        sim.clock().fastForward(Duration.ofSeconds(1));
        assertTrue(instances.getInstanceConsoleOutput(ctx, id).contains("login:"));
    }
}
