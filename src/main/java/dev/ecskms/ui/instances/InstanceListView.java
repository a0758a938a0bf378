package dev.ecskms.ui.instances;

import dev.ecskms.sim.ecs.Instance;
import dev.ecskms.sim.ecs.InstanceStatus;
import dev.ecskms.ui.common.BootFailures;
import dev.ecskms.ui.common.Formats;
import dev.ecskms.ui.common.Icons;
import dev.ecskms.ui.common.ListPageLayout;
import dev.ecskms.ui.common.OsBadge;
import dev.ecskms.ui.common.StatusTag;
import dev.ecskms.ui.common.Tables;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.antdesignicons.AntDesignIconsOutlined;

/** The instance table with its toolbar (Create Instance, search, refresh) and pager. */
final class InstanceListView extends VBox {
    private final InstancesModel model;
    private final InstanceActions actions;
    private final Consumer<String> openDetails;

    InstanceListView(InstancesModel model, InstancesController controller, Runnable openPurchase,
            Consumer<String> openDetails) {
        this.model = model;
        this.actions = controller.actions();
        this.openDetails = openDetails;
        getStyleClass().add("instance-list");
        setSpacing(12);

        Button create = new Button("Create Instance", Icons.icon(AntDesignIconsOutlined.PLUS));
        create.setId("createInstanceButton");
        create.getStyleClass().add("primary-button");
        create.setOnAction(event -> openPurchase.run());
        create.setDisable(!controller.available());

        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        TextField search = ListPageLayout.searchField("instanceSearchField",
                "Search by instance ID, name, IP, type or OS", 300, model.rows().queryProperty());
        Button refresh = ListPageLayout.refreshButton("instanceRefreshButton", controller::load,
                model.loadingProperty());
        HBox toolbar = new HBox(8, create, spacer, search, refresh);
        toolbar.getStyleClass().add("table-toolbar");
        toolbar.setAlignment(Pos.CENTER_LEFT);

        TableView<Instance> table = table();
        VBox.setVgrow(table, Priority.ALWAYS);
        // several rows selected (Ctrl/Shift-click) go to OOS together
        table.getSelectionModel().setSelectionMode(javafx.scene.control.SelectionMode.MULTIPLE);
        Button oos = new Button("Encrypt System Disks (OOS)", Icons.icon(AntDesignIconsOutlined.LOCK));
        oos.setId("encryptSystemDisksOosButton");
        oos.disableProperty().bind(Bindings.isEmpty(table.getSelectionModel().getSelectedItems()));
        oos.setTooltip(new javafx.scene.control.Tooltip("Select instances (Ctrl-click for several), then encrypt"
                + " their system disks with the OOS template ACS-ECS-BulkyEncryptSystemDisk"));
        oos.setOnAction(event -> controller.encryptSystemDisksWithOos(table.getSelectionModel().getSelectedItems()
                .stream().map(Instance::instanceId).toList()));
        toolbar.getChildren().add(1, oos);
        getChildren().addAll(toolbar, table, Tables.pager("instance", model.rows()));
    }

    private TableView<Instance> table() {
        TableView<Instance> table = new TableView<>(model.rows().pageRows());
        table.setId("instanceTable");
        table.getStyleClass().addAll("console-table", "instance-table");
        Tables.fitOrScroll(table);
        table.setFixedCellSize(44);
        Label placeholder = new Label();
        placeholder.getStyleClass().add("table-placeholder");
        placeholder.textProperty().bind(Bindings.when(model.loadingProperty()).then("Loading...").otherwise(
                Bindings.when(model.rows().queryProperty().isEmpty())
                        .then("No instances in this region. Click Create Instance to buy one.")
                        .otherwise("No instances match the search.")));
        table.setPlaceholder(placeholder);

        table.getColumns().add(Tables.nodeColumn("Instance ID / Name", 160, instance -> {
            Hyperlink id = new Hyperlink(instance.instanceId());
            id.setId("instanceLink-" + instance.instanceId());
            id.getStyleClass().add("key-id-link");
            id.setMinWidth(Region.USE_PREF_SIZE);
            id.setOnAction(event -> openDetails.accept(instance.instanceId()));
            return Tables.twoLines(id, instance.instanceName());
        }));
        table.getColumns().add(Tables.nodeColumn("Status", 88, instance -> {
            Label tag = StatusTag.forInstanceStatus(instance.status());
            tag.setId("instanceStatus-" + instance.instanceId());
            tag.getStyleClass().add("instance-status");
            if (instance.bootFailure() == null) {
                return tag;
            }
            // Why the screen is black: the last start could not read a disk (e.g. KMS refused its data key).
            Label failed = BootFailures.tag(instance.bootFailure());
            failed.setId("instanceBootFailure-" + instance.instanceId());
            VBox tags = new VBox(2, tag, failed); // under the status: the column stays narrow
            tags.setAlignment(Pos.CENTER_LEFT);
            tags.setFillWidth(false);
            return tags;
        }));
        table.getColumns().add(Tables.textColumn("Zone", 98, Instance::zoneId));
        table.getColumns().add(Tables.nodeColumn("Instance Type", 100, instance -> Tables.twoLines(
                new Label(instance.instanceType()), typeCaption(instance))));
        table.getColumns().add(Tables.nodeColumn("Image / OS", 145, instance -> {
            Label os = new Label(instance.osName());
            os.setGraphic(OsBadge.of(instance.osName(), instance.osType()));
            os.setTooltip(new Tooltip(instance.imageId()));
            os.setWrapText(true); // a long image name takes a second line, never "..."
            os.setMinWidth(0);
            return os;
        }));
        table.getColumns().add(Tables.textColumn("Private IP", 100, Instance::privateIpAddress));
        table.getColumns().add(Tables.textColumn("Creation Time", 122,
                instance -> Formats.dateTime(instance.creationTime())));
        table.getColumns().add(Tables.nodeColumn("Actions", 280, this::actionsCell));
        return table;
    }

    static String typeCaption(Instance instance) {
        return instance.cpu() + " vCPU  " + memory(instance.memoryGiB()) + " GiB";
    }

    static String memory(double gib) {
        return gib == Math.rint(gib) ? String.valueOf((long) gib) : String.valueOf(gib);
    }

    private Node actionsCell(Instance instance) {
        String id = instance.instanceId();
        InstanceStatus status = instance.status();
        var connect = Tables.action("Connect", "connect", id, () -> actions.connect(instance));
        var start = Tables.action("Start", "start", id, () -> actions.start(instance));
        var stop = Tables.action("Stop", "stop", id, () -> actions.openStop(instance));
        var reboot = Tables.action("Reboot", "reboot", id, () -> actions.openReboot(instance));
        var release = Tables.action("Release", "release-instance", id, () -> actions.openRelease(instance,
                actions::reload));
        // Attach Disk sits in More with the image actions: the row's links must fit a 1280-pixel screen.
        var attach = Tables.menuAction("Attach Disk", "attach-disk", id, () -> actions.openAttachDisk(instance));
        connect.setDisable(status == InstanceStatus.Pending);
        start.setDisable(status != InstanceStatus.Stopped);
        stop.setDisable(status != InstanceStatus.Running && status != InstanceStatus.Starting);
        reboot.setDisable(status != InstanceStatus.Running);
        release.setDisable(status == InstanceStatus.Pending || status == InstanceStatus.Starting
                || actions.releasePending(id));
        attach.setDisable(status != InstanceStatus.Running && status != InstanceStatus.Stopped);
        boolean settled = status == InstanceStatus.Running || status == InstanceStatus.Stopped;
        var image = Tables.menuAction("Create Custom Image", "create-image", id, () -> actions.createImage(instance));
        var encrypt = Tables.menuAction("Encrypt System Disk", "encrypt-system-disk", id,
                () -> actions.openEncryptSystemDisk(instance));
        image.setDisable(!settled);
        encrypt.setDisable(!settled);
        return Tables.actions(connect, start, stop, reboot, release, Tables.more(id, attach, image, encrypt));
    }
}
