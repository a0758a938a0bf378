package dev.ecskms.ui.ram.roles;

import dev.ecskms.sim.ram.AttachedPolicy;
import dev.ecskms.sim.ram.Role;
import java.util.List;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** RAM → Roles: the account's roles, each with its trust policy and attached policies. */
public final class RolesModel {
    /** A role and the policies attached to it. */
    public record RoleRow(Role role, List<AttachedPolicy> policies) {
        public String policyNames() {
            return String.join("\n", policies.stream().map(AttachedPolicy::policyName).toList());
        }
    }

    private final ObservableList<RoleRow> roles = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper ecsRoleReady = new ReadOnlyBooleanWrapper(this, "ecsRoleReady", true);
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading", false);
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", null);
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper(this, "notice", "");

    public ObservableList<RoleRow> roles() {
        return roles;
    }

    /** Whether ECS's disk-encryption role exists with its policy (else the page offers Authorize). */
    public ReadOnlyBooleanProperty ecsRoleReadyProperty() {
        return ecsRoleReady.getReadOnlyProperty();
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

    record Loaded(List<RoleRow> roles, boolean ecsRoleReady) {
    }

    void fill(Loaded loaded) {
        if (!roles.equals(loaded.roles())) {
            roles.setAll(loaded.roles());
        }
        ecsRoleReady.set(loaded.ecsRoleReady());
    }

    void clear() {
        roles.clear();
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
