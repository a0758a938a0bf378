package dev.ecskms.ui.instances;

import dev.ecskms.sim.common.CallContext;
import dev.ecskms.sim.common.Page;
import dev.ecskms.sim.ecs.Instance;
import dev.ecskms.sim.ecs.InstanceService;
import dev.ecskms.sim.ecs.InstanceStatus;
import dev.ecskms.ui.common.ConsoleSession;
import dev.ecskms.ui.common.Errors;
import dev.ecskms.ui.common.PageLoader;
import dev.ecskms.ui.vnc.RemoteConsoles;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Fills the Instances page from ECS. It does not poll: the steps an instance takes on its own (Pending, Starting,
 * Stopping) are writes of the simulated clock's due events, which reach the page through the change feed. It also
 * finishes "Stop and release": once such an instance shows Stopped, it is released.
 */
final class InstancesController {
    private final ConsoleSession session;
    private final InstancesModel model;
    private final InstanceActions actions;
    private final RemoteConsoles consoles;
    /** Instances the user chose to "Stop and release": released as soon as they are Stopped. */
    private final Set<String> releaseWhenStopped = new LinkedHashSet<>();
    private final PageLoader<List<Instance>> loader;

    InstancesController(ConsoleSession session, InstancesModel model, RemoteConsoles consoles,
            Runnable afterChange) {
        this.session = session;
        this.model = model;
        this.consoles = consoles;
        // an action that succeeded clears the error an earlier one left on the page
        this.actions = new InstanceActions(session, consoles, model::setError, () -> {
            model.setError(null);
            afterChange.run();
        }, this);
        this.loader = new PageLoader<>(session.tasks(), () -> {
            CallContext ctx = session.context();
            return () -> readAll(session.services().instances(), ctx);
        }, loaded -> {
            model.fill(loaded);
            releaseStopped(loaded);
        }, "The instances could not be listed", model::setError).showingLoading(model::setLoading)
                .clearingOnFailure(() -> model.fill(List.of()));
    }

    InstanceActions actions() {
        return actions;
    }

    /** The actions for an instance's details page: its own errors and reload, this list's "Stop and release". */
    InstanceActions actions(Consumer<String> showError, Runnable afterChange) {
        return new InstanceActions(session, consoles, showError, afterChange, this);
    }

    /** The Instances page is usable only when the simulator runs instances. */
    boolean available() {
        return session.services().instances() != null;
    }

    void load() {
        if (!available()) {
            model.setError("This simulator does not run instances yet.");
            return;
        }
        loader.load();
    }

    static List<Instance> readAll(InstanceService instances, CallContext ctx) {
        List<Instance> all = new ArrayList<>();
        for (int page = 1; ; page++) {
            Page<Instance> one = instances.describeInstances(ctx, null, null, page, 100);
            all.addAll(one.items());
            if (all.size() >= one.totalCount() || one.items().isEmpty()) {
                return all;
            }
        }
    }

    /** Remembers an instance to release once it has stopped. */
    void releaseWhenStopped(String instanceId) {
        releaseWhenStopped.add(instanceId);
        model.setNotice("Instance " + instanceId + " is stopping; it is released as soon as it is Stopped.");
    }

    boolean releasePending(String instanceId) {
        return releaseWhenStopped.contains(instanceId);
    }

    private void releaseStopped(List<Instance> loaded) {
        releaseWhenStopped.removeIf(id -> loaded.stream().noneMatch(i -> i.instanceId().equals(id)));
        for (Instance instance : loaded) {
            if (instance.status() == InstanceStatus.Stopped && releaseWhenStopped.remove(instance.instanceId())) {
                String id = instance.instanceId();
                session.tasks().runVoid(() -> session.services().instances().deleteInstance(session.context(), id,
                        false), () -> {
                            model.setNotice("Instance " + id + " was released.");
                            load();
                        }, failure -> model.setError("Instance " + id + " could not be released: "
                                + Errors.describe(failure)));
            }
        }
        if (releaseWhenStopped.isEmpty() && model.noticeProperty().get() != null
                && model.noticeProperty().get().contains("is stopping")) {
            model.setNotice(null);
        }
    }

    void dismissError() {
        model.setError(null);
    }

    void dismissNotice() {
        model.setNotice(null);
    }

    /** Opens OOS's Create Execution of ACS-ECS-BulkyEncryptSystemDisk with the selected instances chosen. */
    void encryptSystemDisksWithOos(java.util.List<String> instanceIds) {
        dev.ecskms.ui.oos.CreateExecutionDialog.open(session, instanceIds);
    }
}
