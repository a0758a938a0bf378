package dev.ecskms.ui.disks;

import dev.ecskms.sim.common.CallContext;
import dev.ecskms.ui.common.ConsoleSession;
import dev.ecskms.ui.common.PageLoader;

/** Loads one disk's details page (the disk and its key chain) and runs its actions with the page's errors. */
final class DiskDetailsController {
    private final DiskDetailsModel model;
    private final DiskActions actions;
    private final PageLoader<KeyChain> loader;

    DiskDetailsController(ConsoleSession session, DiskDetailsModel model) {
        this.model = model;
        this.actions = new DiskActions(session, model::setError, this::load);
        this.loader = new PageLoader<>(session.tasks(), () -> {
            CallContext ctx = session.context();
            return () -> KeyChain.read(session.services(), ctx, model.diskId());
        }, model::fill, "The disk could not be loaded", model::setError).showingLoading(model::setLoading);
    }

    DiskActions actions() {
        return actions;
    }

    void load() {
        loader.load();
    }

    void dismissError() {
        model.setError(null);
    }
}
