package dev.ecskms.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aliyuncs.ecs.model.v20140526.AttachDiskRequest;
import com.aliyuncs.ecs.model.v20140526.CreateDiskRequest;
import com.aliyuncs.ecs.model.v20140526.CreateSnapshotRequest;
import com.aliyuncs.ecs.model.v20140526.DescribeDisksRequest;
import com.aliyuncs.ecs.model.v20140526.DescribeDisksResponse;
import com.aliyuncs.ecs.model.v20140526.DescribeInstanceStatusRequest;
import com.aliyuncs.ecs.model.v20140526.DescribeInvocationResultsRequest;
import com.aliyuncs.ecs.model.v20140526.DescribeInvocationResultsResponse;
import com.aliyuncs.ecs.model.v20140526.DescribeSnapshotsRequest;
import com.aliyuncs.ecs.model.v20140526.DescribeSnapshotsResponse;
import com.aliyuncs.ecs.model.v20140526.DetachDiskRequest;
import com.aliyuncs.ecs.model.v20140526.RunCommandRequest;
import com.aliyuncs.ecs.model.v20140526.RunInstancesRequest;
import com.aliyuncs.exceptions.ClientException;
import com.aliyuncs.kms.model.v20160120.CreateKeyRequest;
import dev.ecskms.sim.Simulator;
import dev.ecskms.testing.HostFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The documented path to encrypt a data disk, as a script does it with the official SDK (aliyun-java-sdk-ecs 5.11.7):
 * CreateSnapshot, CreateDisk from it with Encrypted and KMSKeyId, DetachDisk the old one, AttachDisk the new one. The
 * file written in the guest before is read from the encrypted disk after, also after the simulator restarts, and the
 * new disk's bytes on the host are ciphertext. (The console's "Encrypt this disk" makes the same calls.)
 */
class DataDiskEncryptionSdkTest extends ApiTestBase {
    static final String ZONE = REGION + "-h";
    static final Duration STEP = Duration.ofSeconds(5);
    static final String MARKER = "MARKER-sdk-path-7d0a";

    @Override
    Simulator openSimulator(Path dir) {
        return Simulator.open(dir, Clock.fixed(Instant.parse("2026-03-02T08:00:00Z"), ZoneOffset.UTC));
    }

    @Test
    void aPlainDataDiskBecomesCmkEncryptedByTheDocumentedCallsWithItsFilesIntact() throws Exception {
        authorizeEcs();
        String keyId = call(new CreateKeyRequest()).getKeyMetadata().getKeyId();
        RunInstancesRequest run = new RunInstancesRequest();
        run.setZoneId(ZONE);
        run.setInstanceType("ecs.g7.large");
        run.setImageId("aliyun_3_x64_20G_alibase_20240819.vhd");
        run.setPassword("Simul4ted!pass");
        RunInstancesRequest.DataDisk plain = new RunInstancesRequest.DataDisk();
        plain.setCategory("cloud_essd");
        plain.setSize(20);
        plain.setDeleteWithInstance(true);
        run.setDataDisks(List.of(plain));
        String instanceId = call(run).getInstanceIdSets().get(0);
        waitForRunning(instanceId);
        String oldDisk = dataDisk(instanceId).getDiskId();
        String blkid = shell(instanceId, "parted -s /dev/vdb mklabel gpt mkpart primary ext4 0% 100%\n"
                + "mkfs.ext4 /dev/vdb1\nmkdir -p /data\nmount /dev/vdb1 /data\necho " + MARKER + " > /data/f.txt\n"
                + "umount /data\nblkid /dev/vdb1");
        Matcher uuid = Pattern.compile("UUID=\"([0-9a-f-]+)\"").matcher(blkid);
        assertTrue(uuid.find(), blkid);
        shell(instanceId, "echo 'UUID=" + uuid.group(1) + " /data ext4 defaults 0 0' >> /etc/fstab");

        CreateSnapshotRequest snap = new CreateSnapshotRequest();
        snap.setDiskId(oldDisk);
        String snapshotId = call(snap).getSnapshotId();
        for (int i = 0; i < 30 && !"accomplished".equals(snapshot(snapshotId).getStatus()); i++) {
            simulator.clock().fastForward(STEP);
        }
        assertEquals("accomplished", snapshot(snapshotId).getStatus());

        CreateDiskRequest create = new CreateDiskRequest();
        create.setZoneId(ZONE);
        create.setDiskCategory("cloud_essd");
        create.setSnapshotId(snapshotId);
        create.setEncrypted(true);
        create.setKMSKeyId(keyId);
        String newDisk = call(create).getDiskId();
        for (int i = 0; i < 10 && !"Available".equals(disk(newDisk).getStatus()); i++) {
            simulator.clock().fastForward(STEP);
        }
        DetachDiskRequest detach = new DetachDiskRequest();
        detach.setInstanceId(instanceId);
        detach.setDiskId(oldDisk);
        call(detach);
        AttachDiskRequest attach = new AttachDiskRequest();
        attach.setInstanceId(instanceId);
        attach.setDiskId(newDisk);
        call(attach);

        DescribeDisksResponse.Disk encrypted = dataDisk(instanceId);
        assertEquals(newDisk, encrypted.getDiskId());
        assertTrue(encrypted.getEncrypted());
        assertEquals(keyId, encrypted.getKMSKeyId());
        assertEquals(MARKER + "\n", shell(instanceId, "mount -a\ncat /data/f.txt"));
        assertFalse(HostFiles.contains(simulator.volumes().diskVolume(newDisk), MARKER.getBytes(
                StandardCharsets.UTF_8)), "the new disk's bytes on the host are ciphertext");

        stopServer();
        startServer(); // the simulator restarts on the same data dir
        simulator.clock().fastForward(Duration.ofSeconds(1)); // the running instance boots again
        assertEquals(MARKER + "\n", shell(instanceId, "cat /data/f.txt"), "fstab mounts the encrypted disk by UUID");
    }

    void waitForRunning(String instanceId) throws ClientException {
        for (int i = 0; i < 24; i++) {
            DescribeInstanceStatusRequest request = new DescribeInstanceStatusRequest();
            request.setInstanceIds(List.of(instanceId));
            if ("Running".equals(call(request).getInstanceStatuses().get(0).getStatus())) {
                return;
            }
            simulator.clock().fastForward(STEP);
        }
        throw new AssertionError(instanceId + " did not start");
    }

    DescribeDisksResponse.Disk dataDisk(String instanceId) throws ClientException {
        DescribeDisksRequest request = new DescribeDisksRequest();
        request.setInstanceId(instanceId);
        request.setDiskType("data");
        List<DescribeDisksResponse.Disk> disks = call(request).getDisks();
        assertEquals(1, disks.size());
        return disks.get(0);
    }

    DescribeDisksResponse.Disk disk(String diskId) throws ClientException {
        DescribeDisksRequest request = new DescribeDisksRequest();
        request.setDiskIds("[\"" + diskId + "\"]");
        return call(request).getDisks().get(0);
    }

    DescribeSnapshotsResponse.Snapshot snapshot(String snapshotId) throws ClientException {
        DescribeSnapshotsRequest request = new DescribeSnapshotsRequest();
        request.setSnapshotIds("[\"" + snapshotId + "\"]");
        return call(request).getSnapshots().get(0);
    }

    /** Runs a shell script by Cloud Assistant and returns its output; it must succeed. */
    String shell(String instanceId, String script) throws ClientException {
        RunCommandRequest request = new RunCommandRequest();
        request.setType("RunShellScript");
        request.setContentEncoding("Base64");
        request.setCommandContent(Base64.getEncoder().encodeToString(script.getBytes(StandardCharsets.UTF_8)));
        request.setInstanceIds(List.of(instanceId));
        DescribeInvocationResultsRequest results = new DescribeInvocationResultsRequest();
        results.setInvokeId(call(request).getInvokeId());
        DescribeInvocationResultsResponse.Invocation.InvocationResult result = call(results).getInvocation()
                .getInvocationResults().get(0);
        String output = new String(Base64.getDecoder().decode(result.getOutput()), StandardCharsets.UTF_8);
        assertEquals("Success", result.getInvocationStatus(), output);
        return output;
    }
}
