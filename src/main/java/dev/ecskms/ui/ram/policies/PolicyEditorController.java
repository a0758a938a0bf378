package dev.ecskms.ui.ram.policies;

import dev.ecskms.sim.ram.policy.PolicyDocument;
import dev.ecskms.sim.ram.policy.PolicyProblem;
import java.util.List;

/**
 * Validates the policy document as the user types, with the policy language RAM itself uses
 * ({@link PolicyDocument#problems}): each problem with its line and column, and — once valid — the document's
 * summary. It reads no service and keeps no state of its own, so it runs on every keystroke.
 */
public final class PolicyEditorController {
    private final PolicyEditorModel model;

    public PolicyEditorController(PolicyEditorModel model) {
        this.model = model;
        model.textProperty().addListener((obs, old, now) -> validate());
        validate();
    }

    /** Checks the current text and shows the outcome in the model. */
    public void validate() {
        String text = model.textProperty().get();
        if (text == null || text.isBlank()) {
            model.show(List.of(new PolicyProblem(1, 1, "The policy document is empty: write a JSON object with"
                    + " \"Version\": \"1\" and a \"Statement\" list, or start from a template.")), List.of());
            return;
        }
        try {
            List<PolicyProblem> problems = PolicyDocument.problems(text);
            model.show(problems, problems.isEmpty() ? PolicyDocument.parse(text).summary() : List.of());
        } catch (RuntimeException e) {
            // the language could not check it: say so rather than let a keystroke fail, and let RAM decide on OK
            model.show(List.of(new PolicyProblem(1, 1, "The document could not be checked here ("
                    + e.getMessage() + ").")), List.of());
        }
    }

    /** Replaces the document with a template's. */
    public void useTemplate(PolicyTemplates.Template template) {
        if (model.policyNameProperty().get() == null || model.policyNameProperty().get().isBlank()) {
            model.policyNameProperty().set(template.policyName());
        }
        model.textProperty().set(template.document());
    }
}
