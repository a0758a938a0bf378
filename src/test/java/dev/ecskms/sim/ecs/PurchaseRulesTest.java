package dev.ecskms.sim.ecs;

import static dev.ecskms.sim.ecs.LocalEcsServiceTest.fails;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecskms.sim.common.ApiException;
import dev.ecskms.sim.ecs.EncryptionChoice.Reason;
import dev.ecskms.sim.guest.OsImage;
import dev.ecskms.sim.kms.CreateKeyRequest;
import dev.ecskms.testing.SimulatorTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The rules the purchase page shares with RunInstances and CreateDisk: the logon password, the system disk's size and
 * the key of a new disk. Each is checked on its own and through the service, which must refuse with the same code
 * and leave nothing behind.
 */
class PurchaseRulesTest extends SimulatorTest {
    private static final DiskCategory ESSD = Catalog.findDiskCategory("cloud_essd").orElseThrow();

    private RunInstancesRequest order(String password, int systemSize, RunInstancesRequest.DataDisk... data) {
        return new RunInstancesRequest("cn-hangzhou-i", "ecs.g7.large", OsImage.ALIYUN_3.imageId(),
                new RunInstancesRequest.SystemDisk("cloud_essd", systemSize, "PL1", null, null), List.of(data), 1,
                password, null, null, null);
    }

    private String code(Runnable call) {
        return assertThrows(ApiException.class, call::run).code();
    }

    @Test
    void thePasswordRuleTakesOnlyAsciiLettersDigitsAndTheListedSpecials() {
        assertEquals("Abcdef-12", InstancePasswordRule.check("Abcdef-12"));
        assertNull(InstancePasswordRule.check(""), "no password: the instance gets none");
        assertEquals("InvalidPassword.Malformed", code(() -> InstancePasswordRule.check("Ab-1")));
        assertEquals("InvalidPassword.Malformed", code(() -> InstancePasswordRule.check("Ab-1".repeat(8))));
        assertEquals("InvalidPassword.Malformed", code(() -> InstancePasswordRule.check("abcdefgh12")),
                "two kinds are not enough");
        // Java counts "ä" as a lowercase letter and "٣" as a digit; ECS does not.
        ApiException umlaut = assertThrows(ApiException.class, () -> InstancePasswordRule.check("PÄSSWORT-24"));
        assertEquals("InvalidPassword.Malformed", umlaut.code());
        assertTrue(umlaut.getMessage().contains("\"Ä\" is not allowed"), umlaut.getMessage());
        assertEquals("InvalidPassword.Malformed", code(() -> InstancePasswordRule.check("Password-٣")));
        assertEquals("InvalidPassword.Malformed", code(() -> InstancePasswordRule.check("Pass word-24")),
                "a space is not among the specials");
    }

    @Test
    void runInstancesRefusesANonAsciiPasswordWithTheRulesMessageAndCreatesNothing() {
        ApiException refused = assertThrows(ApiException.class,
                () -> sim.instances().runInstances(ctx, order("Pässwort-2024", 40)));
        assertEquals("InvalidPassword.Malformed", refused.code());
        assertEquals(assertThrows(ApiException.class, () -> InstancePasswordRule.check("Pässwort-2024"))
                .getMessage(), refused.getMessage());
        assertEquals(0, sim.instances().describeInstances(ctx, null, null, 1, 10).totalCount());
        assertEquals(0, sim.ecs().describeDisks(ctx, DescribeDisksRequest.all()).totalCount());
    }

    @Test
    void theAmountRuleTakesOneToAHundredInstances() {
        assertEquals(1, InstanceAmountRule.check(null));
        assertEquals(100, InstanceAmountRule.check(100));
        assertEquals("InvalidParameter", code(() -> InstanceAmountRule.check(0)));
        ApiException tooMany = assertThrows(ApiException.class, () -> sim.instances().runInstances(ctx,
                new RunInstancesRequest("cn-hangzhou-i", "ecs.g7.large", OsImage.ALIYUN_3.imageId(), null, List.of(),
                        101, "Abcdef-12", null, null, null)));
        assertEquals(assertThrows(ApiException.class, () -> InstanceAmountRule.check(101)).getMessage(),
                tooMany.getMessage());
    }

    @Test
    void theSystemDiskRuleTakesTheCategoryMinimumTheImageMinimumAnd2048AtMost() {
        assertEquals(40, DiskSizeRule.checkSystem(ESSD, "PL1", 40, "img", 40));
        assertEquals(2048, DiskSizeRule.checkSystem(ESSD, "PL1", 2048, "img", 40));
        assertEquals("InvalidSystemDiskSize.ValueNotSupported",
                code(() -> DiskSizeRule.checkSystem(ESSD, "PL1", 2049, "img", 40)), "ESSD data disks go further");
        assertEquals("InvalidSystemDiskSize.ValueNotSupported",
                code(() -> DiskSizeRule.checkSystem(ESSD, "PL1", 10, "img", 20)));
        assertEquals("InvalidSystemDiskSize.LessThanImageSize",
                code(() -> DiskSizeRule.checkSystem(ESSD, "PL1", 30, "img", 40)));
        assertEquals(40, DiskSizeRule.systemMin(ESSD, "PL1", 40));
        assertTrue(DiskSizeRule.describeSystem(ESSD, "PL1", 40).startsWith("40–2,048 GiB for ESSD PL1"));
    }

    @Test
    void runInstancesRefusesSizesOutsideTheRulesAndCreatesNothing() {
        ApiException tooBig = assertThrows(ApiException.class,
                () -> sim.instances().runInstances(ctx, order("Abcdef-12", 3000)));
        assertEquals("InvalidSystemDiskSize.ValueNotSupported", tooBig.code());
        assertEquals(assertThrows(ApiException.class, () -> DiskSizeRule.checkSystem(ESSD, "PL1", 3000,
                OsImage.ALIYUN_3.imageId(), 20)).getMessage(), tooBig.getMessage());
        fails("InvalidDiskSize.ValueNotSupported", () -> sim.instances().runInstances(ctx, order("Abcdef-12", 40,
                new RunInstancesRequest.DataDisk("cloud_essd", 0, null, "PL1", null, null, true))));
        fails("InvalidDiskSize.ValueNotSupported", () -> sim.instances().runInstances(ctx, order("Abcdef-12", 40,
                new RunInstancesRequest.DataDisk("cloud_essd", 70000, null, "PL1", null, null, true))));
        assertEquals(0, sim.ecs().describeDisks(ctx, DescribeDisksRequest.all()).totalCount());
    }

    @Test
    void theKeyRuleNamesTheDefaultKeyAsTheServiceUsesIt() {
        String account = ctx.accountId();
        DefaultEncryption off = new DefaultEncryption(false, null);
        assertEquals(Reason.SERVICE_KEY, NewDiskKeyRule.defaultKey(account, null, off).reason());
        assertTrue(NewDiskKeyRule.defaultKey(account, null, off).serviceKey());
        NewDiskKeyRule.DefaultKey byDefault = NewDiskKeyRule.defaultKey(account, null,
                new DefaultEncryption(true, "key-cmk"));
        assertEquals(Reason.ACCOUNT_DEFAULT_KEY, byDefault.reason());
        assertEquals("key-cmk", byDefault.kmsKeyId());
        assertFalse(NewDiskKeyRule.encrypted(null, null, null, off));
        assertTrue(NewDiskKeyRule.encrypted(null, null, null, new DefaultEncryption(true, null)));
        assertEquals("InvalidParameter.EncryptedIllegal", code(() -> NewDiskKeyRule.encrypted(null, "key-x", null,
                off)));

        // Through the service: a data disk bought with default encryption on gets the account's default CMK.
        sim.ram().authorizeEcsDiskEncryption(ctx);
        String cmk = sim.kms().createKey(ctx, CreateKeyRequest.defaults("default")).keyId();
        sim.ecs().enableDiskEncryptionByDefault(ctx);
        sim.ecs().modifyDiskDefaultKmsKeyId(ctx, cmk);
        RunInstancesRequest.DataDisk data = new RunInstancesRequest.DataDisk("cloud_essd", 40, null, "PL1", null, null,
                true);
        EncryptionChoice preview = sim.ecs().previewEncryption(ctx, data.asCreateDiskRequest("cn-hangzhou-i"));
        assertEquals(Reason.ACCOUNT_DEFAULT_KEY, preview.reason());
        assertEquals(cmk, preview.kmsKeyId());
        String id = sim.instances().runInstances(ctx, order("Abcdef-12", 40, data)).get(0);
        Disk bought = sim.ecs().describeDisks(ctx, new DescribeDisksRequest(null, null, id, "data", null, null, null,
                null, 1, 10)).items().get(0);
        assertEquals(cmk, bought.kmsKeyId(), "the preview said what happened");
    }

    @Test
    void aDiskFromTheCallersEncryptedSnapshotKeepsTheSnapshotsKey() {
        sim.ram().authorizeEcsDiskEncryption(ctx);
        String cmk = sim.kms().createKey(ctx, CreateKeyRequest.defaults("snap")).keyId();
        String disk = sim.ecs().createDisk(ctx, new CreateDiskRequest("cn-hangzhou-i", "cloud_essd", 40, null, "PL1",
                true, cmk, null, "source", null, null));
        sim.clock().fastForward(Duration.ofMinutes(1));
        String snapshotId = sim.ecs().createSnapshot(ctx, disk, "snap", null);
        sim.clock().fastForward(Duration.ofMinutes(10));
        Snapshot snapshot = sim.ecs().describeSnapshots(ctx, new DescribeSnapshotsRequest(null, null, null, null,
                "accomplished", false, 1, 10)).items().stream().filter(s -> s.snapshotId().equals(snapshotId))
                .findFirst().orElseThrow();

        NewDiskKeyRule.DefaultKey key = NewDiskKeyRule.defaultKey(ctx.accountId(), snapshot,
                new DefaultEncryption(false, null));
        assertEquals(Reason.SNAPSHOT_KEY, key.reason());
        assertEquals(cmk, key.kmsKeyId());
        assertTrue(NewDiskKeyRule.keyFixed(ctx.accountId(), snapshot));
        assertFalse(NewDiskKeyRule.keyFixed("another-account", snapshot), "a shared snapshot's disk may choose");
        assertEquals(Reason.SHARED_SNAPSHOT_SERVICE_KEY, NewDiskKeyRule.defaultKey("another-account", snapshot,
                new DefaultEncryption(false, null)).reason());

        RunInstancesRequest.DataDisk data = new RunInstancesRequest.DataDisk("cloud_essd", 40, snapshotId, "PL1", null,
                null, true);
        assertEquals(cmk, sim.ecs().previewEncryption(ctx, data.asCreateDiskRequest("cn-hangzhou-i")).kmsKeyId());
        String id = sim.instances().runInstances(ctx, order("Abcdef-12", 40, data)).get(0);
        Disk bought = sim.ecs().describeDisks(ctx, new DescribeDisksRequest(null, null, id, "data", null, null, null,
                null, 1, 10)).items().get(0);
        assertEquals(cmk, bought.kmsKeyId());
    }
}
