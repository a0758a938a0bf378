package dev.ecskms.sim.conversion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecskms.sim.common.ApiException;
import dev.ecskms.sim.conversion.ConversionListener.StepState;
import dev.ecskms.sim.conversion.EncryptionPlan.Step;
import dev.ecskms.sim.ecs.DescribeDisksRequest;
import dev.ecskms.sim.ecs.DescribeSnapshotsRequest;
import dev.ecskms.sim.ecs.Disk;
import dev.ecskms.sim.ecs.DiskStatus;
import dev.ecskms.sim.ecs.InstanceService;
import dev.ecskms.sim.ecs.Invocation;
import dev.ecskms.sim.ecs.RunInstancesRequest;
import dev.ecskms.sim.guest.OsImage;
import dev.ecskms.sim.kms.CreateKeyRequest;
import dev.ecskms.testing.HostFiles;
import dev.ecskms.testing.SimulatorTest;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * "Encrypt this disk" on a real simulator: a file written in the guest on the plain data disk is read back from the
 * encrypted disk that replaces it, whose volume on the host never holds the file's bytes in the clear.
 */
class DataDiskEncryptionTest extends SimulatorTest {
    private static final String MARKER = "MARKER-9c3e-plain-before";
    private static final byte[] MARKER_BYTES = MARKER.getBytes(StandardCharsets.UTF_8);

    private String key;
    private String instanceId;
    private String dataDiskId;
    /** Each pause is 5 s of simulated time, as if the user waited. */
    private final Pause fiveSeconds = () -> sim.clock().fastForward(Duration.ofSeconds(5));

    /** An instance with a plain Ultra Disk data disk: partitioned, formatted, mounted by UUID, with a file on it. */
    private void instanceWithFileOnPlainDataDisk() throws Exception {
        sim.ram().authorizeEcsDiskEncryption(ctx);
        key = sim.kms().createKey(ctx, CreateKeyRequest.defaults("disk key")).keyId();
        sim.kms().createAlias(ctx, "alias/disks", key);
        instanceId = sim.instances().runInstances(ctx, new RunInstancesRequest("cn-hangzhou-i", "ecs.g7.large",
                OsImage.ALIYUN_3.imageId(), new RunInstancesRequest.SystemDisk("cloud_essd", 20, "PL0", null, null),
                List.of(new RunInstancesRequest.DataDisk("cloud_efficiency", 20, null, null, false, null, true)), 1,
                "Lab-Passw0rd", "app", "app-host", null)).get(0);
        advance();
        dataDiskId = dataDisks().get(0).diskId();
        String blkid = shell("parted -s /dev/vdb mklabel gpt mkpart primary ext4 0% 100%", "mkfs.ext4 /dev/vdb1",
                "mkdir -p /data", "mount /dev/vdb1 /data", "echo " + MARKER + " > /data/f.txt", "umount /data",
                "blkid /dev/vdb1");
        Matcher uuid = Pattern.compile("UUID=\"([0-9a-f-]+)\"").matcher(blkid);
        assertTrue(uuid.find(), blkid);
        shell("echo 'UUID=" + uuid.group(1) + " /data ext4 defaults 0 0' >> /etc/fstab", "mount -a");
        assertEquals(MARKER + "\n", shell("cat /data/f.txt"));
        shell("umount /data"); // as the plan asks before starting
        assertEquals(List.of(sim.volumes().diskVolume(dataDiskId)), HostFiles.containing(dataDir, MARKER_BYTES)
                .stream().filter(p -> !p.getFileName().toString().startsWith("state")).toList(),
                "the plain disk holds the file in the clear (the database holds Cloud Assistant's command)");
    }

    private String shell(String... lines) {
        String invoke = sim.instances().runCommand(ctx, List.of(instanceId), String.join("\n", lines), "t");
        Invocation result = sim.instances().describeInvocationResults(ctx, invoke).get(0);
        assertEquals("Success", result.status(), result.output());
        return result.output();
    }

    private List<Disk> dataDisks() {
        return sim.ecs().describeDisks(ctx, new DescribeDisksRequest(null, null, null, "data", null, null, null, null,
                1, 100)).items();
    }

    private DataDiskEncryption conversion() {
        return new DataDiskEncryption(sim.ecs(), sim.instances(), sim.kms());
    }

    /** Volume and snapshot files holding the marker in the clear. */
    private List<Path> plaintextCopies() throws Exception {
        List<Path> found = new ArrayList<>(HostFiles.containing(dataDir.resolve("volumes"), MARKER_BYTES));
        if (dataDir.resolve("snapshots").toFile().exists()) {
            found.addAll(HostFiles.containing(dataDir.resolve("snapshots"), MARKER_BYTES));
        }
        return found;
    }

    @Test
    void thePlainDataDiskIsReplacedByAnEncryptedCopyWhoseFilesSurviveAlsoARestart() throws Exception {
        instanceWithFileOnPlainDataDisk();
        EncryptionPlan plan = conversion().plan(ctx, dataDiskId, "alias/disks", true, false);
        assertEquals(List.of(Step.CREATE_SNAPSHOT, Step.CREATE_DISK, Step.DETACH_OLD, Step.ATTACH_NEW,
                Step.DELETE_SNAPSHOT, Step.RELEASE_OLD), plan.steps());
        assertEquals("cloud_essd", plan.category(), "Ultra Disks cannot be encrypted: the copy is an ESSD");
        assertTrue(plan.inGuest().stream().anyMatch(l -> l.contains("Mount it by UUID")), plan.inGuest().toString());
        assertTrue(plan.creates().get(1).contains("alias/disks"), plan.creates().toString());
        assertEquals(2, sim.ecs().describeDisks(ctx, DescribeDisksRequest.all()).totalCount(), "planning creates nothing");

        List<Double> snapshotProgress = new ArrayList<>();
        List<String> log = new ArrayList<>();
        ConversionResult result = conversion().run(ctx, plan, new ConversionListener() {
            @Override
            public void step(Step step, StepState state, double progress) {
                if (step == Step.CREATE_SNAPSHOT && state == StepState.RUNNING) {
                    snapshotProgress.add(progress);
                }
            }

            @Override
            public void log(String line) {
                log.add(line);
            }
        }, fiveSeconds);

        assertTrue(snapshotProgress.stream().anyMatch(p -> p > 0 && p < 1), "the snapshot moved along simulated"
                + " time: " + snapshotProgress);
        assertEquals(1.0, snapshotProgress.get(snapshotProgress.size() - 1));
        Disk encrypted = sim.ecs().describeDisk(ctx, result.newDiskId());
        assertTrue(encrypted.encrypted());
        assertEquals(key, encrypted.kmsKeyId());
        assertEquals(key, result.kmsKeyId());
        assertEquals(instanceId, encrypted.instanceId());
        assertEquals(DiskStatus.In_use, encrypted.status());
        assertTrue(encrypted.deleteWithInstance(), "it goes with the instance like the disk it replaces");
        assertEquals(List.of(result.newDiskId()), dataDisks().stream().map(Disk::diskId).toList(), "the old disk is"
                + " released, as chosen");
        assertEquals(0, sim.ecs().describeSnapshots(ctx, DescribeSnapshotsRequest.own()).totalCount());
        assertNull(result.snapshotId());
        assertTrue(log.stream().anyMatch(l -> l.startsWith("CreateDisk → d-")), log.toString());

        assertEquals(MARKER + "\n", shell("mount -a", "cat /data/f.txt"), "the guest reads the file from the new disk");
        assertEquals(List.of(), plaintextCopies(), "no volume or snapshot on the host holds the file in the clear");

        reopen();
        sim.clock().fastForward(Duration.ofSeconds(1)); // the running instance boots again
        assertTrue(sim.instances().getInstanceConsoleOutput(ctx, instanceId).contains("Mounted /data."));
        assertEquals(MARKER + "\n", shell("cat /data/f.txt"), "fstab mounts the encrypted disk by UUID at boot");
        assertTrue(sim.ecs().describeDisk(ctx, result.newDiskId()).encrypted());
    }

    @Test
    void keepingTheOldDiskAndTheSnapshotLeavesBothAsTheyWere() throws Exception {
        instanceWithFileOnPlainDataDisk();
        sim.instances().stopInstance(ctx, instanceId, false);
        advance();
        EncryptionPlan plan = conversion().plan(ctx, dataDiskId, null, false, true);
        assertEquals(List.of(Step.CREATE_SNAPSHOT, Step.CREATE_DISK, Step.DETACH_OLD, Step.ATTACH_NEW), plan.steps());
        assertTrue(plan.stays().stream().anyMatch(l -> l.contains("stays stopped")), plan.stays().toString());

        ConversionResult result = conversion().run(ctx, plan, ConversionListener.NONE, fiveSeconds);

        Disk old = sim.ecs().describeDisk(ctx, dataDiskId);
        assertEquals(DiskStatus.Available, old.status());
        assertNull(old.instanceId());
        assertFalse(old.encrypted());
        Disk encrypted = sim.ecs().describeDisk(ctx, result.newDiskId());
        assertTrue(encrypted.encrypted(), "with the region's service key");
        assertEquals(sim.kms().describeKey(ctx, "alias/acs/ecs").keyId(), encrypted.kmsKeyId());
        assertEquals(result.snapshotId(), sim.ecs().describeSnapshots(ctx, DescribeSnapshotsRequest.own()).items()
                .get(0).snapshotId());
        assertFalse(HostFiles.contains(sim.volumes().diskVolume(result.newDiskId()), MARKER_BYTES));

        sim.instances().startInstance(ctx, instanceId);
        advance();
        assertEquals(MARKER + "\n", shell("cat /data/f.txt"), "mounted by UUID from the encrypted disk at start");
    }

    @Test
    void aKeyDisabledWhileTheSnapshotRunsLeavesNothingBehindAndTheOldDiskInUse() throws Exception {
        instanceWithFileOnPlainDataDisk();
        EncryptionPlan plan = conversion().plan(ctx, dataDiskId, key, false, false);
        List<String> undone = new ArrayList<>();
        boolean[] disabled = {false};
        Pause disableOnce = () -> {
            if (!disabled[0]) {
                sim.kms().disableKey(ctx, key); // someone disables the key before the disk is created
                disabled[0] = true;
            }
            fiveSeconds.await();
        };
        ApiException e = assertThrows(ApiException.class, () -> conversion().run(ctx, plan, new ConversionListener() {
            @Override
            public void step(Step step, StepState state, double progress) {
                if (state == StepState.UNDONE || state == StepState.FAILED) {
                    undone.add(step + " " + state);
                }
            }

            @Override
            public void log(String line) {
            }
        }, disableOnce));

        assertEquals("InvalidParameter.KMSKeyId.CMKNotEnabled", e.code(), e.getMessage());
        assertFalse(e.getMessage().contains("Exception"), e.getMessage());
        assertEquals(List.of("CREATE_DISK FAILED", "CREATE_SNAPSHOT UNDONE"), undone);
        assertEquals(List.of(dataDiskId), dataDisks().stream().map(Disk::diskId).toList(), "no new disk");
        assertEquals(instanceId, sim.ecs().describeDisk(ctx, dataDiskId).instanceId());
        assertEquals(DiskStatus.In_use, sim.ecs().describeDisk(ctx, dataDiskId).status());
        assertEquals(0, sim.ecs().describeSnapshots(ctx, DescribeSnapshotsRequest.own()).totalCount());
        assertEquals(MARKER + "\n", shell("mount -a", "cat /data/f.txt"));
    }

    @Test
    void anAttachRefusedAfterTheDetachPutsTheOldDiskBackAndReleasesTheNewOne() throws Exception {
        instanceWithFileOnPlainDataDisk();
        // The instance service refuses to attach the new disk (as it would at its data-disk limit).
        InstanceService refusing = (InstanceService) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {InstanceService.class}, (proxy, method, args) -> {
                    if (method.getName().equals("attachDisk") && !args[2].equals(dataDiskId)) {
                        throw new ApiException("InstanceDiskLimitExceeded", 403, "Instance " + args[1]
                                + " already has 16 data disks.");
                    }
                    try {
                        return method.invoke(sim.instances(), args);
                    } catch (InvocationTargetException ex) {
                        throw ex.getCause();
                    }
                });
        DataDiskEncryption conversion = new DataDiskEncryption(sim.ecs(), refusing, sim.kms());
        EncryptionPlan plan = conversion.plan(ctx, dataDiskId, key, true, false);
        List<String> log = new ArrayList<>();
        ApiException e = assertThrows(ApiException.class, () -> conversion.run(ctx, plan, new ConversionListener() {
            @Override
            public void step(Step step, StepState state, double progress) {
            }

            @Override
            public void log(String line) {
                log.add(line);
            }
        }, fiveSeconds));

        assertEquals("InstanceDiskLimitExceeded", e.code());
        assertTrue(log.stream().anyMatch(l -> l.startsWith("Undo: AttachDisk " + dataDiskId)), log.toString());
        assertEquals(List.of(dataDiskId), dataDisks().stream().map(Disk::diskId).toList(), "the new disk is released");
        assertEquals(instanceId, sim.ecs().describeDisk(ctx, dataDiskId).instanceId());
        assertEquals(0, sim.ecs().describeSnapshots(ctx, DescribeSnapshotsRequest.own()).totalCount());
        assertEquals(MARKER + "\n", shell("mount -a", "cat /data/f.txt"));
    }

    @Test
    void systemDisksEncryptedDisksAndUnusableKeysAreRefusedBeforeAnythingIsCreated() throws Exception {
        instanceWithFileOnPlainDataDisk();
        String systemDisk = sim.ecs().describeDisks(ctx, new DescribeDisksRequest(null, null, null, "system", null,
                null, null, null, 1, 10)).items().get(0).diskId();
        ApiException system = assertThrows(ApiException.class, () -> conversion().plan(ctx, systemDisk, key, false,
                false));
        assertEquals("OperationDenied", system.code());
        assertTrue(system.getMessage().contains("system disk"), system.getMessage());

        EncryptionPlan plan = conversion().plan(ctx, dataDiskId, key, true, false);
        String encryptedDisk = conversion().run(ctx, plan, ConversionListener.NONE, fiveSeconds).newDiskId();
        ApiException again = assertThrows(ApiException.class, () -> conversion().plan(ctx, encryptedDisk, key, false,
                false));
        assertEquals("OperationDenied", again.code());
        assertTrue(again.getMessage().contains("already encrypted"), again.getMessage());

        String other = sim.kms().createKey(ctx, CreateKeyRequest.defaults("off")).keyId();
        sim.kms().disableKey(ctx, other);
        String plain = sim.ecs().createDisk(ctx, new dev.ecskms.sim.ecs.CreateDiskRequest("cn-hangzhou-i",
                "cloud_essd", 20, null, null, false, null, null, null, null, null));
        advance();
        ApiException disabledKey = assertThrows(ApiException.class, () -> conversion().plan(ctx, plain, other, false,
                false));
        assertEquals("InvalidParameter.KMSKeyId.CMKNotEnabled", disabledKey.code());
        assertEquals(2, dataDisks().size());
        assertEquals(0, sim.ecs().describeSnapshots(ctx, DescribeSnapshotsRequest.own()).totalCount());
    }
}
