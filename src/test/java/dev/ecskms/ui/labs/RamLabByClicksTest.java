package dev.ecskms.ui.labs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecskms.sim.ecs.DescribeDisksRequest;
import dev.ecskms.sim.ecs.Disk;
import dev.ecskms.ui.EcsTestSupport;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Lab (c), "Restrict a RAM user to encrypted disks", done the way its hints say: by clicks on the RAM pages, the
 * identity switcher and the disk wizard, no API call. Each step's tick lights on the Labs page.
 */
@ExtendWith(ApplicationExtension.class)
class RamLabByClicksTest extends EcsTestSupport {
    private static final String LAB = "restrict-ram-user-to-encrypted-disks";

    @Start
    void start(Stage stage) throws Exception {
        openEcsConsole(stage);
    }

    @AfterEach
    void tearDown() throws Exception {
        closeConsole();
    }

    /** Time passes between steps, as it does for a learner; the simulated clock is stopped in these tests. */
    private void aMomentLater() {
        sim.clock().fastForward(Duration.ofSeconds(5));
    }

    private List<Boolean> ticks() {
        return onFx(() -> IntStream.rangeClosed(1, 4).mapToObj(window.labsPage()::isLit).toList());
    }

    private void openLabAndWaitFor(int litSteps) {
        navigateTo("navLabs");
        waitUntil("the lab is listed", () -> lookup("#lab-" + LAB).tryQuery().isPresent());
        clickOn("#lab-" + LAB);
        List<Boolean> expected = IntStream.rangeClosed(1, 4).mapToObj(i -> i <= litSteps).toList();
        waitUntil(litSteps + " of 4 ticks lit", () -> ticks().equals(expected));
    }

    private List<Disk> disks() {
        return sim.ecs().describeDisks(ctx(), DescribeDisksRequest.all()).items();
    }

    @Test
    void theLabCanBeDoneByClicksToItsEnd() {
        openLabAndWaitFor(0);
        waitUntil("the lab is shown", () -> text("#labTitle").startsWith("Restrict a RAM user to encrypted disks"));
        clickOn("#labStartButton");
        waitUntil("the lab is started", () -> "Reset to start".equals(text("#labStartButton")));
        aMomentLater();

        // 1. RAM → Users → Create User
        navigateTo("navRamUsers");
        clickOn("#createUserButton");
        waitForDialogOpen();
        clickOn("#userNameField").write("alice");
        clickOn("#dialogConfirmButton");
        waitForDialogClosed();
        waitUntil("alice is listed", () -> lookup("#user-alice").tryQuery().isPresent());
        aMomentLater();

        // 2. RAM → Policies → Create Policy from the template, then Add Permissions on alice
        navigateTo("navRamPolicies");
        clickOn("#createPolicyButton");
        waitForDialogOpen();
        clickOn("#policyTemplateMenu");
        clickOn("#template-OnlyEncryptedDisks");
        waitUntil("the template is valid", () -> !lookup("#dialogConfirmButton").query().isDisabled());
        clickOn("#dialogConfirmButton");
        waitForDialogClosed();
        navigateTo("navRamUsers");
        waitUntil("alice is listed", () -> lookup("#add-permissions-alice").tryQuery().isPresent());
        clickOn("#add-permissions-alice"); // opens alice on her Permissions tab
        waitUntil("alice's permissions show", () -> lookup("#userAttachPolicyButton").tryQuery().isPresent());
        clickOn("#userAttachPolicyButton");
        waitForDialogOpen();
        // the list is longer than the dialog: search each policy by name, as a learner would
        for (String policy : List.of("AliyunECSFullAccess", "OnlyEncryptedDisks")) {
            clickOn("#policySearchField").eraseText(40).write(policy);
            waitUntil(policy + " is listed", () -> lookup("#choosePolicy-" + policy).tryQuery().isPresent());
            clickOn(nodeWithId("choosePolicy-" + policy));
        }
        assertEquals("Selected: AliyunECSFullAccess, OnlyEncryptedDisks", text("#chosenPoliciesText"));
        clickOn("#dialogConfirmButton");
        waitForDialogClosed();
        waitUntil("alice has both policies", () -> sim.ram().listPoliciesForUser(ctx(), "alice").size() == 2);
        aMomentLater();
        openLabAndWaitFor(2);

        // 3. as alice: a plain disk is refused
        clickOn("#identitySelector");
        clickOn(nodeWithId("user-" + accountId + "-alice"));
        waitUntil("the console acts as alice", () -> "alice".equals(window.session().userName()));
        openWizard();
        waitForExplanation("will not be encrypted");
        clickOn("#dialogConfirmButton");
        waitUntil("the refusal shows in the wizard", () -> lookup("#dialogError").query().isVisible());
        assertTrue(text("#dialogError").contains("Missing permission: ecs:CreateDisk"), text("#dialogError"));
        aMomentLater();

        // 4. as alice: the encrypted disk is made, with the service key (alice may not list KMS keys)
        clickOn("#encryptedCheck");
        waitForExplanation("service key alias/acs/ecs");
        clickOn("#dialogConfirmButton");
        waitForDialogClosed();
        assertEquals(1, disks().size());
        assertTrue(disks().get(0).encrypted());
        aMomentLater();

        // the Labs page is the trainer's view of the account, not a call alice makes: it lights as her too
        openLabAndWaitFor(4);
        assertTrue(text("#labProgress").startsWith("Complete"), text("#labProgress"));
        clickOn("#identitySelector");
        clickOn(nodeWithId("account-" + accountId));
        waitUntil("the console acts as the account", () -> window.session().userName() == null);
        openLabAndWaitFor(4);
    }
}
