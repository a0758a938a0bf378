package dev.ecskms.ui.trail;

import dev.ecskms.sim.trail.TrailEvent;
import dev.ecskms.sim.trail.TrailRecorder;
import dev.ecskms.ui.common.ConsoleSession;
import dev.ecskms.ui.common.ErrorBanner;
import dev.ecskms.ui.common.Formats;
import dev.ecskms.ui.common.Icons;
import dev.ecskms.ui.common.ListPageLayout;
import dev.ecskms.ui.common.Tables;
import dev.ecskms.ui.trail.EventQueryModel.ReadWrite;
import dev.ecskms.ui.trail.EventQueryModel.TimeRange;
import java.time.ZoneOffset;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
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
 * ActionTrail → Event Query: the filters, the timeline of what they match, the dense event table with its pager.
 * Text filters apply on Search (or Enter); the time range, Read/Write and Errors only at once.
 */
final class EventQueryView extends VBox {
    private final ConsoleSession session;
    private final EventQueryModel model;
    private final EventQueryController controller;

    EventQueryView(ConsoleSession session, EventQueryModel model, EventQueryController controller) {
        this.session = session;
        this.model = model;
        this.controller = controller;
        setId("trailPage");
        getStyleClass().add("trail-page");

        ErrorBanner banner = new ErrorBanner("trailError", model.errorProperty(), controller::dismissError);
        TableView<TrailEvent> table = table();
        VBox.setVgrow(table, Priority.ALWAYS);
        VBox content = new VBox(10, filters(), timelineHeader(), new TrailTimeline(model.timeline(),
                bucket -> {
                    model.timeRangeProperty().set(TimeRange.CUSTOM);
                    model.customStartProperty().set(input(bucket.start()));
                    model.customEndProperty().set(input(bucket.end()));
                    controller.search();
                }), table, pager());
        VBox page = ListPageLayout.page("Event Query", "The calls to KMS, ECS and RAM in this region by anyone: console"
                + " clicks, API scripts, and cloud services acting through their service roles.", content, banner);
        VBox.setVgrow(page, Priority.ALWAYS);
        getChildren().add(page);
        getStylesheets().add(EventQueryView.class.getResource("/assets/trail.css").toExternalForm());
    }

    // ---- filters

    private Node filters() {
        ComboBox<TimeRange> range = new ComboBox<>();
        range.setId("trailTimeRange");
        range.getItems().setAll(TimeRange.values());
        range.valueProperty().bindBidirectional(model.timeRangeProperty());
        // A ComboBox announces its action before its value reaches its bindings: the handlers pass the value on.
        range.setOnAction(event -> {
            model.timeRangeProperty().set(range.getValue());
            if (range.getValue() == TimeRange.CUSTOM) {
                controller.customRangeChosen();
            } else {
                controller.search();
            }
        });
        TextField from = field("trailCustomStart", "yyyy-MM-dd HH:mm:ss", 150, model.customStartProperty());
        TextField to = field("trailCustomEnd", "yyyy-MM-dd HH:mm:ss", 150, model.customEndProperty());
        Label dash = new Label("to");
        HBox custom = new HBox(6, from, dash, to);
        custom.setAlignment(Pos.CENTER_LEFT);
        custom.visibleProperty().bind(model.timeRangeProperty().isEqualTo(TimeRange.CUSTOM));
        custom.managedProperty().bind(custom.visibleProperty());
        Label rangeError = new Label();
        rangeError.setId("trailRangeError");
        rangeError.getStyleClass().add("inline-error");
        rangeError.textProperty().bind(model.rangeErrorProperty());
        rangeError.visibleProperty().bind(model.rangeErrorProperty().isNotNull());
        rangeError.managedProperty().bind(rangeError.visibleProperty());

        ComboBox<ReadWrite> readWrite = new ComboBox<>();
        readWrite.setId("trailReadWrite");
        readWrite.getItems().setAll(ReadWrite.values());
        readWrite.valueProperty().bindBidirectional(model.readWriteProperty());
        readWrite.setOnAction(event -> {
            model.readWriteProperty().set(readWrite.getValue());
            controller.search();
        });
        readWrite.setTooltip(new Tooltip("Read/Write type: reads (Describe…, List…) or writes and key use"));
        Label readWriteLabel = new Label("Read/Write");
        readWriteLabel.getStyleClass().add("filter-label");
        CheckBox errorsOnly = new CheckBox("Errors only");
        errorsOnly.setId("trailErrorsOnly");
        errorsOnly.selectedProperty().bindBidirectional(model.errorsOnlyProperty());
        errorsOnly.setOnAction(event -> controller.search());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Button refresh = ListPageLayout.refreshButton("trailRefreshButton", controller::load,
                model.loadingProperty());
        Label rangeLabel = new Label("Time range");
        rangeLabel.getStyleClass().add("filter-label");
        HBox first = new HBox(8, rangeLabel, range, custom, rangeError, spacer, readWriteLabel, readWrite,
                errorsOnly, refresh);
        first.setAlignment(Pos.CENTER_LEFT);

        ComboBox<String> eventName = new ComboBox<>();
        eventName.setId("trailEventName");
        eventName.setEditable(true);
        eventName.setPromptText("Event name");
        eventName.getItems().setAll(TrailRecorder.eventNames());
        eventName.setVisibleRowCount(14);
        eventName.getEditor().textProperty().bindBidirectional(model.eventNameProperty());
        eventName.setOnAction(event -> {
            model.eventNameProperty().set(eventName.getValue() == null ? "" : eventName.getValue());
            controller.search();
        });
        eventName.setPrefWidth(170);
        eventName.setMinWidth(120);
        TextField resource = field("trailResourceId", "Resource ID (d-…, i-…, key-…)", 180,
                model.resourceIdProperty());
        TextField identity = field("trailIdentity", "Identity: root, user, role or i-…", 190,
                model.identityProperty());
        identity.setTooltip(new Tooltip("root, a RAM user's name, a role's name, or what a service role acted"
                + " for (an instance ID)"));
        TextField key = field("trailKeyId", "Key ID", 190, model.keyIdProperty());
        Button search = new Button("Search", Icons.icon(AntDesignIconsOutlined.SEARCH));
        search.setId("trailSearchButton");
        search.getStyleClass().add("primary-button");
        search.setMinWidth(Region.USE_PREF_SIZE);
        search.setOnAction(event -> controller.search());
        Hyperlink reset = new Hyperlink("Reset");
        reset.setId("trailResetLink");
        reset.setMinWidth(Region.USE_PREF_SIZE);
        reset.setOnAction(event -> controller.reset());
        HBox second = new HBox(8, eventName, resource, identity, key, search, reset);
        second.setAlignment(Pos.CENTER_LEFT);
        for (Node node : List.of(resource, identity, key)) {
            HBox.setHgrow(node, Priority.SOMETIMES);
        }
        VBox filters = new VBox(8, first, second);
        filters.getStyleClass().add("trail-filters");
        return filters;
    }

    private TextField field(String id, String prompt, double width, javafx.beans.property.StringProperty value) {
        TextField field = new TextField();
        field.setId(id);
        field.setPromptText(prompt);
        field.setPrefWidth(width);
        field.setMinWidth(100);
        field.textProperty().bindBidirectional(value);
        field.setOnAction(event -> controller.search());
        return field;
    }

    /** "Events: 12 · 2026-11-29 10:00 – 2026-11-30 10:00 UTC", and the legend of the bar colours. */
    private Node timelineHeader() {
        Label summary = new Label();
        summary.setId("trailSummary");
        summary.getStyleClass().add("trail-summary");
        summary.textProperty().bind(Bindings.createStringBinding(() -> {
            if (model.shownStartProperty().get() == null) {
                return "Events";
            }
            return "Events: " + model.totalProperty().get() + "   " + Formats.dateTime(model.shownStartProperty()
                    .get()) + " – " + Formats.dateTimeUtc(model.shownEndProperty().get());
        }, model.totalProperty(), model.shownStartProperty(), model.shownEndProperty()));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Label hint = new Label("Click a bar to zoom in");
        hint.getStyleClass().add("cell-caption");
        HBox header = new HBox(12, summary, spacer, hint, legend("Success", "trail-legend-success"),
                legend("Errors", "trail-legend-error"));
        header.setAlignment(Pos.CENTER_LEFT);
        return header;
    }

    private static Label legend(String text, String styleClass) {
        Region swatch = new Region();
        swatch.getStyleClass().addAll("trail-legend-swatch", styleClass);
        Label label = new Label(text, swatch);
        label.getStyleClass().add("trail-legend");
        return label;
    }

    // ---- the table

    private TableView<TrailEvent> table() {
        TableView<TrailEvent> table = new TableView<>(model.events());
        table.setId("trailTable");
        table.getStyleClass().addAll("console-table", "trail-table");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setFixedCellSize(44);
        table.setMinHeight(180);

        TableColumn<TrailEvent, String> time = Tables.textColumn("Time (UTC)", 128,
                e -> Formats.dateTime(e.eventTime()));
        time.setSortable(false);
        TableColumn<TrailEvent, TrailEvent> who = Tables.nodeColumn("Identity", 212, this::identityCell);
        TableColumn<TrailEvent, TrailEvent> name = Tables.nodeColumn("Event Name", 118, this::eventCell);
        TableColumn<TrailEvent, TrailEvent> resource = Tables.nodeColumn("Resource", 172, e -> {
            // a key's id is written in full in the next column; here its short form keeps the column narrow
            boolean theKey = e.resourceName() != null && e.resourceName().equals(e.kmsKeyId());
            Label id = new Label(theKey ? Formats.shortId(e.resourceName()) : Formats.orNone(e.resourceName()));
            id.getStyleClass().add("trail-resource");
            id.setTooltip(e.resourceName() == null ? null : new Tooltip(e.resourceName()));
            return Tables.twoLines(id, e.resourceType());
        });
        TableColumn<TrailEvent, TrailEvent> key = Tables.nodeColumn("Key ID / Version", 252, this::keyCell);
        TableColumn<TrailEvent, TrailEvent> result = Tables.nodeColumn("Result", 108, TrailText::resultTag);
        TableColumn<TrailEvent, TrailEvent> request = Tables.nodeColumn("Request ID", 110, e -> {
            Label id = new Label(e.requestId() == null ? Formats.NONE : e.requestId().substring(0,
                    Math.min(8, e.requestId().length())) + "\u2026");
            id.getStyleClass().addAll("mono", "trail-request-id");
            id.setTooltip(new Tooltip(e.requestId()));
            return Tables.twoLines(id, "via " + TrailText.source(e));
        });
        table.getColumns().addAll(List.of(time, who, name, resource, key, result, request));

        Label placeholder = new Label();
        placeholder.setId("trailPlaceholder");
        placeholder.getStyleClass().add("table-placeholder");
        placeholder.setWrapText(true);
        placeholder.setMaxWidth(560);
        placeholder.textProperty().bind(Bindings.when(model.loadingProperty().and(
                Bindings.isEmpty(model.events()))).then("Loading...").otherwise(Bindings.when(model.narrowedProperty())
                .then("No events match these filters in this time range. Widen the time range, or click Reset"
                        + " to clear the filters.")
                .otherwise("No events in this time range. Every call is recorded here as it happens: create a"
                        + " key, buy or start an instance, or run an SDK script against the endpoint, and its"
                        + " events appear without a refresh. Pick a longer time range to see older ones.")));
        table.setPlaceholder(placeholder);
        return table;
    }

    /** Who, on two lines: the principal, and for a service role what it acted for. */
    private Node identityCell(TrailEvent event) {
        Label principal = new Label(switch (event.identityType()) {
            case ROOT_ACCOUNT -> "root";
            case RAM_USER -> event.principalName();
            case ASSUMED_ROLE -> event.principalName();
        });
        principal.getStyleClass().add("trail-identity");
        principal.setTooltip(new Tooltip(TrailText.identity(event)));
        String caption = switch (event.identityType()) {
            case ROOT_ACCOUNT -> "Alibaba Cloud account";
            case RAM_USER -> "RAM user";
            case ASSUMED_ROLE -> event.sessionName() == null ? "Service role" : "for " + event.sessionName();
        };
        return Tables.twoLines(principal, caption);
    }

    /** The event name opens the full record; under it the service and whether it reads or writes. */
    private Node eventCell(TrailEvent event) {
        Hyperlink link = new Hyperlink(event.eventName());
        link.setId("event-" + event.eventId());
        link.setUserData(event.eventId());
        link.getStyleClass().add("trail-event-link");
        link.setMinWidth(Region.USE_PREF_SIZE);
        link.setOnAction(e -> new EventDetailsDialog(session.modals(), event).show());
        return Tables.twoLines(link, event.serviceName() + " · " + TrailText.readWrite(event));
    }

    /** The key links to its details; its version underneath. */
    private Node keyCell(TrailEvent event) {
        if (event.kmsKeyId() == null) {
            return new Label(Formats.NONE);
        }
        Hyperlink link = new Hyperlink(event.kmsKeyId());
        link.getStyleClass().add("trail-key-link");
        link.setOnAction(e -> session.navigator().openKey(event.kmsKeyId()));
        link.setMinWidth(Region.USE_PREF_SIZE);
        return Tables.twoLines(link, event.kmsKeyVersionId()); // the column's title says it is the version
    }

    // ---- pager

    private Node pager() {
        Label total = new Label();
        total.setId("trailTotalLabel");
        total.getStyleClass().add("pager-total");
        total.textProperty().bind(Bindings.format("Total: %d", model.totalProperty()));
        Button previous = new Button(null, Icons.icon(AntDesignIconsOutlined.LEFT));
        previous.setId("trailPreviousPage");
        previous.getStyleClass().add("pager-button");
        previous.disableProperty().bind(model.pageIndexProperty().lessThanOrEqualTo(0));
        previous.setOnAction(event -> controller.previousPage());
        Label page = new Label();
        page.setId("trailPageLabel");
        page.getStyleClass().add("pager-page");
        page.textProperty().bind(Bindings.format("%d / %d", model.pageIndexProperty().add(1),
                model.pageCountProperty()));
        Button next = new Button(null, Icons.icon(AntDesignIconsOutlined.RIGHT));
        next.setId("trailNextPage");
        next.getStyleClass().add("pager-button");
        next.disableProperty().bind(model.hasNextPageProperty().not());
        next.setOnAction(event -> controller.nextPage());
        Label size = new Label(EventQueryController.PAGE_SIZE + " / page");
        size.getStyleClass().add("pager-size");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox pager = new HBox(8, spacer, total, previous, page, next, size);
        pager.setAlignment(Pos.CENTER_RIGHT);
        pager.getStyleClass().add("pager");
        return pager;
    }

    private static String input(java.time.Instant instant) {
        return EventQueryController.INPUT_TIME.format(instant.atOffset(ZoneOffset.UTC));
    }
}
