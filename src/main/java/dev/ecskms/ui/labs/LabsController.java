package dev.ecskms.ui.labs;

import dev.ecskms.sim.common.CallContext;
import dev.ecskms.sim.labs.LabProgress;
import dev.ecskms.sim.labs.LabService;
import dev.ecskms.ui.common.ConsoleSession;
import dev.ecskms.ui.common.PageLoader;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads the labs and the chosen lab's progress (one read per change: the page reloads on the change feed, never on
 * a timer) and starts or resets a lab.
 */
final class LabsController {
    /** One read: the lab files, the chosen one (the first if none is chosen yet) and how far it is. */
    record Loaded(List<LabService.LabEntry> entries, String selectedId, LabProgress progress, Instant started) {
    }

    private final ConsoleSession session;
    private final LabsModel model;
    private final PageLoader<Loaded> loader;

    LabsController(ConsoleSession session, LabsModel model) {
        this.session = session;
        this.model = model;
        this.loader = new PageLoader<>(session.tasks(), () -> {
            CallContext ctx = labContext();
            String selected = model.selectedIdProperty().get();
            return () -> read(ctx, selected);
        }, this::fill, "The labs could not be read", model.errorProperty()::set);
    }

    /**
     * The labs watch the account as its trainer would: the checks read the trail, RAM and the resources as the
     * account itself, also while the console acts as a RAM user (lab (c) has the learner switch to one, who may
     * not read RAM or the trail, and the ticks must still light).
     */
    private CallContext labContext() {
        return new CallContext(session.accountId(), CallContext.ROOT, session.regionId(), CallContext.newRequestId());
    }

    private LabService labs() {
        LabService labs = session.services().labs();
        if (labs == null) {
            throw new IllegalStateException("this console was made without guided labs");
        }
        return labs;
    }

    private Loaded read(CallContext ctx, String selectedId) {
        LabService labs = labs();
        List<LabService.LabEntry> entries = labs.labs();
        LabService.LabEntry chosen = entries.stream().filter(e -> e.id().equals(selectedId)).findFirst()
                .orElse(entries.isEmpty() ? null : entries.get(0));
        if (chosen == null || !chosen.ok()) {
            return new Loaded(entries, chosen == null ? null : chosen.id(), null, null);
        }
        return new Loaded(entries, chosen.id(), labs.evaluate(ctx, chosen.id()),
                labs.started(ctx, chosen.id()).orElse(null));
    }

    private void fill(Loaded loaded) {
        model.errorProperty().set(null);
        if (!model.labs().equals(loaded.entries())) {
            model.labs().setAll(loaded.entries());
        }
        LabService.LabEntry chosen = loaded.entries().stream().filter(e -> e.id().equals(loaded.selectedId()))
                .findFirst().orElse(null);
        model.startedProperty().set(loaded.started());
        model.fileErrorProperty().set(chosen == null || chosen.ok() ? null : chosen.error().getMessage());
        model.labProperty().set(chosen == null ? null : chosen.lab());
        model.progressProperty().set(loaded.progress());
        model.selectedIdProperty().set(loaded.selectedId());
    }

    void load() {
        loader.load();
    }

    /** Shows another lab. */
    void select(String labId) {
        if (labId != null && !labId.equals(model.selectedIdProperty().get())) {
            model.selectedIdProperty().set(labId);
            load();
        }
    }

    /** Starts the chosen lab, or resets it to a new start: only what is done from now on counts. */
    void start(Runnable onDone, Consumer<Throwable> onError) {
        String labId = model.selectedIdProperty().get();
        if (labId == null) {
            return;
        }
        CallContext ctx = labContext();
        session.tasks().run(() -> labs().start(ctx, labId), started -> {
            onDone.run();
            load();
        }, onError);
    }

    void dismissError() {
        model.errorProperty().set(null);
    }
}
