package dev.ecskms.ui.billing;

import dev.ecskms.sim.common.CallContext;
import dev.ecskms.sim.ecs.BillingStatement;
import dev.ecskms.ui.common.ConsoleSession;
import dev.ecskms.ui.common.PageLoader;

/**
 * Loads the Billing page: the account's statement for the selected region over the chosen window of simulated days,
 * from the billing ledger the services keep (ECS's describeBilling), in the background.
 */
final class BillingController {
    private final ConsoleSession session;
    private final BillingModel model;
    private final PageLoader<BillingStatement> loader;

    BillingController(ConsoleSession session, BillingModel model) {
        this.session = session;
        this.model = model;
        this.loader = new PageLoader<>(session.tasks(), () -> {
            CallContext ctx = session.context();
            int days = model.windowProperty().get();
            return () -> session.services().ecs().describeBilling(ctx, days);
        }, model::show, "The bill could not be computed", model::setError).showingLoading(model::setLoading)
                .clearingOnFailure(model::clear);
    }

    void load() {
        loader.load();
    }

    /** Shows another window of simulated days (7, 30 or 90). */
    void showWindow(int days) {
        if (model.windowProperty().get() != days) {
            model.windowProperty().set(days);
            load();
        }
    }

    void dismissError() {
        model.setError(null);
    }
}
