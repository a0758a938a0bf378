package dev.ecskms.sim.labs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecskms.sim.conversion.ConversionListener;
import dev.ecskms.sim.conversion.DataDiskEncryption;
import dev.ecskms.sim.conversion.EncryptionPlan;
import dev.ecskms.sim.ecs.DescribeDisksRequest;
import dev.ecskms.sim.ecs.Disk;
import dev.ecskms.sim.ecs.Invocation;
import dev.ecskms.sim.ecs.RunInstancesRequest;
import dev.ecskms.sim.guest.OsImage;
import dev.ecskms.sim.kms.CreateKeyRequest;
import dev.ecskms.sim.oos.Execution;
import dev.ecskms.sim.oos.ListExecutionsRequest;
import dev.ecskms.sim.oos.StartExecutionRequest;
import dev.ecskms.sim.oos.Templates;
import dev.ecskms.testing.SimulatorTest;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The shipped labs on a real simulator, walked by service calls as a script would: each step lights when it is done,
 * in order; a skipped step leaves the later ones unlit; what existed before the start does not count; a reset starts
 * over; and the start survives a restart.
 */
class LabChecksTest extends SimulatorTest {
    private static final String FAQ = "faq-verification";

    private LabService labs() {
        return sim.labs();
    }

    /** The lit steps, e.g. [true, true, false, …]. */
    private List<Boolean> lit(String labId) {
        return labs().evaluate(ctx, labId).steps().stream().map(LabProgress.StepState::lit).toList();
    }

    private static List<Boolean> firstLit(int n, int of) {
        return java.util.stream.IntStream.range(0, of).mapToObj(i -> i < n).toList();
    }

    private String cmk() {
        sim.ram().authorizeEcsDiskEncryption(ctx);
        return sim.kms().createKey(ctx, CreateKeyRequest.defaults("lab key")).keyId();
    }

    private String run(Boolean encrypted, String keyId, List<RunInstancesRequest.DataDisk> dataDisks, int amount) {
        List<String> ids = sim.instances().runInstances(ctx, new RunInstancesRequest("cn-hangzhou-i", "ecs.g7.large",
                OsImage.ALIYUN_3.imageId(), new RunInstancesRequest.SystemDisk("cloud_essd", 20, "PL0", encrypted,
                        keyId), dataDisks, amount, "Lab-Passw0rd", "lab", "lab-host", null));
        advance();
        return String.join(",", ids);
    }

    /** A second of simulated time, so that what follows is after what came before (the base clock is stopped). */
    private void tick() {
        sim.clock().fastForward(Duration.ofSeconds(1));
    }

    @Test
    void theFaqLabLightsStepByStepAsTheStepsAreDone() {
        assertEquals(firstLit(0, 6), lit(FAQ), "not started: nothing is lit");
        String key = cmk();
        String old = run(true, key, List.of(), 1);
        tick();
        labs().start(ctx, FAQ);
        assertEquals(firstLit(0, 6), lit(FAQ), "an instance from before the start does not count");

        tick();
        String id = run(true, key, List.of(), 1);
        assertEquals(firstLit(1, 6), lit(FAQ));
        sim.kms().disableKey(ctx, key);
        assertEquals(firstLit(2, 6), lit(FAQ));
        sim.instances().rebootInstance(ctx, id, false);
        advance();
        assertEquals(firstLit(3, 6), lit(FAQ), "the reboot could not decrypt the disk: black screen");
        sim.kms().enableKey(ctx, key);
        assertEquals(firstLit(4, 6), lit(FAQ));
        sim.instances().rebootInstance(ctx, id, false);
        advance();
        assertEquals(firstLit(5, 6), lit(FAQ));
        sim.instances().stopInstance(ctx, id, false);
        advance();
        sim.instances().deleteInstance(ctx, id, false);
        LabProgress done = labs().evaluate(ctx, FAQ);
        assertTrue(done.complete(), done.toString());
        assertTrue(done.steps().get(0).evidence().get(0).contains(id), done.toString());
        assertFalse(done.steps().get(0).evidence().get(0).contains(old), "the old instance is not the lab's");

        tick();
        labs().start(ctx, FAQ);
        assertEquals(firstLit(0, 6), lit(FAQ), "a reset starts over");
        reopen();
        assertTrue(labs().started(ctx, FAQ).isPresent(), "the start survives a restart");
    }

    @Test
    void aRebootWithoutDisablingTheKeyLeavesTheRebootStepUnlit() {
        String key = cmk();
        tick();
        labs().start(ctx, FAQ);
        tick();
        String id = run(true, key, List.of(), 1);
        sim.instances().rebootInstance(ctx, id, false);
        advance();
        assertEquals(firstLit(1, 6), lit(FAQ), "the boot succeeded: no black screen to see");
        sim.kms().disableKey(ctx, key);
        assertEquals(firstLit(2, 6), lit(FAQ), "disabled now, but the reboot came before: step 3 stays unlit");
        sim.kms().enableKey(ctx, key);
        assertEquals(firstLit(2, 6), lit(FAQ), "enabling without the failed reboot does not jump ahead");
    }

    /** The Labs page reloads on the trail's changes: if its reads were recorded, each reload would cause the next. */
    @Test
    void evaluatingALabRecordsNothingOnTheTrail() {
        String key = cmk();
        labs().start(ctx, FAQ);
        tick();
        String id = run(true, key, List.of(), 1);
        sim.kms().disableKey(ctx, key);
        long newest = newestTrailSeq();
        for (LabService.LabEntry lab : labs().labs()) {
            labs().evaluate(ctx, lab.id());
        }
        assertEquals(newest, newestTrailSeq(), "the evaluations of " + id + "'s labs made no trail events");
    }

    private long newestTrailSeq() {
        return sim.trail().lookupEvents(ctx, dev.ecskms.sim.trail.TrailFilter.all().page(1, null)).events().get(0)
                .seq();
    }

    @Test
    void aPlainSystemDiskDoesNotLightTheFirstStep() {
        tick();
        labs().start(ctx, FAQ);
        tick();
        run(false, null, List.of(), 1);
        assertEquals(firstLit(0, 6), lit(FAQ));
        run(true, null, List.of(), 1);
        assertEquals(firstLit(0, 6), lit(FAQ), "the service key is not a customer master key");
    }

    private String shell(String instanceId, String... lines) {
        String invoke = sim.instances().runCommand(ctx, List.of(instanceId), String.join("\n", lines), "lab");
        Invocation result = sim.instances().describeInvocationResults(ctx, invoke).get(0);
        assertEquals("Success", result.status(), result.output() + result.errorInfo());
        return result.output();
    }

    @Test
    void theDataDiskLabLightsThroughTheEncryptThisDiskFlowAndTheFileOnTheNewDisk() {
        String lab = "encrypt-existing-data-disk";
        String key = cmk();
        tick();
        labs().start(ctx, lab);
        tick();
        String id = run(null, null, List.of(new RunInstancesRequest.DataDisk("cloud_essd", 20, null, "PL0", false,
                null, true)), 1);
        assertEquals(firstLit(1, 6), lit(lab));
        String blkid = shell(id, "parted -s /dev/vdb mklabel gpt mkpart primary ext4 0% 100%", "mkfs.ext4 /dev/vdb1",
                "mkdir -p /data", "mount /dev/vdb1 /data", "echo my lab notes > /data/notes.txt", "blkid /dev/vdb1");
        Matcher uuid = Pattern.compile("UUID=\"([0-9a-f-]+)\"").matcher(blkid);
        assertTrue(uuid.find(), blkid);
        shell(id, "echo 'UUID=" + uuid.group(1) + " /data ext4 defaults 0 0' >> /etc/fstab");
        assertEquals(firstLit(2, 6), lit(lab), "the plain disk's sectors hold the text in the clear");
        shell(id, "umount /data");
        assertEquals(firstLit(2, 6), lit(lab), "unmounted, the text is still on the plain disk");

        Disk plain = sim.ecs().describeDisks(ctx, new DescribeDisksRequest(null, null, id, "data", null, null, null,
                null, 1, 10)).items().get(0);
        DataDiskEncryption flow = new DataDiskEncryption(sim.ecs(), sim.instances(), sim.kms());
        EncryptionPlan plan = flow.plan(ctx, plain.diskId(), key, false, false);
        flow.run(ctx, plan, ConversionListener.NONE, () -> sim.clock().fastForward(Duration.ofSeconds(5)));
        assertEquals(firstLit(5, 6), lit(lab), "swapped, but /data is not mounted yet");
        shell(id, "mount -a");
        LabProgress done = labs().evaluate(ctx, lab);
        assertTrue(done.complete(), done.toString());
        assertTrue(done.steps().get(5).evidence().get(1).contains("ciphertext"), done.toString());
    }

    @Test
    void theDataDiskLabsFileStepNeedsTheTextOnThePlainDisk() {
        String lab = "encrypt-existing-data-disk";
        tick();
        labs().start(ctx, lab);
        tick();
        String id = run(null, null, List.of(new RunInstancesRequest.DataDisk("cloud_essd", 20, null, "PL0", false,
                null, true)), 1);
        shell(id, "parted -s /dev/vdb mklabel gpt mkpart primary ext4 0% 100%", "mkfs.ext4 /dev/vdb1",
                "mkdir -p /data", "echo my lab notes > /data/notes.txt");
        assertEquals(firstLit(1, 6), lit(lab), "written to the system disk's /data, not the plain data disk");
    }

    @Test
    void theOosLabLightsWhenEverySystemDiskIsReplacedByAnEncryptedOne() throws Exception {
        String lab = "bulk-encrypt-system-disks-with-oos";
        sim.ram().authorizeEcsDiskEncryption(ctx);
        tick();
        labs().start(ctx, lab);
        tick();
        String key = sim.kms().createKey(ctx, CreateKeyRequest.defaults("fleet")).keyId();
        assertEquals(firstLit(1, 4), lit(lab));
        tick();
        List<String> ids = List.of(run(null, null, List.of(), 2).split(","));
        assertEquals(firstLit(2, 4), lit(lab));
        var p = new ObjectMapper().createObjectNode();
        var targets = p.putObject("targets");
        targets.put("Type", "ResourceIds");
        ids.forEach(targets.putArray("ResourceIds")::add);
        p.put("KMSKeyId", key);
        String execution = sim.oos().startExecution(ctx, StartExecutionRequest.of(
                Templates.BULKY_ENCRYPT_SYSTEM_DISK, p.toString())).executionId();
        assertEquals(firstLit(3, 4), lit(lab));
        for (int i = 0; i < 1440; i++) {
            Execution e = sim.oos().listExecutions(ctx, ListExecutionsRequest.one(execution)).items().get(0);
            if (e.isFinished()) {
                assertEquals(Execution.SUCCESS, e.status(), e.statusMessage());
                break;
            }
            sim.clock().fastForward(Duration.ofSeconds(5));
        }
        LabProgress done = labs().evaluate(ctx, lab);
        assertTrue(done.complete(), done.toString());
        assertEquals(firstLit(4, 4), lit(lab), "the first step still holds: the disks were plain when created");
        run(null, null, List.of(), 1);
        assertEquals(firstLit(4, 4), lit(lab), "a plain instance made afterwards for something else does not join");
    }
}
