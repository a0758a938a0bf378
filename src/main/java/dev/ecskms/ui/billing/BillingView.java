package dev.ecskms.ui.billing;

import dev.ecskms.sim.ecs.BillingStatement;
import dev.ecskms.ui.common.ErrorBanner;
import dev.ecskms.ui.common.Formats;
import dev.ecskms.ui.common.ListPageLayout;
import dev.ecskms.ui.common.StatusTag;
import dev.ecskms.ui.common.Tables;
import java.time.format.DateTimeFormatter;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.chart.AreaChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * Billing: three figures (the hourly cost of what runs now, the month so far, the window's total), the chart of the
 * window's accumulated cost per simulated day (with each day's cost), and the dense table of what bills now.
 */
final class BillingView extends VBox {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MM-dd");
    static final String ENCRYPTION_FREE = "Encryption: free. An encrypted disk costs what the same plain disk costs,"
            + " and the KMS calls ECS makes for its data key are not charged.";

    private final BillingModel model;
    private final AreaChart<String, Number> chart;

    BillingView(BillingModel model, BillingController controller) {
        this.model = model;
        setId("billingPage");
        getStyleClass().add("billing-page");
        getStylesheets().add(BillingView.class.getResource("/assets/billing.css").toExternalForm());

        ErrorBanner banner = new ErrorBanner("billingError", model.errorProperty(), controller::dismissError);
        this.chart = chart();
        TableView<BillingStatement.Line> table = table();
        VBox.setVgrow(table, Priority.ALWAYS);
        Label note = Tables.callout("encryptionFreeNote", ENCRYPTION_FREE, "info");
        Label tableTitle = new Label("Billing now (pay-as-you-go): instances while Running, disks while they exist");
        tableTitle.getStyleClass().add("billing-section-title");
        VBox content = new VBox(10, figures(controller), chart, tableTitle, table, note);
        VBox page = ListPageLayout.page("Billing", "The pay-as-you-go cost of this account's instances and cloud disks"
                + " in the selected region, from when each really ran or existed on the simulated clock. Prices come"
                + " from the same price list as the purchase page, the Create Disk wizard and DescribePrice.", content,
                banner);
        VBox.setVgrow(page, Priority.ALWAYS);
        getChildren().add(page);
        model.days().addListener((ListChangeListener<BillingStatement.Day>) change -> redraw());
        redraw();
    }

    private HBox figures(BillingController controller) {
        Label hourly = figure("billingHourlyTotal");
        hourly.textProperty().bind(Bindings.createStringBinding(() -> Formats.usd(model.hourlyTotalProperty().get())
                + " / hour", model.hourlyTotalProperty()));
        Label month = figure("billingMonthToDate");
        month.textProperty().bind(Bindings.createStringBinding(() -> Formats.usd(model.monthToDateProperty().get()),
                model.monthToDateProperty()));
        Label window = figure("billingWindowTotal");
        window.textProperty().bind(Bindings.createStringBinding(() -> Formats.usd(model.windowTotalProperty().get()),
                model.windowTotalProperty()));
        Label windowCaption = new Label();
        windowCaption.textProperty().bind(Bindings.createStringBinding(() -> "Last " + model.windowProperty().get()
                + " simulated days", model.windowProperty()));
        Label asOf = new Label();
        asOf.setId("billingAsOf");
        asOf.getStyleClass().add("billing-caption");
        asOf.textProperty().bind(Bindings.createStringBinding(() -> model.asOfProperty().get() == null ? ""
                : "As of " + Formats.dateTimeUtc(model.asOfProperty().get()) + " (simulated)", model.asOfProperty()));

        ComboBox<Integer> windows = new ComboBox<>();
        windows.setId("billingWindowChoice");
        windows.getItems().setAll(BillingModel.WINDOWS);
        windows.setCellFactory(list -> windowCell());
        windows.setButtonCell(windowCell());
        windows.setValue(model.windowProperty().get());
        windows.valueProperty().addListener((obs, old, days) -> {
            if (days != null) {
                controller.showWindow(days);
            }
        });
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        VBox right = new VBox(4, windows, asOf);
        right.setAlignment(Pos.TOP_RIGHT);
        HBox row = new HBox(12, box(hourly, "Hourly cost of what bills now"), box(month, "This month so far"),
                box(window, windowCaption), spacer, right);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    private static Label figure(String id) {
        Label l = new Label();
        l.setId(id);
        l.getStyleClass().add("billing-figure");
        return l;
    }

    private static VBox box(Label figure, String caption) {
        Label c = new Label(caption);
        return box(figure, c);
    }

    private static VBox box(Label figure, Label caption) {
        caption.getStyleClass().add("billing-caption");
        VBox box = new VBox(2, figure, caption);
        box.getStyleClass().add("billing-figure-box");
        return box;
    }

    private static ListCell<Integer> windowCell() {
        return new ListCell<>() {
            @Override
            protected void updateItem(Integer item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : "Last " + item + " days");
            }
        };
    }

    private static AreaChart<String, Number> chart() {
        NumberAxis usd = new NumberAxis();
        usd.setForceZeroInRange(true);
        usd.setMinorTickVisible(false);
        usd.setLabel("USD");
        AreaChart<String, Number> chart = new AreaChart<>(new CategoryAxis(), usd);
        chart.setId("billingChart");
        chart.getStyleClass().add("billing-chart");
        chart.setAnimated(false);
        chart.setCreateSymbols(true);
        chart.setLegendVisible(true);
        chart.setLegendSide(javafx.geometry.Side.RIGHT);
        chart.setPrefHeight(200);
        chart.setMinHeight(150);
        chart.setVerticalGridLinesVisible(false);
        return chart;
    }

    private void redraw() {
        List<BillingStatement.Day> days = List.copyOf(model.days());
        XYChart.Series<String, Number> accumulated = new XYChart.Series<>();
        accumulated.setName("Accumulated cost");
        XYChart.Series<String, Number> daily = new XYChart.Series<>();
        daily.setName("Cost of the day");
        for (BillingStatement.Day d : days) {
            String label = DAY.format(d.day());
            accumulated.getData().add(point(label, d.accumulated(), d));
            daily.getData().add(point(label, d.cost(), d));
        }
        ((CategoryAxis) chart.getXAxis()).getCategories().setAll(accumulated.getData().stream()
                .map(XYChart.Data::getXValue).toList());
        chart.getData().setAll(List.of(accumulated, daily));
    }

    private static XYChart.Data<String, Number> point(String label, double value, BillingStatement.Day d) {
        XYChart.Data<String, Number> data = new XYChart.Data<>(label, value);
        data.nodeProperty().addListener((obs, old, node) -> {
            if (node != null) {
                Tooltip.install(node, new Tooltip(d.day() + " (UTC): " + Formats.usd(d.cost()) + " that day, "
                        + Formats.usd(d.accumulated()) + " since the first day shown"));
            }
        });
        return data;
    }

    private TableView<BillingStatement.Line> table() {
        TableView<BillingStatement.Line> table = new TableView<>(model.running());
        table.setId("billingTable");
        table.setPlaceholder(new Label("Nothing in this region bills now: no disks, no running instances."));
        table.getColumns().add(Tables.textColumn("Resource ID", 190, BillingStatement.Line::resourceId));
        table.getColumns().add(Tables.textColumn("Type", 110, l -> l.resourceType().equals("Disk")
                ? ("system".equals(l.diskType()) ? "System disk" : "Data disk") : "Instance"));
        table.getColumns().add(Tables.textColumn("Configuration", 200, BillingView::configuration));
        table.getColumns().add(Tables.nodeColumn("Encryption", 110, l -> l.resourceType().equals("Disk")
                ? (l.encrypted() ? StatusTag.tag("Encrypted", "status-success") : StatusTag.tag("Not encrypted",
                        "status-neutral")) : new Label(Formats.NONE)));
        table.getColumns().add(Tables.textColumn("Hourly cost", 100, l -> Formats.usd(l.hourlyPrice())));
        table.getColumns().add(Tables.textColumn("Billing since", 150, l -> Formats.dateTimeUtc(l.since())));
        table.getColumns().add(Tables.textColumn("Cost since then", 110, l -> Formats.usd(l.costSoFar())));
        Tables.fitOrScroll(table);
        return table;
    }

    /** "ecs.g7.large", or "ESSD PL1 · 100 GiB". */
    static String configuration(BillingStatement.Line l) {
        if (!l.resourceType().equals("Disk")) {
            return l.spec();
        }
        String category = dev.ecskms.sim.ecs.Catalog.findDiskCategory(l.spec()).map(c -> c.displayName())
                .orElse(l.spec());
        return category + (l.performanceLevel() == null ? "" : " " + l.performanceLevel()) + " · " + l.sizeGiB()
                + " GiB";
    }
}
