package dev.ecskms.ui.kms;

import dev.ecskms.sim.kms.KeyMetadata;
import dev.ecskms.sim.kms.KeyState;
import dev.ecskms.sim.kms.KeySummary;
import dev.ecskms.ui.common.Formats;
import dev.ecskms.ui.common.Icons;
import dev.ecskms.ui.common.ListPageLayout;
import dev.ecskms.ui.common.ServerPage;
import dev.ecskms.ui.common.StatusTag;
import dev.ecskms.ui.common.Tables;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.antdesignicons.AntDesignIconsOutlined;

/**
 * One tab of the Keys page: toolbar (Create Key, search, refresh), the key table and the pager. The Default Keys tab
 * uses the same view without Create Key and without the actions the owning service forbids.
 */
final class KeyListView extends VBox {
    private final ServerPage<KeySummary> model;
    private final KeyActions actions;
    private final Consumer<KeySummary> openDetails;

    /**
     * @param idPrefix "cmk" or "defaultKeys": node ids are {@code idPrefix + "Table"}, {@code + "SearchField"} …
     */
    KeyListView(String idPrefix, ServerPage<KeySummary> model, boolean serviceKeys, KeyActions actions,
            Consumer<KeySummary> openDetails, Runnable refresh, ReadOnlyBooleanProperty loading) {
        this.model = model;
        this.actions = actions;
        this.openDetails = openDetails;
        getStyleClass().add("key-list");
        setSpacing(12);

        HBox toolbar = new HBox(8);
        toolbar.getStyleClass().add("table-toolbar");
        toolbar.setAlignment(Pos.CENTER_LEFT);
        if (!serviceKeys) {
            Button create = new Button("Create Key", Icons.icon(AntDesignIconsOutlined.PLUS));
            create.setId("createKeyButton");
            create.getStyleClass().add("primary-button");
            create.setOnAction(event -> actions.openCreateKey());
            toolbar.getChildren().add(create);
        } else {
            Label note = new Label("Default keys are created and managed by cloud services such as ECS. You can use"
                    + " them but not disable, delete or re-alias them.", Icons.icon(AntDesignIconsOutlined.INFO_CIRCLE));
            note.getStyleClass().add("toolbar-note");
            note.setWrapText(true);
            toolbar.getChildren().add(note);
            HBox.setHgrow(note, Priority.SOMETIMES);
        }
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        TextField search = ListPageLayout.searchField(idPrefix + "SearchField",
                "Search by key ID, alias or description", 300, model.queryProperty());
        Button refreshButton = ListPageLayout.refreshButton(idPrefix + "RefreshButton", refresh, loading);
        toolbar.getChildren().addAll(spacer, search, refreshButton);

        TableView<KeySummary> table = buildTable(idPrefix);
        VBox.setVgrow(table, Priority.ALWAYS);
        Label placeholder = new Label();
        placeholder.textProperty().bind(Bindings.when(loading).then("Loading...").otherwise(
                Bindings.when(model.queryProperty().isEmpty())
                        .then(serviceKeys ? "No default keys in this region yet. A cloud service creates its key the"
                                + " first time it encrypts data." : "No keys in this region. Click Create Key to"
                                + " create one.")
                        .otherwise("No keys match the search.")));
        placeholder.getStyleClass().add("table-placeholder");
        table.setPlaceholder(placeholder);

        getChildren().addAll(toolbar, table, Tables.pager(idPrefix, model));
    }

    private TableView<KeySummary> buildTable(String idPrefix) {
        TableView<KeySummary> table = new TableView<>(model.pageRows());
        table.setId(idPrefix + "Table");
        table.getStyleClass().addAll("console-table", "key-table");
        Tables.fitOrScroll(table);
        table.setFixedCellSize(44);

        TableColumn<KeySummary, KeySummary> keyId = Tables.nodeColumn("Key ID", 242, summary -> {
            Hyperlink link = new Hyperlink(summary.metadata().keyId());
            link.getStyleClass().add("key-id-link");
            link.setMinWidth(Region.USE_PREF_SIZE);
            link.setOnAction(event -> openDetails.accept(summary));
            return link;
        });
        TableColumn<KeySummary, KeySummary> alias = Tables.nodeColumn("Alias", 106, summary -> {
            Label label = new Label(summary.aliases().isEmpty() ? Formats.NONE : String.join("\n", summary.aliases()));
            label.getStyleClass().add("alias-text");
            return label;
        });
        TableColumn<KeySummary, KeySummary> status = Tables.nodeColumn("Status", 118, this::statusCell);
        TableColumn<KeySummary, String> spec = Tables.textColumn("Key Spec", 104,
                s -> s.metadata().keySpec());
        TableColumn<KeySummary, String> protection = Tables.textColumn("Protection Level",
                112, s -> s.metadata().protectionLevel());
        TableColumn<KeySummary, KeySummary> rotation = Tables.nodeColumn("Rotation", 95, this::rotationCell);
        TableColumn<KeySummary, String> created = Tables.textColumn("Creation Time", 128,
                s -> Formats.dateTime(s.metadata().creationDate()));
        TableColumn<KeySummary, KeySummary> actionColumn = Tables.nodeColumn("Actions", 212, this::actionsCell);
        actionColumn.setSortable(false);
        table.getColumns().addAll(java.util.List.of(keyId, alias, status, spec, protection, rotation, created,
                actionColumn));
        return table;
    }

    /** Automatic rotation state, with the interval underneath when it is on. */
    private Node rotationCell(KeySummary summary) {
        KeyMetadata metadata = summary.metadata();
        Label state = new Label(Formats.orNone(metadata.automaticRotation()));
        if (!"Enabled".equals(metadata.automaticRotation()) || metadata.rotationInterval() == null) {
            return state;
        }
        Label interval = new Label("Every " + Formats.interval(metadata.rotationInterval()));
        interval.getStyleClass().add("cell-caption");
        VBox box = new VBox(2, state, interval);
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }

    private Node statusCell(KeySummary summary) {
        KeyMetadata metadata = summary.metadata();
        Label tag = StatusTag.forKeyState(metadata.keyState());
        if (metadata.keyState() == KeyState.PendingDeletion && metadata.deleteDate() != null) {
            Label when = new Label("Deletes " + Formats.date(metadata.deleteDate()));
            when.setTooltip(new Tooltip("Scheduled deletion: " + Formats.dateTimeUtc(metadata.deleteDate())));
            when.getStyleClass().add("cell-caption");
            VBox box = new VBox(2, tag, when);
            box.setAlignment(Pos.CENTER_LEFT);
            return box;
        }
        return tag;
    }

    private Node actionsCell(KeySummary summary) {
        KeyMetadata metadata = summary.metadata();
        String keyId = metadata.keyId();
        HBox links = new HBox(2);
        links.setAlignment(Pos.CENTER_LEFT);
        links.getStyleClass().add("action-links");
        links.getChildren().add(Tables.action("Details", "details", keyId, () -> openDetails.accept(summary)));
        if (metadata.isServiceKey()) {
            Label managed = new Label("Managed by " + KeyNames.serviceName(metadata.managedBy()));
            managed.getStyleClass().add("managed-note");
            managed.setTooltip(new Tooltip("This default key belongs to " + KeyNames.serviceName(metadata.managedBy())
                    + ": it cannot be disabled or scheduled for deletion."));
            links.getChildren().add(managed);
            return links;
        }
        switch (metadata.keyState()) {
            case Enabled -> links.getChildren().add(
                    Tables.action("Disable", "disable", keyId, () -> actions.openDisable(keyId, summary.aliases())));
            case Disabled -> links.getChildren().add(
                    Tables.action("Enable", "enable", keyId, () -> actions.enable(keyId)));
            default -> { }
        }
        if (metadata.keyState() == KeyState.PendingDeletion) {
            links.getChildren().add(Tables.action("Cancel Deletion", "cancel-deletion", keyId,
                    () -> actions.openCancelDeletion(keyId, summary.aliases())));
        } else {
            links.getChildren().add(Tables.action("Schedule Deletion", "schedule-deletion", keyId,
                    () -> actions.openScheduleDeletion(keyId, summary.aliases())));
        }
        return links;
    }
}
