package dev.ecskms.ui.common;

import java.util.function.BiPredicate;
import java.util.function.Predicate;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * A console table's rows: everything loaded, narrowed by a filter and the search box, cut into pages of
 * {@link #PAGE_SIZE}. The view binds to {@link #pageRows()}; the user edits the query, filter and page index.
 */
public final class PagedList<T> implements Paging {
    public static final int PAGE_SIZE = 10;

    private final FilteredList<T> matching;
    private final BiPredicate<T, String> search;
    private final StringProperty query = new SimpleStringProperty(this, "query", "");
    private final ObjectProperty<Predicate<T>> filter = new SimpleObjectProperty<>(this, "filter", t -> true);
    private final IntegerProperty pageIndex = new SimpleIntegerProperty(this, "pageIndex", 0);
    private final ReadOnlyIntegerWrapper pageCount = new ReadOnlyIntegerWrapper(this, "pageCount", 1);
    private final ReadOnlyIntegerWrapper totalCount = new ReadOnlyIntegerWrapper(this, "totalCount", 0);
    private final ObservableList<T> pageRows = FXCollections.observableArrayList();
    private final ObservableList<T> readOnlyPageRows = FXCollections.unmodifiableObservableList(pageRows);

    /** @param search whether a row matches a non-blank, trimmed, lower-case query */
    public PagedList(ObservableList<T> all, BiPredicate<T, String> search) {
        this.search = search;
        this.matching = new FilteredList<>(all, t -> true);
        query.addListener((obs, old, now) -> reapply());
        filter.addListener((obs, old, now) -> reapply());
        pageIndex.addListener((obs, old, now) -> updatePage());
        matching.addListener((ListChangeListener<T>) change -> updatePage());
        updatePage();
    }

    private void reapply() {
        String q = query.get() == null ? "" : query.get().trim().toLowerCase(java.util.Locale.ROOT);
        Predicate<T> f = filter.get() == null ? t -> true : filter.get();
        matching.setPredicate(t -> f.test(t) && (q.isEmpty() || search.test(t, q)));
        pageIndex.set(0);
        updatePage();
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

    /** Case-insensitive "contains" for search predicates. */
    public static boolean contains(String haystack, String lowerCaseNeedle) {
        return haystack != null && haystack.toLowerCase(java.util.Locale.ROOT).contains(lowerCaseNeedle);
    }

    public ObservableList<T> pageRows() {
        return readOnlyPageRows;
    }

    public StringProperty queryProperty() {
        return query;
    }

    public ObjectProperty<Predicate<T>> filterProperty() {
        return filter;
    }

    @Override
    public IntegerProperty pageIndexProperty() {
        return pageIndex;
    }

    @Override
    public ReadOnlyIntegerProperty pageCountProperty() {
        return pageCount.getReadOnlyProperty();
    }

    @Override
    public ReadOnlyIntegerProperty totalCountProperty() {
        return totalCount.getReadOnlyProperty();
    }
}
