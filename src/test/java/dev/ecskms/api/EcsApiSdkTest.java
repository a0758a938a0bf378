package dev.ecskms.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aliyuncs.IAcsClient;
import com.aliyuncs.ecs.model.v20140526.CreateDiskRequest;
import com.aliyuncs.ecs.model.v20140526.CreateSnapshotRequest;
import com.aliyuncs.ecs.model.v20140526.DeleteDiskRequest;
import com.aliyuncs.ecs.model.v20140526.DeleteSnapshotRequest;
import com.aliyuncs.ecs.model.v20140526.DescribeDisksRequest;
import com.aliyuncs.ecs.model.v20140526.DescribeDisksResponse;
import com.aliyuncs.ecs.model.v20140526.DescribeRegionsRequest;
import com.aliyuncs.ecs.model.v20140526.DescribeRegionsResponse;
import com.aliyuncs.ecs.model.v20140526.DescribeSnapshotsRequest;
import com.aliyuncs.ecs.model.v20140526.DescribeSnapshotsResponse;
import com.aliyuncs.ecs.model.v20140526.DescribeZonesRequest;
import com.aliyuncs.ecs.model.v20140526.DescribeZonesResponse;
import com.aliyuncs.ecs.model.v20140526.ModifyDiskAttributeRequest;
import com.aliyuncs.ecs.model.v20140526.ResizeDiskRequest;
import com.aliyuncs.exceptions.ClientException;
import com.aliyuncs.kms.model.v20160120.CreateKeyRequest;
import com.aliyuncs.kms.model.v20160120.DescribeKeyRequest;
import com.aliyuncs.kms.model.v20160120.DisableKeyRequest;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ecskms.sim.common.CallContext;
import dev.ecskms.sim.kms.ProtectedResource;
import dev.ecskms.sim.ram.AccessKey;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * ECS disk encryption through the endpoint, driven by the official SDKs (aliyun-java-sdk-ecs 5.11.7, typed requests;
 * CommonRequest for the actions that SDK lacks). Each refusal is checked for its code and for leaving no trace.
 */
class EcsApiSdkTest extends ApiTestBase {
    private static final Pattern ISO_SECONDS = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
    static final String ZONE = REGION + "-h";
    static final String SERVICE_KEY_ALIAS = "alias/acs/ecs";
    /** Long enough for a disk to be created and a small disk's snapshot to be accomplished. */
    static final Duration LATER = Duration.ofMinutes(10);
    static final int SMALL_GIB = 1;

    // ---- catalog ----

    @Test
    void regionsAndZonesComeFromTheCatalog() throws Exception {
        DescribeRegionsResponse regions = call(new DescribeRegionsRequest());
        Set<String> ids = regions.getRegions().stream().map(DescribeRegionsResponse.Region::getRegionId)
                .collect(Collectors.toSet());
        assertTrue(ids.containsAll(Set.of(REGION, "ap-northeast-2", "ap-southeast-7", "cn-nanjing", "cn-fuzhou")), ids::toString);
        DescribeRegionsResponse.Region hangzhou = regions.getRegions().stream()
                .filter(r -> r.getRegionId().equals(REGION)).findFirst().orElseThrow();
        assertEquals("available", hangzhou.getStatus());
        assertNotNull(hangzhou.getLocalName());
        assertNotNull(hangzhou.getRegionEndpoint());

        DescribeZonesResponse zones = call(new DescribeZonesRequest());
        DescribeZonesResponse.Zone zone = zones.getZones().stream().filter(z -> z.getZoneId().equals(ZONE))
                .findFirst().orElseThrow();
        assertTrue(zone.getAvailableDiskCategories().contains("cloud_essd"), zone.getAvailableDiskCategories()::toString);
        zones.getZones().forEach(z -> assertTrue(z.getZoneId().startsWith(REGION + "-"), z.getZoneId()));

        DescribeZonesRequest seoul = new DescribeZonesRequest();
        seoul.setSysRegionId("ap-northeast-2");
        assertEquals(List.of("ap-northeast-2-a"), call(seoul).getZones().stream()
                .map(DescribeZonesResponse.Zone::getZoneId).toList());
    }

    // ---- encryption on creation ----

    @Test
    void encryptedWithoutKeyUsesTheServiceKey() throws Exception {
        String diskId = createDisk(encrypted(null));
        DescribeDisksResponse.Disk disk = disk(diskId);
        assertTrue(disk.getEncrypted());
        assertEquals(serviceKeyId(sdk, REGION), disk.getKMSKeyId());
        assertEquals("cloud_essd", disk.getCategory());
        assertEquals("PL1", disk.getPerformanceLevel());
        assertEquals(40, disk.getSize());
        assertEquals("data", disk.getType());
        assertEquals(ZONE, disk.getZoneId());
        assertEquals(REGION, disk.getRegionId());
        assertEquals("", disk.getSourceSnapshotId());
        assertEquals("", disk.getInstanceId());
        assertTrue(ISO_SECONDS.matcher(disk.getCreationTime()).matches(), disk.getCreationTime());
    }

    @Test
    void plainDiskHasAnEmptyKeyId() throws Exception {
        CreateDiskRequest request = diskRequest();
        request.setDiskCategory("cloud_ssd");
        DescribeDisksResponse.Disk disk = disk(createDisk(request));
        assertFalse(disk.getEncrypted());
        assertEquals("", disk.getKMSKeyId());
    }

    @Test
    void customerKeyNeedsTheEcsServiceRole() throws Exception {
        String keyId = createKey(REGION);
        assertSdkError("InvalidParameter.KMSKeyId.KMSUnauthorized", () -> createDisk(encrypted(keyId)));
        assertError(ecsRaw("CreateDisk", diskParams(Map.of("Encrypted", "true", "KMSKeyId", keyId))), 403,
                "InvalidParameter.KMSKeyId.KMSUnauthorized");
        assertEquals(0, diskCount(REGION));

        authorizeEcs();
        DescribeDisksResponse.Disk disk = disk(createDisk(encrypted(keyId)));
        assertTrue(disk.getEncrypted());
        assertEquals(keyId, disk.getKMSKeyId());
    }

    @Test
    void keyIdWithoutEncryptedIsIllegal() throws Exception {
        String keyId = createKey(REGION);
        authorizeEcs();
        CreateDiskRequest request = diskRequest();
        request.setKMSKeyId(keyId);
        assertSdkError("InvalidParameter.EncryptedIllegal", () -> createDisk(request));
        request.setEncrypted(false);
        assertSdkError("InvalidParameter.EncryptedIllegal", () -> createDisk(request));
        assertError(ecsRaw("CreateDisk", diskParams(Map.of("KMSKeyId", keyId))), 400,
                "InvalidParameter.EncryptedIllegal");
        assertEquals(0, diskCount(REGION));
    }

    @Test
    void disabledKeyIsNotEnabled() throws Exception {
        String keyId = createKey(REGION);
        authorizeEcs();
        DisableKeyRequest disable = new DisableKeyRequest();
        disable.setKeyId(keyId);
        call(disable);
        assertSdkError("InvalidParameter.KMSKeyId.CMKNotEnabled", () -> createDisk(encrypted(keyId)));
        assertError(ecsRaw("CreateDisk", diskParams(Map.of("Encrypted", "true", "KMSKeyId", keyId))), 400,
                "InvalidParameter.KMSKeyId.CMKNotEnabled");
        assertEquals(0, diskCount(REGION));
    }

    @Test
    void unknownKeyIsNotFound() throws Exception {
        String unknown = "00000000-0000-0000-0000-000000000000";
        assertSdkError("InvalidParameter.KMSKeyId.NotFound", () -> createDisk(encrypted(unknown)));
        assertError(ecsRaw("CreateDisk", diskParams(Map.of("Encrypted", "true", "KMSKeyId", unknown))), 404,
                "InvalidParameter.KMSKeyId.NotFound");
        // A key of another region is not found either.
        String hangzhouKey = createKey(REGION);
        authorizeEcs();
        CreateDiskRequest elsewhere = encrypted(hangzhouKey);
        elsewhere.setSysRegionId("cn-shanghai");
        elsewhere.setZoneId("cn-shanghai-e");
        assertSdkError("InvalidParameter.KMSKeyId.NotFound", () -> createDisk(elsewhere));
        assertEquals(0, diskCount(REGION));
        assertEquals(0, diskCount("cn-shanghai"));
    }

    @Test
    void onlyEssdCategoriesCanBeEncrypted() throws Exception {
        for (String category : List.of("cloud_ssd", "cloud_efficiency", "cloud")) {
            CreateDiskRequest request = encrypted(null);
            request.setDiskCategory(category);
            assertSdkError("InvalidParameter.EncryptedNotSupported", () -> createDisk(request));
        }
        assertError(ecsRaw("CreateDisk", diskParams(Map.of("Encrypted", "true", "DiskCategory", "cloud_ssd"))), 400,
                "InvalidParameter.EncryptedNotSupported");
        for (String category : List.of("cloud_essd_entry", "cloud_auto", "cloud_regional_disk_auto")) {
            CreateDiskRequest request = encrypted(null);
            request.setDiskCategory(category);
            assertTrue(disk(createDisk(request)).getEncrypted(), category);
        }
        assertEquals(3, diskCount(REGION));
    }

    @Test
    void seoulCannotEncrypt() throws Exception {
        CreateDiskRequest request = encrypted(null);
        request.setSysRegionId("ap-northeast-2");
        request.setZoneId("ap-northeast-2-a");
        assertSdkError("InvalidParameter.EncryptedNotSupported", () -> createDisk(request));
        Map<String, String> raw = diskParams(Map.of("Encrypted", "true", "ZoneId", "ap-northeast-2-a"));
        raw.put("RegionId", "ap-northeast-2");
        assertError(ecsRaw("CreateDisk", raw), 400, "InvalidParameter.EncryptedNotSupported");
        assertEquals(0, diskCount("ap-northeast-2"));

        request.setEncrypted(false);
        assertFalse(disk(createDisk(request), "ap-northeast-2").getEncrypted());
    }

    @Test
    void bangkokTakesOnlyTheServiceKey() throws Exception {
        String region = "ap-southeast-7";
        String keyId = createKey(region);
        authorizeEcs();
        CreateDiskRequest withKey = encrypted(keyId);
        withKey.setSysRegionId(region);
        withKey.setZoneId(region + "-a");
        assertSdkError("InvalidRegion.NotSupport", () -> createDisk(withKey));
        Map<String, String> raw = diskParams(Map.of("Encrypted", "true", "KMSKeyId", keyId, "ZoneId", region + "-a"));
        raw.put("RegionId", region);
        assertError(ecsRaw("CreateDisk", raw), 403, "InvalidRegion.NotSupport");
        assertEquals(0, diskCount(region));

        CreateDiskRequest serviceKey = encrypted(null);
        serviceKey.setSysRegionId(region);
        serviceKey.setZoneId(region + "-a");
        DescribeDisksResponse.Disk disk = disk(createDisk(serviceKey), region);
        assertTrue(disk.getEncrypted());
        assertEquals(serviceKeyId(sdk, region), disk.getKMSKeyId());
    }

    @Test
    void callerMistakesAreRefusedBeforeAnythingIsCreated() throws Exception {
        assertError(ecsRaw("CreateDisk", diskParams(Map.of("Size", "forty"))), 400, "InvalidParameter");
        assertError(ecsRaw("CreateDisk", diskParams(Map.of("Encrypted", "yes"))), 400, "InvalidParameter");
        Map<String, String> noZone = diskParams(Map.of());
        noZone.remove("ZoneId");
        assertError(ecsRaw("CreateDisk", noZone), 400, "MissingParameter");
        assertError(ecsRaw("CreateDisk", diskParams(Map.of("ZoneId", "cn-shanghai-e"))), 404, "InvalidZoneId.NotFound");
        assertError(ecsRaw("CreateDisk", diskParams(Map.of("DiskCategory", "floppy"))), 400,
                "InvalidDiskCategory.ValueNotSupported");
        assertError(ecsRaw("CreateDisk", diskParams(Map.of("ZoneId", REGION + "-i", "DiskCategory", "cloud"))), 403,
                "InvalidDiskCategory.NotSupported");
        assertError(ecsRaw("CreateDisk", diskParams(Map.of("Size", "5"))), 400, "InvalidDiskSize.ValueNotSupported");
        assertError(ecsRaw("CreateDisk", diskParams(Map.of("InstanceId", "i-123"))), 400, "InvalidParameter");
        assertError(ecsRaw("CreateDisk", diskParams(Map.of("SnapshotId", "s-nothing"))), 404,
                "InvalidSnapshotId.NotFound");
        Map<String, String> noRegion = diskParams(Map.of("RegionId", ""));
        assertError(ecsRaw("CreateDisk", noRegion), 400, "MissingParameter");
        Map<String, String> unknownRegion = diskParams(Map.of());
        unknownRegion.put("RegionId", "mars-north-1");
        assertError(ecsRaw("CreateDisk", unknownRegion), 404, "InvalidRegionId.NotFound");
        assertEquals(0, diskCount(REGION));
    }

    @Test
    void clientTokenMakesCreateDiskIdempotent() throws Exception {
        CreateDiskRequest request = encrypted(null);
        request.setClientToken("once-only-123");
        String first = createDisk(request);
        String second = createDisk(request);
        assertEquals(first, second);
        assertEquals(1, diskCount(REGION));
        request.setClientToken("another-token");
        assertNotEquals(first, createDisk(request));
        assertEquals(2, diskCount(REGION));
    }

    // ---- listing ----

    @Test
    void describeDisksFiltersAndPages() throws Exception {
        String keyId = createKey(REGION);
        authorizeEcs();
        CreateDiskRequest plainRequest = diskRequest();
        plainRequest.setDiskCategory("cloud_ssd");
        String plain = createDisk(plainRequest);
        String service = createDisk(encrypted(null));
        String cmk = createDisk(encrypted(keyId));

        DescribeDisksRequest encryptedOnly = new DescribeDisksRequest();
        encryptedOnly.setEncrypted(true);
        assertEquals(Set.of(service, cmk), ids(call(encryptedOnly)));
        DescribeDisksRequest plainOnly = new DescribeDisksRequest();
        plainOnly.setEncrypted(false);
        assertEquals(Set.of(plain), ids(call(plainOnly)));

        DescribeDisksRequest byKey = new DescribeDisksRequest();
        byKey.setKMSKeyId(keyId);
        assertEquals(Set.of(cmk), ids(call(byKey)));
        byKey.setKMSKeyId(SERVICE_KEY_ALIAS); // an alias names its key
        assertEquals(Set.of(service), ids(call(byKey)));

        DescribeDisksRequest byIds = new DescribeDisksRequest();
        byIds.setDiskIds("[\"" + plain + "\",\"" + cmk + "\"]");
        assertEquals(Set.of(plain, cmk), ids(call(byIds)));

        DescribeDisksRequest byCategory = new DescribeDisksRequest();
        byCategory.setCategory("cloud_ssd");
        assertEquals(Set.of(plain), ids(call(byCategory)));

        DescribeDisksRequest page1 = new DescribeDisksRequest();
        page1.setPageSize(2);
        DescribeDisksResponse first = call(page1);
        assertEquals(3, first.getTotalCount());
        assertEquals(1, first.getPageNumber());
        assertEquals(2, first.getPageSize());
        assertEquals(2, first.getDisks().size());
        DescribeDisksRequest page2 = new DescribeDisksRequest();
        page2.setPageSize(2);
        page2.setPageNumber(2);
        DescribeDisksResponse second = call(page2);
        assertEquals(1, second.getDisks().size());
        Set<String> all = ids(first);
        all.addAll(ids(second));
        assertEquals(Set.of(plain, service, cmk), all);
        assertEquals(10, call(new DescribeDisksRequest()).getPageSize());

        assertError(ecsRaw("DescribeDisks", Map.of("DiskIds", "d-1,d-2")), 400, "InvalidParameter");
        assertError(ecsRaw("DescribeDisks", Map.of("DiskIds", "[1,2]")), 400, "InvalidParameter");
        assertError(ecsRaw("DescribeDisks", Map.of("PageSize", "101")), 400, "InvalidParameter");
        assertError(ecsRaw("DescribeDisks", Map.of("PageNumber", "0")), 400, "InvalidParameter");
        assertError(ecsRaw("DescribeDisks", Map.of("DiskType", "swap")), 400, "InvalidParameter");
        assertError(ecsRaw("DescribeDisks", Map.of("Status", "Sleeping")), 400, "InvalidParameter");
    }

    @Test
    void diskIsCreatingUntilSimulatedTimePasses() throws Exception {
        String diskId = createDisk(encrypted(null));
        assertEquals("Creating", disk(diskId).getStatus());
        DescribeDisksRequest creating = new DescribeDisksRequest();
        creating.setStatus("Creating");
        assertEquals(Set.of(diskId), ids(call(creating)));

        simulator.clock().fastForward(LATER);
        assertEquals("Available", disk(diskId).getStatus());
        assertEquals(0, call(creating).getTotalCount());
    }

    // ---- changing and deleting disks ----

    @Test
    void resizeGrowsAndNeverShrinks() throws Exception {
        String diskId = createDisk(encrypted(null));
        assertSdkError("IncorrectDiskStatus", () -> resize(diskId, 60));
        simulator.clock().fastForward(LATER);
        resize(diskId, 60);
        assertEquals(60, disk(diskId).getSize());
        assertSdkError("InvalidDiskSize.TooSmall", () -> resize(diskId, 50));
        assertSdkError("InvalidDiskSize.TooSmall", () -> resize(diskId, 60));
        assertError(ecsRaw("ResizeDisk", Map.of("DiskId", diskId, "NewSize", "50")), 400, "InvalidDiskSize.TooSmall");
        assertError(ecsRaw("ResizeDisk", Map.of("DiskId", diskId)), 400, "MissingParameter");
        assertError(ecsRaw("ResizeDisk", Map.of("DiskId", diskId, "NewSize", "70", "Type", "sideways")), 400,
                "InvalidParameter");
        assertSdkError("InvalidDiskId.NotFound", () -> resize("d-unknown", 80));
        assertEquals(60, disk(diskId).getSize());
    }

    @Test
    void modifyDiskAttribute() throws Exception {
        String diskId = createDisk(encrypted(null));
        ModifyDiskAttributeRequest modify = new ModifyDiskAttributeRequest();
        modify.setDiskId(diskId);
        modify.setDiskName("data-01");
        modify.setDescription("orders database");
        modify.setDeleteWithInstance(true);
        call(modify);
        DescribeDisksResponse.Disk disk = disk(diskId);
        assertEquals("data-01", disk.getDiskName());
        assertEquals("orders database", disk.getDescription());
        assertTrue(disk.getDeleteWithInstance());

        ModifyDiskAttributeRequest bad = new ModifyDiskAttributeRequest();
        bad.setDiskId(diskId);
        bad.setDiskName("1-starts-with-a-digit");
        assertSdkError("InvalidDiskName.Malformed", () -> call(bad));
        assertEquals("data-01", disk(diskId).getDiskName());
    }

    /** Sizes past the host's largest file (16 TiB on ext4) answered 500 before volumes had extent files. */
    @Test
    void theLargestEssdSizesWork() throws Exception {
        CreateDiskRequest request = encrypted(null);
        request.setSize(65536);
        String max = createDisk(request);
        assertEquals(65536, disk(max).getSize());
        CreateDiskRequest smaller = diskRequest();
        smaller.setDiskCategory("cloud_essd");
        smaller.setSize(16384);
        String grown = createDisk(smaller);
        simulator.clock().fastForward(LATER);
        resize(grown, 32769);
        assertEquals(32769, disk(grown).getSize());
    }

    @Test
    void deleteDisk() throws Exception {
        String diskId = createDisk(encrypted(null));
        DeleteDiskRequest delete = new DeleteDiskRequest();
        delete.setDiskId(diskId);
        assertSdkError("IncorrectDiskStatus", () -> call(delete));
        simulator.clock().fastForward(LATER);
        call(delete);
        assertEquals(0, diskCount(REGION));
        assertFalse(java.nio.file.Files.exists(simulator.volumes().diskVolume(diskId)));
        assertSdkError("InvalidDiskId.NotFound", () -> call(delete));
        assertError(ecsRaw("DeleteDisk", Map.of("DiskId", diskId)), 404, "InvalidDiskId.NotFound");
    }

    // ---- snapshots ----

    @Test
    void snapshotInheritsTheDisksEncryption() throws Exception {
        String keyId = createKey(REGION);
        authorizeEcs();
        String diskId = readyDisk(small(encrypted(keyId)));
        assertSdkError("InvalidDiskId.NotFound", () -> snapshot("d-unknown"));
        String snapshotId = snapshot(diskId);

        DescribeSnapshotsResponse.Snapshot s = snapshotInfo(snapshotId);
        assertTrue(s.getEncrypted());
        assertEquals(keyId, s.getKMSKeyId());
        assertEquals(diskId, s.getSourceDiskId());
        assertEquals(Integer.toString(SMALL_GIB), s.getSourceDiskSize());
        assertEquals("progressing", s.getStatus());
        assertTrue(ISO_SECONDS.matcher(s.getCreationTime()).matches(), s.getCreationTime());
        simulator.clock().fastForward(LATER);
        s = snapshotInfo(snapshotId);
        assertEquals("accomplished", s.getStatus());
        assertEquals("100%", s.getProgress());

        String plainDisk = readyDisk(small(plain()));
        String plainSnapshot = snapshot(plainDisk);
        assertFalse(snapshotInfo(plainSnapshot).getEncrypted());
        assertEquals("", snapshotInfo(plainSnapshot).getKMSKeyId());

        DescribeSnapshotsRequest encryptedOnly = new DescribeSnapshotsRequest();
        encryptedOnly.setEncrypted(true);
        assertEquals(Set.of(snapshotId), snapshotIds(call(encryptedOnly)));
        DescribeSnapshotsRequest byKey = new DescribeSnapshotsRequest();
        byKey.setKMSKeyId(keyId);
        assertEquals(Set.of(snapshotId), snapshotIds(call(byKey)));
        DescribeSnapshotsRequest byDisk = new DescribeSnapshotsRequest();
        byDisk.setDiskId(plainDisk);
        assertEquals(Set.of(plainSnapshot), snapshotIds(call(byDisk)));
        DescribeSnapshotsRequest progressing = new DescribeSnapshotsRequest();
        progressing.setStatus("progressing");
        assertEquals(Set.of(plainSnapshot), snapshotIds(call(progressing)));
        DescribeSnapshotsRequest page = new DescribeSnapshotsRequest();
        page.setPageSize(1);
        DescribeSnapshotsResponse one = call(page);
        assertEquals(2, one.getTotalCount());
        assertEquals(1, one.getSnapshots().size());
        assertError(ecsRaw("DescribeSnapshots", Map.of("SnapshotIds", "s-1")), 400, "InvalidParameter");
        assertError(ecsRaw("DescribeSnapshots", Map.of("Status", "done")), 400, "InvalidParameter");
    }

    /** A 40 GiB disk that was never written is all holes; snapshotting it should be quick. */
    @Test
    void snapshotOfALargeEmptyDiskAnswersWithinTheSdksReadTimeout() throws Exception {
        // 40 GiB of never-written sectors: the copy skips them, so the SDK's own read timeout is never reached.
        String diskId = readyDisk(encrypted(null));
        String snapshotId = snapshot(diskId);
        assertEquals("40", snapshotInfo(snapshotId).getSourceDiskSize());
    }

    @Test
    void deleteSnapshot() throws Exception {
        String snapshotId = snapshot(readyDisk(small(encrypted(null))));
        DeleteSnapshotRequest delete = new DeleteSnapshotRequest();
        delete.setSnapshotId(snapshotId);
        call(delete);
        assertEquals(0, call(new DescribeSnapshotsRequest()).getTotalCount());
        assertSdkError("InvalidSnapshotId.NotFound", () -> call(delete));
    }

    @Test
    void diskFromOwnEncryptedSnapshotKeepsTheSnapshotsKey() throws Exception {
        String keyId = createKey(REGION);
        authorizeEcs();
        String snapshotId = readySnapshot(readyDisk(small(encrypted(keyId))));
        CreateDiskRequest fromSnapshot = fromSnapshot(snapshotId);
        DescribeDisksResponse.Disk disk = disk(createDisk(fromSnapshot));
        assertTrue(disk.getEncrypted());
        assertEquals(keyId, disk.getKMSKeyId());
        assertEquals(snapshotId, disk.getSourceSnapshotId());
        assertEquals(SMALL_GIB, disk.getSize());
    }

    @Test
    void diskFromPlainSnapshotCanBeEncryptedWithTheServiceKey() throws Exception {
        String snapshotId = readySnapshot(readyDisk(small(plain())));
        CreateDiskRequest request = fromSnapshot(snapshotId);
        request.setEncrypted(true);
        DescribeDisksResponse.Disk disk = disk(createDisk(request));
        assertTrue(disk.getEncrypted());
        assertEquals(serviceKeyId(sdk, REGION), disk.getKMSKeyId());

        CreateDiskRequest stillPlain = fromSnapshot(snapshotId);
        assertFalse(disk(createDisk(stillPlain)).getEncrypted());
    }

    @Test
    void encryptionCannotBeUndoneFromASnapshot() throws Exception {
        String snapshotId = readySnapshot(readyDisk(small(encrypted(null))));
        int disks = diskCount(REGION);
        CreateDiskRequest request = fromSnapshot(snapshotId);
        request.setEncrypted(false);
        assertSdkError("EncryptedOption.Conflict", () -> createDisk(request));
        assertError(ecsRaw("CreateDisk", Map.of("ZoneId", ZONE, "DiskCategory", "cloud_essd", "PerformanceLevel",
                "PL0", "SnapshotId", snapshotId, "Encrypted", "false")), 400, "EncryptedOption.Conflict");
        assertEquals(disks, diskCount(REGION));
    }

    @Test
    void snapshotNotReadyCannotMakeADisk() throws Exception {
        String snapshotId = snapshot(readyDisk(small(encrypted(null))));
        assertSdkError("InvalidSnapshotId.NotReady", () -> createDisk(fromSnapshot(snapshotId)));
        assertEquals(1, diskCount(REGION));
    }

    @Test
    void sharedEncryptedSnapshotMakesDisksUnderThePeersServiceKey() throws Exception {
        String ownServiceKey = serviceKeyId(sdk, REGION);
        String snapshotId = readySnapshot(readyDisk(small(encrypted(null))));
        String peerId = simulator.accounts().peerAccountId();
        AccessKey peerKey = simulator.accounts().accessKeysOf(peerId, null).get(0);
        IAcsClient peer = client(peerKey.accessKeyId(), peerKey.accessKeySecret());
        try {
            assertSdkError("InvalidSnapshotId.NotFound", () -> createDisk(peer, fromSnapshot(snapshotId)));
            assertEquals(0, sharedWithMe(peer).getTotalCount());

            share(snapshotId, Map.of("AddAccount.1", peerId));
            JsonNode permission = common(sdk, ECS_VERSION, "DescribeSnapshotSharePermission", REGION,
                    Map.of("SnapshotId", snapshotId));
            assertEquals(peerId, permission.path("Accounts").path("Account").path(0).path("AliyunId").asText());

            DescribeSnapshotsResponse shared = sharedWithMe(peer);
            assertEquals(Set.of(snapshotId), snapshotIds(shared));
            assertTrue(shared.getSnapshots().get(0).getEncrypted());
            assertEquals(0, call(peer, new DescribeSnapshotsRequest()).getTotalCount(), "the peer owns none");

            DescribeDisksResponse.Disk disk = disk(peer, createDisk(peer, fromSnapshot(snapshotId)), REGION);
            assertTrue(disk.getEncrypted());
            String peerServiceKey = serviceKeyId(peer, REGION);
            assertEquals(peerServiceKey, disk.getKMSKeyId());
            assertNotEquals(ownServiceKey, peerServiceKey);
            assertEquals(snapshotId, disk.getSourceSnapshotId());

            // The owner cannot be told to undo encryption through a share either.
            CreateDiskRequest plainCopy = fromSnapshot(snapshotId);
            plainCopy.setEncrypted(false);
            assertSdkError("EncryptedOption.Conflict", () -> createDisk(peer, plainCopy));

            share(snapshotId, Map.of("RemoveAccount.1", peerId));
            assertEquals(0, sharedWithMe(peer).getTotalCount());
            assertSdkError("InvalidSnapshotId.NotFound", () -> createDisk(peer, fromSnapshot(snapshotId)));
            assertEquals(1, diskCount(peer, REGION));
        } finally {
            peer.shutdown();
        }
    }

    @Test
    void sharingMistakes() throws Exception {
        String snapshotId = readySnapshot(readyDisk(small(encrypted(null))));
        String self = simulator.accounts().rootAccountId();
        assertSdkError("InvalidParameter", () -> share(snapshotId, Map.of("AddAccount.1", self)));
        assertSdkError("InvalidAccount.NotFound", () -> share(snapshotId, Map.of("AddAccount.1", "1234567890123456")));
        assertSdkError("InvalidParameter", () -> share(snapshotId, Map.of("AddAccount.11", "1234567890123456")));
        assertSdkError("InvalidParameter", () -> share(snapshotId, Map.of("AddAccount.x", "1234567890123456")));
        assertSdkError("InvalidSnapshotId.NotFound", () -> share("s-unknown", Map.of("AddAccount.1",
                simulator.accounts().peerAccountId())));
        assertError(ecsRaw("DescribeSnapshots", Map.of(EcsActions.SNAPSHOT_OWNER_PARAMETER, "everyone")), 400,
                "InvalidParameter");
        assertEquals(List.of(), simulator.ecs().snapshotSharedWith(CallContext.root(self, REGION), snapshotId));
    }

    // ---- account-level default encryption ----

    @Test
    void defaultEncryptionAndItsKey() throws Exception {
        String serviceKey = serviceKeyId(sdk, REGION);
        assertFalse(defaultStatus());
        assertEquals(serviceKey, defaultKeyId());
        assertFalse(disk(createDisk(diskRequest())).getEncrypted());

        commonEcs("EnableDiskEncryptionByDefault", Map.of());
        assertTrue(defaultStatus());
        DescribeDisksResponse.Disk byDefault = disk(createDisk(diskRequest()));
        assertTrue(byDefault.getEncrypted());
        assertEquals(serviceKey, byDefault.getKMSKeyId());

        String keyId = createKey(REGION);
        assertSdkError("InvalidParameter.KMSKeyId.KMSUnauthorized", () -> commonEcs("ModifyDiskDefaultKMSKeyId",
                Map.of("KMSKeyId", keyId)));
        assertEquals(serviceKey, defaultKeyId());
        authorizeEcs();
        assertSdkError("InvalidParameter.KMSKeyId.NotFound", () -> commonEcs("ModifyDiskDefaultKMSKeyId",
                Map.of("KMSKeyId", "00000000-0000-0000-0000-000000000000")));
        assertSdkError("MissingParameter", () -> commonEcs("ModifyDiskDefaultKMSKeyId", Map.of()));
        commonEcs("ModifyDiskDefaultKMSKeyId", Map.of("KMSKeyId", keyId));
        assertEquals(keyId, defaultKeyId());
        assertEquals(keyId, disk(createDisk(diskRequest())).getKMSKeyId());
        // An explicit choice still wins over the default.
        String other = createKey(REGION);
        assertEquals(other, disk(createDisk(encrypted(other))).getKMSKeyId());

        commonEcs("ResetDiskDefaultKMSKeyId", Map.of());
        assertEquals(serviceKey, defaultKeyId());
        assertEquals(serviceKey, disk(createDisk(diskRequest())).getKMSKeyId());

        commonEcs("DisableDiskEncryptionByDefault", Map.of());
        assertFalse(defaultStatus());
        assertFalse(disk(createDisk(diskRequest())).getEncrypted());

        // Per region: Shanghai never had it on.
        assertFalse(common(sdk, ECS_VERSION, "DescribeDiskEncryptionByDefaultStatus", "cn-shanghai", Map.of())
                .path("Encrypted").asBoolean(true));
    }

    @Test
    void defaultEncryptionCannotBeEnabledWhereDisksCannotBeEncrypted() throws Exception {
        assertSdkError("InvalidRegion.NotSupport", () -> common(sdk, ECS_VERSION, "EnableDiskEncryptionByDefault",
                "ap-northeast-2", Map.of()));
        assertFalse(common(sdk, ECS_VERSION, "DescribeDiskEncryptionByDefaultStatus", "ap-northeast-2", Map.of())
                .path("Encrypted").asBoolean(true));
    }

    // ---- what KMS learns from ECS ----

    @Test
    void kmsListsTheDisksAndSnapshotsAKeyProtects() throws Exception {
        String keyId = createKey(REGION);
        authorizeEcs();
        String diskId = readyDisk(small(encrypted(keyId)));
        String snapshotId = snapshot(diskId);
        createDisk(encrypted(null));
        CallContext ctx = CallContext.root(simulator.accounts().rootAccountId(), REGION);
        List<ProtectedResource> resources = simulator.kms().resourcesUsing(ctx, keyId);
        assertEquals(Set.of("Disk:" + diskId, "Snapshot:" + snapshotId), resources.stream()
                .map(r -> r.type() + ":" + r.id()).collect(Collectors.toSet()));
    }

    // ---- helpers ----

    CreateDiskRequest diskRequest() {
        CreateDiskRequest request = new CreateDiskRequest();
        request.setZoneId(ZONE);
        request.setDiskCategory("cloud_essd");
        request.setSize(40);
        return request;
    }

    CreateDiskRequest encrypted(String keyId) {
        CreateDiskRequest request = diskRequest();
        request.setEncrypted(true);
        if (keyId != null) {
            request.setKMSKeyId(keyId);
        }
        return request;
    }

    CreateDiskRequest plain() {
        CreateDiskRequest request = diskRequest();
        request.setEncrypted(false);
        return request;
    }

    /**
     * A small disk (ESSD PL0, {@value #SMALL_GIB} GiB) for the tests that snapshot it: copying a volume reads every
     * sector of it, holes included, so a 40 GiB copy outlasts the SDK's read timeout.
     */
    static CreateDiskRequest small(CreateDiskRequest request) {
        request.setPerformanceLevel("PL0");
        request.setSize(SMALL_GIB);
        return request;
    }

    CreateDiskRequest fromSnapshot(String snapshotId) {
        CreateDiskRequest request = new CreateDiskRequest();
        request.setZoneId(ZONE);
        request.setDiskCategory("cloud_essd");
        request.setPerformanceLevel("PL0");
        request.setSnapshotId(snapshotId);
        return request;
    }

    String createDisk(CreateDiskRequest request) throws ClientException {
        return createDisk(sdk, request);
    }

    String createDisk(IAcsClient client, CreateDiskRequest request) throws ClientException {
        String diskId = call(client, request).getDiskId();
        assertNotNull(diskId);
        return diskId;
    }

    /** A disk that has finished Creating. */
    String readyDisk(CreateDiskRequest request) throws ClientException {
        String diskId = createDisk(request);
        simulator.clock().fastForward(LATER);
        return diskId;
    }

    String snapshot(String diskId) throws ClientException {
        CreateSnapshotRequest request = new CreateSnapshotRequest();
        request.setDiskId(diskId);
        return call(request).getSnapshotId();
    }

    String readySnapshot(String diskId) throws ClientException {
        String snapshotId = snapshot(diskId);
        simulator.clock().fastForward(LATER);
        return snapshotId;
    }

    DescribeDisksResponse.Disk disk(String diskId) throws ClientException {
        return disk(sdk, diskId, REGION);
    }

    DescribeDisksResponse.Disk disk(String diskId, String region) throws ClientException {
        return disk(sdk, diskId, region);
    }

    DescribeDisksResponse.Disk disk(IAcsClient client, String diskId, String region) throws ClientException {
        DescribeDisksRequest request = new DescribeDisksRequest();
        request.setSysRegionId(region);
        request.setDiskIds("[\"" + diskId + "\"]");
        List<DescribeDisksResponse.Disk> disks = call(client, request).getDisks();
        assertEquals(1, disks.size(), () -> diskId + " not listed");
        return disks.get(0);
    }

    int diskCount(String region) throws ClientException {
        return diskCount(sdk, region);
    }

    int diskCount(IAcsClient client, String region) throws ClientException {
        DescribeDisksRequest request = new DescribeDisksRequest();
        request.setSysRegionId(region);
        return call(client, request).getTotalCount();
    }

    static Set<String> ids(DescribeDisksResponse response) {
        return response.getDisks().stream().map(DescribeDisksResponse.Disk::getDiskId)
                .collect(Collectors.toCollection(java.util.HashSet::new));
    }

    DescribeSnapshotsResponse.Snapshot snapshotInfo(String snapshotId) throws ClientException {
        DescribeSnapshotsRequest request = new DescribeSnapshotsRequest();
        request.setSnapshotIds("[\"" + snapshotId + "\"]");
        List<DescribeSnapshotsResponse.Snapshot> snapshots = call(request).getSnapshots();
        assertEquals(1, snapshots.size(), () -> snapshotId + " not listed");
        return snapshots.get(0);
    }

    static Set<String> snapshotIds(DescribeSnapshotsResponse response) {
        return response.getSnapshots().stream().map(DescribeSnapshotsResponse.Snapshot::getSnapshotId)
                .collect(Collectors.toSet());
    }

    DescribeSnapshotsResponse sharedWithMe(IAcsClient client) throws ClientException {
        DescribeSnapshotsRequest request = new DescribeSnapshotsRequest();
        request.putQueryParameter(EcsActions.SNAPSHOT_OWNER_PARAMETER, "others");
        return call(client, request);
    }

    void share(String snapshotId, Map<String, String> accounts) throws ClientException {
        Map<String, String> params = new java.util.HashMap<>(accounts);
        params.put("SnapshotId", snapshotId);
        commonEcs("ModifySnapshotSharePermission", params);
    }

    void resize(String diskId, int newSize) throws ClientException {
        ResizeDiskRequest request = new ResizeDiskRequest();
        request.setDiskId(diskId);
        request.setNewSize(newSize);
        call(request);
    }

    JsonNode commonEcs(String action, Map<String, String> params) throws ClientException {
        return common(sdk, ECS_VERSION, action, REGION, params);
    }

    boolean defaultStatus() throws ClientException {
        JsonNode status = commonEcs("DescribeDiskEncryptionByDefaultStatus", Map.of());
        assertTrue(status.path("Encrypted").isBoolean(), status::toString);
        return status.path("Encrypted").asBoolean();
    }

    String defaultKeyId() throws ClientException {
        return commonEcs("DescribeDiskDefaultKMSKeyId", Map.of()).path("KMSKeyId").asText();
    }

    String createKey(String region) throws ClientException {
        CreateKeyRequest request = new CreateKeyRequest();
        request.setSysRegionId(region);
        return call(request).getKeyMetadata().getKeyId();
    }

    /** The region's service key as KMS names it (DescribeKey on alias/acs/ecs creates it on first use). */
    String serviceKeyId(IAcsClient client, String region) throws ClientException {
        String viaEcs = common(client, ECS_VERSION, "DescribeDiskDefaultKMSKeyId", region, Map.of())
                .path("KMSKeyId").asText();
        DescribeKeyRequest describe = new DescribeKeyRequest();
        describe.setSysRegionId(region);
        describe.setKeyId(SERVICE_KEY_ALIAS);
        String viaKms = call(client, describe).getKeyMetadata().getKeyId();
        assertEquals(viaKms, viaEcs);
        return viaKms;
    }

    /** Default CreateDisk parameters for a raw request, with overrides. */
    static Map<String, String> diskParams(Map<String, String> overrides) {
        Map<String, String> p = new java.util.LinkedHashMap<>();
        p.put("RegionId", REGION);
        p.put("ZoneId", ZONE);
        p.put("DiskCategory", "cloud_essd");
        p.put("Size", "40");
        p.putAll(overrides);
        return p;
    }

    /** A hand-signed ECS request, to see the HTTP status the SDK hides. */
    RawResponse ecsRaw(String action, Map<String, String> params) throws Exception {
        Map<String, String> p = rpcRequest(ECS_VERSION, action);
        p.putAll(params);
        return getSigned(p);
    }
}
