package dev.ecskms.ui.ram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecskms.sim.ram.policy.PolicyProblem;
import dev.ecskms.ui.ram.policies.PolicyEditorController;
import dev.ecskms.ui.ram.policies.PolicyEditorModel;
import dev.ecskms.ui.ram.policies.PolicyTemplates;
import org.junit.jupiter.api.Test;

/** The policy editor's states as the user types: valid with a summary, each problem with line and column. */
class PolicyEditorControllerTest {
    private final PolicyEditorModel model = new PolicyEditorModel();
    private final PolicyEditorController controller = new PolicyEditorController(model);

    @Test
    void anEmptyEditorIsInvalidAndSaysWhatToWrite() {
        assertFalse(model.isValid());
        assertEquals(1, model.problems().size());
        assertTrue(model.problems().get(0).message().contains("Statement"), model.problems().toString());
    }

    @Test
    void theOnlyEncryptedDisksTemplateIsValidAndItsSummaryNamesTheActionsAndTheCondition() {
        controller.useTemplate(PolicyTemplates.ONLY_ENCRYPTED_DISKS);

        assertTrue(model.isValid(), model.problems().toString());
        assertTrue(model.problems().isEmpty());
        assertEquals("OnlyEncryptedDisks", model.policyNameProperty().get(), "the template suggests a name");
        String summary = String.join("\n", model.summary());
        assertTrue(summary.startsWith("Deny"), summary);
        assertTrue(summary.contains("ecs:CreateDisk") && summary.contains("ecs:RunInstances"), summary);
        assertTrue(summary.contains("ecs:IsDiskEncrypted"), summary);
    }

    @Test
    void theKmsReadOnlyTemplateAllowsListDescribeAndGet() {
        controller.useTemplate(PolicyTemplates.KMS_READ_ONLY);

        assertTrue(model.isValid(), model.problems().toString());
        String summary = String.join("\n", model.summary());
        assertTrue(summary.startsWith("Allow") && summary.contains("kms:List*"), summary);
    }

    @Test
    void aTypoMidDocumentIsAProblemOnItsLineAndTheSummaryGoes() {
        controller.useTemplate(PolicyTemplates.ONLY_ENCRYPTED_DISKS);
        // as if the user deleted the comma after "ecs:CreateDisk" (line 7 of the template)
        model.textProperty().set(model.textProperty().get().replace("\"ecs:CreateDisk\",", "\"ecs:CreateDisk\""));

        assertFalse(model.isValid());
        assertTrue(model.summary().isEmpty(), "no summary of a document that does not parse");
        PolicyProblem problem = model.problems().get(0);
        assertTrue(problem.line() == 7 || problem.line() == 8, "the problem is at the missing comma: " + problem);
        assertTrue(problem.column() >= 1);
    }

    @Test
    void aWrongEffectIsNamedWithWhereItIs() {
        controller.useTemplate(PolicyTemplates.ONLY_ENCRYPTED_DISKS);
        model.textProperty().set(model.textProperty().get().replace("\"Deny\"", "\"Refuse\""));

        assertFalse(model.isValid());
        PolicyProblem problem = model.problems().get(0);
        assertEquals(5, problem.line(), problem.toString());
        assertTrue(problem.message().contains("Effect"), problem.toString());

        model.textProperty().set(model.textProperty().get().replace("\"Refuse\"", "\"Deny\""));
        assertTrue(model.isValid(), "fixing it makes the document valid again");
        assertFalse(model.summary().isEmpty());
    }
}
