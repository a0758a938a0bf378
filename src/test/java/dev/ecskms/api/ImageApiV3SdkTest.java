package dev.ecskms.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aliyun.ecs20140526.models.CopyImageRequest;
import com.aliyun.ecs20140526.models.CreateImageRequest;
import com.aliyun.ecs20140526.models.DeleteImageRequest;
import com.aliyun.ecs20140526.models.DescribeDisksRequest;
import com.aliyun.ecs20140526.models.DescribeDisksResponseBody;
import com.aliyun.ecs20140526.models.DescribeImageSharePermissionRequest;
import com.aliyun.ecs20140526.models.DescribeImagesRequest;
import com.aliyun.ecs20140526.models.DescribeImagesResponseBody;
import com.aliyun.ecs20140526.models.DescribeInstanceStatusRequest;
import com.aliyun.ecs20140526.models.DescribeInvocationResultsRequest;
import com.aliyun.ecs20140526.models.ModifyImageSharePermissionRequest;
import com.aliyun.ecs20140526.models.RebootInstanceRequest;
import com.aliyun.ecs20140526.models.ReplaceSystemDiskRequest;
import com.aliyun.ecs20140526.models.RunCommandRequest;
import com.aliyun.ecs20140526.models.RunInstancesRequest;
import com.aliyun.ecs20140526.models.StartInstanceRequest;
import com.aliyun.ecs20140526.models.StopInstanceRequest;
import com.aliyun.kms20160120.models.CreateKeyRequest;
import com.aliyun.kms20160120.models.DisableKeyRequest;
import com.aliyun.tea.TeaException;
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
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Custom images and ReplaceSystemDisk with the current official SDK generation (ecs20140526 5.3.0, kms20160120 1.2.3,
 * signature V3), configured as a user would: endpoint, protocol and credentials only.
 */
class ImageApiV3SdkTest extends ApiTestBase {
    static final String ZONE = REGION + "-h";
    static final String IMAGE = "aliyun_3_x64_20G_alibase_20240819.vhd";
    static final String PASSWORD = "Simul4ted!pass";
    com.aliyun.ecs20140526.Client ecs;
    com.aliyun.kms20160120.Client kms;

    @Override
    Simulator openSimulator(Path dir) {
        return Simulator.open(dir, Clock.fixed(Instant.parse("2026-03-02T08:00:00Z"), ZoneOffset.UTC));
    }

    @BeforeEach
    void currentSdk() throws Exception {
        ecs = new com.aliyun.ecs20140526.Client(currentSdkConfig());
        kms = new com.aliyun.kms20160120.Client(currentSdkConfig());
    }

    @Test
    void anEncryptedCopyOfTheImageReplacesTheSystemDiskAndKeepsTheGuestsFiles() throws Exception {
        authorizeEcs();
        String keyId = kms.createKey(new CreateKeyRequest().setDescription("image key")).getBody()
                .getKeyMetadata().getKeyId();
        String instanceId = ecs.runInstances(new RunInstancesRequest().setRegionId(REGION).setZoneId(ZONE)
                .setInstanceType("ecs.g7.large").setImageId(IMAGE).setPassword(PASSWORD)).getBody()
                .getInstanceIdSets().getInstanceIdSet().get(0);
        waitFor(instanceId, "Running");
        String marker = "V3IMG-" + UUID.randomUUID().toString().substring(0, 8);
        String written = shell(instanceId, "echo " + marker.substring(0, 3) + "''" + marker.substring(3)
                + " > /root/marker.txt && sync");
        assertEquals("Success", written);
        ecs.stopInstance(new StopInstanceRequest().setInstanceId(instanceId));
        waitFor(instanceId, "Stopped");

        String imageId = ecs.createImage(new CreateImageRequest().setRegionId(REGION).setInstanceId(instanceId)
                .setImageName("written-guest")).getBody().getImageId();
        assertEquals("Creating", image(imageId, "Creating").getStatus());
        simulator.clock().fastForward(Duration.ofMinutes(2));
        String copyId = ecs.copyImage(new CopyImageRequest().setRegionId(REGION).setImageId(imageId)
                .setDestinationRegionId(REGION).setDestinationImageName("encrypted-copy").setEncrypted(true)
                .setKMSKeyId(keyId)).getBody().getImageId();
        simulator.clock().fastForward(Duration.ofMinutes(2));
        DescribeImagesResponseBody.DescribeImagesResponseBodyImagesImage copy = image(copyId, null);
        assertEquals("Available", copy.getStatus());
        assertTrue(copy.getIsCopied());
        String copySnapshot = copy.getDiskDeviceMappings().getDiskDeviceMapping().get(0).getSnapshotId();
        String sourceSnapshot = image(imageId, null).getDiskDeviceMappings().getDiskDeviceMapping().get(0)
                .getSnapshotId();
        byte[] bytes = marker.getBytes(StandardCharsets.UTF_8);
        assertTrue(HostFiles.contains(simulator.volumes().snapshotVolume(sourceSnapshot), bytes));
        assertFalse(HostFiles.contains(simulator.volumes().snapshotVolume(copySnapshot), bytes),
                "the copy's bytes on the host are ciphertext");

        String newDisk = ecs.replaceSystemDisk(new ReplaceSystemDiskRequest().setInstanceId(instanceId)
                .setImageId(copyId).setPassword(PASSWORD)).getBody().getDiskId();
        DescribeDisksResponseBody.DescribeDisksResponseBodyDisksDisk disk = systemDisk(instanceId);
        assertEquals(newDisk, disk.getDiskId());
        assertTrue(disk.getEncrypted());
        assertEquals(keyId, disk.getKMSKeyId());
        ecs.startInstance(new StartInstanceRequest().setInstanceId(instanceId));
        waitFor(instanceId, "Running");
        assertTrue(read(instanceId).contains(marker));

        restart();
        waitFor(instanceId, "Running");
        assertTrue(read(instanceId).contains(marker), "also after the simulator restarts");

        kms.disableKey(new DisableKeyRequest().setKeyId(keyId));
        ecs.rebootInstance(new RebootInstanceRequest().setInstanceId(instanceId));
        waitFor(instanceId, "Running");
        assertEquals("Failed", shell(instanceId, "cat /root/marker.txt"), "the boot cannot read the disk");
    }

    @Test
    void refusedRequestsNameTheRealCodeAndLeaveNothingBehind() throws Exception {
        String instanceId = ecs.runInstances(new RunInstancesRequest().setRegionId(REGION).setZoneId(ZONE)
                .setInstanceType("ecs.g7.large").setImageId(IMAGE).setPassword(PASSWORD)).getBody()
                .getInstanceIdSets().getInstanceIdSet().get(0);
        waitFor(instanceId, "Running");
        String imageId = ecs.createImage(new CreateImageRequest().setRegionId(REGION).setInstanceId(instanceId))
                .getBody().getImageId();
        String disk = systemDisk(instanceId).getDiskId();

        assertCode("IncorrectImageStatus", () -> ecs.copyImage(new CopyImageRequest().setRegionId(REGION)
                .setImageId(imageId)));
        simulator.clock().fastForward(Duration.ofMinutes(2));
        int images = ecs.describeImages(new DescribeImagesRequest().setRegionId(REGION).setImageOwnerAlias("self"))
                .getBody().getTotalCount();
        assertCode("IncorrectInstanceStatus", () -> ecs.replaceSystemDisk(new ReplaceSystemDiskRequest()
                .setInstanceId(instanceId).setImageId(imageId)));
        ecs.stopInstance(new StopInstanceRequest().setInstanceId(instanceId));
        waitFor(instanceId, "Stopped");
        assertCode("InvalidImageId.NotFound", () -> ecs.replaceSystemDisk(new ReplaceSystemDiskRequest()
                .setInstanceId(instanceId).setImageId("m-doesnotexist")));
        assertCode("InvalidParameter.KMSKeyId.NotFound", () -> ecs.copyImage(new CopyImageRequest()
                .setRegionId(REGION).setImageId(imageId).setEncrypted(true)
                .setKMSKeyId("00000000-0000-0000-0000-000000000000")));
        assertCode("InvalidParameter", () -> ecs.replaceSystemDisk(new ReplaceSystemDiskRequest()
                .setInstanceId(instanceId).setImageId(imageId)
                .setSystemDisk(new ReplaceSystemDiskRequest.ReplaceSystemDiskRequestSystemDisk().setSize(5))));
        assertEquals(disk, systemDisk(instanceId).getDiskId(), "the instance keeps its system disk");
        assertEquals(images, ecs.describeImages(new DescribeImagesRequest().setRegionId(REGION)
                .setImageOwnerAlias("self")).getBody().getTotalCount());

        String peer = simulator.accounts().peerAccountId();
        ecs.modifyImageSharePermission(new ModifyImageSharePermissionRequest().setRegionId(REGION)
                .setImageId(imageId).setAddAccount(List.of(peer)));
        assertEquals(List.of(peer), ecs.describeImageSharePermission(new DescribeImageSharePermissionRequest()
                .setRegionId(REGION).setImageId(imageId)).getBody().getAccounts().getAccount().stream()
                .map(a -> a.getAliyunId()).toList());
        assertCode("ImageUseShared", () -> ecs.deleteImage(new DeleteImageRequest().setRegionId(REGION)
                .setImageId(imageId)));
        ecs.modifyImageSharePermission(new ModifyImageSharePermissionRequest().setRegionId(REGION)
                .setImageId(imageId).setRemoveAccount(List.of(peer)));
        String newDisk = ecs.replaceSystemDisk(new ReplaceSystemDiskRequest().setInstanceId(instanceId)
                .setImageId(imageId).setSystemDisk(new ReplaceSystemDiskRequest.ReplaceSystemDiskRequestSystemDisk()
                        .setSize(30))).getBody().getDiskId();
        assertEquals(30, systemDisk(instanceId).getSize());
        assertNotEquals(disk, newDisk);
        assertCode("ImageUsingByInstance", () -> ecs.deleteImage(new DeleteImageRequest().setRegionId(REGION)
                .setImageId(imageId)));
        ecs.deleteImage(new DeleteImageRequest().setRegionId(REGION).setImageId(imageId).setForce(true));
        assertEquals(images - 1, ecs.describeImages(new DescribeImagesRequest().setRegionId(REGION)
                .setImageOwnerAlias("self")).getBody().getTotalCount());
    }

    // ---- helpers ----

    static void assertCode(String code, Executable call) {
        TeaException e = assertThrows(TeaException.class, call);
        assertEquals(code, e.getCode(), e::getMessage);
    }

    void waitFor(String instanceId, String status) throws Exception {
        String now = null;
        for (int step = 0; step < 24; step++) {
            now = ecs.describeInstanceStatus(new DescribeInstanceStatusRequest().setRegionId(REGION)
                    .setInstanceId(List.of(instanceId))).getBody().getInstanceStatuses().getInstanceStatus().get(0)
                    .getStatus();
            if (now.equals(status)) {
                return;
            }
            simulator.clock().fastForward(Duration.ofSeconds(5));
        }
        throw new AssertionError(instanceId + " is still " + now + ", not " + status);
    }

    /** Stops the endpoint and the simulator, opens both again on the same data dir, and points the clients there. */
    void restart() throws Exception {
        sdk.shutdown();
        server.stop();
        simulator.close();
        simulator = openSimulator(dataDir);
        simulator.accounts().ensureRootAccessKey(ACCESS_KEY_ID, ACCESS_KEY_SECRET);
        server = new ApiServer(simulator.kms(), simulator.ecs(), simulator.instances(), simulator.ram(),
                simulator.trail(), simulator.accounts());
        server.start("127.0.0.1", 0);
        sdk = client(ACCESS_KEY_ID, ACCESS_KEY_SECRET);
        currentSdk();
    }

    DescribeImagesResponseBody.DescribeImagesResponseBodyImagesImage image(String imageId, String status)
            throws Exception {
        List<DescribeImagesResponseBody.DescribeImagesResponseBodyImagesImage> images = ecs.describeImages(
                new DescribeImagesRequest().setRegionId(REGION).setImageId(imageId).setStatus(status)).getBody()
                .getImages().getImage();
        assertEquals(1, images.size());
        return images.get(0);
    }

    DescribeDisksResponseBody.DescribeDisksResponseBodyDisksDisk systemDisk(String instanceId) throws Exception {
        List<DescribeDisksResponseBody.DescribeDisksResponseBodyDisksDisk> disks = ecs.describeDisks(
                new DescribeDisksRequest().setRegionId(REGION).setInstanceId(instanceId).setDiskType("system"))
                .getBody().getDisks().getDisk();
        assertEquals(1, disks.size());
        return disks.get(0);
    }

    /** Runs a script by Cloud Assistant; returns its invocation status. */
    String shell(String instanceId, String script) throws Exception {
        return result(instanceId, script).getInvocationStatus();
    }

    String read(String instanceId) throws Exception {
        var r = result(instanceId, "cat /root/marker.txt");
        assertEquals("Success", r.getInvocationStatus(), r::getErrorInfo);
        return new String(Base64.getDecoder().decode(r.getOutput()), StandardCharsets.UTF_8);
    }

    com.aliyun.ecs20140526.models.DescribeInvocationResultsResponseBody
            .DescribeInvocationResultsResponseBodyInvocationInvocationResultsInvocationResult result(String instanceId,
                    String script) throws Exception {
        String invokeId = ecs.runCommand(new RunCommandRequest().setRegionId(REGION).setType("RunShellScript")
                .setCommandContent(script).setInstanceId(List.of(instanceId))).getBody().getInvokeId();
        return ecs.describeInvocationResults(new DescribeInvocationResultsRequest().setRegionId(REGION)
                .setInvokeId(invokeId)).getBody().getInvocation().getInvocationResults().getInvocationResult().get(0);
    }
}
