package dev.ecskms.ui.instances;

import dev.ecskms.sim.ecs.Instance;
import dev.ecskms.sim.ecs.InstanceStatus;
import dev.ecskms.ui.common.PagedList;
import java.util.List;
import java.util.Set;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The Instances page's state: the region's instances, search and page, what is loading, the page's error. */
public final class InstancesModel {
    /** The statuses an instance passes through on its own; the page polls while any instance is in one. */
    static final Set<InstanceStatus> TRANSITIONS = Set.of(InstanceStatus.Pending, InstanceStatus.Starting,
            InstanceStatus.Stopping);

    private final ObservableList<Instance> instances = FXCollections.observableArrayList();
    private final PagedList<Instance> rows = new PagedList<>(instances, InstancesModel::matches);
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading", false);
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", null);
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper(this, "notice", null);

    public ObservableList<Instance> instances() {
        return FXCollections.unmodifiableObservableList(instances);
    }

    public PagedList<Instance> rows() {
        return rows;
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** A passing remark, e.g. "i-… is being released: it stops first." */
    public ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    public boolean anyInTransition() {
        return instances.stream().anyMatch(i -> TRANSITIONS.contains(i.status()));
    }

    private static boolean matches(Instance instance, String query) {
        return PagedList.contains(instance.instanceId(), query) || PagedList.contains(instance.instanceName(), query)
                || PagedList.contains(instance.privateIpAddress(), query)
                || PagedList.contains(instance.instanceType(), query) || PagedList.contains(instance.osName(), query);
    }

    void fill(List<Instance> loaded) {
        instances.setAll(loaded);
    }

    void setLoading(boolean value) {
        loading.set(value);
    }

    void setError(String message) {
        error.set(message);
    }

    void setNotice(String message) {
        notice.set(message);
    }
}
