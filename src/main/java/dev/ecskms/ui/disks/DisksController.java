package dev.ecskms.ui.disks;

import dev.ecskms.sim.common.CallContext;
import dev.ecskms.sim.common.Page;
import dev.ecskms.sim.ecs.DescribeDisksRequest;
import dev.ecskms.sim.ecs.Disk;
import dev.ecskms.sim.ecs.EcsService;
import dev.ecskms.sim.kms.KeySummary;
import dev.ecskms.ui.common.ConsoleSession;
import dev.ecskms.ui.common.PageLoader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fills the Disks page's model from ECS and KMS. It does not poll: a disk that becomes Available, or any other
 * change, reaches the page through the change feed (see {@code ConsolePage#changeTopics}).
 */
final class DisksController {
    private final ConsoleSession session;
    private final DisksModel model;
    private final DiskActions actions;
    private final PageLoader<Loaded> loader;

    /** @param afterChange what runs after an action succeeded: the page reloads what it shows */
    DisksController(ConsoleSession session, DisksModel model, Runnable afterChange) {
        this.session = session;
        this.model = model;
        // an action that succeeded clears the error an earlier one left on the page
        this.actions = new DiskActions(session, model::setError, () -> {
            model.setError(null);
            afterChange.run();
        });
        this.loader = new PageLoader<>(session.tasks(), () -> {
            CallContext ctx = session.context();
            Boolean encrypted = model.encryptionFilterProperty().get().encryptedParameter();
            return () -> read(ctx, encrypted);
        }, loaded -> model.fill(loaded.disks(), loaded.keys()), "The disks could not be listed", model::setError)
                .showingLoading(model::setLoading).clearingOnFailure(() -> model.fill(List.of(), Map.of()));
        model.encryptionFilterProperty().addListener((obs, old, now) -> load());
    }

    DiskActions actions() {
        return actions;
    }

    void load() {
        loader.load();
    }

    record Loaded(List<Disk> disks, Map<String, KeySummary> keys) {
    }

    private Loaded read(CallContext ctx, Boolean encrypted) {
        EcsService ecs = session.services().ecs();
        List<Disk> all = new ArrayList<>();
        for (int page = 1; ; page++) {
            Page<Disk> one = ecs.describeDisks(ctx, new DescribeDisksRequest(null, null, null, null, null, null,
                    encrypted, null, page, 100));
            all.addAll(one.items());
            if (all.size() >= one.totalCount() || one.items().isEmpty()) {
                break;
            }
        }
        Map<String, KeySummary> keys = new LinkedHashMap<>();
        for (KeySummary summary : session.services().kms().listKeySummaries(ctx)) {
            keys.put(summary.metadata().keyId(), summary);
        }
        return new Loaded(all, keys);
    }

    void dismissError() {
        model.setError(null);
    }
}
