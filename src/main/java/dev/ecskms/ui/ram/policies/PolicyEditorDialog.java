package dev.ecskms.ui.ram.policies;

import dev.ecskms.sim.ram.policy.PolicyProblem;
import dev.ecskms.ui.common.ConsoleDialog;
import dev.ecskms.ui.common.Forms;
import dev.ecskms.ui.common.Icons;
import dev.ecskms.ui.common.ModalHost;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.antdesignicons.AntDesignIconsOutlined;

/**
 * Create Policy (or a new version of one): name, description, the JSON document in an editor checked as the user
 * types — each problem under it with its line and column and the line itself marked, OK disabled while any
 * remains — and, while valid, a readable summary of what the policy allows and denies. The Template menu offers the
 * source document's two policies.
 */
public final class PolicyEditorDialog extends ConsoleDialog {
    private final PolicyEditorModel model;
    private final PolicyEditorController controller;
    private final TextArea editor = new TextArea();
    private final TextField name = new TextField();
    private final TextField description = new TextField();
    private final CheckBox setAsDefault = new CheckBox("Set as the default version (it takes effect at once)");
    private final VBox problems = new VBox(4);
    private final VBox summary = new VBox(2);
    private final javafx.beans.binding.BooleanBinding invalid;

    /**
     * @param existingPolicy null for Create Policy; a policy's name for Create Version
     */
    public PolicyEditorDialog(ModalHost host, PolicyEditorModel model, PolicyEditorController controller,
            String existingPolicy) {
        super(host, existingPolicy == null ? "Create Policy" : "Create Version of " + existingPolicy, "OK");
        this.model = model;
        this.controller = controller;
        getStyleClass().add("policy-editor-dialog");
        setDialogWidth(760);

        VBox top = new VBox(8);
        if (existingPolicy == null) {
            name.setId("policyNameField");
            name.setPromptText("e.g. OnlyEncryptedDisks: letters, digits and '-', at most 128");
            name.textProperty().bindBidirectional(model.policyNameProperty());
            description.setId("policyDescriptionField");
            description.setPromptText("Optional: what the policy is for");
            var form = Forms.grid(8);
            int row = Forms.addRow(form, 0, "Policy Name", name, true);
            Forms.addRow(form, row, "Description", description, false);
            top.getChildren().add(form);
        } else {
            setAsDefault.setId("setAsDefaultCheck");
            setAsDefault.setSelected(true);
            top.getChildren().add(setAsDefault);
        }

        MenuButton templates = new MenuButton("Template", Icons.icon(AntDesignIconsOutlined.FILE_TEXT));
        templates.setId("policyTemplateMenu");
        for (PolicyTemplates.Template template : PolicyTemplates.all()) {
            MenuItem item = new MenuItem(template.title());
            item.setId("template-" + template.policyName());
            item.setOnAction(event -> applyTemplate(template));
            templates.getItems().add(item);
        }
        Label editorTitle = new Label("Policy Document (JSON)");
        editorTitle.getStyleClass().add("section-label");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox editorBar = new HBox(8, editorTitle, spacer, templates);
        editorBar.setAlignment(Pos.CENTER_LEFT);

        editor.setId("policyDocumentEditor");
        editor.getStyleClass().add("policy-editor");
        editor.setPrefRowCount(16);
        editor.textProperty().bindBidirectional(model.textProperty());

        problems.setId("policyProblems");
        summary.setId("policySummary");
        Label summaryTitle = new Label("What this policy does");
        summaryTitle.getStyleClass().add("section-label");
        VBox summaryBox = new VBox(4, summaryTitle, summary);
        summaryBox.visibleProperty().bind(model.validProperty());
        summaryBox.managedProperty().bind(summaryBox.visibleProperty());
        model.problems().addListener((ListChangeListener<PolicyProblem>) change -> showProblems());
        model.summary().addListener((ListChangeListener<String>) change -> showSummary());
        showProblems();
        showSummary();

        setContent(top, editorBar, editor, problems, summaryBox);
        // OK only for a valid document (and a name when creating one)
        // kept in a field: a binding only its dependencies point to (weakly) would be collected and stop updating
        invalid = existingPolicy == null ? model.validProperty().not().or(Bindings.createBooleanBinding(
                () -> name.getText() == null || name.getText().isBlank(), name.textProperty()))
                : model.validProperty().not();
        invalid.addListener((obs, old, now) -> setInvalid(now));
        setInvalid(invalid.get());
    }

    /** Replaces the document with a template's; a new policy also gets its name and description if it has none. */
    public void applyTemplate(PolicyTemplates.Template template) {
        controller.useTemplate(template);
        if (name.getParent() != null && (description.getText() == null || description.getText().isBlank())) {
            description.setText(template.description());
        }
    }

    /** Each problem as "Line 3, column 7: …" over the line it is on, with a caret under the column. */
    private void showProblems() {
        problems.getChildren().clear();
        String[] lines = model.textProperty().get() == null ? new String[0]
                : model.textProperty().get().split("\n", -1);
        int i = 0;
        for (PolicyProblem problem : model.problems()) {
            Hyperlink where = new Hyperlink("Line " + problem.line() + ", column " + problem.column() + ": "
                    + problem.message(), Icons.icon(AntDesignIconsOutlined.CLOSE_CIRCLE));
            where.setId("policyProblem-" + i);
            where.getStyleClass().add("policy-problem");
            where.setWrapText(true);
            where.setOnAction(event -> goTo(problem));
            problems.getChildren().add(where);
            if (problem.line() >= 1 && problem.line() <= lines.length) {
                String line = lines[problem.line() - 1].replace("\t", " ");
                String caret = " ".repeat(Math.max(0, Math.min(problem.column() - 1, line.length()))) + "^";
                Label marked = new Label(String.format("%3d | %s%n    | %s", problem.line(), line, caret));
                marked.setId("policyProblemLine-" + i);
                marked.getStyleClass().add("policy-problem-line");
                marked.setMaxWidth(Double.MAX_VALUE);
                problems.getChildren().add(marked);
            }
            i++;
        }
    }

    private void showSummary() {
        summary.getChildren().clear();
        int i = 0;
        for (String line : model.summary()) {
            Label text = new Label("\u2022 " + line);
            text.setId("policySummary-" + i++);
            text.getStyleClass().add("policy-summary");
            text.setWrapText(true);
            summary.getChildren().add(text);
        }
    }

    /** Puts the caret where a problem is. */
    private void goTo(PolicyProblem problem) {
        String text = editor.getText();
        int offset = 0;
        for (int line = 1; line < problem.line() && offset >= 0; line++) {
            offset = text.indexOf('\n', offset) + 1;
            if (offset == 0) {
                offset = text.length();
                break;
            }
        }
        editor.requestFocus();
        editor.positionCaret(Math.min(text.length(), offset + Math.max(0, problem.column() - 1)));
    }

    public String policyName() {
        return name.getText() == null ? "" : name.getText().trim();
    }

    /** Null when left empty. */
    public String description() {
        return description.getText() == null || description.getText().isBlank() ? null
                : description.getText().trim();
    }

    public String document() {
        return model.textProperty().get();
    }

    public boolean setAsDefault() {
        return setAsDefault.isSelected();
    }

    @Override
    protected void onShown() {
        (name.getParent() != null ? name : editor).requestFocus();
    }
}
