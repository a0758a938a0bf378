package dev.ecskms.ui.billing;

import dev.ecskms.sim.common.ChangeFeed;
import dev.ecskms.ui.common.ConsolePage;
import dev.ecskms.ui.common.ConsoleSession;
import java.util.EnumSet;
import java.util.Set;
import javafx.scene.Node;

/** Billing: the pay-as-you-go cost of the account's instances and disks in the selected region. */
public final class BillingPage implements ConsolePage {
    private final BillingModel model = new BillingModel();
    private final BillingController controller;
    private final BillingView view;

    public BillingPage(ConsoleSession session) {
        this.controller = new BillingController(session, model);
        this.view = new BillingView(model, controller);
    }

    @Override
    public String breadcrumb() {
        return "Billing";
    }

    @Override
    public Node view() {
        return view;
    }

    /** Disks and instances coming, going, starting and stopping change the bill; simulated time adds to it. */
    @Override
    public Set<ChangeFeed.Topic> changeTopics() {
        return EnumSet.of(ChangeFeed.Topic.DISKS, ChangeFeed.Topic.INSTANCES, ChangeFeed.Topic.CLOCK);
    }

    @Override
    public void refresh() {
        controller.load();
    }

    public BillingModel model() {
        return model;
    }
}
