package dev.ecskms.ui.ram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecskms.sim.ecs.DescribeDisksRequest;
import dev.ecskms.sim.ecs.Disk;
import dev.ecskms.sim.ram.RamService;
import dev.ecskms.ui.EcsTestSupport;
import dev.ecskms.ui.ram.policies.PolicyTemplates;
import java.util.List;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The source document's production advice by clicks: switched to a RAM user under "Only encrypted disks", the
 * console refuses a plain disk the way the real one does — an access-denied notice naming ecs:CreateDisk and the
 * explicit Deny — and creates an encrypted one.
 */
@ExtendWith(ApplicationExtension.class)
class IdentityRefusalTest extends EcsTestSupport {

    @Start
    void start(Stage stage) throws Exception {
        openEcsConsole(stage);
    }

    @AfterEach
    void tearDown() throws Exception {
        closeConsole();
    }

    /** alice: ECS full access and KMS read-only (to choose keys), under the custom "Only encrypted disks". */
    private void aliceUnderOnlyEncryptedDisks() {
        RamService ram = sim.ram();
        ram.createUser(ctx(), "alice", "Alice Zhang", null);
        ram.createAccessKey(ctx(), "alice");
        ram.createPolicy(ctx(), "OnlyEncryptedDisks", PolicyTemplates.ONLY_ENCRYPTED_DISKS.document(),
                PolicyTemplates.ONLY_ENCRYPTED_DISKS.description());
        ram.attachPolicyToUser(ctx(), "System", "AliyunECSFullAccess", "alice");
        ram.attachPolicyToUser(ctx(), "System", "AliyunKMSReadOnlyAccess", "alice");
        ram.attachPolicyToUser(ctx(), "Custom", "OnlyEncryptedDisks", "alice");
    }

    private List<Disk> disks() {
        return sim.ecs().describeDisks(ctx(), DescribeDisksRequest.all()).items();
    }

    @Test
    void aRamUserUnderOnlyEncryptedDisksIsRefusedAPlainDiskAndCreatesAnEncryptedOne() {
        aliceUnderOnlyEncryptedDisks();

        clickOn("#identitySelector");
        clickOn(nodeWithId("user-" + accountId + "-alice"));
        waitUntil("the console acts as alice", () -> "alice".equals(window.session().userName()));
        waitUntil("the status bar names alice and her AccessKey", () -> text("#identityLabel")
                .equals("alice (RAM user of " + accountId + ")"));

        navigateTo("navDisks");
        openWizard();
        waitForExplanation("will not be encrypted");
        clickOn("#dialogConfirmButton");
        waitUntil("the refusal shows in the wizard", () -> lookup("#dialogError").query().isVisible());
        String refusal = text("#dialogError");
        assertTrue(refusal.startsWith("You are not authorized to perform this operation."), refusal);
        assertTrue(refusal.contains("Missing permission: ecs:CreateDisk"), refusal);
        assertTrue(refusal.contains("Denied by: explicit deny in a policy"), refusal);
        assertTrue(refusal.contains("administrator"), refusal);
        assertTrue(onFx(() -> lookup("#dialogError").query().getStyleClass().contains("access-denied")),
                "an access-denied notice, not a plain error");
        assertTrue(disks().isEmpty(), "no plain disk was made");

        clickOn("#encryptedCheck");
        waitForExplanation("service key alias/acs/ecs");
        clickOn("#dialogConfirmButton");
        waitForDialogClosed();
        List<Disk> made = disks();
        assertEquals(1, made.size());
        assertTrue(made.get(0).encrypted(), "the encrypted disk was allowed");
    }

    /** A list the user may not read shows the access-denied panel in place of its table, until root is back. */
    @Test
    void aListTheUserMayNotReadShowsTheAccessDeniedPanelInsteadOfTheTable() {
        sim.ram().createUser(ctx(), "bob", null, null); // no policy at all

        clickOn("#identitySelector");
        clickOn(nodeWithId("user-" + accountId + "-bob"));
        waitUntil("the console acts as bob", () -> "bob".equals(window.session().userName()));
        navigateTo("navKeys");
        waitUntil("the access-denied panel shows", () -> lookup("#accessDeniedPanel").tryQuery()
                .map(javafx.scene.Node::isVisible).orElse(false));
        String text = text("#accessDeniedText");
        assertTrue(text.contains("You are not authorized to perform this operation."), text);
        assertTrue(text.contains("Missing permission: kms:"), text);
        assertTrue(text.contains("no policy allows it"), text);
        assertTrue(onFx(() -> lookup("#cmkTable").tryQuery().isEmpty()), "no table under a refusal");
        assertTrue(onFx(() -> !lookup("#keysError").query().isVisible()), "said once, in the panel");

        clickOn("#identitySelector");
        clickOn(nodeWithId("account-" + accountId));
        waitUntil("the keys table is back for the account itself", () -> lookup("#cmkTable").tryQuery().isPresent()
                && lookup("#accessDeniedPanel").tryQuery().isEmpty());
    }
}
