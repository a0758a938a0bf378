package dev.ecskms.sim.ecs;

import static dev.ecskms.sim.ecs.LocalEcsServiceTest.fails;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecskms.sim.common.CallContext;
import dev.ecskms.sim.guest.OsImage;
import dev.ecskms.sim.kms.CreateKeyRequest;
import dev.ecskms.sim.common.ApiException;
import dev.ecskms.sim.storage.Volumes;
import dev.ecskms.sim.trail.TrailEvent;
import dev.ecskms.sim.trail.TrailFilter;
import dev.ecskms.testing.HostFiles;
import dev.ecskms.testing.SimulatorTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Custom images on the services: the guest's files travel in real snapshot bytes, encrypted copies are ciphertext. */
class ImagesTest extends SimulatorTest {
    private static final String PASSWORD = "Lab-Passw0rd";
    private static final String MARKER = "IMAGE-MARKER-7c41";
    EcsService ecs;
    InstanceService instances;

    @Override
    protected void opened() {
        ecs = sim.ecs();
        instances = sim.instances();
    }

    private String run(CallContext as, String imageId, Boolean encrypted, String kmsKeyId) {
        return instances.runInstances(as, new RunInstancesRequest("cn-hangzhou-i", "ecs.g7.large", imageId,
                new RunInstancesRequest.SystemDisk("cloud_essd", 20, "PL0", encrypted, kmsKeyId), List.of(), 1,
                PASSWORD, "img", "img-host", null)).get(0);
    }

    private Invocation shell(String instanceId, String script) {
        return instances.describeInvocationResults(ctx, instances.runCommand(ctx, List.of(instanceId), script,
                "probe")).get(0);
    }

    private Disk systemDisk(CallContext as, String instanceId) {
        return ecs.describeDisks(as, new DescribeDisksRequest(null, null, instanceId, "system", null, null, null,
                null, 1, 10)).items().get(0);
    }

    private Image image(String imageId, String... statuses) {
        return ecs.describeImages(ctx, new DescribeImagesRequest(null, List.of(imageId), List.of(statuses), null,
                null, null)).items().get(0);
    }

    /** A stopped instance whose guest wrote MARKER to /root/marker.txt, and an image made from it. */
    private String[] writtenInstanceAndItsImage() {
        String id = run(ctx, OsImage.ALIYUN_3.imageId(), null, null);
        advance();
        assertEquals("Success", shell(id, "echo " + MARKER + " > /root/marker.txt").status());
        instances.stopInstance(ctx, id, null);
        advance();
        String imageId = ecs.createImage(ctx, new CreateImageRequest(id, null, "written", "from the guest"));
        Image creating = image(imageId, "Creating");
        assertEquals("Creating", creating.status());
        assertEquals(OsImage.ALIYUN_3.imageId(), creating.osImageId());
        sim.clock().fastForward(Duration.ofMinutes(2));
        assertEquals("Available", image(imageId).status());
        return new String[] {id, imageId};
    }

    @Test
    void anEncryptedCopyReplacesTheSystemDiskAndTheGuestReadsItsFilesUntilTheKeyIsDisabled() throws Exception {
        sim.ram().authorizeEcsDiskEncryption(ctx);
        String cmk = sim.kms().createKey(ctx, CreateKeyRequest.defaults("image key")).keyId();
        String[] made = writtenInstanceAndItsImage();
        String id = made[0];
        Image source = image(made[1]);
        assertFalse(source.encrypted());
        byte[] marker = MARKER.getBytes(StandardCharsets.US_ASCII);
        assertTrue(HostFiles.contains(sim.volumes().snapshotVolume(source.snapshotId()), marker),
                "the plain image's snapshot holds the guest's file in the clear");

        String copyId = ecs.copyImage(ctx, new CopyImageRequest(source.imageId(), null, "encrypted-copy", null,
                true, cmk, null));
        sim.clock().fastForward(Duration.ofMinutes(2));
        Image copy = image(copyId);
        assertTrue(copy.encrypted());
        assertEquals(cmk, copy.kmsKeyId());
        assertEquals(source.imageId(), copy.sourceImageId());
        var copyVolume = sim.volumes().snapshotVolume(copy.snapshotId());
        assertFalse(HostFiles.contains(copyVolume, marker), "the copy's bytes on the host are ciphertext");
        assertEquals(cmk, Volumes.readHeader(copyVolume).keyInfo().kmsKeyId(), "its data key is wrapped by the CMK");

        Disk old = systemDisk(ctx, id);
        fails("IncorrectInstanceStatus", () -> {
            instances.startInstance(ctx, id);
            instances.replaceSystemDisk(ctx, new ReplaceSystemDiskRequest(id, copyId, null, null, null, null, null,
                    null, null, null));
        });
        advance();
        instances.stopInstance(ctx, id, null);
        advance();
        String newDisk = instances.replaceSystemDisk(ctx, new ReplaceSystemDiskRequest(id, copyId, null, null, null,
                null, null, null, null, null));
        fails("InvalidDiskId.NotFound", () -> ecs.describeDisk(ctx, old.diskId()));
        assertFalse(Files.exists(sim.volumes().diskVolume(old.diskId())), "the old system disk is released");
        Disk disk = ecs.describeDisk(ctx, newDisk);
        assertTrue(disk.encrypted());
        assertEquals(cmk, disk.kmsKeyId(), "a disk from an encrypted image is encrypted under the image's key");
        assertEquals(copyId, instances.describeInstance(ctx, id).imageId());
        assertFalse(HostFiles.contains(sim.volumes().diskVolume(newDisk), marker));

        instances.startInstance(ctx, id);
        advance();
        Invocation read = shell(id, "cat /root/marker.txt");
        assertEquals("Success", read.status(), read.errorInfo());
        assertTrue(read.output().contains(MARKER));
        assertTrue(shell(id, "cat /etc/shadow").output().contains("root:!!:"),
                "without a Password the image's password is not inherited: root is locked");

        reopen();
        advance();
        assertTrue(shell(id, "cat /root/marker.txt").output().contains(MARKER), "also after a restart");

        sim.kms().disableKey(ctx, cmk);
        instances.rebootInstance(ctx, id, null);
        advance();
        Instance rebooted = instances.describeInstance(ctx, id);
        assertNotNull(rebooted.bootFailure());
        assertEquals("Rejected.Disabled", rebooted.bootFailure().code());
        assertEquals("Failed", shell(id, "cat /root/marker.txt").status());
    }

    @Test
    void refusedRequestsLeaveNothingBehind() {
        String[] made = writtenInstanceAndItsImage();
        String id = made[0];
        String imageId = made[1];
        Image image = image(imageId);
        List<String> volumesBefore = volumeFiles();
        int imagesBefore = ecs.describeImages(ctx, new DescribeImagesRequest("self", null, List.of("Available",
                "Creating"), null, null, null)).totalCount();
        Disk system = systemDisk(ctx, id);

        fails("InvalidImageId.NotFound", () -> instances.replaceSystemDisk(ctx,
                new ReplaceSystemDiskRequest(id, "m-doesnotexist", null, null, null, null, null, null, null, null)));
        fails("InvalidParameter.KMSKeyId.NotFound", () -> ecs.copyImage(ctx, new CopyImageRequest(
                imageId, null, null, null, true, "0b5e1c80-0000-4000-8000-000000000000", null)));
        fails("InvalidParameter.EncryptedIllegal", () -> ecs.copyImage(ctx, new CopyImageRequest(
                imageId, null, null, null, null, "alias/acs/ecs", null)));
        fails("InvalidRegionId.NotFound", () -> ecs.copyImage(ctx, new CopyImageRequest(imageId,
                "xx-nowhere-1", null, null, null, null, null)));
        fails("InvalidPassword.Malformed", () -> instances.replaceSystemDisk(ctx,
                new ReplaceSystemDiskRequest(id, imageId, "short", null, null, null, null, null, null, null)));
        fails("InvalidKeyPairName.NotFound", () -> instances.replaceSystemDisk(ctx,
                new ReplaceSystemDiskRequest(id, imageId, null, null, "my-pair", null, null, null, null, null)));
        fails("InvalidParameter", () -> instances.replaceSystemDisk(ctx,
                new ReplaceSystemDiskRequest(id, imageId, null, null, null, 10, null, null, null, null)));
        fails("SnapshotCreatedImage", () -> ecs.deleteSnapshot(ctx, image.snapshotId()));
        fails("InvalidSnapshotId.NotSystemDisk", () -> {
            String data = ecs.createDisk(ctx, new CreateDiskRequest("cn-hangzhou-i", "cloud_essd", 20, null, null,
                    null, null, null, null, null, null));
            sim.clock().fastForward(Duration.ofMinutes(1));
            String snapshot = ecs.createSnapshot(ctx, data, null, null);
            sim.clock().fastForward(Duration.ofMinutes(2));
            ecs.createImage(ctx, new CreateImageRequest(null, snapshot, null, null));
        });

        assertEquals(system.diskId(), systemDisk(ctx, id).diskId(), "the instance keeps its system disk");
        assertEquals(imagesBefore, ecs.describeImages(ctx, new DescribeImagesRequest("self", null,
                List.of("Available", "Creating"), null, null, null)).totalCount());
        List<String> volumesAfter = volumeFiles();
        assertEquals(volumesBefore.size() + 2, volumesAfter.size(), "only the data disk and its snapshot were made: "
                + volumesAfter);
    }

    @Test
    void aReplaceTheHostRefusesLeavesTheInstanceAsItWas() {
        String[] made = writtenInstanceAndItsImage();
        String id = made[0];
        Disk system = systemDisk(ctx, id);
        List<String> before = volumeFiles();
        sim.localEcs().volumes().fillHostAfter(0);
        ApiException refused = org.junit.jupiter.api.Assertions.assertThrows(ApiException.class, () ->
                instances.replaceSystemDisk(ctx, new ReplaceSystemDiskRequest(id, made[1], PASSWORD, null, null, null,
                        null, null, null, null)));
        assertEquals(HostStorage.CODE, refused.code());
        sim.localEcs().volumes().fillHostAfter(-1);
        assertEquals(system.diskId(), systemDisk(ctx, id).diskId());
        assertEquals(before, volumeFiles());
        assertEquals(List.of(), sim.localEcs().store().query("select volume_id from ecs_volume_journal",
                rs -> rs.getString(1)));
        assertEquals(OsImage.ALIYUN_3.imageId(), instances.describeInstance(ctx, id).imageId());

        String replaced = instances.replaceSystemDisk(ctx, new ReplaceSystemDiskRequest(id, made[1], PASSWORD, null,
                null, null, null, null, null, "replace-once"));
        assertEquals(replaced, instances.replaceSystemDisk(ctx, new ReplaceSystemDiskRequest(id, made[1], PASSWORD,
                null, null, null, null, null, null, "replace-once")), "a retry with the ClientToken replaces once");
        List<TrailEvent> events = sim.trail().lookupEvents(ctx, TrailFilter.all().event("ReplaceSystemDisk")
                .page(TrailFilter.MAX_RESULTS, null)).events();
        assertEquals(3, events.size(), "the refused call and the ones that worked are all on the trail");
        assertTrue(events.stream().anyMatch(e -> e.errorCode() == null && e.resourceName().equals(id + ","
                + replaced)));
        assertEquals(1, sim.trail().lookupEvents(ctx, TrailFilter.all().event("CreateImage")
                .page(TrailFilter.MAX_RESULTS, null)).events().size());
    }

    @Test
    void theSeedsLimitationsApplyToImagesWithTheSameCodes() {
        String[] made = writtenInstanceAndItsImage();
        fails("InvalidParameter.EncryptedNotSupported", () -> ecs.copyImage(ctx, new CopyImageRequest(made[1],
                "ap-northeast-2", null, null, true, null, null)));
        String shanghai = ecs.copyImage(ctx, new CopyImageRequest(made[1], "cn-shanghai", "in-shanghai", null, null,
                null, null));
        CallContext inShanghai = ctx.inRegion("cn-shanghai");
        sim.clock().fastForward(Duration.ofMinutes(2));
        Image copy = ecs.describeImages(inShanghai, new DescribeImagesRequest("self", List.of(shanghai), null, null,
                null, null)).items().get(0);
        assertEquals("cn-shanghai", copy.regionId());
        assertEquals(made[1], copy.sourceImageId());
        fails("InvalidImageId.NotFound", () -> ecs.copyImage(ctx, new CopyImageRequest(shanghai, null, null, null,
                null, null, null)));

        String encrypted = ecs.copyImage(ctx, new CopyImageRequest(made[1], null, null, null, true, null, null));
        sim.clock().fastForward(Duration.ofMinutes(2));
        assertEquals(sim.kms().describeKey(ctx, "alias/acs/ecs").keyId(), image(encrypted).kmsKeyId(),
                "Encrypted without a key: the region's service key");
        String limited = instances.runInstances(ctx, new RunInstancesRequest("cn-hangzhou-i", "ecs.ebmg5.24xlarge",
                OsImage.ALIYUN_3.imageId(), new RunInstancesRequest.SystemDisk("cloud_essd", 20, "PL0", null, null),
                List.of(), 1, PASSWORD, "limited", null, null)).get(0);
        advance();
        instances.stopInstance(ctx, limited, null);
        advance();
        fails("InvalidInstanceType.ValueNotSupported", () -> instances.replaceSystemDisk(ctx,
                new ReplaceSystemDiskRequest(limited, encrypted, null, null, null, null, null, null, null, null)));
        fails("InvalidInstanceType.ValueNotSupported", () -> instances.runInstances(ctx, new RunInstancesRequest(
                "cn-hangzhou-i", "ecs.ebmg5.24xlarge", encrypted, null, List.of(), 1, PASSWORD, null, null, null)));
        assertEquals(OsImage.ALIYUN_3.imageId(), instances.describeInstance(ctx, limited).imageId());
    }

    private List<String> volumeFiles() {
        try (var files = Files.walk(dataDir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".img")).map(f -> f.getFileName().toString())
                    .sorted().toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aSharedEncryptedImageGivesThePeerADiskUnderItsOwnServiceKey() {
        sim.ram().authorizeEcsDiskEncryption(ctx);
        String cmk = sim.kms().createKey(ctx, CreateKeyRequest.defaults("owner key")).keyId();
        String[] made = writtenInstanceAndItsImage();
        String copyId = ecs.copyImage(ctx, new CopyImageRequest(made[1], null, "to-share", null, true, cmk, null));
        sim.clock().fastForward(Duration.ofMinutes(2));
        String peer = sim.accounts().peerAccountId();
        CallContext peerCtx = CallContext.root(peer, "cn-hangzhou");
        fails("InvalidImageId.NotFound", () -> run(peerCtx, copyId, null, null));

        ecs.modifyImageSharePermission(ctx, copyId, List.of(peer), null);
        assertEquals(List.of(peer), ecs.imageSharedWith(ctx, copyId));
        Image seen = ecs.describeImages(peerCtx, new DescribeImagesRequest("others", null, null, null, null, null))
                .items().get(0);
        assertEquals(copyId, seen.imageId());
        assertEquals("others", seen.imageOwnerAlias());
        String peerInstance = run(peerCtx, copyId, null, null);
        Disk disk = systemDisk(peerCtx, peerInstance);
        assertTrue(disk.encrypted());
        assertNotEquals(cmk, disk.kmsKeyId());
        assertEquals(sim.kms().describeKey(peerCtx, "alias/acs/ecs").keyId(), disk.kmsKeyId(),
                "a shared encrypted image follows the shared-snapshot rule: the peer's service key");

        fails("ImageUseShared", () -> ecs.deleteImage(ctx, copyId, null));
        ecs.modifyImageSharePermission(ctx, copyId, null, List.of(peer));
        fails("ImageUsingByInstance", () -> ecs.deleteImage(ctx, copyId, null));
        ecs.deleteImage(ctx, copyId, true);
        fails("InvalidImageId.NotFound", () -> ecs.deleteImage(ctx, copyId, null));
        assertNull(instances.describeInstance(peerCtx, peerInstance).bootFailure());
    }

    @Test
    void systemImagesAreListedAsSystemAndAnImageFromASnapshotHasNoInstance() {
        List<Image> system = ecs.describeImages(ctx, new DescribeImagesRequest("system", null, null, null, null,
                null)).items();
        assertEquals(OsImage.publicImages().size(), system.size());
        assertTrue(system.stream().allMatch(i -> i.imageOwnerAlias().equals("system") && i.isAvailable()));
        fails("InvalidParameter", () -> ecs.describeImages(ctx, new DescribeImagesRequest("mine", null,
                null, null, null, null)));

        String id = run(ctx, OsImage.UBUNTU_22_04.imageId(), null, null);
        advance();
        String snapshot = ecs.createSnapshot(ctx, systemDisk(ctx, id).diskId(), null, null);
        fails("InvalidSnapshotId.NotReady", () -> ecs.createImage(ctx, new CreateImageRequest(null,
                snapshot, null, null)));
        sim.clock().fastForward(Duration.ofMinutes(2));
        String imageId = ecs.createImage(ctx, new CreateImageRequest(null, snapshot, "from-snapshot", null));
        sim.clock().fastForward(Duration.ofMinutes(1));
        Image image = image(imageId);
        assertEquals(snapshot, image.snapshotId());
        assertEquals(OsImage.UBUNTU_22_04.imageId(), image.osImageId());
        assertEquals("linux", image.osType());
        assertTrue(instances.describeImages(ctx, "self", null).stream().anyMatch(i -> i.imageId().equals(imageId)),
                "the purchase page offers it");
    }
}
