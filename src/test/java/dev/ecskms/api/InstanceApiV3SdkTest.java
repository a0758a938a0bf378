package dev.ecskms.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aliyun.ecs20140526.models.CreateDiskRequest;
import com.aliyun.ecs20140526.models.DescribeInstanceStatusRequest;
import com.aliyun.ecs20140526.models.GetInstanceConsoleOutputRequest;
import com.aliyun.ecs20140526.models.GetInstanceScreenshotRequest;
import com.aliyun.ecs20140526.models.RebootInstanceRequest;
import com.aliyun.ecs20140526.models.RunInstancesRequest;
import com.aliyun.kms20160120.models.CreateKeyRequest;
import com.aliyun.kms20160120.models.DisableKeyRequest;
import com.aliyun.kms20160120.models.EnableKeyRequest;
import com.aliyun.tea.TeaException;
import dev.ecskms.sim.Simulator;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The FAQ procedure with the current official SDK generation (ecs20140526 5.3.0 and kms20160120 1.2.3 on
 * tea-openapi), configured as a user would: endpoint, protocol and credentials only, so it signs with signature V3
 * and sends RegionId only where the API defines it. (EcsApiV3SdkTest covers disks and snapshots.)
 */
class InstanceApiV3SdkTest extends ApiTestBase {
    static final String ZONE = REGION + "-h";
    static final String IMAGE = "aliyun_3_x64_20G_alibase_20240819.vhd";
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
    void disabledKeyStopsTheNextBootAndEnablingItBringsTheInstanceBack() throws Exception {
        authorizeEcs();
        String keyId = kms.createKey(new CreateKeyRequest().setDescription("current SDK")).getBody().getKeyMetadata()
                .getKeyId();

        // An instance on a CMK-encrypted system disk; the key disabled; a reboot cannot read the disk.
        RunInstancesRequest run = new RunInstancesRequest().setRegionId(REGION).setZoneId(ZONE)
                .setInstanceType("ecs.g7.large").setImageId(IMAGE).setPassword("Simul4ted!pass")
                .setSystemDisk(new RunInstancesRequest.RunInstancesRequestSystemDisk().setCategory("cloud_essd")
                        .setEncrypted("true").setKMSKeyId(keyId));
        String instanceId = ecs.runInstances(run).getBody().getInstanceIdSets().getInstanceIdSet().get(0);
        waitFor(instanceId, "Running");
        assertFalse(allBlack(screenshot(instanceId)), "a booted guest shows its console");
        assertTrue(consoleOutput(instanceId).contains("login:"));

        kms.disableKey(new DisableKeyRequest().setKeyId(keyId));
        reboot(instanceId);
        waitFor(instanceId, "Running");
        assertTrue(allBlack(screenshot(instanceId)), "the boot sectors cannot be decrypted: the screen stays black");
        assertFalse(consoleOutput(instanceId).contains("login:"));
        TeaException refused = assertThrows(TeaException.class, () -> ecs.createDisk(new CreateDiskRequest()
                .setRegionId(REGION).setZoneId(ZONE).setDiskCategory("cloud_essd").setSize(20).setEncrypted(true)
                .setKMSKeyId(keyId)));
        assertEquals("InvalidParameter.KMSKeyId.CMKNotEnabled", refused.getCode());

        kms.enableKey(new EnableKeyRequest().setKeyId(keyId));
        reboot(instanceId);
        waitFor(instanceId, "Running");
        assertFalse(allBlack(screenshot(instanceId)));
        assertTrue(consoleOutput(instanceId).contains("login:"));
    }

    @Test
    void aNonAsciiPasswordAndAnOversizedSystemDiskAreRefusedWithTheRulesCodesAndCreateNothing() throws Exception {
        RunInstancesRequest run = new RunInstancesRequest().setRegionId(REGION).setZoneId(ZONE)
                .setInstanceType("ecs.g7.large").setImageId(IMAGE).setPassword("Pässwort-2024");
        TeaException password = assertThrows(TeaException.class, () -> ecs.runInstances(run));
        assertEquals("InvalidPassword.Malformed", password.getCode());
        assertEquals(400, password.getStatusCode());
        assertTrue(password.getMessage().contains("\"ä\" is not allowed"), password.getMessage());

        run.setPassword("Simul4ted!pass").setSystemDisk(new RunInstancesRequest.RunInstancesRequestSystemDisk()
                .setCategory("cloud_essd").setSize("3000"));
        TeaException size = assertThrows(TeaException.class, () -> ecs.runInstances(run));
        assertEquals("InvalidSystemDiskSize.ValueNotSupported", size.getCode());
        assertEquals(400, size.getStatusCode());
        assertEquals(0, simulator.ecs().describeDisks(dev.ecskms.sim.common.CallContext.root(
                simulator.accounts().rootAccountId(), REGION), dev.ecskms.sim.ecs.DescribeDisksRequest.all())
                .totalCount(), "nothing was created");
    }

    void waitFor(String instanceId, String status) throws Exception {
        String now = null;
        for (int step = 0; step < 24; step++) {
            now = status(instanceId);
            if (now.equals(status)) {
                return;
            }
            simulator.clock().fastForward(Duration.ofSeconds(5));
        }
        throw new AssertionError(instanceId + " is still " + now + ", not " + status);
    }

    String status(String instanceId) throws Exception {
        var statuses = ecs.describeInstanceStatus(new DescribeInstanceStatusRequest().setRegionId(REGION)
                .setInstanceId(List.of(instanceId))).getBody().getInstanceStatuses().getInstanceStatus();
        assertEquals(1, statuses.size());
        return statuses.get(0).getStatus();
    }

    void reboot(String instanceId) throws Exception {
        ecs.rebootInstance(new RebootInstanceRequest().setInstanceId(instanceId));
        assertNotEquals("Running", status(instanceId), "a reboot goes through Stopping and Starting");
    }

    BufferedImage screenshot(String instanceId) throws Exception {
        String png = ecs.getInstanceScreenshot(new GetInstanceScreenshotRequest().setRegionId(REGION)
                .setInstanceId(instanceId)).getBody().getScreenshot();
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(png)));
        assertNotNull(image, "the screenshot is a PNG");
        return image;
    }

    String consoleOutput(String instanceId) throws Exception {
        String output = ecs.getInstanceConsoleOutput(new GetInstanceConsoleOutputRequest().setRegionId(REGION)
                .setInstanceId(instanceId)).getBody().getConsoleOutput();
        return new String(Base64.getDecoder().decode(output), StandardCharsets.UTF_8);
    }

    static boolean allBlack(BufferedImage image) {
        return InstanceApiSdkTest.allBlack(image);
    }
}
