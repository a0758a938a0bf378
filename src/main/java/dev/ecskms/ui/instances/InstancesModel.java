package dev.ecskms.ui.instances;

import dev.ecskms.sim.ecs.Instance;
import dev.ecskms.ui.common.PagedList;
import java.util.List;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The Instances page's state: the region's instances, search and page, what is loading, the page's error. */
public final class InstancesModel {
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

    private static boolean matches(Instance instance, String query) {
        return PagedList.contains(instance.instanceId(), query) || PagedList.contains(instance.instanceName(), query)
                || PagedList.contains(instance.privateIpAddress(), query)
                || PagedList.contains(instance.instanceType(), query) || PagedList.contains(instance.osName(), query);
    }

    void fill(List<Instance> loaded) {
        // A reload that found nothing new leaves the rows (and their buttons) as they are: the change feed reloads
        // on every change of a topic, and replacing equal rows would redraw the table under the user's pointer.
        if (!loaded.equals(instances)) {
            instances.setAll(loaded);
        }
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
