package dev.ecskms.ui.trail;

import dev.ecskms.sim.trail.TrailBucket;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Consumer;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.StackedBarChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Tooltip;

/**
 * The compact chart above the event table: the applied filters' events per time slice, successes blue and errors
 * red, stacked. A click on a bar narrows the query to that slice.
 */
final class TrailTimeline extends StackedBarChart<String, Number> {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY_TIME =
            DateTimeFormatter.ofPattern("MM-dd HH:mm").withZone(ZoneOffset.UTC);

    private final ObservableList<TrailBucket> buckets;
    private final Consumer<TrailBucket> onBarClicked;

    TrailTimeline(ObservableList<TrailBucket> buckets, Consumer<TrailBucket> onBarClicked) {
        super(new CategoryAxis(), new NumberAxis());
        this.buckets = buckets;
        this.onBarClicked = onBarClicked;
        setId("trailTimeline");
        getStyleClass().add("trail-timeline");
        setAnimated(false);
        setLegendVisible(false);
        setCategoryGap(2);
        setVerticalGridLinesVisible(false);
        setHorizontalZeroLineVisible(false);
        setPrefHeight(110); // compact: the table below keeps most of a 768-pixel screen
        setMinHeight(90);
        NumberAxis counts = (NumberAxis) getYAxis();
        counts.setMinorTickVisible(false);
        counts.setForceZeroInRange(true);
        counts.setTickLabelFormatter(new NumberAxis.DefaultFormatter(counts) {
            @Override
            public String toString(Number value) {
                // whole events only: the axis' fractional ticks would read 0.5 events
                return value.doubleValue() == Math.rint(value.doubleValue()) ? super.toString(value) : "";
            }
        });
        buckets.addListener((ListChangeListener<TrailBucket>) change -> redraw());
        redraw();
    }

    private void redraw() {
        List<TrailBucket> list = List.copyOf(buckets);
        boolean acrossDays = !list.isEmpty()
                && Duration.between(list.get(0).start(), list.get(list.size() - 1).end()).compareTo(Duration.ofDays(1)) > 0;
        XYChart.Series<String, Number> successes = new XYChart.Series<>();
        successes.setName("Success");
        XYChart.Series<String, Number> failures = new XYChart.Series<>();
        failures.setName("Errors");
        int max = 0;
        for (TrailBucket bucket : list) {
            String label = (acrossDays ? DAY_TIME : TIME).format(bucket.start());
            successes.getData().add(bar(label, bucket.successes(), bucket));
            failures.getData().add(bar(label, bucket.failures(), bucket));
            max = Math.max(max, bucket.total());
        }
        ((CategoryAxis) getXAxis()).getCategories().setAll(successes.getData().stream().map(XYChart.Data::getXValue)
                .toList());
        NumberAxis counts = (NumberAxis) getYAxis();
        counts.setAutoRanging(false);
        counts.setLowerBound(0);
        double unit = Math.max(1, Math.ceil(max / 4.0)); // four whole-number steps
        counts.setUpperBound(unit * 4);
        counts.setTickUnit(unit);
        getData().setAll(List.of(successes, failures));
    }

    private XYChart.Data<String, Number> bar(String label, int count, TrailBucket bucket) {
        XYChart.Data<String, Number> data = new XYChart.Data<>(label, count);
        data.nodeProperty().addListener((obs, old, node) -> {
            if (node != null) {
                String text = DAY_TIME.format(bucket.start()) + " – " + DAY_TIME.format(bucket.end()) + " UTC\n"
                        + bucket.successes() + " succeeded, " + bucket.failures() + " failed";
                Tooltip.install(node, new Tooltip(text));
                node.setOnMouseClicked(event -> onBarClicked.accept(bucket));
                node.getStyleClass().add("trail-bar");
            }
        });
        return data;
    }
}
