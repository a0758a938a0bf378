package dev.ecskms.ui.disks;

import dev.ecskms.sim.ecs.Disk;
import dev.ecskms.sim.ecs.DiskStatus;
import dev.ecskms.ui.common.ConsoleSession;
import dev.ecskms.ui.common.DiskAttachDialogs;
import dev.ecskms.ui.common.DiskCells;
import dev.ecskms.ui.common.Formats;
import dev.ecskms.ui.common.Icons;
import dev.ecskms.ui.common.ListPageLayout;
import dev.ecskms.ui.common.StatusTag;
import dev.ecskms.ui.common.Tables;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.antdesignicons.AntDesignIconsOutlined;

/** The disk table with its toolbar (Create Disk, encryption filter, search, refresh) and pager. */
final class DiskListView extends VBox {
    private final ConsoleSession session;
    private final DisksModel model;
    private final DiskActions actions;
    private final Consumer<String> openDetails;

    DiskListView(ConsoleSession session, DisksModel model, DisksController controller, Consumer<String> openDetails) {
        this.session = session;
        this.model = model;
        this.actions = controller.actions();
        this.openDetails = openDetails;
        getStyleClass().add("disk-list");
        setSpacing(12);

        Button create = new Button("Create Disk", Icons.icon(AntDesignIconsOutlined.PLUS));
        create.setId("createDiskButton");
        create.getStyleClass().add("primary-button");
        create.setOnAction(event -> actions.openCreateDisk(null));

        Label filterLabel = new Label("Encryption");
        filterLabel.getStyleClass().add("form-label");
        ComboBox<DisksModel.EncryptionFilter> filter = new ComboBox<>();
        filter.setId("encryptionFilter");
        filter.getItems().setAll(DisksModel.EncryptionFilter.values());
        filter.valueProperty().bindBidirectional(model.encryptionFilterProperty());
        filter.setPrefWidth(140);

        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        TextField search = ListPageLayout.searchField("diskSearchField", "Search by disk ID, name, key ID or alias",
                280, model.rows().queryProperty());
        Button refresh = ListPageLayout.refreshButton("diskRefreshButton", controller::load,
                model.loadingProperty());
        HBox toolbar = new HBox(8, create, spacer, filterLabel, filter, search, refresh);
        toolbar.getStyleClass().add("table-toolbar");
        toolbar.setAlignment(Pos.CENTER_LEFT);

        TableView<Disk> table = table();
        VBox.setVgrow(table, Priority.ALWAYS);
        getChildren().addAll(toolbar, table, Tables.pager("disk", model.rows()));
    }

    private TableView<Disk> table() {
        TableView<Disk> table = new TableView<>(model.rows().pageRows());
        table.setId("diskTable");
        table.getStyleClass().addAll("console-table", "disk-table");
        Tables.fitOrScroll(table);
        table.setFixedCellSize(44);
        Label placeholder = new Label();
        placeholder.getStyleClass().add("table-placeholder");
        placeholder.textProperty().bind(Bindings.when(model.loadingProperty()).then("Loading...").otherwise(
                Bindings.when(model.rows().queryProperty().isEmpty()
                        .and(model.encryptionFilterProperty().isEqualTo(DisksModel.EncryptionFilter.ALL)))
                        .then("No disks in this region. Click Create Disk to create one.")
                        .otherwise("No disks match the filter.")));
        table.setPlaceholder(placeholder);

        table.getColumns().add(Tables.nodeColumn("Disk ID / Name", 160, disk -> DiskCells.idAndName(disk, "disk",
                () -> openDetails.accept(disk.diskId()))));
        table.getColumns().add(Tables.nodeColumn("Status", 84, disk -> {
            Label tag = StatusTag.forDiskStatus(disk.status());
            tag.getStyleClass().add("disk-status");
            return tag;
        }));
        table.getColumns().add(Tables.nodeColumn("Category", 96, DiskCells::category));
        table.getColumns().add(Tables.textColumn("Size", 58, disk -> disk.size() + " GiB"));
        table.getColumns().add(Tables.nodeColumn("Encrypted", 152, disk -> DiskCells.encryption(disk,
                model.keyNames(), "disk", session)));
        table.getColumns().add(Tables.textColumn("Instance", 152, Disk::instanceId));
        table.getColumns().add(Tables.textColumn("Zone", 92, Disk::zoneId));
        table.getColumns().add(Tables.textColumn("Creation Time", 128, disk -> Formats.dateTime(disk.creationTime())));
        table.getColumns().add(Tables.nodeColumn("Actions", 186, this::actionsCell));
        return table;
    }

    /** Details, Attach and Detach stay in view; the rest goes under "More", as the console does at this width. */
    private Node actionsCell(Disk disk) {
        String id = disk.diskId();
        Hyperlink details = Tables.action("Details", "disk-details", id, () -> openDetails.accept(id));
        Hyperlink attach = Tables.action("Attach", "attach", id, () -> actions.openAttach(disk));
        Hyperlink detach = Tables.action("Detach", "detach", id, () -> actions.openDetach(disk));
        attach.setDisable(!DiskAttachDialogs.canAttach(disk));
        detach.setDisable(!DiskAttachDialogs.canDetach(disk));
        MenuItem snapshot = Tables.menuAction("Create Snapshot", "create-snapshot", id,
                () -> actions.openCreateSnapshot(disk, disk.encrypted() ? model.keyName(disk.kmsKeyId()) : null));
        MenuItem resize = Tables.menuAction("Resize", "resize", id, () -> actions.openResize(disk));
        MenuItem release = Tables.menuAction("Release", "release", id, () -> actions.openRelease(disk,
                actions::reload));
        MenuItem encrypt = Tables.menuAction("Encrypt this disk", "encrypt-disk", id, () -> actions.openEncrypt(disk));
        boolean ready = disk.status() == DiskStatus.Available || disk.status() == DiskStatus.In_use;
        snapshot.setDisable(!ready);
        resize.setDisable(!ready);
        release.setDisable(disk.status() != DiskStatus.Available);
        return Tables.actions(details, attach, detach, Tables.more(id, snapshot, encrypt, resize, release));
    }
}
