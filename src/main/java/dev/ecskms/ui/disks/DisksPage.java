package dev.ecskms.ui.disks;

import dev.ecskms.sim.common.ChangeFeed;
import dev.ecskms.ui.common.ConsolePage;
import dev.ecskms.ui.common.ConsoleSession;
import dev.ecskms.ui.common.ErrorBanner;
import dev.ecskms.ui.common.ListDetails;
import dev.ecskms.ui.common.ListPageLayout;
import java.util.EnumSet;
import java.util.Set;
import javafx.scene.Node;
import javafx.scene.layout.VBox;

/**
 * ECS → Block Storage → Disks: the region's cloud disks with their encryption and key, each disk's details page
 * (opened in place of the list) and the Create Disk wizard.
 */
public final class DisksPage implements ConsolePage {
    private final ConsoleSession session;
    private final DisksModel model = new DisksModel();
    private final DisksController controller;
    private final ListDetails content;

    public DisksPage(ConsoleSession session) {
        this.session = session;
        this.controller = new DisksController(session, model, this::refresh);

        ErrorBanner banner = new ErrorBanner("disksError", model.errorProperty(), controller::dismissError);
        DiskListView list = new DiskListView(session, model, controller, this::showDetails);
        VBox listView = ListPageLayout.page("Disks", "Cloud disks of the selected region. An encrypted disk's data is"
                + " encrypted with its own data key, which only KMS can unwrap with the key shown in the Encrypted"
                + " column.", list, banner);
        content = new ListDetails(listView, controller::load);
        content.view().setId("disksPage");
        content.view().getStyleClass().add("disks-page");
    }

    @Override
    public String breadcrumb() {
        return "Elastic Compute Service / Block Storage / Disks";
    }

    @Override
    public Node view() {
        return content.view();
    }

    /** The disks, their keys (state, alias), the instances they attach to; simulated time moves Creating on. */
    @Override
    public Set<ChangeFeed.Topic> changeTopics() {
        return EnumSet.of(ChangeFeed.Topic.DISKS, ChangeFeed.Topic.KMS_KEYS, ChangeFeed.Topic.KMS_ALIASES,
                ChangeFeed.Topic.INSTANCES, ChangeFeed.Topic.CLOCK);
    }

    @Override
    public void refresh() {
        content.refresh();
    }

    /** The left navigation opens the list, not the disk last looked at. */
    @Override
    public void open() {
        content.showList();
    }

    /** A region or account change leaves the details page: the disk belongs to the old one. */
    @Override
    public void regionChanged() {
        content.showList();
    }

    public DisksModel model() {
        return model;
    }

    /** Opens the Create Disk wizard, e.g. from a snapshot's Create Disk action. */
    public CreateDiskWizard openCreateDisk(String snapshotId) {
        return controller.actions().openCreateDisk(snapshotId);
    }

    public void showDetails(String diskId) {
        DiskDetailsView details = new DiskDetailsView(session, diskId, content::showList);
        content.showDetails(details, details::refresh);
    }

    void showList() {
        content.showList();
    }
}
