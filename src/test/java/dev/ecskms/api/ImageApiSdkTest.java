package dev.ecskms.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aliyuncs.ecs.model.v20140526.CopyImageRequest;
import com.aliyuncs.ecs.model.v20140526.CreateImageRequest;
import com.aliyuncs.ecs.model.v20140526.DeleteImageRequest;
import com.aliyuncs.ecs.model.v20140526.DeleteSnapshotRequest;
import com.aliyuncs.ecs.model.v20140526.DescribeDisksRequest;
import com.aliyuncs.ecs.model.v20140526.DescribeDisksResponse;
import com.aliyuncs.ecs.model.v20140526.DescribeImageSharePermissionRequest;
import com.aliyuncs.ecs.model.v20140526.DescribeImagesRequest;
import com.aliyuncs.ecs.model.v20140526.DescribeImagesResponse;
import com.aliyuncs.ecs.model.v20140526.DescribeInstanceStatusRequest;
import com.aliyuncs.ecs.model.v20140526.DescribeInvocationResultsRequest;
import com.aliyuncs.ecs.model.v20140526.DescribeInvocationResultsResponse;
import com.aliyuncs.ecs.model.v20140526.DescribeSnapshotsRequest;
import com.aliyuncs.ecs.model.v20140526.ModifyImageSharePermissionRequest;
import com.aliyuncs.ecs.model.v20140526.RebootInstanceRequest;
import com.aliyuncs.ecs.model.v20140526.ReplaceSystemDiskRequest;
import com.aliyuncs.ecs.model.v20140526.RunCommandRequest;
import com.aliyuncs.ecs.model.v20140526.RunInstancesRequest;
import com.aliyuncs.ecs.model.v20140526.StartInstanceRequest;
import com.aliyuncs.ecs.model.v20140526.StopInstanceRequest;
import com.aliyuncs.exceptions.ClientException;
import com.aliyuncs.kms.model.v20160120.CreateKeyRequest;
import com.aliyuncs.kms.model.v20160120.DisableKeyRequest;
import dev.ecskms.sim.Simulator;
import dev.ecskms.testing.HostFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Custom images and ReplaceSystemDisk through the endpoint with the older official SDK (aliyun-java-sdk-ecs 5.11.7,
 * typed requests): the OOS procedure that encrypts a system disk, done by hand. The simulator runs on a fixed base
 * clock: only {@code fastForward} moves its time.
 */
class ImageApiSdkTest extends ApiTestBase {
    static final String ZONE = REGION + "-h";
    static final String IMAGE = "aliyun_3_x64_20G_alibase_20240819.vhd";
    static final String PASSWORD = "Simul4ted!pass";
    static final Duration STEP = Duration.ofSeconds(5);

    @Override
    Simulator openSimulator(Path dir) {
        return Simulator.open(dir, Clock.fixed(Instant.parse("2026-03-02T08:00:00Z"), ZoneOffset.UTC));
    }

    /**
     * A guest writes a file; an image of its stopped instance is copied encrypted under a CMK (the copy's bytes on the
     * host are ciphertext); the copy replaces the system disk and the guest reads the file back, also after the
     * simulator restarts; with the CMK disabled the next boot cannot read the disk.
     */
    @Test
    void anEncryptedCopyOfTheImageReplacesTheSystemDiskAndKeepsTheGuestsFiles() throws Exception {
        String keyId = call(new CreateKeyRequest()).getKeyMetadata().getKeyId();
        authorizeEcs();
        String instanceId = runInstance();
        waitFor(instanceId, "Running");
        String marker = "IMG-" + UUID.randomUUID().toString().substring(0, 8);
        // Split by quotes so that neither the script nor its output (kept by Cloud Assistant) carries the marker.
        String write = runShell(instanceId, "echo " + marker.substring(0, 3) + "''" + marker.substring(3)
                + " > /root/marker.txt && sync");
        assertEquals("Success", result(write).getInvocationStatus());
        stop(instanceId);

        CreateImageRequest create = new CreateImageRequest();
        create.setInstanceId(instanceId);
        create.setImageName("written-guest");
        String imageId = call(create).getImageId();
        DescribeImagesResponse.Image creating = image(imageId, "Creating");
        assertEquals("Creating", creating.getStatus());
        assertEquals("self", creating.getImageOwnerAlias());
        simulator.clock().fastForward(Duration.ofMinutes(2));
        DescribeImagesResponse.Image source = image(imageId, null);
        assertEquals("Available", source.getStatus());
        assertEquals("100%", source.getProgress());
        String sourceSnapshot = source.getDiskDeviceMappings().get(0).getSnapshotId();
        assertTrue(volumeHolds("snapshots/" + sourceSnapshot + ".img", marker),
                "the image of the plain disk holds the file in the clear (so the check below can fail)");

        CopyImageRequest copy = new CopyImageRequest();
        copy.setImageId(imageId);
        copy.setDestinationRegionId(REGION);
        copy.setDestinationImageName("encrypted-copy");
        copy.setEncrypted(true);
        copy.setKMSKeyId(keyId);
        String copyId = call(copy).getImageId();
        simulator.clock().fastForward(Duration.ofMinutes(2));
        DescribeImagesResponse.Image copied = image(copyId, null);
        assertTrue(copied.getIsCopied());
        String copySnapshot = copied.getDiskDeviceMappings().get(0).getSnapshotId();
        assertNotEquals(sourceSnapshot, copySnapshot);
        assertFalse(volumeHolds("snapshots/" + copySnapshot + ".img", marker), "the copy's bytes are ciphertext");
        DescribeSnapshotsRequest snapshots = new DescribeSnapshotsRequest();
        snapshots.setSnapshotIds("[\"" + copySnapshot + "\"]");
        var snapshot = call(snapshots).getSnapshots().get(0);
        assertTrue(snapshot.getEncrypted());
        assertEquals(keyId, snapshot.getKMSKeyId());

        String oldDisk = systemDisk(instanceId).getDiskId();
        ReplaceSystemDiskRequest replace = new ReplaceSystemDiskRequest();
        replace.setInstanceId(instanceId);
        replace.setImageId(copyId);
        replace.setPassword(PASSWORD);
        String newDisk = call(replace).getDiskId();
        DescribeDisksResponse.Disk disk = systemDisk(instanceId);
        assertEquals(newDisk, disk.getDiskId());
        assertNotEquals(oldDisk, newDisk);
        assertTrue(disk.getEncrypted());
        assertEquals(keyId, disk.getKMSKeyId());
        assertFalse(volumeHolds("volumes/" + newDisk + ".img", marker));

        StartInstanceRequest start = new StartInstanceRequest();
        start.setInstanceId(instanceId);
        call(start);
        waitFor(instanceId, "Running");
        assertTrue(read(instanceId).contains(marker), "the guest reads the file written before");

        restart();
        waitFor(instanceId, "Running");
        assertTrue(read(instanceId).contains(marker), "also after the simulator restarts");

        DisableKeyRequest disable = new DisableKeyRequest();
        disable.setKeyId(keyId);
        call(disable);
        RebootInstanceRequest reboot = new RebootInstanceRequest();
        reboot.setInstanceId(instanceId);
        call(reboot);
        waitFor(instanceId, "Running");
        assertEquals("Failed", result(runShell(instanceId, "cat /root/marker.txt")).getInvocationStatus(),
                "the boot cannot decrypt the system disk's data key");
    }

    @Test
    void refusedRequestsNameTheRealCodeAndLeaveNothingBehind() throws Exception {
        String instanceId = runInstance();
        waitFor(instanceId, "Running");
        CreateImageRequest create = new CreateImageRequest();
        create.setInstanceId(instanceId);
        String imageId = call(create).getImageId();
        simulator.clock().fastForward(Duration.ofMinutes(2));
        String disk = systemDisk(instanceId).getDiskId();
        int images = imageCount();
        int snapshots = call(new DescribeSnapshotsRequest()).getTotalCount();

        ReplaceSystemDiskRequest replace = new ReplaceSystemDiskRequest();
        replace.setInstanceId(instanceId);
        replace.setImageId(imageId);
        assertSdkError("IncorrectInstanceStatus", () -> call(replace));
        assertError(ecsRaw("ReplaceSystemDisk", Map.of("InstanceId", instanceId, "ImageId", imageId)), 403,
                "IncorrectInstanceStatus");
        stop(instanceId);
        replace.setImageId("m-doesnotexist");
        assertSdkError("InvalidImageId.NotFound", () -> call(replace));
        assertError(ecsRaw("ReplaceSystemDisk", Map.of("InstanceId", instanceId, "ImageId", "m-doesnotexist")), 404,
                "InvalidImageId.NotFound");
        assertError(ecsRaw("ReplaceSystemDisk", Map.of("InstanceId", instanceId, "ImageId", imageId,
                "SystemDisk.Size", "big")), 400, "InvalidParameter");
        assertError(ecsRaw("ReplaceSystemDisk", Map.of("InstanceId", instanceId, "ImageId", imageId,
                "Encrypted", "true", "KMSKeyId", "00000000-0000-0000-0000-000000000000")), 404,
                "InvalidParameter.KMSKeyId.NotFound");

        CopyImageRequest copy = new CopyImageRequest();
        copy.setImageId(imageId);
        copy.setEncrypted(true);
        copy.setKMSKeyId("00000000-0000-0000-0000-000000000000");
        assertSdkError("InvalidParameter.KMSKeyId.NotFound", () -> call(copy));
        copy.setImageId("m-doesnotexist");
        assertSdkError("InvalidImageId.NotFound", () -> call(copy));
        assertError(ecsRaw("CopyImage", Map.of("ImageId", imageId, "DestinationRegionId", "xx-nowhere-1")), 404,
                "InvalidRegionId.NotFound");
        assertError(ecsRaw("CreateImage", Map.of()), 400, "MissingParameter");
        assertError(ecsRaw("DescribeImages", Map.of("Status", "Sleeping")), 400, "InvalidParameter");
        assertError(ecsRaw("DescribeImages", Map.of("ImageOwnerAlias", "everyone")), 400, "InvalidParameter");
        String snapshot = image(imageId, null).getDiskDeviceMappings().get(0).getSnapshotId();
        DeleteSnapshotRequest deleteSnapshot = new DeleteSnapshotRequest();
        deleteSnapshot.setSnapshotId(snapshot);
        assertSdkError("SnapshotCreatedImage", () -> call(deleteSnapshot));

        assertEquals(disk, systemDisk(instanceId).getDiskId(), "the instance keeps its system disk");
        assertEquals(images, imageCount());
        assertEquals(snapshots, call(new DescribeSnapshotsRequest()).getTotalCount());

        // Sharing with the second account, then deleting: shared and used images need the real steps first.
        String peer = simulator.accounts().peerAccountId();
        ModifyImageSharePermissionRequest share = new ModifyImageSharePermissionRequest();
        share.setImageId(imageId);
        share.setAddAccounts(List.of(peer));
        call(share);
        DescribeImageSharePermissionRequest shared = new DescribeImageSharePermissionRequest();
        shared.setImageId(imageId);
        assertEquals(List.of(peer), call(shared).getAccounts().stream()
                .map(a -> a.getAliyunId()).toList());
        DeleteImageRequest delete = new DeleteImageRequest();
        delete.setImageId(imageId);
        assertSdkError("ImageUseShared", () -> call(delete));
        share.setAddAccounts(null);
        share.setRemoveAccounts(List.of(peer));
        call(share);
        replace.setImageId(imageId);
        call(replace);
        assertSdkError("ImageUsingByInstance", () -> call(delete));
        delete.setForce(true);
        call(delete);
        assertEquals(images - 1, imageCount());
    }

    // ---- helpers ----

    String runInstance() throws ClientException {
        RunInstancesRequest run = new RunInstancesRequest();
        run.setZoneId(ZONE);
        run.setInstanceType("ecs.g7.large");
        run.setImageId(IMAGE);
        run.setPassword(PASSWORD);
        List<String> ids = call(run).getInstanceIdSets();
        assertEquals(1, ids.size());
        return ids.get(0);
    }

    void stop(String instanceId) throws ClientException {
        StopInstanceRequest stop = new StopInstanceRequest();
        stop.setInstanceId(instanceId);
        call(stop);
        waitFor(instanceId, "Stopped");
    }

    void waitFor(String instanceId, String status) throws ClientException {
        String now = null;
        for (int step = 0; step < 24; step++) {
            DescribeInstanceStatusRequest request = new DescribeInstanceStatusRequest();
            request.setInstanceIds(List.of(instanceId));
            now = call(request).getInstanceStatuses().get(0).getStatus();
            if (now.equals(status)) {
                return;
            }
            simulator.clock().fastForward(STEP);
        }
        throw new AssertionError(instanceId + " is still " + now + ", not " + status);
    }

    /** Stops the endpoint and the simulator, opens both again on the same data dir. */
    void restart() {
        sdk.shutdown();
        server.stop();
        simulator.close();
        simulator = openSimulator(dataDir);
        simulator.accounts().ensureRootAccessKey(ACCESS_KEY_ID, ACCESS_KEY_SECRET);
        server = new ApiServer(simulator.kms(), simulator.ecs(), simulator.instances(), simulator.ram(),
                simulator.trail(), simulator.accounts());
        server.start("127.0.0.1", 0);
        sdk = client(ACCESS_KEY_ID, ACCESS_KEY_SECRET);
    }

    DescribeImagesResponse.Image image(String imageId, String status) throws ClientException {
        DescribeImagesRequest request = new DescribeImagesRequest();
        request.setImageId(imageId);
        request.setStatus(status);
        List<DescribeImagesResponse.Image> images = call(request).getImages();
        assertEquals(1, images.size());
        return images.get(0);
    }

    int imageCount() throws ClientException {
        DescribeImagesRequest request = new DescribeImagesRequest();
        request.setImageOwnerAlias("self");
        return call(request).getTotalCount();
    }

    DescribeDisksResponse.Disk systemDisk(String instanceId) throws ClientException {
        DescribeDisksRequest request = new DescribeDisksRequest();
        request.setInstanceId(instanceId);
        request.setDiskType("system");
        List<DescribeDisksResponse.Disk> disks = call(request).getDisks();
        assertEquals(1, disks.size());
        return disks.get(0);
    }

    String runShell(String instanceId, String script) throws ClientException {
        RunCommandRequest request = new RunCommandRequest();
        request.setType("RunShellScript");
        request.setContentEncoding("Base64");
        request.setCommandContent(Base64.getEncoder().encodeToString(script.getBytes(StandardCharsets.UTF_8)));
        request.setInstanceIds(List.of(instanceId));
        return call(request).getInvokeId();
    }

    DescribeInvocationResultsResponse.Invocation.InvocationResult result(String invokeId) throws ClientException {
        DescribeInvocationResultsRequest request = new DescribeInvocationResultsRequest();
        request.setInvokeId(invokeId);
        return call(request).getInvocation().getInvocationResults().get(0);
    }

    String read(String instanceId) throws ClientException {
        var r = result(runShell(instanceId, "cat /root/marker.txt"));
        assertEquals("Success", r.getInvocationStatus(), r::getErrorInfo);
        return new String(Base64.getDecoder().decode(r.getOutput()), StandardCharsets.UTF_8);
    }

    boolean volumeHolds(String relativePath, String text) throws IOException {
        return HostFiles.contains(simulator.dataDir().resolve(relativePath), text.getBytes(StandardCharsets.UTF_8));
    }

    RawResponse ecsRaw(String action, Map<String, String> params) throws Exception {
        Map<String, String> p = rpcRequest(ECS_VERSION, action);
        p.putAll(params);
        return getSigned(p);
    }
}
