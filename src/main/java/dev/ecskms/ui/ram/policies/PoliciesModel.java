package dev.ecskms.ui.ram.policies;

import dev.ecskms.sim.ram.Policy;
import dev.ecskms.ui.common.PagedList;
import java.util.List;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** RAM → Policies: System and Custom policies, narrowed by type and a search of name and description. */
public final class PoliciesModel {
    /** The type filter of the toolbar. */
    public enum TypeFilter {
        ALL("All Types", null), SYSTEM("System Policy", "System"), CUSTOM("Custom Policy", "Custom");

        private final String title;
        private final String policyType;

        TypeFilter(String title, String policyType) {
            this.title = title;
            this.policyType = policyType;
        }

        public String policyType() {
            return policyType;
        }

        @Override
        public String toString() {
            return title;
        }
    }

    private final ObservableList<Policy> policies = FXCollections.observableArrayList();
    private final PagedList<Policy> rows = new PagedList<>(policies, (p, q) -> PagedList.contains(p.policyName(), q)
            || PagedList.contains(p.description(), q));
    private final ObjectProperty<TypeFilter> type = new SimpleObjectProperty<>(this, "type", TypeFilter.ALL);
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading", false);
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", null);
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper(this, "notice", "");

    public PoliciesModel() {
        type.addListener((obs, old, now) -> rows.filterProperty().set(p -> now == null
                || now.policyType() == null || now.policyType().equals(p.policyType())));
    }

    public ObservableList<Policy> policies() {
        return FXCollections.unmodifiableObservableList(policies);
    }

    public PagedList<Policy> rows() {
        return rows;
    }

    public ObjectProperty<TypeFilter> typeProperty() {
        return type;
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

    void fill(List<Policy> loaded) {
        if (!policies.equals(loaded)) {
            policies.setAll(loaded);
        }
    }

    void clear() {
        policies.clear();
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
