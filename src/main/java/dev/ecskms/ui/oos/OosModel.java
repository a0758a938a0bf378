package dev.ecskms.ui.oos;

import dev.ecskms.sim.oos.Execution;
import dev.ecskms.sim.oos.Template;
import java.util.List;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Operation Orchestration pages' state: the public template with its parameters, the executions of the region,
 * and the execution whose details are open with one row per instance.
 */
public final class OosModel {

    /** One parameter of a template as its Parameters section declares it. */
    public record TemplateParameter(String name, String type, String defaultValue, String description) {
    }

    /**
     * One instance of an execution: its loop item, the child execution that runs it and how far that got.
     *
     * @param progress    0 to 1: the steps done out of the template's steps, plus the running step's own percent
     * @param progressText what the bar says, e.g. "4 / 11 steps" or the running step's status message
     * @param currentStep the step running now, or the last one that ran
     * @param log         one line per step: time, step, status and its status message
     */
    public record InstanceProgress(String instanceId, String childExecutionId, String status, double progress,
            int stepsDone, int stepsTotal, String progressText, String currentStep, List<String> log) {
    }

    private final ReadOnlyObjectWrapper<Template> template = new ReadOnlyObjectWrapper<>(this, "template");
    private final ObservableList<TemplateParameter> parameters = FXCollections.observableArrayList();
    private final ObservableList<Execution> executions = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<Execution> execution = new ReadOnlyObjectWrapper<>(this, "execution");
    private final ObservableList<InstanceProgress> instances = FXCollections.observableArrayList();
    // one read-only view each, kept: a view made per call would be collected with the listeners put on it
    private final ObservableList<TemplateParameter> parametersView = FXCollections.unmodifiableObservableList(
            parameters);
    private final ObservableList<Execution> executionsView = FXCollections.unmodifiableObservableList(executions);
    private final ObservableList<InstanceProgress> instancesView = FXCollections.unmodifiableObservableList(
            instances);
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading", false);
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error");
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper(this, "notice");

    /** The public template ACS-ECS-BulkyEncryptSystemDisk with its content; null until loaded. */
    public ReadOnlyObjectProperty<Template> templateProperty() {
        return template.getReadOnlyProperty();
    }

    public ObservableList<TemplateParameter> parameters() {
        return parametersView;
    }

    /** The region's executions (parents only), newest first. */
    public ObservableList<Execution> executions() {
        return executionsView;
    }

    /** The execution whose details are open; null while none is. */
    public ReadOnlyObjectProperty<Execution> executionProperty() {
        return execution.getReadOnlyProperty();
    }

    /** The open execution's instances, in the order of its targets. */
    public ObservableList<InstanceProgress> instances() {
        return instancesView;
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** What the last action did, e.g. "Cancelled exec-…"; null when there is nothing to say. */
    public ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    public InstanceProgress instance(String instanceId) {
        return instances.stream().filter(i -> i.instanceId().equals(instanceId)).findFirst().orElse(null);
    }

    void fillTemplate(Template value, List<TemplateParameter> params) {
        template.set(value);
        parameters.setAll(params);
    }

    void fillExecutions(List<Execution> list) {
        if (!list.equals(executions)) {
            executions.setAll(list);
        }
    }

    void fillDetails(Execution parent, List<InstanceProgress> rows) {
        execution.set(parent);
        if (!rows.equals(instances)) {
            instances.setAll(rows);
        }
    }

    void clearDetails() {
        execution.set(null);
        instances.clear();
    }

    void setLoading(boolean value) {
        loading.set(value);
    }

    void setError(String message) {
        error.set(message);
    }

    void setNotice(String message) {
        notice.set(message);
    }
}
