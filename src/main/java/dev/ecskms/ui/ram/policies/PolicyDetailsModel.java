package dev.ecskms.ui.ram.policies;

import dev.ecskms.sim.ram.Policy;
import dev.ecskms.sim.ram.PolicyAttachment;
import dev.ecskms.sim.ram.PolicyVersion;
import java.util.List;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** A policy's details: the policy, its default version's document and summary, its versions, whom it is on. */
public final class PolicyDetailsModel {
    private final String policyType;
    private final String policyName;
    private final ReadOnlyObjectWrapper<Policy> policy = new ReadOnlyObjectWrapper<>(this, "policy");
    private final ReadOnlyStringWrapper document = new ReadOnlyStringWrapper(this, "document", "");
    private final ObservableList<String> summary = FXCollections.observableArrayList();
    private final ObservableList<PolicyVersion> versions = FXCollections.observableArrayList();
    private final ObservableList<PolicyAttachment> entities = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading", false);
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", null);
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper(this, "notice", "");

    public PolicyDetailsModel(String policyType, String policyName) {
        this.policyType = policyType;
        this.policyName = policyName;
    }

    public String policyType() {
        return policyType;
    }

    public String policyName() {
        return policyName;
    }

    public boolean isCustom() {
        return "Custom".equals(policyType);
    }

    public ReadOnlyObjectProperty<Policy> policyProperty() {
        return policy.getReadOnlyProperty();
    }

    /** The default version's document as written. */
    public ReadOnlyStringProperty documentProperty() {
        return document.getReadOnlyProperty();
    }

    public ObservableList<String> summary() {
        return summary;
    }

    public ObservableList<PolicyVersion> versions() {
        return versions;
    }

    public ObservableList<PolicyAttachment> entities() {
        return entities;
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    record Loaded(Policy policy, String document, List<String> summary, List<PolicyVersion> versions,
            List<PolicyAttachment> entities) {
    }

    void fill(Loaded loaded) {
        policy.set(loaded.policy());
        document.set(loaded.document());
        if (!summary.equals(loaded.summary())) {
            summary.setAll(loaded.summary());
        }
        if (!versions.equals(loaded.versions())) {
            versions.setAll(loaded.versions());
        }
        if (!entities.equals(loaded.entities())) {
            entities.setAll(loaded.entities());
        }
    }

    void setLoading(boolean value) {
        loading.set(value);
    }

    void setError(String message) {
        error.set(message);
    }

    void setNotice(String message) {
        notice.set(message == null ? "" : message);
    }
}
