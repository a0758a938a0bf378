package dev.ecskms.ui.conversion;

import dev.ecskms.sim.conversion.SystemDiskEncryption.Plan;
import dev.ecskms.sim.conversion.SystemDiskEncryption.Result;
import dev.ecskms.sim.conversion.SystemDiskEncryption.Step;
import dev.ecskms.sim.conversion.SystemDiskEncryption.StepState;
import dev.ecskms.sim.ecs.Instance;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** What the "Encrypt system disk" dialog shows: the plan while choosing, then the steps, the log and the ending. */
final class EncryptSystemDiskModel {

    enum Phase {
        /** Choosing the key and the password; the plan follows each choice. */
        CHOOSING,
        RUNNING,
        SUCCEEDED,
        FAILED
    }

    private final Instance instance;
    private final ReadOnlyObjectWrapper<Phase> phase = new ReadOnlyObjectWrapper<>(this, "phase", Phase.CHOOSING);
    private final ReadOnlyObjectWrapper<Plan> plan = new ReadOnlyObjectWrapper<>(this, "plan");
    private final ReadOnlyStringWrapper planRefusal = new ReadOnlyStringWrapper(this, "planRefusal");
    private final ObservableList<StepRow> steps = FXCollections.observableArrayList();
    private final ObservableList<String> log = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<Result> result = new ReadOnlyObjectWrapper<>(this, "result");
    private final ReadOnlyStringWrapper failure = new ReadOnlyStringWrapper(this, "failure");

    EncryptSystemDiskModel(Instance instance) {
        this.instance = instance;
    }

    Instance instance() {
        return instance;
    }

    ReadOnlyObjectProperty<Phase> phaseProperty() {
        return phase.getReadOnlyProperty();
    }

    /** The plan for the current choices; null while it is being made or when the service refused it. */
    ReadOnlyObjectProperty<Plan> planProperty() {
        return plan.getReadOnlyProperty();
    }

    /** Why the current choices cannot be carried out (the service's message and code); null when they can. */
    ReadOnlyStringProperty planRefusalProperty() {
        return planRefusal.getReadOnlyProperty();
    }

    ObservableList<StepRow> steps() {
        return FXCollections.unmodifiableObservableList(steps);
    }

    ObservableList<String> log() {
        return FXCollections.unmodifiableObservableList(log);
    }

    ReadOnlyObjectProperty<Result> resultProperty() {
        return result.getReadOnlyProperty();
    }

    ReadOnlyStringProperty failureProperty() {
        return failure.getReadOnlyProperty();
    }

    // ---- written by the controller, on the FX thread

    void planning() {
        plan.set(null);
        planRefusal.set(null);
    }

    void planned(Plan planned) {
        planRefusal.set(null);
        plan.set(planned);
    }

    void refused(String why) {
        plan.set(null);
        planRefusal.set(why);
    }

    void started(Plan running) {
        steps.setAll(running.steps().stream().map(StepRow::new).toList());
        log.clear();
        phase.set(Phase.RUNNING);
    }

    void step(Step step, StepState state, double progress) {
        steps.stream().filter(row -> row.step() == step).findFirst().ifPresent(row -> {
            row.state.set(state);
            row.progress.set(progress);
        });
    }

    void logged(String line) {
        log.add(line);
    }

    void succeeded(Result done) {
        result.set(done);
        phase.set(Phase.SUCCEEDED);
    }

    void failed(String why) {
        failure.set(why);
        phase.set(Phase.FAILED);
    }

    /** One step's line: its state and progress (negative while the service gives no measure). */
    static final class StepRow {
        private final Step step;
        private final ReadOnlyObjectWrapper<StepState> state = new ReadOnlyObjectWrapper<>(this, "state",
                StepState.WAITING);
        private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", 0);

        StepRow(Step step) {
            this.step = step;
        }

        Step step() {
            return step;
        }

        ReadOnlyObjectProperty<StepState> stateProperty() {
            return state.getReadOnlyProperty();
        }

        ReadOnlyDoubleProperty progressProperty() {
            return progress.getReadOnlyProperty();
        }
    }
}
