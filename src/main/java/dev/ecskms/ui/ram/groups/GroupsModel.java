package dev.ecskms.ui.ram.groups;

import dev.ecskms.sim.ram.Group;
import dev.ecskms.ui.common.PagedList;
import java.util.List;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** RAM → Groups: the account's user groups, search, loading and messages. */
public final class GroupsModel {
    private final ObservableList<Group> groups = FXCollections.observableArrayList();
    private final PagedList<Group> rows = new PagedList<>(groups, (g, q) -> PagedList.contains(g.groupName(), q)
            || PagedList.contains(g.comments(), q));
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading", false);
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", null);
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper(this, "notice", "");

    public ObservableList<Group> groups() {
        return FXCollections.unmodifiableObservableList(groups);
    }

    public PagedList<Group> rows() {
        return rows;
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    void fill(List<Group> loaded) {
        if (!groups.equals(loaded)) {
            groups.setAll(loaded);
        }
    }

    void clear() {
        groups.clear();
    }

    void setLoading(boolean value) {
        loading.set(value);
    }

    void setError(String message) {
        error.set(message);
    }

    void setNotice(String message) {
        notice.set(message == null ? "" : message);
    }
}
