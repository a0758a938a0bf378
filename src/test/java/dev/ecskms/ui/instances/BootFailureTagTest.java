package dev.ecskms.ui.instances;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecskms.sim.ecs.InstanceStatus;
import dev.ecskms.sim.ecs.RunInstancesRequest;
import dev.ecskms.sim.kms.KeyMetadata;
import dev.ecskms.ui.InstanceTestSupport;
import java.util.List;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The black screen is explained: after the CMK of the system disk is disabled and the instance rebooted, the
 * Instances list shows a "Boot failed" tag, the details page's Events tab the KMS code with a link to the key;
 * once the key is enabled and the instance rebooted, the tag is gone and the Events tab says "No events".
 */
@ExtendWith(ApplicationExtension.class)
class BootFailureTagTest extends InstanceTestSupport {

    @Start
    void start(Stage stage) throws Exception {
        openEcsConsole(stage);
    }

    @AfterEach
    void tearDown() throws Exception {
        closeConsole();
    }

    @Test
    void aDisabledKeyShowsBootFailedOnTheListAndAnEventWithTheKeyOnTheDetails() {
        KeyMetadata key = cmk(ctx(), "alias/boot-key");
        sim.ram().authorizeEcsDiskEncryption(ctx());
        String image = sim.instances().describeImages(ctx(), "system", null).stream()
                .filter(i -> i.osName().startsWith("Alibaba Cloud Linux 3")).findFirst().orElseThrow().imageId();
        String id = sim.instances().runInstances(ctx(), new RunInstancesRequest(ZONE, "ecs.g7.large", image,
                new RunInstancesRequest.SystemDisk("cloud_essd", 40, "PL0", true, key.keyId()), List.of(), 1,
                PASSWORD, "boot-demo", null, null)).get(0);
        navigateTo("navInstances");
        clickOn("#instanceRefreshButton");
        fastForwardUntil(id, InstanceStatus.Running);
        assertTrue(lookup("#instanceBootFailure-" + id).tryQuery().isEmpty(), "a clean start has no tag");

        // Disable the key behind the console, reboot from the Instances page.
        sim.kms().disableKey(ctx(), key.keyId());
        reboot(id);
        waitUntil("the list shows the Boot failed tag", () -> lookup("#instanceBootFailure-" + id).tryQuery()
                .isPresent());
        Label tag = lookup("#instanceBootFailure-" + id).queryAs(Label.class);
        assertEquals("Boot failed", tag.getText());
        assertNotNull(tag.getTooltip());
        assertTrue(tag.getTooltip().getText().contains("Rejected.Disabled"), tag.getTooltip().getText());
        assertTrue(tag.getTooltip().getText().contains(key.keyId()), tag.getTooltip().getText());

        // Details → Events: the code, the message, and a link to the key.
        clickOn(nodeWithId("instanceLink-" + id));
        waitUntil("the details page is open", () -> lookup("#instanceDetailsPage").tryQuery().isPresent());
        clickOn("Events");
        waitUntil("the event is listed", () -> lookup("#instanceEventCode").tryQuery().isPresent());
        assertEquals("Rejected.Disabled", text("#instanceEventCode"));
        assertTrue(text("#instanceEventMessage").contains(key.keyId()), text("#instanceEventMessage"));
        waitUntil("the key link is enabled", () -> !lookup("#instanceEventKeyLink").query().isDisabled());
        clickOn("#instanceEventKeyLink");
        waitUntil("the key's details page opens", () -> lookup("#keyDetailsPage").tryQuery().isPresent());
        waitUntil("it is this key's page", () -> lookup("#keyDetailsPage").lookup((javafx.scene.Node n) ->
                n instanceof javafx.scene.control.Labeled l && key.keyId().equals(l.getText())).tryQuery()
                .isPresent());

        // Enable the key, reboot: the tag is gone, and so is the event.
        sim.kms().enableKey(ctx(), key.keyId());
        navigateTo("navInstances");
        if (lookup("#backToInstancesLink").tryQuery().isPresent()) {
            clickOn("#backToInstancesLink");
        }
        reboot(id);
        waitUntil("the tag is gone", () -> lookup("#instanceBootFailure-" + id).tryQuery().isEmpty()
                && sim.instances().describeInstance(ctx(), id).bootFailure() == null);
        assertEquals("Running", instanceStatus(id));
        clickOn(nodeWithId("instanceLink-" + id));
        waitUntil("the details page is open", () -> lookup("#instanceDetailsPage").tryQuery().isPresent());
        clickOn("Events");
        waitUntil("no events", () -> lookup("#instanceEventsEmpty").tryQuery().isPresent());
        assertEquals("No events", text("#instanceEventsEmpty"));
    }

    private void reboot(String id) {
        waitUntil("the row shows Running", () -> "Running".equals(instanceStatus(id)));
        clickOn(nodeWithId("reboot-" + id));
        waitForDialogOpen();
        clickOn("#dialogConfirmButton");
        waitForDialogClosed();
        fastForwardOneHour();
        fastForwardUntil(id, InstanceStatus.Running);
    }
}
