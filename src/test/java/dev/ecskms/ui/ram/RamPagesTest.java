package dev.ecskms.ui.ram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecskms.ui.ConsoleTestSupport;
import java.util.List;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** What only clicks show on the RAM pages: the secret shown once, and the editor's OK following the document. */
@ExtendWith(ApplicationExtension.class)
class RamPagesTest extends ConsoleTestSupport {

    @Start
    void start(Stage stage) throws Exception {
        openConsole(stage);
    }

    @AfterEach
    void tearDown() throws Exception {
        closeConsole();
    }

    @Test
    void createUserWithAnAccessKeyShowsItsSecretOnceWithCopy() {
        navigateTo("navRamUsers");
        clickOn("#createUserButton");
        waitForDialogOpen();
        clickOn("#userNameField").write("carol");
        clickOn("#createAccessKeyCheck");
        clickOn("#dialogConfirmButton");

        waitUntil("the secret dialog shows", () -> lookup("#newAccessKeySecretField").tryQuery().isPresent());
        String id = onFx(() -> lookup("#newAccessKeyIdField").queryAs(TextField.class).getText());
        String secret = onFx(() -> lookup("#newAccessKeySecretField").queryAs(TextField.class).getText());
        assertEquals(List.of(id), sim.ram().listAccessKeys(ctx(), "carol").stream().map(k -> k.accessKeyId())
                .toList());
        assertTrue(secret.length() >= 20, "a whole secret: " + secret.length());
        assertTrue(text("#accessKeySecretWarning").contains("cannot be shown again"));
        clickOn("#newAccessKeySecretCopyButton");
        assertEquals(secret, onFx(() -> javafx.scene.input.Clipboard.getSystemClipboard().getString()));
        clickOn("#dialogConfirmButton");
        waitForDialogClosed();

        waitUntil("the table shows carol's key", () -> lookup("#usersTable").query().lookupAll(".table-cell")
                .stream().anyMatch(n -> n instanceof javafx.scene.control.Labeled l && "1 Active".equals(l.getText())));
        assertTrue(onFx(() -> lookup((javafx.scene.Node n) -> n instanceof javafx.scene.control.TextInputControl t
                && secret.equals(t.getText())).tryQuery().isEmpty()), "the secret is nowhere on screen any more");
    }

    @Test
    void theEditorsOkFollowsTheDocumentAndATemplateCreatesThePolicy() {
        navigateTo("navRamPolicies");
        clickOn("#createPolicyButton");
        waitForDialogOpen();
        TextArea editor = lookup("#policyDocumentEditor").queryAs(TextArea.class);
        onFx(() -> {
            editor.setText("{\"Version\": \"1\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"ecs:*\"");
            return null;
        });
        waitUntil("the problem shows", () -> lookup("#policyProblem-0").tryQuery().isPresent());
        assertTrue(text("#policyProblem-0").startsWith("Line 1, column"), text("#policyProblem-0"));
        assertTrue(onFx(() -> lookup("#dialogConfirmButton").query().isDisabled()), "no OK while invalid");

        clickOn("#policyTemplateMenu");
        clickOn("#template-OnlyEncryptedDisks");
        waitUntil("the summary shows", () -> lookup("#policySummary-0").tryQuery().isPresent());
        assertTrue(text("#policySummary-0").contains("ecs:IsDiskEncrypted"), text("#policySummary-0"));
        assertTrue(onFx(() -> lookup("#policyProblem-0").tryQuery().isEmpty()));
        assertFalse(onFx(() -> lookup("#dialogConfirmButton").query().isDisabled()), "OK once valid and named");
        clickOn("#dialogConfirmButton");
        waitForDialogClosed();
        assertEquals("Custom", sim.ram().getPolicy(ctx(), "Custom", "OnlyEncryptedDisks").policy().policyType());
    }
}
