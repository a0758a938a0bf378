package dev.ecskms.ui.instances;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecskms.sim.ecs.DescribeDisksRequest;
import dev.ecskms.sim.ecs.Disk;
import dev.ecskms.sim.ecs.Instance;
import dev.ecskms.sim.ecs.InstanceStatus;
import dev.ecskms.sim.kms.KeyMetadata;
import dev.ecskms.sim.kms.KeyState;
import dev.ecskms.ui.InstanceTestSupport;
import java.util.List;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The seed's FAQ procedure, clicked through: buy an instance with a CMK-encrypted system disk, log in on its
 * console, disable the CMK, reboot from inside — the screen stays black because the boot cannot decrypt the data
 * key — enable the key, reboot from the Instances page, see the login prompt again, release the instance.
 */
@ExtendWith(ApplicationExtension.class)
class FaqProcedureTest extends InstanceTestSupport {

    @Start
    void start(Stage stage) throws Exception {
        openEcsConsole(stage);
    }

    @AfterEach
    void tearDown() throws Exception {
        closeConsole();
    }

    @Test
    void aDisabledCmkKeepsTheRebootedInstanceBlackUntilItIsEnabledAgain() {
        KeyMetadata key = cmk(ctx(), "alias/faq-key");

        // Buy: Alibaba Cloud Linux 3 on ecs.g7.large, system disk encrypted with the CMK.
        openPurchase();
        chooseType("ecs.g7.large");
        chooseImage("Alibaba Cloud Linux 3");
        clickOn(inView("systemDiskEncryptedCheck"));
        clickOn(inView("systemDiskKeySelector"));
        clickOn(keyCell("alias/faq-key"));
        waitUntil("the authorization prompt opens", () -> lookup("#authorizeDialog").tryQuery().isPresent());
        clickOn("#authorizeButton");
        waitUntil("the prompt closes", () -> lookup("#authorizeDialog").tryQuery().isEmpty());
        waitUntil("the preview names the chosen key", () -> text("#systemDiskEffectiveKey").contains("alias/faq-key")
                && !lookup("#systemDiskEncryptionExplanation").query().getStyleClass().contains("explanation-error"));
        clickOn(inView("instanceNameField")).write("faq-demo");
        setPassword(PASSWORD);
        clickOn("#createOrderButton");
        waitUntil("the Instances page is back", () -> lookup("#instanceTable").tryQuery().isPresent());
        List<Instance> bought = instances();
        assertEquals(1, bought.size());
        String id = bought.get(0).instanceId();
        Disk system = systemDisk(id);
        assertTrue(system.encrypted());
        assertEquals(key.keyId(), system.kmsKeyId());

        fastForwardUntil(id, InstanceStatus.Running);

        // Connect and log in.
        clickOn(nodeWithId("connect-" + id));
        waitUntil("the console shows the login prompt", () -> remote(id) != null
                && remoteStatus().contains("login") && !allBlack(picture(id)));
        clickOn("#remoteScreenPane");
        write("root");
        type(KeyCode.ENTER);
        write(PASSWORD);
        type(KeyCode.ENTER);
        waitUntil("root has a shell", () -> remoteStatus().contains("shell"));
        assertFalse(allBlack(picture(id)), "the booted console shows text");
        clickOn("#closeRemoteButton");

        // KMS → Keys: disable the CMK; the dialog names the instance.
        navigateTo("navKeys");
        clickOn(nodeWithId("disable-" + key.keyId()));
        waitForDialogOpen();
        waitUntil("the instance is listed", () -> lookup("#disableResourcesTable").queryTableView().getItems()
                .stream().anyMatch(r -> r instanceof dev.ecskms.sim.kms.ProtectedResource p
                        && "Instance".equals(p.type()) && id.equals(p.id())));
        assertTrue(onFx(() -> lookup("#disableInstancesWarning").query().isVisible()));
        assertEquals("Instances that use this key will not boot again after they stop or restart.",
                text("#disableInstancesWarning"));
        clickOn("#dialogConfirmButton");
        waitForDialogClosed();
        assertEquals(KeyState.Disabled, sim.kms().describeKey(ctx(), key.keyId()).keyState());

        // Back on the console: the running instance still works; reboot it from inside.
        navigateTo("navInstances");
        clickOn(nodeWithId("connect-" + id));
        waitUntil("the console is live again", () -> remote(id) != null && !allBlack(picture(id)));
        clickOn("#remoteScreenPane");
        write("sudo reboot");
        type(KeyCode.ENTER);
        waitUntil("the instance goes down", () -> sim.instances().describeInstance(ctx(), id).status()
                != InstanceStatus.Running);
        fastForwardOneHour();
        fastForwardUntil(id, InstanceStatus.Running);
        waitUntil("the console screen is all black", () -> allBlack(picture(id)));
        assertEquals(InstanceStatus.Running, sim.instances().describeInstance(ctx(), id).status(),
                "the boot hangs on a running instance, as the real service shows it");
        assertTrue(remoteStatus().startsWith("Status: Running"), remoteStatus());
        assertFalse(onFx(() -> lookup("#remoteMessage").query().isVisible()),
                "no message is drawn: the picture is black because the disk cannot be read");
        waitUntil("the reason shows under the black screen", () -> lookup("#remoteBootFailure").query().isVisible());
        String reason = text("#remoteBootFailure");
        assertTrue(reason.contains("Rejected.Disabled") && reason.contains(key.keyId()), reason);
        assertTrue(onFx(() -> lookup("#remoteBootFailureKeyLink").query().isVisible()),
                "the console links to the key KMS refused");
        assertTrue(allBlack(picture(id)), "the reason is under the picture, never over it");
        assertFalse(sim.instances().getInstanceConsoleOutput(ctx(), id).contains("login:"));
        clickOn("#closeRemoteButton");

        // Enable the key, reboot from the Instances page: the login prompt is back.
        sim.kms().enableKey(ctx(), key.keyId());
        clickOn("#instanceRefreshButton");
        clickOn(nodeWithId("reboot-" + id));
        waitForDialogOpen();
        clickOn("#dialogConfirmButton");
        waitForDialogClosed();
        fastForwardOneHour();
        fastForwardUntil(id, InstanceStatus.Running);
        clickOn(nodeWithId("connect-" + id));
        waitUntil("the console shows text again", () -> remote(id) != null && !allBlack(picture(id)));
        waitUntil("the serial console printed the login prompt", () -> sim.instances()
                .getInstanceConsoleOutput(ctx(), id).contains("login:"));
        clickOn("#closeRemoteButton");

        // Release: stop and release; the instance and its disks are gone.
        clickOn(nodeWithId("release-instance-" + id));
        waitForDialogOpen();
        waitUntil("the dialog lists the system disk", () -> lookup("#releaseDisksTable").queryTableView().getItems()
                .size() == 1);
        assertTrue(text("#releaseInstanceWarning").contains(id));
        clickOn("#stopAndReleaseOption");
        clickOn("#dialogConfirmButton");
        waitForDialogClosed();
        for (int i = 0; i < 4 && !instances().isEmpty(); i++) {
            fastForwardOneHour();
            waitUntil("the page has reloaded", () -> window.session().tasks().runningProperty().get() == 0);
        }
        waitUntil("the instance leaves the table", () -> instanceStatus(id) == null && instances().isEmpty());
        assertTrue(sim.ecs().describeDisks(ctx(), new DescribeDisksRequest(null, null, null, null, null, null, null,
                null, 1, 100)).items().stream().noneMatch(d -> d.diskId().equals(system.diskId())),
                "the system disk was released with the instance");
    }

    private Disk systemDisk(String instanceId) {
        return sim.ecs().describeDisks(ctx(), new DescribeDisksRequest(null, null, instanceId, "system", null, null,
                null, null, 1, 100)).items().get(0);
    }
}
