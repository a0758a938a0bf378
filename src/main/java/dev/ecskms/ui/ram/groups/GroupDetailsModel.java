package dev.ecskms.ui.ram.groups;

import dev.ecskms.sim.ram.AttachedPolicy;
import dev.ecskms.sim.ram.Group;
import dev.ecskms.sim.ram.User;
import java.util.List;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** A group's details: its members and the policies attached to it (which every member gets). */
public final class GroupDetailsModel {
    private final String groupName;
    private final ReadOnlyObjectWrapper<Group> group = new ReadOnlyObjectWrapper<>(this, "group");
    private final ObservableList<User> members = FXCollections.observableArrayList();
    private final ObservableList<AttachedPolicy> policies = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", null);
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper(this, "notice", "");

    public GroupDetailsModel(String groupName) {
        this.groupName = groupName;
    }

    public String groupName() {
        return groupName;
    }

    public ReadOnlyObjectProperty<Group> groupProperty() {
        return group.getReadOnlyProperty();
    }

    public ObservableList<User> members() {
        return members;
    }

    public ObservableList<AttachedPolicy> policies() {
        return policies;
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    record Loaded(Group group, List<User> members, List<AttachedPolicy> policies) {
    }

    void fill(Loaded loaded) {
        group.set(loaded.group());
        if (!members.equals(loaded.members())) {
            members.setAll(loaded.members());
        }
        if (!policies.equals(loaded.policies())) {
            policies.setAll(loaded.policies());
        }
    }

    void setError(String message) {
        error.set(message);
    }

    void setNotice(String message) {
        notice.set(message == null ? "" : message);
    }
}
