package dev.ecskms.ui.kms;

import dev.ecskms.sim.common.CallContext;
import dev.ecskms.sim.kms.KeySummary;
import dev.ecskms.ui.common.ConsoleSession;
import dev.ecskms.ui.common.PageLoader;
import java.util.Comparator;
import java.util.List;

/** Fills the Keys page's model from KMS. */
final class KeysController {
    private static final Comparator<KeySummary> NEWEST_FIRST = Comparator.comparing(
            (KeySummary summary) -> summary.metadata().creationDate(),
            Comparator.nullsFirst(Comparator.naturalOrder())).reversed();

    private final ConsoleSession session;
    private final KeysModel model;
    private final KeyActions actions;
    private final PageLoader<List<KeySummary>> loader;

    KeysController(ConsoleSession session, KeysModel model) {
        this.session = session;
        this.model = model;
        // an action that succeeded clears the error an earlier one left on the page
        this.actions = new KeyActions(session, model::setError, () -> {
            model.setError(null);
            load();
        });
        this.loader = new PageLoader<>(session.tasks(), () -> {
            CallContext ctx = session.context();
            return () -> session.services().kms().listKeySummaries(ctx);
        }, keys -> model.setKeys(keys.stream().sorted(NEWEST_FIRST).toList()), "The keys could not be listed",
                model::setError).showingLoading(model::setLoading).clearingOnFailure(() -> model.setKeys(List.of()));
    }

    KeyActions actions() {
        return actions;
    }

    void load() {
        loader.load();
    }

    void dismissError() {
        model.setError(null);
    }
}
