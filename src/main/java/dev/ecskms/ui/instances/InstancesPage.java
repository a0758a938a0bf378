package dev.ecskms.ui.instances;

import dev.ecskms.sim.common.ChangeFeed;
import dev.ecskms.ui.common.ConsolePage;
import dev.ecskms.ui.common.ConsoleSession;
import dev.ecskms.ui.common.ErrorBanner;
import dev.ecskms.ui.common.ListDetails;
import dev.ecskms.ui.common.ListPageLayout;
import dev.ecskms.ui.common.NoticeBanner;
import dev.ecskms.ui.purchase.PurchasePage;
import dev.ecskms.ui.vnc.RemoteConsoles;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import javafx.scene.Node;
import javafx.scene.layout.VBox;

/**
 * ECS → Instances: the region's instances with their actions, each instance's details page and the purchase page
 * ("Create Instance"), both opened in place of the list as the web console does.
 */
public final class InstancesPage implements ConsolePage {
    private final ConsoleSession session;
    private final InstancesModel model = new InstancesModel();
    private final InstancesController controller;
    private final ListDetails content;

    public InstancesPage(ConsoleSession session, RemoteConsoles consoles) {
        this.session = session;
        this.controller = new InstancesController(session, model, consoles, this::refresh);

        ErrorBanner banner = new ErrorBanner("instancesError", model.errorProperty(), controller::dismissError);
        NoticeBanner noticeBanner = new NoticeBanner("instancesNotice", model.noticeProperty(),
                controller::dismissNotice, NoticeBanner.SHOW_FOR);

        InstanceListView list = new InstanceListView(model, controller, this::openPurchase, this::showDetails);
        VBox listView = ListPageLayout.page("Instances", "ECS instances of the selected region. Starting or rebooting an"
                + " instance asks KMS for the data keys of its encrypted disks; a running instance keeps them in memory"
                + " until it stops.", list, banner, noticeBanner);
        content = new ListDetails(listView, controller::load);
        content.view().setId("instancesPage");
        content.view().getStyleClass().add("instances-page");
    }

    @Override
    public String breadcrumb() {
        return "Elastic Compute Service / Instances & Images / Instances";
    }

    @Override
    public Node view() {
        return content.view();
    }

    /** The instances (their steps are the clock's writes), their disks and the disks' keys. */
    @Override
    public Set<ChangeFeed.Topic> changeTopics() {
        return EnumSet.of(ChangeFeed.Topic.INSTANCES, ChangeFeed.Topic.DISKS, ChangeFeed.Topic.KMS_KEYS, ChangeFeed.Topic.KMS_ALIASES, ChangeFeed.Topic.CLOCK);
    }

    @Override
    public void refresh() {
        content.refresh();
    }

    /** The left navigation opens the list, not the instance or the purchase page last open. */
    @Override
    public void open() {
        content.showList();
    }

    /** A region or account change leaves the details and purchase pages: they belong to the old one. */
    @Override
    public void regionChanged() {
        content.showList();
    }

    public InstancesModel model() {
        return model;
    }

    /** Opens the purchase page ("Custom Launch") in place of the list. */
    public PurchasePage openPurchase() {
        PurchasePage purchase = new PurchasePage(session, this::created, this::showList);
        // The purchase page reads its options once; a change elsewhere must not reset what the user entered.
        content.showDetails(purchase.view(), () -> { });
        return purchase;
    }

    public void showDetails(String instanceId) {
        InstanceDetailsView details = new InstanceDetailsView(session, instanceId, controller, this::showList);
        content.showDetails(details, details::refresh);
    }

    private void created(List<String> instanceIds) {
        showList();
        model.setNotice(instanceIds.size() == 1 ? "Instance " + instanceIds.get(0) + " was created."
                : instanceIds.size() + " instances were created: " + String.join(", ", instanceIds) + ".");
    }

    public void showList() {
        content.showList();
    }
}
