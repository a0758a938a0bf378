package dev.ecskms.sim.ecs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecskms.sim.common.ApiException;
import dev.ecskms.sim.common.CallContext;
import dev.ecskms.sim.common.Page;
import dev.ecskms.sim.ecs.EncryptionChoice.Reason;
import dev.ecskms.sim.kms.CreateKeyRequest;
import dev.ecskms.sim.kms.KeyMetadata;
import dev.ecskms.sim.kms.ProtectedResource;
import dev.ecskms.sim.kms.Tag;
import dev.ecskms.sim.storage.BlockDevice;
import dev.ecskms.testing.HostFiles;
import dev.ecskms.testing.SimulatorTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class LocalEcsServiceTest extends SimulatorTest {
    private static final String ZONE = "cn-hangzhou-i";
    EcsService ecs;

    @Override
    protected void opened() {
        ecs = sim.ecs();
    }

    static ApiException fails(String code, Executable call) {
        ApiException e = assertThrows(ApiException.class, call);
        assertEquals(code, e.code(), e.getMessage());
        return e;
    }

    static CreateDiskRequest disk(String category, int size, Boolean encrypted, String kmsKeyId) {
        return new CreateDiskRequest(ZONE, category, size, null, null, encrypted, kmsKeyId, null, null, null, null);
    }

    static CreateDiskRequest fromSnapshot(String snapshotId, Boolean encrypted, String kmsKeyId) {
        return new CreateDiskRequest(ZONE, "cloud_essd", null, snapshotId, "PL0", encrypted, kmsKeyId, null, null,
                null, null);
    }

    private String cmk() {
        sim.ram().authorizeEcsDiskEncryption(ctx);
        return sim.kms().createKey(ctx, CreateKeyRequest.defaults("disk key")).keyId();
    }

    private void ready() {
        sim.clock().fastForward(Duration.ofMinutes(10));
    }

    @Test
    void encryptedWithoutAKeyUsesTheRegionsServiceKeyCreatedOnFirstUse() {
        String id = ecs.createDisk(ctx, disk("cloud_essd", 20, true, null));
        Disk d = ecs.describeDisk(ctx, id);
        assertTrue(d.encrypted());
        KeyMetadata serviceKey = sim.kms().describeKey(ctx, "alias/acs/ecs");
        assertEquals(serviceKey.keyId(), d.kmsKeyId());
        assertEquals(DiskStatus.Creating, d.status());
        ready();
        assertEquals(DiskStatus.Available, ecs.describeDisk(ctx, id).status());
        assertTrue(sim.kms().listResourceTags(ctx, serviceKey.keyId()).contains(new Tag("acs:ecs:disk-encryption", "true")));
    }

    @Test
    void aCustomerKeyNeedsTheServiceRoleAndAnEnabledKey() {
        String key = sim.kms().createKey(ctx, CreateKeyRequest.defaults("")).keyId();
        fails("InvalidParameter.KMSKeyId.KMSUnauthorized", () -> ecs.createDisk(ctx, disk("cloud_essd", 20, true, key)));
        sim.ram().authorizeEcsDiskEncryption(ctx);
        String id = ecs.createDisk(ctx, disk("cloud_essd", 20, true, key));
        assertEquals(key, ecs.describeDisk(ctx, id).kmsKeyId());
        sim.kms().disableKey(ctx, key);
        fails("InvalidParameter.KMSKeyId.CMKNotEnabled", () -> ecs.createDisk(ctx, disk("cloud_essd", 20, true, key)));
        fails("InvalidParameter.KMSKeyId.NotFound", () -> ecs.createDisk(ctx, disk("cloud_essd", 20, true, "nope")));
        fails("InvalidParameter.EncryptedIllegal", () -> ecs.createDisk(ctx, disk("cloud_essd", 20, null, key)));
        assertEquals(1, ecs.describeDisks(ctx, DescribeDisksRequest.all()).totalCount(), "refusals create nothing");
        assertEquals(List.of(new ProtectedResource("Disk", id, "", "cn-hangzhou")), sim.kms().resourcesUsing(ctx, key));
    }

    @Test
    void theSeedsLimitationsAreEnforced() {
        fails("InvalidParameter.EncryptedNotSupported", () -> ecs.createDisk(ctx, disk("cloud_efficiency", 40, true, null)));
        CallContext seoul = ctx.inRegion("ap-northeast-2");
        fails("InvalidParameter.EncryptedNotSupported", () -> ecs.createDisk(seoul,
                new CreateDiskRequest("ap-northeast-2-a", "cloud_essd", 20, null, null, true, null, null, null, null, null)));
        fails("InvalidRegion.NotSupport", () -> ecs.enableDiskEncryptionByDefault(seoul));
        CallContext bangkok = ctx.inRegion("ap-southeast-7");
        sim.ram().authorizeEcsDiskEncryption(ctx);
        String bangkokCmk = sim.kms().createKey(bangkok, CreateKeyRequest.defaults("")).keyId();
        fails("InvalidRegion.NotSupport", () -> ecs.createDisk(bangkok,
                new CreateDiskRequest("ap-southeast-7-a", "cloud_essd", 20, null, null, true, bangkokCmk, null, null, null, null)));
        String id = ecs.createDisk(bangkok,
                new CreateDiskRequest("ap-southeast-7-a", "cloud_essd", 20, null, null, true, null, null, null, null, null));
        assertTrue(ecs.describeDisk(bangkok, id).encrypted());
        fails("InvalidDiskCategory.NotSupported", () -> ecs.createDisk(ctx,
                new CreateDiskRequest("cn-hangzhou-i", "cloud", 20, null, null, null, null, null, null, null, null)));
        fails("InvalidZoneId.NotFound", () -> ecs.createDisk(ctx,
                new CreateDiskRequest("cn-shanghai-e", "cloud_essd", 20, null, null, null, null, null, null, null, null)));
        fails("InvalidDiskSize.ValueNotSupported", () -> ecs.createDisk(ctx,
                new CreateDiskRequest(ZONE, "cloud_essd", 100, null, "PL2", null, null, null, null, null, null)));
    }

    @Test
    void snapshotsInheritEncryptionAndDisksFromThemFollowTheDefaultKeyRules() {
        String key = cmk();
        String encrypted = ecs.createDisk(ctx, disk("cloud_essd", 20, true, key));
        String plain = ecs.createDisk(ctx, disk("cloud_essd", 20, false, null));
        ready();
        String encSnap = ecs.createSnapshot(ctx, encrypted, "enc-snap", "");
        String plainSnap = ecs.createSnapshot(ctx, plain, "plain-snap", "");
        Snapshot s = ecs.describeSnapshots(ctx, DescribeSnapshotsRequest.own()).items().stream()
                .filter(x -> x.snapshotId().equals(encSnap)).findFirst().orElseThrow();
        assertTrue(s.encrypted());
        assertEquals(key, s.kmsKeyId());
        assertEquals("progressing", s.status());
        fails("InvalidSnapshotId.NotReady", () -> ecs.createDisk(ctx, fromSnapshot(encSnap, null, null)));
        ready();

        EncryptionChoice own = ecs.previewEncryption(ctx, fromSnapshot(encSnap, null, null));
        assertEquals(Reason.SNAPSHOT_KEY, own.reason());
        assertEquals(key, ecs.describeDisk(ctx, ecs.createDisk(ctx, fromSnapshot(encSnap, null, null))).kmsKeyId());
        fails("EncryptedOption.Conflict", () -> ecs.createDisk(ctx, fromSnapshot(encSnap, false, null)));

        String converted = ecs.createDisk(ctx, fromSnapshot(plainSnap, true, null));
        assertEquals(sim.kms().describeKey(ctx, "alias/acs/ecs").keyId(), ecs.describeDisk(ctx, converted).kmsKeyId());
        assertEquals(Reason.PLAIN, ecs.previewEncryption(ctx, fromSnapshot(plainSnap, null, null)).reason());

        // Shared with the peer account: the peer's disk uses the peer's service key.
        String peer = sim.accounts().peerAccountId();
        ecs.modifySnapshotSharePermission(ctx, encSnap, List.of(peer), List.of());
        CallContext peerCtx = CallContext.root(peer, "cn-hangzhou");
        assertEquals(List.of(encSnap), ecs.describeSnapshots(peerCtx, DescribeSnapshotsRequest.sharedWithMe())
                .items().stream().map(Snapshot::snapshotId).toList());
        assertEquals(Reason.SHARED_SNAPSHOT_SERVICE_KEY, ecs.previewEncryption(peerCtx, fromSnapshot(encSnap, null, null)).reason());
        String peerDisk = ecs.createDisk(peerCtx, fromSnapshot(encSnap, null, null));
        assertEquals(sim.kms().describeKey(peerCtx, "alias/acs/ecs").keyId(), ecs.describeDisk(peerCtx, peerDisk).kmsKeyId());
    }

    @Test
    void accountDefaultEncryptionEncryptsNewDisksWithTheDefaultKey() {
        String key = cmk();
        assertFalse(ecs.describeDiskEncryptionByDefaultStatus(ctx).enabled());
        ecs.enableDiskEncryptionByDefault(ctx);
        EncryptionChoice choice = ecs.previewEncryption(ctx, disk("cloud_essd", 20, null, null));
        assertEquals(Reason.ACCOUNT_DEFAULT_KEY, choice.reason());
        String first = ecs.createDisk(ctx, disk("cloud_essd", 20, null, null));
        assertEquals(ecs.describeDiskDefaultKmsKeyId(ctx), ecs.describeDisk(ctx, first).kmsKeyId());
        ecs.modifyDiskDefaultKmsKeyId(ctx, key);
        assertEquals(key, ecs.describeDiskDefaultKmsKeyId(ctx));
        assertEquals(key, ecs.describeDisk(ctx, ecs.createDisk(ctx, disk("cloud_essd", 20, null, null))).kmsKeyId());
        ecs.resetDiskDefaultKmsKeyId(ctx);
        assertEquals(sim.kms().describeKey(ctx, "alias/acs/ecs").keyId(), ecs.describeDiskDefaultKmsKeyId(ctx));
        ecs.disableDiskEncryptionByDefault(ctx);
        assertFalse(ecs.describeDisk(ctx, ecs.createDisk(ctx, disk("cloud_essd", 20, null, null))).encrypted());
        assertFalse(ecs.describeDiskEncryptionByDefaultStatus(ctx.inRegion("cn-beijing")).enabled(), "per region");
    }

    @Test
    void clientTokenMakesCreateDiskIdempotent() {
        CreateDiskRequest r = new CreateDiskRequest(ZONE, "cloud_essd", 20, null, null, null, null, null, "web", null, "tok-1");
        assertEquals(ecs.createDisk(ctx, r), ecs.createDisk(ctx, r));
        assertEquals(1, ecs.describeDisks(ctx, DescribeDisksRequest.all()).totalCount());
    }

    @Test
    void resizeGrowsOnlyAndDeleteRemovesTheVolume() {
        String id = ecs.createDisk(ctx, disk("cloud_essd", 20, true, null));
        fails("IncorrectDiskStatus", () -> ecs.resizeDisk(ctx, id, 30));
        ready();
        ecs.resizeDisk(ctx, id, 30);
        assertEquals(30, ecs.describeDisk(ctx, id).size());
        fails("InvalidDiskSize.TooSmall", () -> ecs.resizeDisk(ctx, id, 25));
        assertTrue(Files.exists(sim.volumes().diskVolume(id)));
        ecs.deleteDisk(ctx, id);
        assertFalse(Files.exists(sim.volumes().diskVolume(id)));
        fails("InvalidDiskId.NotFound", () -> ecs.describeDisk(ctx, id));
    }

    @Test
    void aMarkerWrittenToAPlainDiskIsOnTheHostButNowhereForAnEncryptedOne() throws Exception {
        byte[] marker = "MARKER-7f3a-written-through-the-block-device".getBytes(StandardCharsets.UTF_8);
        String plain = ecs.createDisk(ctx, disk("cloud_essd", 1, false, null).withPl0());
        String encrypted = ecs.createDisk(ctx, disk("cloud_essd", 1, true, null).withPl0());
        for (String id : List.of(plain, encrypted)) {
            try (BlockDevice dev = sim.volumes().openDisk(ctx, id)) {
                byte[] sector = new byte[dev.sectorSize()];
                System.arraycopy(marker, 0, sector, 100, marker.length);
                dev.write(7, sector, 0);
                dev.flush();
            }
        }
        assertTrue(HostFiles.contains(sim.volumes().diskVolume(plain), marker));
        ready();
        // Snapshot and a disk re-encrypted from the plain snapshot: the marker is readable through the devices...
        String snap = ecs.createSnapshot(ctx, encrypted, null, null);
        String plainSnap = ecs.createSnapshot(ctx, plain, null, null);
        ready();
        String converted = ecs.createDisk(ctx, fromSnapshot(plainSnap, true, null));
        for (String id : List.of(encrypted, converted)) {
            try (BlockDevice dev = sim.volumes().openDisk(ctx, id)) {
                byte[] sector = new byte[dev.sectorSize()];
                dev.read(7, sector, 0);
                assertArrayEquals(marker, java.util.Arrays.copyOfRange(sector, 100, 100 + marker.length));
            }
        }
        // ...and on the host it exists only in the plain disk's and plain snapshot's files.
        assertEquals(java.util.Set.of(sim.volumes().diskVolume(plain), sim.volumes().snapshotVolume(plainSnap)),
                java.util.Set.copyOf(HostFiles.containing(dataDir, marker)));
        assertTrue(Files.exists(sim.volumes().snapshotVolume(snap)));
    }

    @Test
    void aDisabledKeyMakesTheEncryptedVolumeUnreadable() throws Exception {
        String key = cmk();
        String id = ecs.createDisk(ctx, disk("cloud_essd", 1, true, key).withPl0());
        sim.kms().disableKey(ctx, key);
        ApiException e = assertThrows(ApiException.class, () -> sim.volumes().openDisk(ctx, id).close());
        assertEquals("Rejected.Disabled", e.code());
        sim.kms().enableKey(ctx, key);
        sim.volumes().openDisk(ctx, id).close();
    }

    @Test
    void describeDisksFiltersAndPages() {
        String key = cmk();
        for (int i = 0; i < 3; i++) {
            ecs.createDisk(ctx, disk("cloud_essd", 20, true, key));
            ecs.createDisk(ctx, disk("cloud_essd", 20, false, null));
        }
        assertEquals(3, ecs.describeDisks(ctx, new DescribeDisksRequest(null, null, null, null, null, null, true, null, 1, 10)).totalCount());
        assertEquals(3, ecs.describeDisks(ctx, new DescribeDisksRequest(null, null, null, null, null, null, null, key, 1, 10)).totalCount());
        assertEquals(2, ecs.describeDisks(ctx, new DescribeDisksRequest(null, null, null, null, null, null, null, null, 2, 4)).items().size());
        assertNull(ecs.describeDisks(ctx, new DescribeDisksRequest(null, null, null, null, null, null, false, null, 1, 10)).items().get(0).kmsKeyId());
    }

    @Test
    void describeDisksPagesThroughEveryDiskOnceNewestFirst() {
        List<String> created = new java.util.ArrayList<>();
        for (int i = 0; i < 7; i++) {
            created.add(ecs.createDisk(ctx, disk("cloud_essd", 20, false, null)));
            sim.clock().fastForward(Duration.ofSeconds(1)); // distinct creation times
        }
        List<String> paged = new java.util.ArrayList<>();
        for (int page = 1; page <= 3; page++) {
            Page<Disk> one = ecs.describeDisks(ctx, new DescribeDisksRequest(null, null, null, null, null, null, null,
                    null, page, 3));
            assertEquals(7, one.totalCount());
            one.items().forEach(d -> paged.add(d.diskId()));
        }
        List<String> newestFirst = new java.util.ArrayList<>(created);
        java.util.Collections.reverse(newestFirst);
        assertEquals(newestFirst, paged);
        assertEquals(0, ecs.describeDisks(ctx, new DescribeDisksRequest(null, null, null, null, null, null, null,
                null, 4, 3)).items().size(), "past the end");
        assertEquals(List.of(created.get(1), created.get(0)), ecs.describeDisks(ctx, new DescribeDisksRequest(
                List.of(created.get(0), created.get(1)), null, null, null, null, null, null, null, 1, 10)).items()
                .stream().map(Disk::diskId).toList());
        // Creating until simulated time makes them Available, without a write in between
        ready();
        String newest = ecs.createDisk(ctx, disk("cloud_essd", 20, false, null));
        assertEquals(List.of(newest), ecs.describeDisks(ctx, new DescribeDisksRequest(null, null, null, null, null,
                "Creating", null, null, 1, 10)).items().stream().map(Disk::diskId).toList());
        ready();
        assertEquals(8, ecs.describeDisks(ctx, new DescribeDisksRequest(null, null, null, null, null, "Available",
                null, null, 1, 10)).totalCount());
    }

    static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
