package dev.ecskms.ui.instances;

import dev.ecskms.sim.common.CallContext;
import dev.ecskms.sim.ecs.DescribeDisksRequest;
import dev.ecskms.sim.ecs.Disk;
import dev.ecskms.sim.ecs.Instance;
import dev.ecskms.ui.common.ConsoleSession;
import dev.ecskms.ui.common.KeyNames;
import dev.ecskms.ui.common.DiskAttachDialogs;
import dev.ecskms.ui.common.PageLoader;
import java.util.List;

/**
 * Loads one instance's details page (the instance, its disks, the keys that name theirs) and runs its actions with
 * the page's errors. "Stop and release" stays with the list's controller, which finishes it once the instance is
 * Stopped, wherever the user then is.
 */
final class InstanceDetailsController {
    private final ConsoleSession session;
    private final InstanceDetailsModel model;
    private final InstanceActions actions;
    private final PageLoader<InstanceDetailsModel.Loaded> loader;

    InstanceDetailsController(ConsoleSession session, InstanceDetailsModel model, InstancesController list) {
        this.session = session;
        this.model = model;
        this.actions = list.actions(model::setError, this::load);
        this.loader = new PageLoader<>(session.tasks(), () -> {
            CallContext ctx = session.context();
            return () -> read(ctx, model.instanceId());
        }, model::fill, "The instance could not be loaded", model::setError).showingLoading(model::setLoading);
    }

    private InstanceDetailsModel.Loaded read(CallContext ctx, String instanceId) {
        Instance instance = session.services().instances().describeInstance(ctx, instanceId);
        List<Disk> attached = session.services().ecs().describeDisks(ctx, new DescribeDisksRequest(null, null,
                instanceId, null, null, null, null, null, 1, 100)).items();
        // a user who may read ECS but not KMS still sees the instance and its disks, their keys by id
        return new InstanceDetailsModel.Loaded(instance, attached,
                KeyNames.read(() -> session.services().kms().listKeySummaries(ctx)));
    }

    InstanceActions actions() {
        return actions;
    }

    void load() {
        loader.load();
    }

    /** Detaches a data disk after the same confirmation as on the Disks page; the page reloads when it is done. */
    void openDetach(Disk disk) {
        DiskAttachDialogs.openDetach(session, disk, this::load);
    }

    void dismissError() {
        model.setError(null);
    }
}
