package dev.ecskms.ui.conversion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecskms.sim.ecs.DescribeDisksRequest;
import dev.ecskms.sim.ecs.Disk;
import dev.ecskms.sim.ecs.InstanceStatus;
import dev.ecskms.sim.ecs.Invocation;
import dev.ecskms.sim.kms.KeyMetadata;
import dev.ecskms.testing.HostFiles;
import dev.ecskms.ui.InstanceTestSupport;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Encrypt System Disk by clicks from the instance row's More menu: the plan, each step as simulated time passes, the
 * ending; the instance's system disk is then encrypted under the chosen key and the guest reads its file.
 */
@ExtendWith(ApplicationExtension.class)
class EncryptSystemDiskFlowTest extends InstanceTestSupport {
    private static final String MARKER = "UI-SYSDISK-91f3";

    @Start
    void start(Stage stage) throws Exception {
        openEcsConsole(stage);
    }

    @AfterEach
    void tearDown() throws Exception {
        closeConsole();
    }

    private Disk systemDisk(String instanceId) {
        return sim.ecs().describeDisks(ctx(), new DescribeDisksRequest(null, null, instanceId, "system", null, null,
                null, null, 1, 10)).items().get(0);
    }

    private Invocation shell(String instanceId, String script) {
        return sim.instances().describeInvocationResults(ctx(), sim.instances().runCommand(ctx(),
                List.of(instanceId), script, "probe")).get(0);
    }

    private String stepState(String step) {
        return onFx(() -> {
            Node box = lookup("#stepState-" + step).query();
            return ((Label) box.lookup(".status-tag")).getText();
        });
    }

    @Test
    void encryptTheSystemDiskByClicksEndsWithTheInstancesSystemDiskEncrypted() throws Exception {
        KeyMetadata key = cmk(ctx(), "alias/sysdisk");
        sim.ram().authorizeEcsDiskEncryption(ctx());
        String id = runningInstance("web");
        assertEquals("Success", shell(id, "echo " + MARKER + " > /root/marker.txt").status());
        Disk old = systemDisk(id);

        Node more = nodeWithId("more-" + id);
        clickOn(more);
        clickOn((Node node) -> node instanceof Labeled l && "Encrypt System Disk".equals(l.getText()));
        waitForDialogOpen();
        waitUntil("without a password the plan says to set one", () -> lookup("#planRefusal").tryQuery()
                .map(n -> ((Label) n).getText().contains("Set a new password")).orElse(false));
        clickOn("#kmsKeySelector");
        clickOn(keyCell("alias/sysdisk"));
        clickOn("#newPasswordField").write("New-Passw0rd!");
        clickOn("#confirmPasswordField").write("New-Passw0rd?");
        waitUntil("the mismatch is named", () -> lookup("#passwordMismatch").query().isVisible());
        assertTrue(onFx(() -> lookup("#encryptStartButton").query().isDisabled()), "no start with two passwords");
        doubleClickOn("#confirmPasswordField").eraseText(20).write("New-Passw0rd!");
        waitUntil("Start is enabled", () -> !lookup("#encryptStartButton").query().isDisabled());
        waitUntil("the plan is shown", () -> lookup("#encryptionPlan .plan-line").tryQuery().isPresent());
        String plan = onFx(() -> lookup("#encryptionPlan .plan-line").queryAll().stream()
                .map(n -> ((Label) n).getText()).reduce("", String::concat));
        assertTrue(plan.contains("is stopped"), plan);
        assertTrue(plan.contains("alias/sysdisk"), plan);
        assertTrue(plan.contains("password is set again"), plan);
        assertTrue(plan.contains(old.diskId() + " is released"), plan);
        assertEquals(InstanceStatus.Running, sim.instances().describeInstance(ctx(), id).status(),
                "nothing started before Start");

        clickOn("#encryptStartButton");
        waitUntil("the steps are shown", () -> lookup("#conversionSteps").tryQuery().isPresent());
        waitUntil("the instance is being stopped", () -> "Running".equals(stepState("STOP_INSTANCE")));
        java.util.Set<String> imagePercents = new java.util.TreeSet<>();
        for (int i = 0; i < 80 && !onFx(() -> lookup("#conversionSummary").tryQuery().isPresent()); i++) {
            sim.clock().fastForward(Duration.ofSeconds(5)); // the user speeds up simulated time
            Thread.sleep(150);
            imagePercents.add(text("#stepPercent-CREATE_IMAGE"));
        }
        assertTrue(imagePercents.stream().anyMatch(p -> p.matches("[1-9][0-9]?%")), "the image's bar moved"
                + " through the middle: " + imagePercents);
        waitUntil("the ending is shown", () -> lookup("#conversionSummary").tryQuery().isPresent());
        assertTrue(text("#dialogTitle").endsWith("Done"), text("#dialogTitle"));
        for (String step : List.of("STOP_INSTANCE", "CREATE_IMAGE", "COPY_IMAGE", "REPLACE_SYSTEM_DISK",
                "START_INSTANCE", "DELETE_PLAIN_IMAGE")) {
            assertEquals("Done", stepState(step), step);
        }
        Disk now = systemDisk(id);
        assertTrue(text("#conversionSummary").contains(now.diskId()));
        assertNotEquals(old.diskId(), now.diskId());
        assertTrue(now.encrypted());
        assertEquals(key.keyId(), now.kmsKeyId());
        assertFalse(HostFiles.contains(sim.volumes().diskVolume(now.diskId()),
                MARKER.getBytes(StandardCharsets.US_ASCII)), "the new system disk is ciphertext on the host");
        clickOn("#encryptStartButton"); // Close
        waitForDialogClosed();

        for (int i = 0; i < 4; i++) {
            sim.clock().fastForward(Duration.ofSeconds(5));
        }
        waitUntil("the guest has booted again", () -> sim.instances().getInstanceConsoleOutput(ctx(), id)
                .contains("login:"));
        Invocation read = shell(id, "cat /root/marker.txt");
        assertEquals("Success", read.status(), read.errorInfo());
        assertTrue(read.output().contains(MARKER));
    }

    @Test
    void aPasswordTheServiceWouldRefuseIsRefusedInThePlanAndNothingStarts() throws Exception {
        String id = runningInstance("web");
        Disk old = systemDisk(id);
        clickOn(nodeWithId("more-" + id));
        clickOn((Node node) -> node instanceof Labeled l && "Encrypt System Disk".equals(l.getText()));
        waitForDialogOpen();
        clickOn("#newPasswordField").write("short");
        clickOn("#confirmPasswordField").write("short");
        waitUntil("the plan names the password rule", () -> lookup("#planRefusal").tryQuery()
                .map(n -> ((Label) n).getText().contains("InvalidPassword.Malformed")).orElse(false));
        assertTrue(onFx(() -> lookup("#encryptStartButton").query().isDisabled()), "no start with a weak password");
        doubleClickOn("#newPasswordField").eraseText(10).write("New-Passw0rd!");
        doubleClickOn("#confirmPasswordField").eraseText(10).write("New-Passw0rd!");
        waitUntil("Start is enabled once the password is good", () -> !lookup("#encryptStartButton").query()
                .isDisabled());
        assertEquals(old.diskId(), systemDisk(id).diskId());
        assertEquals(0, sim.ecs().describeImages(ctx(), new dev.ecskms.sim.ecs.DescribeImagesRequest("self", null,
                List.of("Creating", "Available"), null, 1, 100)).totalCount(), "nothing was made");
    }

    private void fastForwardUntilRunning(String id) {
        for (int i = 0; i < 20 && sim.instances().describeInstance(ctx(), id).status() != InstanceStatus.Running;
                i++) {
            sim.clock().fastForward(Duration.ofSeconds(5));
        }
        assertEquals(InstanceStatus.Running, sim.instances().describeInstance(ctx(), id).status(),
                "the instance the run stopped is started again");
    }
}
