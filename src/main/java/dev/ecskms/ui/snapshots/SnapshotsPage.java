package dev.ecskms.ui.snapshots;

import dev.ecskms.sim.common.ChangeFeed;
import dev.ecskms.sim.ecs.Snapshot;
import dev.ecskms.sim.kms.KeyState;
import dev.ecskms.sim.kms.KeySummary;
import dev.ecskms.ui.common.ConsolePage;
import dev.ecskms.ui.common.ConsoleSession;
import dev.ecskms.ui.common.ErrorBanner;
import dev.ecskms.ui.common.Formats;
import dev.ecskms.ui.common.Icons;
import dev.ecskms.ui.common.ListPageLayout;
import dev.ecskms.ui.common.PagedList;
import dev.ecskms.ui.common.StatusTag;
import dev.ecskms.ui.common.Tables;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.antdesignicons.AntDesignIconsOutlined;

/**
 * ECS → Block Storage → Snapshots: "My Snapshots" and "Shared Snapshots" (those other accounts share with this
 * one), with Create Disk, Share and Delete.
 */
public final class SnapshotsPage implements ConsolePage {
    private final ConsoleSession session;
    private final SnapshotsModel model = new SnapshotsModel();
    private final SnapshotsController controller;
    private final StackPane root = new StackPane();

    public SnapshotsPage(ConsoleSession session) {
        this.session = session;
        this.controller = new SnapshotsController(session, model);
        root.setId("snapshotsPage");

        ErrorBanner banner = new ErrorBanner("snapshotsError", model.errorProperty(), controller::dismissError);

        TabPane tabs = ListPageLayout.tabs("snapshotTabs",
                ListPageLayout.tab("My Snapshots", "ownSnapshotsTab", list("ownSnapshot", model.ownRows(), false)),
                ListPageLayout.tab("Shared Snapshots", "sharedSnapshotsTab",
                        list("sharedSnapshot", model.sharedRows(), true)));
        root.getChildren().add(ListPageLayout.page("Snapshots", "A snapshot inherits its disk's encryption and key."
                + " Share a snapshot with another account to let it create disks from it.", tabs, banner));
    }

    @Override
    public String breadcrumb() {
        return "Elastic Compute Service / Block Storage / Snapshots";
    }

    @Override
    public Node view() {
        return root;
    }

    /** The snapshots (progress moves with the clock), their shares and keys. */
    @Override
    public Set<ChangeFeed.Topic> changeTopics() {
        return EnumSet.of(ChangeFeed.Topic.SNAPSHOTS, ChangeFeed.Topic.KMS_KEYS, ChangeFeed.Topic.KMS_ALIASES, ChangeFeed.Topic.ACCOUNTS, ChangeFeed.Topic.CLOCK);
    }

    @Override
    public void refresh() {
        controller.load();
    }

    public SnapshotsModel model() {
        return model;
    }

    private Node list(String idPrefix, PagedList<Snapshot> rows, boolean shared) {
        Label note = new Label(shared ? "Snapshots that other accounts share with you. A disk created from an"
                + " encrypted one is encrypted with your own key." : "Create snapshots from the Disks page.",
                Icons.icon(AntDesignIconsOutlined.INFO_CIRCLE));
        note.getStyleClass().add("toolbar-note");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        TextField search = ListPageLayout.searchField(idPrefix + "SearchField",
                "Search by snapshot ID, name, disk ID or key ID", 300, rows.queryProperty());
        Button refresh = ListPageLayout.refreshButton(idPrefix + "RefreshButton", controller::load,
                model.loadingProperty());
        HBox toolbar = new HBox(8, note, spacer, search, refresh);
        toolbar.setAlignment(Pos.CENTER_LEFT);
        toolbar.getStyleClass().add("table-toolbar");

        TableView<Snapshot> table = new TableView<>(rows.pageRows());
        table.setId(idPrefix + "Table");
        table.getStyleClass().addAll("console-table", "snapshot-table");
        Tables.fitOrScroll(table);
        table.setFixedCellSize(44);
        Label placeholder = new Label();
        placeholder.getStyleClass().add("table-placeholder");
        placeholder.textProperty().bind(Bindings.when(model.loadingProperty()).then("Loading...")
                .otherwise(shared ? "No snapshots are shared with this account in this region."
                        : "No snapshots in this region. Create one from a disk's Create Snapshot action."));
        table.setPlaceholder(placeholder);
        List<javafx.scene.control.TableColumn<Snapshot, ?>> columns = new ArrayList<>();
        columns.add(Tables.nodeColumn("Snapshot ID / Name", 178, s -> {
            Label id = new Label(s.snapshotId());
            id.getStyleClass().add("mono-id");
            return Tables.twoLines(id, s.snapshotName());
        }));
        if (shared) {
            columns.add(Tables.textColumn("Owner Account", 130, Snapshot::ownerId));
        }
        columns.add(Tables.nodeColumn("Source Disk", 150, s -> Tables.twoLines(new Label(s.sourceDiskId()),
                s.sourceDiskSize() + " GiB · " + s.sourceDiskCategory())));
        columns.add(Tables.nodeColumn("Status", 160, this::statusCell));
        columns.add(Tables.nodeColumn("Encrypted", 190, s -> encryptionCell(s, shared)));
        columns.add(Tables.textColumn("Creation Time", 130, s -> Formats.dateTime(s.creationTime())));
        columns.add(Tables.nodeColumn("Actions", 190, s -> actionsCell(s, shared)));
        table.getColumns().addAll(columns);
        if (!shared) {
            // a share added or stopped changes no snapshot, only its tag: redraw the rows
            model.sharedWithProperty().addListener((obs, old, now) -> table.refresh());
        }
        VBox.setVgrow(table, Priority.ALWAYS);

        VBox box = new VBox(12, toolbar, table, Tables.pager(idPrefix, rows));
        box.getStyleClass().add("snapshot-list");
        return box;
    }

    private Node statusCell(Snapshot s) {
        Node status;
        if (s.isAccomplished()) {
            status = StatusTag.tag("Completed", "status-success");
        } else {
            Label tag = StatusTag.tag("Progressing " + s.progress(), "status-info");
            ProgressBar bar = new ProgressBar(parseProgress(s.progress()));
            bar.setPrefWidth(100);
            bar.getStyleClass().add("snapshot-progress");
            VBox box = new VBox(3, tag, bar);
            box.setAlignment(Pos.CENTER_LEFT);
            status = box;
        }
        List<String> accounts = model.sharedWith(s.snapshotId());
        if (accounts.isEmpty()) {
            return status;
        }
        // shared by this account with others: they can create disks from it until the share is stopped
        Label shared = StatusTag.tag("Shared", "status-info");
        shared.setId("sharedTag-" + s.snapshotId());
        shared.setGraphic(Icons.icon(AntDesignIconsOutlined.SHARE_ALT));
        shared.setTooltip(new Tooltip("Shared with " + (accounts.size() == 1 ? "account " : "accounts ")
                + String.join(", ", accounts)));
        HBox line = new HBox(6, status, shared);
        line.setAlignment(Pos.CENTER_LEFT);
        return line;
    }

    private static double parseProgress(String progress) {
        try {
            return Integer.parseInt(progress.replace("%", "").trim()) / 100.0;
        } catch (RuntimeException e) {
            return ProgressBar.INDETERMINATE_PROGRESS;
        }
    }

    private Node encryptionCell(Snapshot s, boolean shared) {
        if (!s.encrypted()) {
            Label plain = new Label("Not encrypted");
            plain.getStyleClass().add("not-encrypted");
            return plain;
        }
        Label encrypted = new Label("Encrypted", Icons.icon(AntDesignIconsOutlined.LOCK));
        encrypted.getStyleClass().add("encrypted-label");
        Node keyNode;
        if (shared) {
            Label key = new Label("Owner's key " + Formats.shortId(s.kmsKeyId()));
            key.getStyleClass().add("cell-caption");
            key.setTooltip(new Tooltip("The owner's KMS key " + s.kmsKeyId() + "; your disks from this snapshot use"
                    + " your own key."));
            keyNode = key;
        } else {
            KeySummary summary = model.keys().get(s.kmsKeyId());
            Hyperlink link = new Hyperlink(model.keyName(s.kmsKeyId()));
            link.setId("snapshotKey-" + s.snapshotId());
            if (model.keyNames().denied()) {
                link.setTooltip(new Tooltip(model.keyNames().deniedNote(s.kmsKeyId())));
            }
            link.setOnAction(event -> session.navigator().openKey(s.kmsKeyId()));
            HBox line = new HBox(4, link);
            line.setAlignment(Pos.CENTER_LEFT);
            if (summary == null && !model.keyNames().denied()) {
                line.getChildren().add(StatusTag.tag("Key not found", "status-neutral"));
            } else if (summary != null && summary.metadata().keyState() != KeyState.Enabled) {
                line.getChildren().add(StatusTag.forKeyState(summary.metadata().keyState()));
            }
            keyNode = line;
        }
        VBox box = new VBox(1, encrypted, keyNode);
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }

    private Node actionsCell(Snapshot s, boolean shared) {
        String id = s.snapshotId();
        Hyperlink create = Tables.action("Create Disk", "create-disk-from", id,
                () -> session.navigator().createDiskFromSnapshot(id));
        create.setDisable(!s.isAccomplished());
        if (shared) {
            return Tables.actions(create);
        }
        Hyperlink share = Tables.action("Share", "share", id, () -> controller.openShare(s));
        Hyperlink delete = Tables.action("Delete", "delete-snapshot", id, () -> controller.openDelete(s));
        return Tables.actions(create, share, delete);
    }
}
