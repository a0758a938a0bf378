package dev.ecskms.ui.kms;

import dev.ecskms.sim.kms.KeySummary;
import dev.ecskms.ui.common.ConsoleSession;
import dev.ecskms.ui.common.Errors;
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
    /** Only the newest load may fill the table, so a slow answer for the previous region cannot overwrite it. */
    private long loadGeneration;

    KeysController(ConsoleSession session, KeysModel model) {
        this.session = session;
        this.model = model;
        // an action that succeeded clears the error an earlier one left on the page
        this.actions = new KeyActions(session, model::setError, () -> {
            model.setError(null);
            load();
        });
    }

    KeyActions actions() {
        return actions;
    }

    void load() {
        long generation = ++loadGeneration;
        model.setLoading(true);
        session.tasks().run(() -> session.services().kms().listKeySummaries(session.context()), keys -> {
            if (generation == loadGeneration) {
                model.setKeys(keys.stream().sorted(NEWEST_FIRST).toList());
                model.setLoading(false);
            }
        }, failure -> {
            if (generation == loadGeneration) {
                model.setKeys(List.of());
                model.setLoading(false);
                model.setError("The keys could not be listed: " + Errors.describe(failure));
            }
        });
    }

    void dismissError() {
        model.setError(null);
    }
}
