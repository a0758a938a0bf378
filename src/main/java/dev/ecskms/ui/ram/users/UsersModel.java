package dev.ecskms.ui.ram.users;

import dev.ecskms.sim.ram.AccessKeyInfo;
import dev.ecskms.sim.ram.User;
import dev.ecskms.ui.common.PagedList;
import java.util.List;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** RAM → Users: the account's users with their AccessKeys (ids and states only), search, loading and messages. */
public final class UsersModel {
    private final ObservableList<UserRow> users = FXCollections.observableArrayList();
    private final PagedList<UserRow> rows = new PagedList<>(users, (row, q) -> PagedList.contains(row.user()
            .userName(), q) || PagedList.contains(row.user().displayName(), q));
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading", false);
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", null);
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper(this, "notice", "");

    /** A user and its AccessKeys as ListAccessKeys shows them: never a secret. */
    public record UserRow(User user, List<AccessKeyInfo> accessKeys) {
        public long activeKeys() {
            return accessKeys.stream().filter(k -> "Active".equals(k.status())).count();
        }

        /** "2 (1 Active)", "1 Active", "None". */
        public String accessKeysText() {
            if (accessKeys.isEmpty()) {
                return "None";
            }
            long active = activeKeys();
            return accessKeys.size() == active ? active + " Active"
                    : accessKeys.size() + " (" + active + " Active, " + (accessKeys.size() - active) + " Inactive)";
        }
    }

    public ObservableList<UserRow> users() {
        return FXCollections.unmodifiableObservableList(users);
    }

    public PagedList<UserRow> rows() {
        return rows;
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** What the last action did ("The user alice was created."); empty when there is nothing to say. */
    public ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    void fill(List<UserRow> loaded) {
        if (!users.equals(loaded)) { // a live reload that found nothing new leaves the rows under the pointer
            users.setAll(loaded);
        }
    }

    void clear() {
        users.clear();
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
