package dev.ecskms.ui.billing;

import dev.ecskms.sim.ecs.BillingStatement;
import java.time.Instant;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The Billing page's state: what bills now, the month so far and the cost of each simulated day of the window. */
public final class BillingModel {
    /** The windows the page offers, in simulated days. */
    public static final List<Integer> WINDOWS = List.of(7, 30, 90);
    public static final int DEFAULT_WINDOW = 7;

    private final ObservableList<BillingStatement.Line> running = FXCollections.observableArrayList();
    private final ObservableList<BillingStatement.Day> days = FXCollections.observableArrayList();
    private final DoubleProperty hourlyTotal = new SimpleDoubleProperty();
    private final DoubleProperty monthToDate = new SimpleDoubleProperty();
    private final DoubleProperty windowTotal = new SimpleDoubleProperty();
    private final ObjectProperty<Instant> asOf = new SimpleObjectProperty<>();
    private final IntegerProperty window = new SimpleIntegerProperty(DEFAULT_WINDOW);
    private final BooleanProperty loading = new SimpleBooleanProperty();
    private final StringProperty error = new SimpleStringProperty();

    public ObservableList<BillingStatement.Line> running() {
        return running;
    }

    public ObservableList<BillingStatement.Day> days() {
        return days;
    }

    public DoubleProperty hourlyTotalProperty() {
        return hourlyTotal;
    }

    public DoubleProperty monthToDateProperty() {
        return monthToDate;
    }

    public DoubleProperty windowTotalProperty() {
        return windowTotal;
    }

    public ObjectProperty<Instant> asOfProperty() {
        return asOf;
    }

    /** How many simulated days the chart and its total cover. */
    public IntegerProperty windowProperty() {
        return window;
    }

    public BooleanProperty loadingProperty() {
        return loading;
    }

    public StringProperty errorProperty() {
        return error;
    }

    void show(BillingStatement s) {
        running.setAll(s.running());
        days.setAll(s.days());
        hourlyTotal.set(s.hourlyTotal());
        monthToDate.set(s.monthToDate());
        windowTotal.set(s.totalOfWindow());
        asOf.set(s.asOf());
        error.set(null);
    }

    void clear() {
        running.clear();
        days.clear();
        hourlyTotal.set(0);
        monthToDate.set(0);
        windowTotal.set(0);
    }

    void setLoading(boolean value) {
        loading.set(value);
    }

    void setError(String message) {
        error.set(message);
    }
}
