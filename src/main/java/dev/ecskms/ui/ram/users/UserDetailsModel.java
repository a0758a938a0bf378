package dev.ecskms.ui.ram.users;

import dev.ecskms.sim.ram.AccessKeyInfo;
import dev.ecskms.sim.ram.AttachedPolicy;
import dev.ecskms.sim.ram.Group;
import dev.ecskms.sim.ram.User;
import java.util.List;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** A RAM user's details: the user, its groups, the policies attached to it and its AccessKeys (never a secret). */
public final class UserDetailsModel {
    private final String userName;
    private final ReadOnlyObjectWrapper<User> user = new ReadOnlyObjectWrapper<>(this, "user");
    private final ObservableList<Group> groups = FXCollections.observableArrayList();
    private final ObservableList<AttachedPolicy> policies = FXCollections.observableArrayList();
    private final ObservableList<AccessKeyInfo> accessKeys = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading", false);
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", null);
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper(this, "notice", "");

    public UserDetailsModel(String userName) {
        this.userName = userName;
    }

    public String userName() {
        return userName;
    }

    public ReadOnlyObjectProperty<User> userProperty() {
        return user.getReadOnlyProperty();
    }

    public ObservableList<Group> groups() {
        return groups;
    }

    public ObservableList<AttachedPolicy> policies() {
        return policies;
    }

    public ObservableList<AccessKeyInfo> accessKeys() {
        return accessKeys;
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

    record Loaded(User user, List<Group> groups, List<AttachedPolicy> policies, List<AccessKeyInfo> accessKeys) {
    }

    void fill(Loaded loaded) {
        user.set(loaded.user());
        setIfChanged(groups, loaded.groups());
        setIfChanged(policies, loaded.policies());
        setIfChanged(accessKeys, loaded.accessKeys());
    }

    private static <T> void setIfChanged(ObservableList<T> list, List<T> now) {
        if (!list.equals(now)) {
            list.setAll(now);
        }
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
