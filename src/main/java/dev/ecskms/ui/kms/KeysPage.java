package dev.ecskms.ui.kms;

import dev.ecskms.sim.common.ChangeFeed;
import dev.ecskms.sim.kms.KeySummary;
import dev.ecskms.ui.common.ConsolePage;
import dev.ecskms.ui.common.ConsoleSession;
import dev.ecskms.ui.common.ErrorBanner;
import dev.ecskms.ui.common.ListPageLayout;
import dev.ecskms.ui.common.LiveReload;
import java.util.EnumSet;
import java.util.Set;
import javafx.scene.Node;
import javafx.scene.control.TabPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * KMS → Keys: the customer master keys and the default (service) keys of the selected region, and each key's
 * details page, which opens in place of the list.
 */
public final class KeysPage implements ConsolePage {
    private final ConsoleSession session;
    private final KeysModel model = new KeysModel();
    private final KeysController controller;
    private final StackPane root = new StackPane();
    private final VBox listView;
    private final TabPane tabs;
    private KeyDetailsView details;
    /** While a key's details are shown: its Recent Use follows the audit trail (see {@link #showKey}). */
    private LiveReload recentUseReload;

    public KeysPage(ConsoleSession session) {
        this.session = session;
        this.controller = new KeysController(session, model);
        root.setId("keysPage");
        root.getStyleClass().add("keys-page");

        ErrorBanner banner = new ErrorBanner("keysError", model.errorProperty(), controller::dismissError);

        KeyListView customer = new KeyListView("cmk", model.customerKeys(), false, controller.actions(),
                this::showDetails, controller::load, model.loadingProperty());
        KeyListView service = new KeyListView("defaultKeys", model.defaultKeys(), true, controller.actions(),
                this::showDetails, controller::load, model.loadingProperty());
        tabs = ListPageLayout.tabs("keyTabs", ListPageLayout.tab("Customer Master Keys", "cmkTab", customer),
                ListPageLayout.tab("Default Keys", "defaultKeysTab", service));

        listView = ListPageLayout.page("Keys", "Customer master keys (CMKs) encrypt the data keys of cloud disks,"
                + " snapshots and images. Keys belong to a region: switch regions in the top bar to see the keys of"
                + " another one.", tabs, banner);
        listView.getStyleClass().add("key-list-page");
        root.getChildren().add(listView);
    }

    @Override
    public String breadcrumb() {
        return "Key Management Service / Keys";
    }

    @Override
    public Node view() {
        return root;
    }

    /** Reloads what is shown. A region change leaves the details page, since the key belongs to the old region. */
    /** The keys, their aliases, the disks and snapshots they protect; deletion dates and rotation move with the clock. */
    @Override
    public Set<ChangeFeed.Topic> changeTopics() {
        return EnumSet.of(ChangeFeed.Topic.KMS_KEYS, ChangeFeed.Topic.KMS_ALIASES, ChangeFeed.Topic.DISKS, ChangeFeed.Topic.SNAPSHOTS, ChangeFeed.Topic.CLOCK);
    }

    @Override
    public void refresh() {
        if (details != null) {
            details.refresh();
        } else {
            controller.load();
        }
    }

    @Override
    public void regionChanged() {
        showList();
    }

    public KeysModel model() {
        return model;
    }

    void showDetails(KeySummary summary) {
        showKey(summary.metadata().keyId());
    }

    /** Opens a key's details page, e.g. from a disk's key link. */
    public void showKey(String keyId) {
        KeyDetailsView shown = new KeyDetailsView(session, keyId, this::showList);
        details = shown;
        root.getChildren().setAll(shown);
        shown.refresh();
        // Not a topic of the page: the page's own reads are recorded, so reloading it on TRAIL would feed itself.
        // The trail lookup of Recent Use is not recorded; it alone follows new events, while the page is on screen.
        stopRecentUseReload();
        recentUseReload = LiveReload.start(session.services().changes(), EnumSet.of(ChangeFeed.Topic.TRAIL), () -> {
            if (details == shown && root.getScene() != null) {
                shown.refreshRecentUse();
            }
        });
    }

    private void stopRecentUseReload() {
        if (recentUseReload != null) {
            recentUseReload.close();
            recentUseReload = null;
        }
    }

    void showList() {
        stopRecentUseReload();
        details = null;
        root.getChildren().setAll(listView);
        controller.load();
    }
}
