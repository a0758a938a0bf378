package dev.ecskms.ui.instances;

import dev.ecskms.sim.ecs.BootFailure;
import dev.ecskms.sim.ecs.Disk;
import dev.ecskms.sim.ecs.Instance;
import dev.ecskms.sim.ecs.InstanceStatus;
import dev.ecskms.ui.common.BootFailures;
import dev.ecskms.ui.common.ConsoleSession;
import dev.ecskms.ui.common.DetailsLayout;
import dev.ecskms.ui.common.DiskAttachDialogs;
import dev.ecskms.ui.common.DiskCells;
import dev.ecskms.ui.common.ErrorBanner;
import dev.ecskms.ui.common.Formats;
import dev.ecskms.ui.common.InfoGrid;
import dev.ecskms.ui.common.ListPageLayout;
import dev.ecskms.ui.common.StatusTag;
import dev.ecskms.ui.common.Tables;
import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Pos;
import javafx.geometry.VPos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.antdesignicons.AntDesignIconsOutlined;

/** An instance's details page: its attributes, its disks with their encryption and key, and the actions. */
final class InstanceDetailsView extends VBox {
    private final ConsoleSession session;
    private final InstanceDetailsModel model;
    private final InstanceDetailsController controller;
    private final InstanceActions actions;
    private final Runnable backToList;
    private final Label title = new Label();
    private final HBox titleTag = new HBox();
    private final HBox headerButtons = new HBox(8);
    private final InfoGrid basicInfo = new InfoGrid();
    private final TableView<Disk> disks;
    private final VBox events = new VBox(8);

    InstanceDetailsView(ConsoleSession session, String instanceId, InstancesController list, Runnable backToList) {
        this.session = session;
        this.model = new InstanceDetailsModel(instanceId);
        this.controller = new InstanceDetailsController(session, model, list);
        this.actions = controller.actions();
        this.backToList = backToList;
        this.disks = new TableView<>(model.disks());
        setId("instanceDetailsPage");
        getStyleClass().add("instance-details");
        setSpacing(12);

        Hyperlink back = DetailsLayout.backLink("Instances", "backToInstancesLink", backToList);

        title.setId("instanceDetailTitle");
        title.setText(instanceId);
        titleTag.setAlignment(Pos.CENTER_LEFT);
        HBox header = DetailsLayout.header(title, titleTag, headerButtons);

        ErrorBanner banner = new ErrorBanner("instanceDetailError", model.errorProperty(),
                controller::dismissError);
        buildDisksTable();
        VBox sections = new VBox(12, DetailsLayout.card("Basic Information", basicInfo),
                DetailsLayout.card("Disks", disks));
        events.setId("instanceEvents");
        events.getStyleClass().add("instance-events");
        VBox eventsCard = new VBox(events); // the tab says "Events": no second heading
        eventsCard.getStyleClass().add("card");
        TabPane tabs = ListPageLayout.tabs("instanceDetailTabs",
                ListPageLayout.tab("Instance Details", "instanceDetailsTab", DetailsLayout.scroll(sections)),
                ListPageLayout.tab("Events", "instanceEventsTab", DetailsLayout.scroll(new VBox(12, eventsCard))));
        VBox.setVgrow(tabs, Priority.ALWAYS);
        getChildren().addAll(back, header, banner, tabs);

        model.instanceProperty().addListener((obs, old, now) -> render(now));
        // A key deleted or created changes whether the event's key link can open a page.
        model.keysProperty().addListener((obs, old, now) -> render(model.instanceProperty().get()));
    }

    void refresh() {
        controller.load();
    }

    InstanceDetailsModel model() {
        return model;
    }

    private void render(Instance instance) {
        if (instance == null) {
            return;
        }
        title.setText(instance.instanceName() == null || instance.instanceName().isBlank() ? instance.instanceId()
                : instance.instanceName());
        Label tag = StatusTag.forInstanceStatus(instance.status());
        tag.setId("instanceDetailStatusTag");
        titleTag.getChildren().setAll(tag);
        renderButtons(instance);
        renderInfo(instance);
        renderEvents(instance.bootFailure());
    }

    private void renderButtons(Instance instance) {
        InstanceStatus status = instance.status();
        Button connect = DetailsLayout.button("Connect", "detailConnectButton", AntDesignIconsOutlined.DESKTOP,
                () -> actions.connect(instance));
        connect.getStyleClass().add("primary-button");
        connect.setDisable(status == InstanceStatus.Pending);
        Button start = DetailsLayout.button("Start", "detailStartButton", AntDesignIconsOutlined.PLAY_CIRCLE,
                () -> actions.start(instance));
        start.setDisable(status != InstanceStatus.Stopped);
        Button stop = DetailsLayout.button("Stop", "detailStopButton", AntDesignIconsOutlined.POWEROFF,
                () -> actions.openStop(instance));
        stop.setDisable(status != InstanceStatus.Running && status != InstanceStatus.Starting);
        Button reboot = DetailsLayout.button("Reboot", "detailRebootButton", AntDesignIconsOutlined.SYNC,
                () -> actions.openReboot(instance));
        reboot.setDisable(status != InstanceStatus.Running);
        Button attach = DetailsLayout.button("Attach Disk", "detailAttachDiskButton", AntDesignIconsOutlined.DATABASE,
                () -> actions.openAttachDisk(instance));
        attach.setDisable(status != InstanceStatus.Running && status != InstanceStatus.Stopped);
        Button release = DetailsLayout.button("Release", "detailReleaseButton", AntDesignIconsOutlined.DELETE,
                () -> actions.openRelease(instance, backToList));
        release.getStyleClass().add("danger-outline");
        release.setDisable(status == InstanceStatus.Pending || status == InstanceStatus.Starting);
        Button encrypt = DetailsLayout.button("Encrypt System Disk", "detailEncryptSystemDiskButton",
                AntDesignIconsOutlined.LOCK, () -> actions.openEncryptSystemDisk(instance));
        encrypt.setDisable(status != InstanceStatus.Running && status != InstanceStatus.Stopped);
        Button reload = DetailsLayout.button(null, "instanceDetailRefreshButton", AntDesignIconsOutlined.RELOAD, this::refresh);
        reload.getStyleClass().add("icon-only");
        headerButtons.getChildren().setAll(connect, start, stop, reboot, attach, encrypt, release, reload);
    }

    private void renderInfo(Instance instance) {
        List<String[]> fields = new ArrayList<>(List.of(
                new String[] {"Instance ID", instance.instanceId(), "instanceDetailId"},
                new String[] {"Instance Name", instance.instanceName(), "instanceDetailName"},
                new String[] {"Status", StatusTag.label(instance.status()), "instanceDetailStatus"},
                new String[] {"Host Name", instance.hostName(), "instanceDetailHostName"},
                new String[] {"Instance Type", instance.instanceType(), "instanceDetailType"},
                new String[] {"vCPU / Memory", InstanceListView.typeCaption(instance), "instanceDetailCpuMemory"},
                new String[] {"Image", instance.osName(), "instanceDetailOs"},
                new String[] {"Image ID", instance.imageId(), "instanceDetailImageId"},
                new String[] {"Region", instance.regionId(), "instanceDetailRegion"},
                new String[] {"Zone", instance.zoneId(), "instanceDetailZone"},
                new String[] {"Private IP", instance.privateIpAddress(), "instanceDetailPrivateIp"},
                new String[] {"Billing Method", "Pay-as-you-go", "instanceDetailBilling"},
                new String[] {"Creation Time", Formats.dateTimeUtc(instance.creationTime()),
                        "instanceDetailCreationTime"}));
        basicInfo.setFields(fields);
    }

    /**
     * The instance's events: why its last start could not read a disk (time, code, message), with a link to the
     * KMS key the failure names; "No events" when the last start read every disk.
     */
    private void renderEvents(BootFailure failure) {
        if (failure == null) {
            Label none = new Label("No events");
            none.setId("instanceEventsEmpty");
            none.getStyleClass().add("table-placeholder");
            events.getChildren().setAll(none);
            return;
        }
        GridPane grid = new GridPane();
        grid.setId("instanceEventsGrid");
        grid.setHgap(16);
        grid.setVgap(8);
        ColumnConstraints time = new ColumnConstraints(150);
        ColumnConstraints code = new ColumnConstraints();
        code.setMinWidth(Region.USE_PREF_SIZE);
        ColumnConstraints message = new ColumnConstraints();
        message.setHgrow(Priority.ALWAYS);
        message.setMinWidth(200);
        grid.getColumnConstraints().addAll(time, code, message);
        String[] headings = {"Time", "Event", "Description"};
        for (int c = 0; c < headings.length; c++) {
            Label h = new Label(headings[c]);
            h.getStyleClass().add("info-label");
            grid.add(h, c, 0);
        }
        Label when = new Label(Formats.dateTime(failure.time()));
        when.setId("instanceEventTime");
        Label what = StatusTag.tag(failure.code(), "status-warning");
        what.setId("instanceEventCode");
        Label why = new Label("The last start could not read a disk: " + failure.message());
        why.setId("instanceEventMessage");
        why.setWrapText(true);
        why.setMinHeight(Region.USE_PREF_SIZE);
        VBox description = new VBox(4, why);
        BootFailures.keyId(failure).ifPresent(keyId -> {
            Hyperlink openKey = new Hyperlink("View key " + keyId + " in KMS");
            openKey.setId("instanceEventKeyLink");
            openKey.getStyleClass().add("key-id-link");
            openKey.setOnAction(event -> session.navigator().openKey(keyId));
            openKey.setDisable(!model.keys().containsKey(keyId)); // a deleted key has no page to open
            description.getChildren().add(openKey);
        });
        grid.add(when, 0, 1);
        grid.add(what, 1, 1);
        grid.add(description, 2, 1);
        GridPane.setValignment(when, VPos.TOP);
        GridPane.setValignment(what, VPos.TOP);
        events.getChildren().setAll(grid);
    }

    /** Data disks can be detached (after the same confirmation as on the Disks page); the system disk cannot. */
    private Node diskActions(Disk disk) {
        if ("system".equals(disk.type())) {
            Label none = new Label("System disk");
            none.getStyleClass().add("cell-caption");
            return none;
        }
        Hyperlink detach = Tables.action("Detach", "detach-instance-disk", disk.diskId(),
                () -> controller.openDetach(disk));
        detach.setDisable(!DiskAttachDialogs.canDetach(disk));
        return Tables.actions(detach);
    }

    private void buildDisksTable() {
        disks.setId("instanceDisksTable");
        disks.getStyleClass().addAll("console-table", "instance-disks-table");
        Tables.fitOrScroll(disks);
        disks.setFixedCellSize(44);
        disks.setPrefHeight(44 * 5 + 30);
        Label placeholder = new Label("No disks are attached.");
        placeholder.getStyleClass().add("table-placeholder");
        disks.setPlaceholder(placeholder);
        disks.getColumns().add(Tables.nodeColumn("Disk ID / Name", 170, disk -> DiskCells.idAndName(disk,
                "instanceDisk", () -> session.navigator().openDisk(disk.diskId()))));
        disks.getColumns().add(Tables.textColumn("Type", 80, d -> "system".equals(d.type()) ? "System disk"
                : "Data disk"));
        disks.getColumns().add(Tables.nodeColumn("Category", 110, DiskCells::category));
        disks.getColumns().add(Tables.textColumn("Size", 60, d -> d.size() + " GiB"));
        disks.getColumns().add(Tables.nodeColumn("Encrypted", 190, disk -> DiskCells.encryption(disk, model.keyNames(),
                "instanceDisk", session)));
        disks.getColumns().add(Tables.nodeColumn("Status", 80, disk -> StatusTag.forDiskStatus(disk.status())));
        disks.getColumns().add(Tables.textColumn("Release with Instance", 120, d -> d.deleteWithInstance() ? "Yes"
                : "No"));
        disks.getColumns().add(Tables.nodeColumn("Actions", 80, this::diskActions));
    }
}
