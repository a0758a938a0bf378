package dev.ecskms.ui.kms;

import dev.ecskms.sim.kms.KeyMetadata;
import dev.ecskms.sim.kms.KeyState;
import dev.ecskms.sim.kms.KeySummary;
import dev.ecskms.ui.common.Formats;
import dev.ecskms.ui.common.Icons;
import dev.ecskms.ui.common.StatusTag;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
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
    private final KeyListModel model;
    private final KeyActions actions;
    private final Consumer<KeySummary> openDetails;

    /**
     * @param idPrefix "cmk" or "defaultKeys": node ids are {@code idPrefix + "Table"}, {@code + "SearchField"} …
     */
    KeyListView(String idPrefix, KeyListModel model, boolean serviceKeys, KeyActions actions,
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
        TextField search = new TextField();
        search.setId(idPrefix + "SearchField");
        search.setPromptText("Search by key ID, alias or description");
        search.setPrefWidth(300);
        search.textProperty().bindBidirectional(model.queryProperty());
        Button refreshButton = new Button(null, Icons.icon(AntDesignIconsOutlined.RELOAD));
        refreshButton.setId(idPrefix + "RefreshButton");
        refreshButton.getStyleClass().add("icon-only");
        refreshButton.setTooltip(new Tooltip("Refresh"));
        refreshButton.setOnAction(event -> refresh.run());
        refreshButton.disableProperty().bind(loading);
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

        getChildren().addAll(toolbar, table, pager(idPrefix));
    }

    private TableView<KeySummary> buildTable(String idPrefix) {
        TableView<KeySummary> table = new TableView<>(model.pageRows());
        table.setId(idPrefix + "Table");
        table.getStyleClass().addAll("console-table", "key-table");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setFixedCellSize(44);

        TableColumn<KeySummary, KeySummary> keyId = nodeColumn("Key ID", 242, summary -> {
            Hyperlink link = new Hyperlink(summary.metadata().keyId());
            link.getStyleClass().add("key-id-link");
            link.setMinWidth(Region.USE_PREF_SIZE);
            link.setOnAction(event -> openDetails.accept(summary));
            return link;
        });
        TableColumn<KeySummary, KeySummary> alias = nodeColumn("Alias", 106, summary -> {
            Label label = new Label(summary.aliases().isEmpty() ? Formats.NONE : String.join("\n", summary.aliases()));
            label.getStyleClass().add("alias-text");
            return label;
        });
        TableColumn<KeySummary, KeySummary> status = nodeColumn("Status", 118, this::statusCell);
        TableColumn<KeySummary, String> spec = textColumn("Key Spec", 104, m -> m.keySpec());
        TableColumn<KeySummary, String> protection = textColumn("Protection Level", 98, m -> m.protectionLevel());
        TableColumn<KeySummary, KeySummary> rotation = nodeColumn("Rotation", 95, this::rotationCell);
        TableColumn<KeySummary, String> created = textColumn("Creation Time", 128,
                m -> Formats.dateTime(m.creationDate()));
        TableColumn<KeySummary, KeySummary> actionColumn = nodeColumn("Actions", 212, this::actionsCell);
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
        links.getChildren().add(action("Details", "details", keyId, () -> openDetails.accept(summary)));
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
                    action("Disable", "disable", keyId, () -> actions.openDisable(keyId, summary.aliases())));
            case Disabled -> links.getChildren().add(
                    action("Enable", "enable", keyId, () -> actions.enable(keyId)));
            default -> { }
        }
        if (metadata.keyState() == KeyState.PendingDeletion) {
            links.getChildren().add(action("Cancel Deletion", "cancel-deletion", keyId,
                    () -> actions.openCancelDeletion(keyId, summary.aliases())));
        } else {
            links.getChildren().add(action("Schedule Deletion", "schedule-deletion", keyId,
                    () -> actions.openScheduleDeletion(keyId, summary.aliases())));
        }
        return links;
    }

    /** An action link; its id ("disable-" + key id) and user data (the key id) let tests find it. */
    private static Hyperlink action(String text, String action, String keyId, Runnable onClick) {
        Hyperlink link = new Hyperlink(text);
        link.setId(action + "-" + keyId);
        link.setUserData(keyId);
        link.setMinWidth(Region.USE_PREF_SIZE);
        link.getStyleClass().addAll("key-action", "action-" + action);
        link.setOnAction(event -> onClick.run());
        return link;
    }

    private static TableColumn<KeySummary, String> textColumn(String title, double width,
            Function<KeyMetadata, String> value) {
        TableColumn<KeySummary, String> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(
                Formats.orNone(value.apply(cell.getValue().metadata()))));
        return column;
    }

    private static TableColumn<KeySummary, KeySummary> nodeColumn(String title, double width,
            Function<KeySummary, Node> render) {
        TableColumn<KeySummary, KeySummary> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue()));
        column.setCellFactory(ignored -> new TableCell<>() {
            @Override
            protected void updateItem(KeySummary item, boolean empty) {
                super.updateItem(item, empty);
                setText(null);
                setGraphic(empty || item == null ? null : render.apply(item));
            }
        });
        return column;
    }

    private Node pager(String idPrefix) {
        Label total = new Label();
        total.setId(idPrefix + "TotalLabel");
        total.textProperty().bind(Bindings.format("Total: %d", model.totalCountProperty()));
        total.getStyleClass().add("pager-total");
        Button previous = new Button(null, Icons.icon(AntDesignIconsOutlined.LEFT));
        previous.setId(idPrefix + "PreviousPage");
        previous.getStyleClass().add("pager-button");
        previous.disableProperty().bind(model.pageIndexProperty().lessThanOrEqualTo(0));
        previous.setOnAction(event -> model.pageIndexProperty().set(model.pageIndexProperty().get() - 1));
        Button next = new Button(null, Icons.icon(AntDesignIconsOutlined.RIGHT));
        next.setId(idPrefix + "NextPage");
        next.getStyleClass().add("pager-button");
        next.disableProperty().bind(model.pageIndexProperty().greaterThanOrEqualTo(
                model.pageCountProperty().subtract(1)));
        next.setOnAction(event -> model.pageIndexProperty().set(model.pageIndexProperty().get() + 1));
        Label page = new Label();
        page.setId(idPrefix + "PageLabel");
        page.textProperty().bind(Bindings.format("%d / %d", model.pageIndexProperty().add(1),
                model.pageCountProperty()));
        page.getStyleClass().add("pager-page");
        Label size = new Label(KeyListModel.PAGE_SIZE + " / page");
        size.getStyleClass().add("pager-size");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox pager = new HBox(8, spacer, total, previous, page, next, size);
        pager.setAlignment(Pos.CENTER_RIGHT);
        pager.getStyleClass().add("pager");
        return pager;
    }
}
