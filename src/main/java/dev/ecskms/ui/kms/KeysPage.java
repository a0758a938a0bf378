package dev.ecskms.ui.kms;

import dev.ecskms.sim.common.ChangeFeed;
import dev.ecskms.sim.kms.KeySummary;
import dev.ecskms.ui.common.ConsolePage;
import dev.ecskms.ui.common.ConsoleSession;
import dev.ecskms.ui.common.ErrorBanner;
import dev.ecskms.ui.common.ListDetails;
import dev.ecskms.ui.common.ListPageLayout;
import java.util.EnumSet;
import java.util.Set;
import javafx.scene.Node;
import javafx.scene.control.TabPane;
import javafx.scene.layout.VBox;

/**
 * KMS → Keys: the customer master keys and the default (service) keys of the selected region, and each key's
 * details page, which opens in place of the list.
 */
public final class KeysPage implements ConsolePage {
    private final ConsoleSession session;
    private final KeysModel model = new KeysModel();
    private final KeysController controller;
    private final ListDetails content;
    private final TabPane tabs;

    public KeysPage(ConsoleSession session) {
        this.session = session;
        this.controller = new KeysController(session, model);

        ErrorBanner banner = new ErrorBanner("keysError", model.errorProperty(), controller::dismissError);

        KeyListView customer = new KeyListView("cmk", model.customerKeys(), false, controller.actions(),
                this::showDetails, controller::load, model.loadingProperty());
        KeyListView service = new KeyListView("defaultKeys", model.defaultKeys(), true, controller.actions(),
                this::showDetails, controller::load, model.loadingProperty());
        tabs = ListPageLayout.tabs("keyTabs", ListPageLayout.tab("Customer Master Keys", "cmkTab", customer),
                ListPageLayout.tab("Default Keys", "defaultKeysTab", service));

        VBox listView = ListPageLayout.page("Keys", "Customer master keys (CMKs) encrypt the data keys of cloud disks,"
                + " snapshots and images. Keys belong to a region: switch regions in the top bar to see the keys of"
                + " another one.", tabs, banner);
        listView.getStyleClass().add("key-list-page");
        content = new ListDetails(listView, controller::load);
        content.view().setId("keysPage");
        content.view().getStyleClass().add("keys-page");
    }

    @Override
    public String breadcrumb() {
        return "Key Management Service / Keys";
    }

    @Override
    public Node view() {
        return content.view();
    }

    /** The keys, their aliases, the disks and snapshots they protect; deletion dates and rotation move with the clock. */
    @Override
    public Set<ChangeFeed.Topic> changeTopics() {
        return EnumSet.of(ChangeFeed.Topic.KMS_KEYS, ChangeFeed.Topic.KMS_ALIASES, ChangeFeed.Topic.DISKS, ChangeFeed.Topic.SNAPSHOTS, ChangeFeed.Topic.CLOCK);
    }

    @Override
    public void refresh() {
        content.refresh();
    }

    /** The left navigation opens the list, not the key last looked at. */
    @Override
    public void open() {
        content.showList();
    }

    /** A region or account change leaves the details page: the key belongs to the old one. */
    @Override
    public void regionChanged() {
        content.showList();
    }

    public KeysModel model() {
        return model;
    }

    void showDetails(KeySummary summary) {
        showKey(summary.metadata().keyId());
    }

    /** Opens a key's details page, e.g. from a disk's key link. */
    public void showKey(String keyId) {
        KeyDetailsView details = new KeyDetailsView(session, keyId, content::showList);
        content.showDetails(details, details::refresh);
    }

    void showList() {
        content.showList();
    }
}
