package dev.ecskms.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aliyun.ecs20140526.Client;
import com.aliyun.ecs20140526.models.CreateDiskRequest;
import com.aliyun.ecs20140526.models.CreateSnapshotRequest;
import com.aliyun.ecs20140526.models.DescribeDisksRequest;
import com.aliyun.ecs20140526.models.DescribeDisksResponseBody;
import com.aliyun.kms20160120.models.CreateKeyRequest;
import com.aliyun.teaopenapi.models.Config;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** ECS encryption with the current SDK generation (ecs20140526 5.3.0), defaults only: signature V3. */
class EcsApiV3SdkTest extends ApiTestBase {
    static final String ZONE = REGION + "-h";

    @Test
    void anEncryptedDiskItsSnapshotAndADiskFromIt() throws Exception {
        authorizeEcs(); // the ECS service role, as the console's one-click authorization makes it
        Client ecs = new Client(currentSdkConfig());
        String keyId = new com.aliyun.kms20160120.Client(currentSdkConfig()).createKey(new CreateKeyRequest()).getBody()
                .getKeyMetadata().getKeyId();

        String diskId = ecs.createDisk(new CreateDiskRequest().setRegionId(REGION).setZoneId(ZONE)
                .setDiskCategory("cloud_essd").setPerformanceLevel("PL0").setSize(1).setEncrypted(true).setKMSKeyId(keyId)).getBody()
                .getDiskId();
        simulator.clock().fastForward(Duration.ofMinutes(10));
        String snapshotId = ecs.createSnapshot(new CreateSnapshotRequest().setDiskId(diskId)).getBody()
                .getSnapshotId();
        simulator.clock().fastForward(Duration.ofMinutes(10));
        String restoredId = ecs.createDisk(new CreateDiskRequest().setRegionId(REGION).setZoneId(ZONE)
                .setDiskCategory("cloud_essd").setPerformanceLevel("PL0").setSnapshotId(snapshotId)).getBody().getDiskId();
        simulator.clock().fastForward(Duration.ofMinutes(10));

        DescribeDisksResponseBody body = ecs.describeDisks(new DescribeDisksRequest().setRegionId(REGION)
                .setDiskIds("[\"" + diskId + "\",\"" + restoredId + "\"]")).getBody();
        Map<String, DescribeDisksResponseBody.DescribeDisksResponseBodyDisksDisk> disks = body.getDisks().getDisk()
                .stream().collect(Collectors.toMap(d -> d.getDiskId(), d -> d));
        assertEquals(2, disks.size(), disks::toString);
        assertTrue(disks.get(diskId).getEncrypted());
        assertEquals(keyId, disks.get(diskId).getKMSKeyId());
        assertTrue(disks.get(restoredId).getEncrypted(), "a disk from an encrypted snapshot is encrypted");
        assertEquals(keyId, disks.get(restoredId).getKMSKeyId());
        assertEquals(snapshotId, disks.get(restoredId).getSourceSnapshotId());
        assertEquals(List.of("Available", "Available"), List.of(disks.get(diskId).getStatus(),
                disks.get(restoredId).getStatus()));
    }
}
