package dev.ecskms.ui.ram.policies;

import dev.ecskms.sim.ram.policy.PolicyProblem;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The policy editor's state: the document as typed, what is wrong with it (line, column, message), and — while it
 * is valid — what it allows and denies in words. OK is possible only while {@link #validProperty()} holds.
 */
public final class PolicyEditorModel {
    private final StringProperty text = new SimpleStringProperty(this, "text", "");
    private final StringProperty policyName = new SimpleStringProperty(this, "policyName", "");
    private final ObservableList<PolicyProblem> problems = FXCollections.observableArrayList();
    private final ObservableList<String> summary = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper valid = new ReadOnlyBooleanWrapper(this, "valid", false);

    /** The document in the editor. */
    public StringProperty textProperty() {
        return text;
    }

    /** The name of a new policy (empty for a new version of an existing one, which has its name). */
    public StringProperty policyNameProperty() {
        return policyName;
    }

    public ObservableList<PolicyProblem> problems() {
        return problems;
    }

    /** One readable line per statement, e.g. "Deny ecs:CreateDisk … when ecs:IsDiskEncrypted is false". */
    public ObservableList<String> summary() {
        return summary;
    }

    public ReadOnlyBooleanProperty validProperty() {
        return valid.getReadOnlyProperty();
    }

    public boolean isValid() {
        return valid.get();
    }

    void show(java.util.List<PolicyProblem> found, java.util.List<String> lines) {
        problems.setAll(found);
        summary.setAll(lines);
        valid.set(found.isEmpty());
    }
}
