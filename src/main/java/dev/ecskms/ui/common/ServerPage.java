package dev.ecskms.ui.common;

import java.util.List;
import java.util.Objects;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * A console table that the service pages (unlike {@link PagedList}, which pages what was loaded): it holds only the
 * shown page's rows and the service's total. The user edits the query, page index and page size; each edit changes
 * {@link #requestProperty()} once, and the page's controller asks the service for that page.
 */
public final class ServerPage<T> implements Paging {
    /** The console's page sizes. */
    public static final List<Integer> PAGE_SIZES = List.of(10, 20, 50, 100);

    /** The page the user asks for: the trimmed query (empty for none), 1-based page number and size. */
    public record Request(String query, int pageNumber, int pageSize) {
    }

    private final StringProperty query = new SimpleStringProperty(this, "query", "");
    private final IntegerProperty pageIndex = new SimpleIntegerProperty(this, "pageIndex", 0);
    private final IntegerProperty pageSize = new SimpleIntegerProperty(this, "pageSize", PAGE_SIZES.get(0));
    private final ReadOnlyIntegerWrapper pageCount = new ReadOnlyIntegerWrapper(this, "pageCount", 1);
    private final ReadOnlyIntegerWrapper totalCount = new ReadOnlyIntegerWrapper(this, "totalCount", 0);
    private final ReadOnlyObjectWrapper<Request> request = new ReadOnlyObjectWrapper<>(this, "request",
            new Request("", 1, PAGE_SIZES.get(0)));
    private final ObservableList<T> pageRows = FXCollections.observableArrayList();
    private final ObservableList<T> readOnlyPageRows = FXCollections.unmodifiableObservableList(pageRows);

    public ServerPage() {
        // a new query or page size starts at the first page: the old index may lie past the new last page
        query.addListener((obs, old, now) -> firstPageAnd());
        pageSize.addListener((obs, old, now) -> firstPageAnd());
        pageIndex.addListener((obs, old, now) -> updateRequest());
    }

    private void firstPageAnd() {
        if (pageIndex.get() != 0) {
            pageIndex.set(0); // updates the request through its listener
        } else {
            updateRequest();
        }
    }

    private void updateRequest() {
        String q = query.get() == null ? "" : query.get().trim();
        request.set(new Request(q, Math.max(0, pageIndex.get()) + 1, pageSize.get()));
    }

    /**
     * Goes back to the first page, e.g. when a filter outside this object changed.
     *
     * @return whether the request changed (and its listeners load); false if it was on the first page already
     */
    public boolean firstPage() {
        if (pageIndex.get() == 0) {
            return false;
        }
        pageIndex.set(0);
        return true;
    }

    /**
     * Shows a page the service answered. An answer past the last page (rows removed meanwhile) moves to the last
     * page instead, which changes the request, and its listeners load that page.
     *
     * @return whether the rows changed: equal rows are left alone, so a reload does not redraw the table
     */
    public boolean show(List<T> rows, int total) {
        totalCount.set(total);
        int pages = Math.max(1, (total + pageSize.get() - 1) / pageSize.get());
        pageCount.set(pages);
        if (pageIndex.get() >= pages) {
            pageIndex.set(pages - 1); // the new request's answer brings that page's rows
            return false;
        }
        if (Objects.equals(rows, pageRows)) {
            return false;
        }
        pageRows.setAll(rows);
        return true;
    }

    /** Nothing to show, e.g. after a failed load. */
    public void clear() {
        show(List.of(), 0);
    }

    public ObservableList<T> pageRows() {
        return readOnlyPageRows;
    }

    public StringProperty queryProperty() {
        return query;
    }

    @Override
    public IntegerProperty pageIndexProperty() {
        return pageIndex;
    }

    /** One of {@link #PAGE_SIZES}. */
    public IntegerProperty pageSizeProperty() {
        return pageSize;
    }

    @Override
    public ReadOnlyIntegerProperty pageCountProperty() {
        return pageCount.getReadOnlyProperty();
    }

    @Override
    public ReadOnlyIntegerProperty totalCountProperty() {
        return totalCount.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Request> requestProperty() {
        return request.getReadOnlyProperty();
    }
}
