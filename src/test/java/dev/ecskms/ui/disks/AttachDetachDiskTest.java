package dev.ecskms.ui.disks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecskms.sim.ecs.CreateDiskRequest;
import dev.ecskms.sim.ecs.DescribeDisksRequest;
import dev.ecskms.sim.ecs.Disk;
import dev.ecskms.sim.ecs.DiskStatus;
import dev.ecskms.sim.ecs.Instance;
import dev.ecskms.sim.ecs.Invocation;
import dev.ecskms.sim.kms.KeyMetadata;
import dev.ecskms.ui.InstanceTestSupport;
import java.time.Duration;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Attach and Detach from the Disks page: an encrypted data disk goes to a running instance of its zone, whose guest
 * sees it as vdb at once, and comes back Available; a disk of another zone has no instance to go to.
 */
@ExtendWith(ApplicationExtension.class)
class AttachDetachDiskTest extends InstanceTestSupport {
    private String instanceId;
    private String diskId;

    @Start
    void start(Stage stage) throws Exception {
        openEcsConsole(stage);
    }

    @BeforeEach
    void instanceAndDisk() {
        instanceId = runningInstance("attach-target");
        KeyMetadata key = cmk(ctx(), "alias/attach");
        diskId = encryptedDisk(ctx(), key.keyId(), "attach-me");
        navigateTo("navDisks");
        clickOn("#diskRefreshButton");
        waitUntil("the disk is listed Available", () -> "Available".equals(diskStatus(diskId)));
    }

    @AfterEach
    void tearDown() throws Exception {
        closeConsole();
    }

    @Test
    void attachFromTheDisksPageShowsTheDeviceInTheGuestAndDetachGivesItBack() {
        assertTrue(onFx(() -> lookup("#detach-" + diskId).query().isDisabled()), "an Available disk cannot be detached");

        clickOn(nodeWithId("attach-" + diskId));
        waitForDialogOpen();
        waitUntil("the running instance of the zone is listed", () -> instanceIds().equals(List.of(instanceId)));
        assertTrue(text("#attachZoneNote").contains(ZONE));
        clickOn(nodeWithId("attachInstance-" + instanceId));
        clickOn("#attachReleaseWithInstanceCheck");
        clickOn("#dialogConfirmButton");
        waitForDialogClosed();

        waitUntil("the disk shows In Use", () -> "In Use".equals(diskStatus(diskId)));
        waitUntil("the row names the instance", () -> rowTexts(diskId).contains(instanceId));
        Disk attached = sim.ecs().describeDisk(ctx(), diskId);
        assertEquals(DiskStatus.In_use, attached.status());
        assertEquals(instanceId, attached.instanceId());
        assertTrue(attached.deleteWithInstance());
        assertTrue(onFx(() -> lookup("#attach-" + diskId).query().isDisabled()), "an In_use disk cannot be attached");
        assertTrue(lsblk().contains("vdb"), "the guest sees the hot-plugged disk");

        clickOn(nodeWithId("detach-" + diskId));
        waitForDialogOpen();
        waitUntil("the confirmation names the instance", () -> text("#detachWarning").contains("attach-target ("
                + instanceId + ")"));
        String warning = text("#detachWarning");
        assertTrue(warning.contains("attach-me (" + diskId + ")"), warning);
        assertTrue(warning.contains("loses the device at once"), warning);
        clickOn("#dialogConfirmButton");
        waitForDialogClosed();

        waitUntil("the disk is Available again", () -> "Available".equals(diskStatus(diskId)));
        Disk detached = sim.ecs().describeDisk(ctx(), diskId);
        assertEquals(DiskStatus.Available, detached.status());
        assertEquals(null, detached.instanceId());
        assertFalse(lsblk().contains("vdb"), "the guest lost the device");
    }

    @Test
    void aDiskOfAnotherZoneHasNoInstanceToAttachTo() {
        String elsewhere = sim.ecs().createDisk(ctx(), new CreateDiskRequest("cn-hangzhou-i", "cloud_essd", 40, null,
                "PL0", null, null, null, "far-away", null, null));
        sim.clock().fastForward(Duration.ofMinutes(1));
        clickOn("#diskRefreshButton");
        waitUntil("the other zone's disk is Available", () -> "Available".equals(diskStatus(elsewhere)));

        clickOn(nodeWithId("attach-" + elsewhere));
        waitForDialogOpen();
        waitUntil("the dialog says why no instance is listed", () -> text("#attachInstancesPlaceholder")
                .startsWith("No instances in cn-hangzhou-i"));
        assertTrue(text("#attachInstancesPlaceholder").contains("cannot be attached across zones"));
        assertTrue(instanceIds().isEmpty());
        assertTrue(onFx(() -> lookup("#dialogConfirmButton").query().isDisabled()));
        clickOn("#dialogCancelButton");
        waitForDialogClosed();
        assertEquals(DiskStatus.Available, sim.ecs().describeDisk(ctx(), elsewhere).status());
    }

    @Test
    void theDetailsPagesAttachAndDetachWithTheSameDialogs() {
        clickOn(nodeWithId("diskLink-" + diskId));
        waitUntil("the details page offers Attach", () -> lookup("#detailAttachButton").tryQuery()
                .map(button -> !button.isDisabled()).orElse(false));
        assertTrue(onFx(() -> lookup("#detailDetachButton").query().isDisabled()));
        clickOn("#detailAttachButton");
        waitForDialogOpen();
        waitUntil("the instance is listed", () -> instanceIds().equals(List.of(instanceId)));
        clickOn(nodeWithId("attachInstance-" + instanceId));
        clickOn("#dialogConfirmButton");
        waitForDialogClosed();
        waitUntil("the details page shows the instance", () -> instanceId.equals(text("#diskDetailInstance")));
        waitUntil("Detach is offered", () -> !lookup("#detailDetachButton").query().isDisabled());
        assertTrue(onFx(() -> lookup("#detailAttachButton").query().isDisabled()));

        // The instance's Disks card: the system disk cannot be detached, the data disk can.
        navigateTo("navInstances");
        clickOn(nodeWithId("instanceLink-" + instanceId));
        nodeWithId("detach-instance-disk-" + diskId);
        String systemDisk = sim.ecs().describeDisks(ctx(), new DescribeDisksRequest(null, null,
                instanceId, "system", null, null, null, null, 1, 10)).items().get(0).diskId();
        assertTrue(onFx(() -> lookup("#detach-instance-disk-" + systemDisk).tryQuery().isEmpty()));
        clickOn(nodeWithId("detach-instance-disk-" + diskId));
        waitForDialogOpen();
        assertTrue(text("#detachWarning").contains(instanceId));
        clickOn("#dialogConfirmButton");
        waitForDialogClosed();
        waitUntil("the disk leaves the instance's Disks card", () -> lookup("#detach-instance-disk-" + diskId)
                .tryQuery().isEmpty());
        assertEquals(DiskStatus.Available, sim.ecs().describeDisk(ctx(), diskId).status());
    }

    @SuppressWarnings("unchecked")
    private List<String> instanceIds() {
        return onFx(() -> ((TableView<Instance>) lookup("#attachInstancesTable").query()).getItems().stream()
                .map(Instance::instanceId).toList());
    }

    /** The texts of the disk's row in the Disks table, as rendered. */
    private List<String> rowTexts(String id) {
        return onFx(() -> {
            for (Node node : lookup("#diskTable").query().lookupAll(".table-row-cell")) {
                if (node instanceof TableRow<?> row && row.getItem() instanceof Disk disk && disk.diskId().equals(id)) {
                    return row.lookupAll(".table-cell").stream().map(cell -> ((Labeled) cell).getText())
                            .filter(text -> text != null).toList();
                }
            }
            return List.of();
        });
    }

    /** Cloud Assistant runs lsblk in the guest; its output. */
    private String lsblk() {
        String invokeId = sim.instances().runCommand(ctx(), List.of(instanceId), "lsblk", "list-disks");
        Invocation result = sim.instances().describeInvocationResults(ctx(), invokeId).get(0);
        assertEquals("Success", result.status(), result.errorInfo());
        return result.output();
    }
}
