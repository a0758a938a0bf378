package dev.ecskms.ui.disks;

import dev.ecskms.sim.common.ChangeFeed;
import dev.ecskms.ui.common.ConsolePage;
import dev.ecskms.ui.common.ConsoleSession;
import dev.ecskms.ui.common.ErrorBanner;
import dev.ecskms.ui.common.ListPageLayout;
import java.util.EnumSet;
import java.util.Set;
import javafx.scene.Node;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * ECS → Block Storage → Disks: the region's cloud disks with their encryption and key, each disk's details page
 * (opened in place of the list) and the Create Disk wizard.
 */
public final class DisksPage implements ConsolePage {
    private final ConsoleSession session;
    private final DisksModel model = new DisksModel();
    private final DisksController controller;
    private final StackPane root = new StackPane();
    private final VBox listView;
    private DiskDetailsView details;

    public DisksPage(ConsoleSession session) {
        this.session = session;
        this.controller = new DisksController(session, model, this::refresh);
        root.setId("disksPage");
        root.getStyleClass().add("disks-page");

        ErrorBanner banner = new ErrorBanner("disksError", model.errorProperty(), controller::dismissError);
        DiskListView list = new DiskListView(session, model, controller, this::showDetails);
        listView = ListPageLayout.page("Disks", "Cloud disks of the selected region. An encrypted disk's data is"
                + " encrypted with its own data key, which only KMS can unwrap with the key shown in the Encrypted"
                + " column.", list, banner);
        root.getChildren().add(listView);
    }

    @Override
    public String breadcrumb() {
        return "Elastic Compute Service / Block Storage / Disks";
    }

    @Override
    public Node view() {
        return root;
    }

    /** The disks, their keys (state, alias), the instances they attach to; simulated time moves Creating on. */
    @Override
    public Set<ChangeFeed.Topic> changeTopics() {
        return EnumSet.of(ChangeFeed.Topic.DISKS, ChangeFeed.Topic.KMS_KEYS, ChangeFeed.Topic.KMS_ALIASES,
                ChangeFeed.Topic.INSTANCES, ChangeFeed.Topic.CLOCK);
    }

    @Override
    public void refresh() {
        if (details != null) {
            details.refresh();
        } else {
            controller.load();
        }
    }

    /** A region or account change leaves the details page: the disk belongs to the old one. */
    @Override
    public void regionChanged() {
        showList();
    }

    public DisksModel model() {
        return model;
    }

    /** Opens the Create Disk wizard, e.g. from a snapshot's Create Disk action. */
    public CreateDiskWizard openCreateDisk(String snapshotId) {
        return controller.actions().openCreateDisk(snapshotId);
    }

    public void showDetails(String diskId) {
        details = new DiskDetailsView(session, diskId, this::showList);
        root.getChildren().setAll(details);
        details.refresh();
    }

    void showList() {
        details = null;
        root.getChildren().setAll(listView);
        controller.load();
    }
}
