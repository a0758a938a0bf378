package dev.ecskms.ui.trail;

import dev.ecskms.sim.trail.TrailBucket;
import dev.ecskms.sim.trail.TrailEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Event Query page's state: the filters as the user sets them (the controller applies them on Search, the
 * choices at once), and what the last query found: one page of events, the timeline, the total.
 */
public final class EventQueryModel {

    /** The time range presets, on simulated time, and how many bars the timeline has for each. */
    public enum TimeRange {
        LAST_HOUR("Last 1 hour", Duration.ofHours(1), 12),
        LAST_DAY("Last 1 day", Duration.ofDays(1), 24),
        LAST_7_DAYS("Last 7 days", Duration.ofDays(7), 28),
        CUSTOM("Custom", null, 24);

        private final String label;
        private final Duration length;
        private final int buckets;

        TimeRange(String label, Duration length, int buckets) {
            this.label = label;
            this.length = length;
            this.buckets = buckets;
        }

        /** Null for {@link #CUSTOM}. */
        public Duration length() {
            return length;
        }

        public int buckets() {
            return buckets;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** ActionTrail's Read/Write type filter. */
    public enum ReadWrite {
        ALL("All"), READ("Read"), WRITE("Write");

        private final String label;

        ReadWrite(String label) {
            this.label = label;
        }

        /** The filter's readOnly value: null for all. */
        public Boolean readOnly() {
            return this == ALL ? null : this == READ;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    public static final TimeRange DEFAULT_RANGE = TimeRange.LAST_DAY;

    private final ObjectProperty<TimeRange> timeRange = new SimpleObjectProperty<>(this, "timeRange", DEFAULT_RANGE);
    private final StringProperty customStart = new SimpleStringProperty(this, "customStart", "");
    private final StringProperty customEnd = new SimpleStringProperty(this, "customEnd", "");
    private final StringProperty eventName = new SimpleStringProperty(this, "eventName", "");
    private final StringProperty resourceId = new SimpleStringProperty(this, "resourceId", "");
    private final StringProperty identity = new SimpleStringProperty(this, "identity", "");
    private final StringProperty keyId = new SimpleStringProperty(this, "keyId", "");
    private final ObjectProperty<ReadWrite> readWrite = new SimpleObjectProperty<>(this, "readWrite", ReadWrite.ALL);
    private final BooleanProperty errorsOnly = new SimpleBooleanProperty(this, "errorsOnly", false);

    private final ObservableList<TrailEvent> events = FXCollections.observableArrayList();
    private final ObservableList<TrailEvent> eventsView = FXCollections.unmodifiableObservableList(events);
    private final ObservableList<TrailBucket> timeline = FXCollections.observableArrayList();
    private final ObservableList<TrailBucket> timelineView = FXCollections.unmodifiableObservableList(timeline);
    private final ReadOnlyObjectWrapper<Instant> shownStart = new ReadOnlyObjectWrapper<>(this, "shownStart");
    private final ReadOnlyObjectWrapper<Instant> shownEnd = new ReadOnlyObjectWrapper<>(this, "shownEnd");
    private final ReadOnlyIntegerWrapper total = new ReadOnlyIntegerWrapper(this, "total", 0);
    private final ReadOnlyIntegerWrapper pageIndex = new ReadOnlyIntegerWrapper(this, "pageIndex", 0);
    private final ReadOnlyIntegerWrapper pageCount = new ReadOnlyIntegerWrapper(this, "pageCount", 1);
    private final ReadOnlyBooleanWrapper hasNextPage = new ReadOnlyBooleanWrapper(this, "hasNextPage", false);
    private final ReadOnlyBooleanWrapper narrowed = new ReadOnlyBooleanWrapper(this, "narrowed", false);
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading", false);
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error");
    private final ReadOnlyStringWrapper rangeError = new ReadOnlyStringWrapper(this, "rangeError");

    // ---- the filters, as the user edits them

    public ObjectProperty<TimeRange> timeRangeProperty() {
        return timeRange;
    }

    /** "yyyy-MM-dd HH:mm:ss" in UTC, for {@link TimeRange#CUSTOM}. */
    public StringProperty customStartProperty() {
        return customStart;
    }

    public StringProperty customEndProperty() {
        return customEnd;
    }

    public StringProperty eventNameProperty() {
        return eventName;
    }

    public StringProperty resourceIdProperty() {
        return resourceId;
    }

    /** "root", a RAM user's name, a role's name, or what a role acted for (an instance id). */
    public StringProperty identityProperty() {
        return identity;
    }

    public StringProperty keyIdProperty() {
        return keyId;
    }

    public ObjectProperty<ReadWrite> readWriteProperty() {
        return readWrite;
    }

    public BooleanProperty errorsOnlyProperty() {
        return errorsOnly;
    }

    // ---- what the last query found

    /** The events of the page shown, newest first. */
    public ObservableList<TrailEvent> events() {
        return eventsView;
    }

    /** The timeline of the applied filters, oldest bar first. */
    public ObservableList<TrailBucket> timeline() {
        return timelineView;
    }

    /** The time range the events and the timeline are of. */
    public ReadOnlyObjectProperty<Instant> shownStartProperty() {
        return shownStart.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Instant> shownEndProperty() {
        return shownEnd.getReadOnlyProperty();
    }

    /** How many events match the applied filters in the range (the timeline's sum). */
    public ReadOnlyIntegerProperty totalProperty() {
        return total.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty pageIndexProperty() {
        return pageIndex.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty pageCountProperty() {
        return pageCount.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty hasNextPageProperty() {
        return hasNextPage.getReadOnlyProperty();
    }

    /** Whether the applied filters narrow more than the time range (the empty table then says so). */
    public ReadOnlyBooleanProperty narrowedProperty() {
        return narrowed.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** Why the custom time range cannot be applied, shown next to it; null when it can. */
    public ReadOnlyStringProperty rangeErrorProperty() {
        return rangeError.getReadOnlyProperty();
    }

    void fill(List<TrailEvent> page, List<TrailBucket> buckets, Instant start, Instant end, int index,
            boolean hasNext, boolean narrowedFilters) {
        // An equal reload (a live refresh that found nothing new) leaves the rows, so the table is not redrawn.
        if (!page.equals(events)) {
            events.setAll(page);
        }
        if (!buckets.equals(timeline)) {
            timeline.setAll(buckets);
        }
        shownStart.set(start);
        shownEnd.set(end);
        int sum = buckets.stream().mapToInt(TrailBucket::total).sum();
        total.set(sum);
        pageIndex.set(index);
        int pageSize = EventQueryController.PAGE_SIZE;
        pageCount.set(Math.max(index + (hasNext ? 2 : 1), (sum + pageSize - 1) / pageSize));
        hasNextPage.set(hasNext);
        narrowed.set(narrowedFilters);
    }

    void clear() {
        events.clear();
        timeline.clear();
        total.set(0);
        pageIndex.set(0);
        pageCount.set(1);
        hasNextPage.set(false);
    }

    void setLoading(boolean value) {
        loading.set(value);
    }

    void setError(String message) {
        error.set(message);
    }

    void setRangeError(String message) {
        rangeError.set(message);
    }
}
