package dev.ecskms.ui.trail;

import dev.ecskms.sim.trail.TrailBucket;
import dev.ecskms.sim.trail.TrailFilter;
import dev.ecskms.sim.trail.TrailPage;
import dev.ecskms.sim.trail.TrailService;
import dev.ecskms.ui.common.ConsoleSession;
import dev.ecskms.ui.common.PageLoader;
import dev.ecskms.ui.trail.EventQueryModel.ReadWrite;
import dev.ecskms.ui.trail.EventQueryModel.TimeRange;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the Event Query page's lookups: the applied filters, one page of events and the timeline of the same filters,
 * read together in one background task (the page's {@link PageLoader}: only the newest lookup fills the page). A reload (the change feed's, or Refresh) repeats the applied query with a
 * preset's range moved to the simulated "now", and stays on the page shown.
 */
final class EventQueryController {
    static final int PAGE_SIZE = TrailFilter.DEFAULT_RESULTS;
    static final DateTimeFormatter INPUT_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final ConsoleSession session;
    private final EventQueryModel model;
    private Criteria applied = new Criteria(EventQueryModel.DEFAULT_RANGE, null, null, null, null, null, null,
            ReadWrite.ALL, false);
    /** The token of each page reached so far; the first page has none. */
    private final List<String> tokens = new ArrayList<>(java.util.Collections.singletonList(null));
    private int pageIndex;
    private String nextToken;
    private final PageLoader<Result> loader;

    EventQueryController(ConsoleSession session, EventQueryModel model) {
        this.session = session;
        this.model = model;
        this.loader = new PageLoader<>(session.tasks(), () -> {
            Query query = query();
            return () -> read(query);
        }, this::show, "The events could not be looked up", model::setError).showingLoading(model::setLoading)
                .clearingOnFailure(model::clear);
    }

    /** The filters applied by the last Search. */
    record Criteria(TimeRange range, Instant customStart, Instant customEnd, String eventName, String resourceId,
            String identity, String keyId, ReadWrite readWrite, boolean errorsOnly) {

        TrailFilter filter(Instant now) {
            Instant start = range == TimeRange.CUSTOM ? customStart : now.minus(range.length());
            Instant end = range == TimeRange.CUSTOM ? customEnd : now;
            return TrailFilter.all().between(start, end).event(eventName).resource(resourceId).principal(identity)
                    .key(keyId).readOnly(readWrite.readOnly())
                    .result(errorsOnly ? TrailFilter.FAILURE : null);
        }

        boolean narrowed() {
            return eventName != null || resourceId != null || identity != null || keyId != null
                    || readWrite != ReadWrite.ALL || errorsOnly;
        }
    }

    /** One lookup: a page of the filter and its timeline. */
    record Query(TrailFilter filter, int buckets, int pageIndex) {
    }

    record Result(Query query, TrailPage page, List<TrailBucket> timeline) {
    }

    /** Applies the filters as the user set them and shows their first page; a custom range that is not one stays. */
    void search() {
        if (apply()) {
            load();
        }
    }

    /** Back to the defaults, the last day and no filter, and shows them. */
    void reset() {
        resetFilters();
        search();
    }

    void nextPage() {
        if (toNextPage()) {
            load();
        }
    }

    void previousPage() {
        if (toPreviousPage()) {
            load();
        }
    }

    /** Takes the filters as the applied ones, on their first page; false (and said next to it) for a bad range. */
    private boolean apply() {
        Criteria criteria;
        try {
            criteria = criteria();
        } catch (IllegalArgumentException e) {
            model.setRangeError(e.getMessage());
            return false;
        }
        model.setRangeError(null);
        applied = criteria;
        firstPage();
        return true;
    }

    private void resetFilters() {
        model.timeRangeProperty().set(EventQueryModel.DEFAULT_RANGE);
        model.customStartProperty().set("");
        model.customEndProperty().set("");
        clearFilters();
    }

    private boolean toNextPage() {
        if (nextToken == null) {
            return false;
        }
        if (tokens.size() == pageIndex + 1) {
            tokens.add(nextToken);
        } else {
            tokens.set(pageIndex + 1, nextToken);
        }
        pageIndex++;
        return true;
    }

    private boolean toPreviousPage() {
        if (pageIndex == 0) {
            return false;
        }
        pageIndex--;
        return true;
    }

    /**
     * Sets the filters to those of {@code filter} (another page's link, e.g. a key's "View all in ActionTrail") and
     * applies them; the shell's showing the page then loads them. Without a time range, the last 7 days.
     */
    void open(TrailFilter filter) {
        clearFilters();
        if (filter.startTime() != null && filter.endTime() != null) {
            model.timeRangeProperty().set(TimeRange.CUSTOM);
            model.customStartProperty().set(INPUT_TIME.format(filter.startTime().atOffset(ZoneOffset.UTC)));
            model.customEndProperty().set(INPUT_TIME.format(filter.endTime().atOffset(ZoneOffset.UTC)));
        } else {
            model.timeRangeProperty().set(TimeRange.LAST_7_DAYS);
        }
        model.eventNameProperty().set(orEmpty(filter.eventName()));
        model.resourceIdProperty().set(orEmpty(filter.resourceName()));
        model.identityProperty().set(orEmpty(filter.principal()));
        model.keyIdProperty().set(orEmpty(filter.kmsKeyId()));
        model.readWriteProperty().set(filter.readOnly() == null ? ReadWrite.ALL
                : filter.readOnly() ? ReadWrite.READ : ReadWrite.WRITE);
        model.errorsOnlyProperty().set(TrailFilter.FAILURE.equals(filter.result()));
        model.setRangeError(null);
        applied = criteria();
        firstPage();
    }

    /** Switching to Custom starts from the range shown, which the user then edits. */
    void customRangeChosen() {
        Instant start = model.shownStartProperty().get();
        Instant end = model.shownEndProperty().get();
        if (model.customStartProperty().get().isBlank() && start != null) {
            model.customStartProperty().set(INPUT_TIME.format(start.atOffset(ZoneOffset.UTC)));
        }
        if (model.customEndProperty().get().isBlank() && end != null) {
            model.customEndProperty().set(INPUT_TIME.format(end.atOffset(ZoneOffset.UTC)));
        }
    }

    /** Repeats the applied query (a preset's range ending now) on the page shown. */
    void load() {
        if (session.services().trail() == null) {
            model.setError("This console was opened without the audit trail; its events cannot be looked up.");
            return;
        }
        loader.load();
    }

    /** The lookup to run now, with what it depends on taken on the UI thread. */
    private Query query() {
        TrailFilter filter = applied.filter(session.services().clock().instant());
        return new Query(filter.page(PAGE_SIZE, tokens.get(pageIndex)), applied.range().buckets(), pageIndex);
    }

    /** In the background. */
    private Result read(Query query) {
        TrailService trail = session.services().trail();
        return new Result(query, trail.lookupEvents(session.context(), query.filter()),
                trail.countEvents(session.context(), query.filter(), query.buckets()));
    }

    private void show(Result result) {
        nextToken = result.page().nextToken();
        model.fill(result.page().events(), result.timeline(), result.query().filter().startTime(),
                result.query().filter().endTime(), result.query().pageIndex(), nextToken != null, applied.narrowed());
    }

    void dismissError() {
        model.setError(null);
    }

    private void firstPage() {
        tokens.subList(1, tokens.size()).clear();
        pageIndex = 0;
        nextToken = null;
    }

    private void clearFilters() {
        model.eventNameProperty().set("");
        model.resourceIdProperty().set("");
        model.identityProperty().set("");
        model.keyIdProperty().set("");
        model.readWriteProperty().set(ReadWrite.ALL);
        model.errorsOnlyProperty().set(false);
    }

    /** The filters as the user set them; a custom range must be two times in order. */
    private Criteria criteria() {
        TimeRange range = model.timeRangeProperty().get() == null ? EventQueryModel.DEFAULT_RANGE
                : model.timeRangeProperty().get();
        Instant start = null;
        Instant end = null;
        if (range == TimeRange.CUSTOM) {
            start = time(model.customStartProperty().get(), "start");
            end = time(model.customEndProperty().get(), "end");
            if (!start.isBefore(end)) {
                throw new IllegalArgumentException("The start of the time range must be before its end.");
            }
        }
        return new Criteria(range, start, end, blankToNull(model.eventNameProperty().get()),
                blankToNull(model.resourceIdProperty().get()), blankToNull(model.identityProperty().get()),
                blankToNull(model.keyIdProperty().get()), model.readWriteProperty().get() == null ? ReadWrite.ALL
                        : model.readWriteProperty().get(), model.errorsOnlyProperty().get());
    }

    private static Instant time(String text, String which) {
        try {
            return LocalDateTime.parse(text == null ? "" : text.trim(), INPUT_TIME).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("The " + which + " time must read like 2026-11-30 08:00:00 (UTC).");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
