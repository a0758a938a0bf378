package dev.ecskms.ui.labs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecskms.sim.ecs.RunInstancesRequest;
import dev.ecskms.sim.guest.OsImage;
import dev.ecskms.sim.kms.CreateKeyRequest;
import dev.ecskms.ui.ConsoleTestSupport;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The Labs panel with the FAQ lab: its ticks light as the steps are done — the key disabled and enabled by clicks
 * on the Keys page, the reboots by script while the panel is open (the change feed re-evaluates it) — and stay
 * unlit when a step is skipped; Reset to start asks first and starts over.
 */
@ExtendWith(ApplicationExtension.class)
class LabsPageTest extends ConsoleTestSupport {
    private static final String FAQ = "faq-verification";
    private String key;

    @Start
    void start(Stage stage) throws Exception {
        // a stopped base clock: simulated time moves only when the test fast-forwards it
        openConsole(stage, Clock.fixed(Instant.parse("2026-11-28T09:00:00Z"), ZoneOffset.UTC));
        sim.ram().authorizeEcsDiskEncryption(ctx());
        key = sim.kms().createKey(ctx(), CreateKeyRequest.defaults("lab key")).keyId();
    }

    @AfterEach
    void tearDown() throws Exception {
        closeConsole();
    }

    private void advance() {
        for (int i = 0; i < 4; i++) {
            sim.clock().fastForward(Duration.ofSeconds(5));
        }
    }

    private boolean lit(int step) {
        return onFx(() -> window.labsPage().isLit(step));
    }

    private List<Boolean> ticks() {
        return onFx(() -> java.util.stream.IntStream.rangeClosed(1, 6).mapToObj(window.labsPage()::isLit).toList());
    }

    private void waitForTicks(int litSteps) {
        List<Boolean> expected = java.util.stream.IntStream.rangeClosed(1, 6).mapToObj(i -> i <= litSteps).toList();
        waitUntil(litSteps + " of 6 ticks lit", () -> ticks().equals(expected)
                && text("#labProgress").startsWith(litSteps == 6 ? "Complete" : litSteps + " of 6"));
    }

    private void openFaqLabAndStartIt() {
        navigateTo("navLabs");
        waitUntil("the labs are listed", () -> lookup("#lab-" + FAQ).tryQuery().isPresent());
        clickOn("#lab-" + FAQ);
        waitUntil("the FAQ lab is shown", () -> text("#labTitle").startsWith("Verify what a disabled key does"));
        assertEquals("Start lab", text("#labStartButton"));
        assertTrue(text("#labProgress").startsWith("Not started"));
        clickOn("#labStartButton");
        waitUntil("the lab is started", () -> "Reset to start".equals(text("#labStartButton")));
        waitForTicks(0);
        sim.clock().fastForward(Duration.ofSeconds(1));
    }

    private String runCmkInstance() {
        String id = sim.instances().runInstances(ctx(), new RunInstancesRequest("cn-hangzhou-i", "ecs.g7.large",
                OsImage.ALIYUN_3.imageId(), new RunInstancesRequest.SystemDisk("cloud_essd", 20, "PL0", true, key),
                List.of(), 1, "Lab-Passw0rd", "lab", "lab-host", null)).get(0);
        advance();
        return id;
    }

    private void clickKeyAction(String action) {
        navigateTo("navKeys");
        waitUntil("the key offers " + action, () -> lookup("#" + action + "-" + key).tryQuery().isPresent());
        clickOn(nodeWithId(action + "-" + key));
        if (action.equals("disable")) {
            waitForDialogOpen();
            clickOn("#dialogConfirmButton");
            waitForDialogClosed();
        }
        waitUntil("the key changed", () -> sim.kms().describeKey(ctx(), key).keyState().name()
                .equals(action.equals("disable") ? "Disabled" : "Enabled"));
        navigateTo("navLabs");
    }

    @Test
    void theTicksLightStepByStepAndResetStartsOver() {
        openFaqLabAndStartIt();
        String id = runCmkInstance();
        waitForTicks(1);
        assertTrue(text("#labStepEvidence1").contains(id), text("#labStepEvidence1"));

        clickKeyAction("disable");
        waitForTicks(2);
        sim.instances().rebootInstance(ctx(), id, false); // by script, while the panel is open
        advance();
        waitForTicks(3);
        assertTrue(text("#labStepEvidence3").contains("Rejected.Disabled"), text("#labStepEvidence3"));
        clickKeyAction("enable");
        waitForTicks(4);
        sim.instances().rebootInstance(ctx(), id, false);
        advance();
        waitForTicks(5);
        sim.instances().stopInstance(ctx(), id, false);
        advance();
        sim.instances().deleteInstance(ctx(), id, false);
        waitForTicks(6);

        clickOn("#labStartButton");
        waitForDialogOpen();
        assertTrue(text("#labResetWarning").contains("starts again from now"));
        clickOn("#dialogConfirmButton");
        waitForDialogClosed();
        waitForTicks(0);
        assertTrue(text("#labProgress").startsWith("0 of 6"), text("#labProgress"));
    }

    @Test
    void aRebootWithoutDisablingTheKeyLeavesTheRebootTickUnlit() {
        openFaqLabAndStartIt();
        String id = runCmkInstance();
        waitForTicks(1);
        sim.instances().rebootInstance(ctx(), id, false); // skipped: the key is still enabled
        advance();
        clickKeyAction("disable");
        waitForTicks(2);
        sim.clock().fastForward(Duration.ofSeconds(30)); // a later re-evaluation changes nothing
        waitForTicks(2);
        assertFalse(lit(3), "the boot succeeded, so there was no black screen to see");
    }

    @Test
    void aMalformedLabFileShowsItsLineAndCanBeReadAgainOnceCorrected() throws Exception {
        Files.createDirectories(dataDir.resolve("labs"));
        Files.writeString(dataDir.resolve("labs/typo.lab"), "title: Typo\nstep: S\ncheck: disk-encryptd\n");
        navigateTo("navLabs");
        waitUntil("the file is listed", () -> lookup("#lab-typo").tryQuery().isPresent());
        clickOn("#lab-typo");
        waitUntil("its error is shown", () -> lookup("#labFileErrorText").tryQuery().isPresent());
        assertTrue(text("#labFileErrorText").contains("typo.lab line 3: unknown check 'disk-encryptd'"),
                text("#labFileErrorText"));
        Files.writeString(dataDir.resolve("labs/typo.lab"), "title: Typo fixed\nstep: S\ncheck: key-created\n");
        clickOn("#labReloadButton");
        waitUntil("the corrected lab is shown", () -> "Typo fixed".equals(text("#labTitle"))
                && lookup("#labFileErrorText").tryQuery().isEmpty());
    }
}
