package dev.ecskms.ui.oos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecskms.sim.ecs.DescribeDisksRequest;
import dev.ecskms.sim.ecs.Disk;
import dev.ecskms.sim.oos.Execution;
import dev.ecskms.sim.oos.ListExecutionsRequest;
import dev.ecskms.ui.InstanceTestSupport;
import java.time.Duration;
import java.util.List;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * ACS-ECS-BulkyEncryptSystemDisk by clicks: Public Templates → Create Execution over two plain instances with a CMK,
 * then the execution's page, whose progress bars move as simulated time passes, ends in Success; the dialog then
 * shows both system disks Encrypted.
 */
@ExtendWith(ApplicationExtension.class)
class OosExecutionFlowTest extends InstanceTestSupport {
    private String a;
    private String b;
    private String cmk;

    @Start
    void start(Stage stage) throws Exception {
        openEcsConsole(stage);
    }

    @BeforeEach
    void twoPlainInstancesAndAKey() {
        sim.ram().authorizeEcsDiskEncryption(ctx());
        cmk = cmk(ctx(), "alias/fleet").keyId();
        a = runningInstance("fleet-a");
        b = runningInstance("fleet-b");
    }

    @AfterEach
    void tearDown() throws Exception {
        closeConsole();
    }

    private double bar(String instanceId) {
        return onFx(() -> lookup("#executionProgress-" + instanceId).tryQuery()
                .map(n -> ((ProgressBar) n).getProgress()).orElse(-1.0));
    }

    private String label(String id) {
        return onFx(() -> lookup("#" + id).tryQuery().map(n -> ((Label) n).getText()).orElse(""));
    }

    private Execution execution() {
        return sim.oos().listExecutions(ctx(), ListExecutionsRequest.all()).items().get(0);
    }

    private Disk systemDisk(String instanceId) {
        return sim.ecs().describeDisks(ctx(), new DescribeDisksRequest(null, null, instanceId, "system", null, null,
                null, null, 1, 10)).items().get(0);
    }

    @Test
    void aFleetIsEncryptedByClicksWithLiveProgressPerInstance() {
        navigateTo("navOosTemplates");
        waitUntil("the template is shown", () -> label("templateName").equals(OosController.TEMPLATE));
        clickOn("#templateCreateExecutionButton");
        waitForDialogOpen();
        clickOn(nodeWithId("chooseTarget-" + a));
        clickOn(nodeWithId("chooseTarget-" + b));
        assertEquals("Not encrypted", label("targetEncryption-" + a));
        clickOn("#executionKeySelector");
        clickOn(keyCell("alias/fleet"));
        waitUntil("Start can be clicked", () -> !lookup("#startExecutionButton").query().isDisabled());
        clickOn("#startExecutionButton");
        waitForDialogClosed();

        waitUntil("the execution opens", () -> lookup("#executionDetailsStatus").tryQuery().isPresent());
        waitUntil("both instances are listed", () -> bar(a) >= 0 && bar(b) >= 0);

        // a minute of simulated time: both instances are part-way (snapshot and image steps)
        sim.clock().fastForward(Duration.ofSeconds(60));
        waitUntil("the bars show part of the work", () -> bar(a) > 0 && bar(a) < 1 && bar(b) > 0 && bar(b) < 1);
        double first = bar(a);
        assertTrue(label("executionProgressText-" + a).contains("/ 11 steps"), label("executionProgressText-" + a));
        assertEquals("Running", label("executionInstanceStatus-" + a));

        sim.clock().fastForward(Duration.ofSeconds(30));
        waitUntil("the bar moved on", () -> bar(a) > first);

        for (int i = 0; i < 720 && !execution().isFinished(); i++) {
            sim.clock().fastForward(Duration.ofSeconds(5));
        }
        assertEquals(Execution.SUCCESS, execution().status(), execution().statusMessage());
        waitUntil("the page shows Success", () -> label("executionDetailsStatus").equals("Success"));
        for (String id : List.of(a, b)) {
            waitUntil(id + " is done", () -> bar(id) == 1.0 && label("executionInstanceStatus-" + id)
                    .equals("Success"));
            assertEquals("11 / 11 steps", label("executionProgressText-" + id));
            assertTrue(systemDisk(id).encrypted(), id + "'s system disk is encrypted");
            assertEquals(cmk, systemDisk(id).kmsKeyId());
        }

        // the step log of one instance, expanded
        clickOn(nodeWithId("executionLogPane-" + a).lookup(".title"));
        waitUntil("the log shows the replacement", () -> label("executionLog-" + a)
                .contains("replaceSystemDisk  Success"));

        // the dialog lists both system disks as Encrypted now
        navigateTo("navOosTemplates");
        clickOn("#templateCreateExecutionButton");
        waitForDialogOpen();
        waitUntil("both instances show Encrypted", () -> label("targetEncryption-" + a).equals("Encrypted")
                && label("targetEncryption-" + b).equals("Encrypted"));
    }

    @Test
    void instancesSelectedOnTheInstancesPageArePreselectedInCreateExecution() {
        navigateTo("navInstances");
        waitUntil("both rows are listed", () -> "Running".equals(instanceStatus(a))
                && "Running".equals(instanceStatus(b)));
        assertTrue(onFx(() -> lookup("#encryptSystemDisksOosButton").query().isDisabled()), "nothing selected yet");
        clickOn(rowCell(a));
        press(javafx.scene.input.KeyCode.CONTROL);
        try {
            clickOn(rowCell(b));
        } finally {
            release(javafx.scene.input.KeyCode.CONTROL);
        }
        clickOn("#encryptSystemDisksOosButton");
        waitForDialogOpen();
        waitUntil("both are chosen", () -> checked("chooseTarget-" + a) && checked("chooseTarget-" + b));
        assertTrue(label("executionTargetsSummary").startsWith("2 instance(s) chosen"),
                label("executionTargetsSummary"));
    }

    @Test
    void cancelAsksNamingWhatStopsAndWhatStaysThenStopsTheRun() {
        String parameters = OosController.parameters("cn-hangzhou", List.of(a, b), cmk, "1", "0");
        String id = sim.oos().startExecution(ctx(), dev.ecskms.sim.oos.StartExecutionRequest.of(
                OosController.TEMPLATE, parameters)).executionId();
        sim.clock().fastForward(Duration.ofSeconds(15));
        navigateTo("navOosExecutions");
        clickOn(nodeWithId("executionLink-" + id));
        waitUntil("the first instance runs", () -> "Running".equals(label("executionInstanceStatus-" + a)));

        clickOn("#cancelExecutionButton");
        waitForDialogOpen();
        assertTrue(label("cancelStops").contains(a), label("cancelStops"));
        assertTrue(label("cancelStays").contains("stays Stopped"), label("cancelStays"));
        clickOn("#confirmCancelExecution");
        waitForDialogClosed();

        waitUntil("the page shows Cancelled", () -> "Cancelled".equals(label("executionDetailsStatus")));
        waitUntil("the first instance's run is Cancelled", () -> "Cancelled".equals(
                label("executionInstanceStatus-" + a)));
        assertTrue(onFx(() -> lookup("#cancelExecutionButton").query().isDisabled()));
        sim.clock().fastForward(Duration.ofMinutes(10));
        assertEquals(Execution.CANCELLED, execution().status());
        assertTrue(!systemDisk(b).encrypted(), "the instance not started is left as it was");
    }

    private boolean checked(String id) {
        return lookup("#" + id).tryQuery().map(n -> ((javafx.scene.control.CheckBox) n).isSelected()).orElse(false);
    }

    /** The Zone cell of the instance's row: a click there selects the row without following a link. */
    private javafx.scene.Node rowCell(String instanceId) {
        return onFx(() -> lookup("#instanceTable").query().lookupAll(".table-row-cell").stream()
                .filter(n -> n instanceof javafx.scene.control.TableRow<?> row
                        && row.getItem() instanceof dev.ecskms.sim.ecs.Instance i && i.instanceId().equals(instanceId))
                .findFirst().orElseThrow().lookupAll(".table-cell").stream()
                .filter(c -> c instanceof javafx.scene.control.TableCell<?, ?> cell
                        && "Zone".equals(cell.getTableColumn().getText()))
                .findFirst().orElseThrow());
    }
}
