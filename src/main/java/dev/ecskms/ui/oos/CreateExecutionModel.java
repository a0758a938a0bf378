package dev.ecskms.ui.oos;

import dev.ecskms.sim.ecs.InstanceStatus;
import java.util.Collection;
import java.util.List;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableSet;

/** The Create Execution dialog's state: the region's instances to choose from, the chosen ones and rate control. */
public final class CreateExecutionModel {

    /** An instance the template can run on, with its system disk's encryption. */
    public record Candidate(String instanceId, String instanceName, InstanceStatus status, String systemDiskId,
            boolean encrypted) {
    }

    private final ObservableList<Candidate> candidates = FXCollections.observableArrayList();
    private final ObservableList<Candidate> candidatesView = FXCollections.unmodifiableObservableList(candidates);
    private final ObservableSet<String> chosen = FXCollections.observableSet();
    private final StringProperty concurrency = new SimpleStringProperty(this, "concurrency", "10");
    private final StringProperty maxErrors = new SimpleStringProperty(this, "maxErrors", "0");
    private final ReadOnlyStringWrapper concurrencyError = new ReadOnlyStringWrapper(this, "concurrencyError");
    private final ReadOnlyStringWrapper maxErrorsError = new ReadOnlyStringWrapper(this, "maxErrorsError");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error");

    public CreateExecutionModel(Collection<String> preselected) {
        chosen.addAll(preselected);
    }

    public ObservableList<Candidate> candidates() {
        return candidatesView;
    }

    /** The ids of the instances the execution will run on. */
    public ObservableSet<String> chosen() {
        return chosen;
    }

    /** Concurrency as typed: a count (at least 1) or a percentage such as "10%". */
    public StringProperty concurrencyProperty() {
        return concurrency;
    }

    /** MaxErrors as typed: a count (at least 0) or a percentage. */
    public StringProperty maxErrorsProperty() {
        return maxErrors;
    }

    public ReadOnlyStringProperty concurrencyErrorProperty() {
        return concurrencyError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty maxErrorsErrorProperty() {
        return maxErrorsError.getReadOnlyProperty();
    }

    /** Why the candidates could not be listed; null when they were. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    void fillCandidates(List<Candidate> list) {
        candidates.setAll(list);
        // an instance chosen elsewhere (the Instances page) that is gone is no longer chosen
        chosen.retainAll(list.stream().map(Candidate::instanceId).toList());
    }

    void setConcurrencyError(String message) {
        concurrencyError.set(message);
    }

    void setMaxErrorsError(String message) {
        maxErrorsError.set(message);
    }

    void setError(String message) {
        error.set(message);
    }
}
