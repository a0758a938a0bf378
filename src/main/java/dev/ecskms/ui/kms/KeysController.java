package dev.ecskms.ui.kms;

import dev.ecskms.sim.common.CallContext;
import dev.ecskms.sim.common.Page;
import dev.ecskms.sim.kms.KeySummary;
import dev.ecskms.sim.kms.KmsService;
import dev.ecskms.ui.common.ConsoleSession;
import dev.ecskms.ui.common.PageLoader;
import dev.ecskms.ui.common.ServerPage;

/** Fills the Keys page's model from KMS. */
final class KeysController {
    private final ConsoleSession session;
    private final KeysModel model;
    private final KeyActions actions;
    private final PageLoader<Loaded> loader;

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
            ServerPage.Request customer = model.customerKeys().requestProperty().get();
            ServerPage.Request service = model.defaultKeys().requestProperty().get();
            return () -> read(ctx, customer, service);
        }, loaded -> model.setKeys(loaded.customer(), loaded.service()), "The keys could not be listed",
                model::setError).showingLoading(model::setLoading).clearingOnFailure(model::clear);
        model.customerKeys().requestProperty().addListener((obs, old, now) -> load());
        model.defaultKeys().requestProperty().addListener((obs, old, now) -> load());
    }

    record Loaded(Page<KeySummary> customer, Page<KeySummary> service) {
    }

    /** Only the shown page of each tab: a region may hold a thousand keys, and the console shows ten. */
    private Loaded read(CallContext ctx, ServerPage.Request customer, ServerPage.Request service) {
        KmsService kms = session.services().kms();
        return new Loaded(page(kms, ctx, false, customer), page(kms, ctx, true, service));
    }

    private static Page<KeySummary> page(KmsService kms, CallContext ctx, boolean serviceKeys,
            ServerPage.Request request) {
        return kms.keySummaries(ctx, serviceKeys, request.query(), request.pageNumber(), request.pageSize());
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
