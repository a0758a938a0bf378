package dev.ecskms.ui.kms;

import dev.ecskms.sim.kms.KeySummary;
import java.util.Locale;
import java.util.function.Predicate;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * One tab of the key list: which kind of key it shows, the search text, and the page of matching keys on screen.
 * The view binds to {@link #pageRows()}; the user edits {@link #queryProperty()} and {@link #pageIndexProperty()}.
 */
public final class KeyListModel {
    public static final int PAGE_SIZE = 10;

    private final FilteredList<KeySummary> matching;
    private final Predicate<KeySummary> kind;
    private final StringProperty query = new SimpleStringProperty(this, "query", "");
    private final IntegerProperty pageIndex = new SimpleIntegerProperty(this, "pageIndex", 0);
    private final ReadOnlyIntegerWrapper pageCount = new ReadOnlyIntegerWrapper(this, "pageCount", 1);
    private final ReadOnlyIntegerWrapper totalCount = new ReadOnlyIntegerWrapper(this, "totalCount", 0);
    private final ObservableList<KeySummary> pageRows = FXCollections.observableArrayList();
    private final ObservableList<KeySummary> readOnlyPageRows = FXCollections.unmodifiableObservableList(pageRows);

    KeyListModel(ObservableList<KeySummary> allKeys, Predicate<KeySummary> kind) {
        this.kind = kind;
        this.matching = new FilteredList<>(allKeys, kind);
        query.addListener((obs, old, now) -> {
            matching.setPredicate(kind.and(summary -> matches(summary, now)));
            pageIndex.set(0);
            updatePage();
        });
        pageIndex.addListener((obs, old, now) -> updatePage());
        matching.addListener((javafx.collections.ListChangeListener<KeySummary>) change -> updatePage());
        updatePage();
    }

    /** Search by key id, alias or description, as the console's search box does. */
    static boolean matches(KeySummary summary, String query) {
        if (query == null || query.isBlank()) {
            return true;
        }
        String needle = query.trim().toLowerCase(Locale.ROOT);
        var metadata = summary.metadata();
        return contains(metadata.keyId(), needle) || contains(metadata.description(), needle)
                || summary.aliases().stream().anyMatch(alias -> contains(alias, needle));
    }

    private static boolean contains(String haystack, String needle) {
        return haystack != null && haystack.toLowerCase(Locale.ROOT).contains(needle);
    }

    private void updatePage() {
        int total = matching.size();
        int pages = Math.max(1, (total + PAGE_SIZE - 1) / PAGE_SIZE);
        totalCount.set(total);
        pageCount.set(pages);
        if (pageIndex.get() >= pages) {
            pageIndex.set(pages - 1); // re-enters through the listener
            return;
        }
        int from = Math.max(0, pageIndex.get()) * PAGE_SIZE;
        int to = Math.min(total, from + PAGE_SIZE);
        pageRows.setAll(matching.subList(from, to));
    }

    public ObservableList<KeySummary> pageRows() {
        return readOnlyPageRows;
    }

    public StringProperty queryProperty() {
        return query;
    }

    public IntegerProperty pageIndexProperty() {
        return pageIndex;
    }

    public ReadOnlyIntegerProperty pageCountProperty() {
        return pageCount.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty totalCountProperty() {
        return totalCount.getReadOnlyProperty();
    }
}
