package dev.ecskms.ui.instances;

import dev.ecskms.sim.ecs.Disk;
import dev.ecskms.sim.ecs.Instance;
import dev.ecskms.sim.kms.KeySummary;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import dev.ecskms.ui.common.KeyNames;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * One instance as its details page shows it: the instance (with its last boot failure), its disks (system disk
 * first) and the region's keys that name the disks' keys, plus loading and error state.
 */
public final class InstanceDetailsModel {
    private final String instanceId;
    private final ReadOnlyObjectWrapper<Instance> instance = new ReadOnlyObjectWrapper<>(this, "instance");
    private final ObservableList<Disk> disks = FXCollections.observableArrayList();
    private final ObservableList<Disk> disksView = FXCollections.unmodifiableObservableList(disks);
    private final ReadOnlyObjectWrapper<Map<String, KeySummary>> keys =
            new ReadOnlyObjectWrapper<>(this, "keys", Map.of());
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading", false);
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error");

    /** What one load reads. */
    record Loaded(Instance instance, List<Disk> disks, KeyNames keyNames) {
    }

    private KeyNames keyNames = KeyNames.NONE;

    InstanceDetailsModel(String instanceId) {
        this.instanceId = instanceId;
    }

    public String instanceId() {
        return instanceId;
    }

    /** Null until the first load succeeds. */
    public ReadOnlyObjectProperty<Instance> instanceProperty() {
        return instance.getReadOnlyProperty();
    }

    /** The attached disks, the system disk first. */
    public ObservableList<Disk> disks() {
        return disksView;
    }

    /** The region's keys by id, to name a disk's key; a key missing here no longer exists. */
    public ReadOnlyObjectProperty<Map<String, KeySummary>> keysProperty() {
        return keys.getReadOnlyProperty();
    }

    public Map<String, KeySummary> keys() {
        return keys.get();
    }

    /** The keys with, for a user who may not read KMS, the refused action: the disks then show bare key ids. */
    public KeyNames keyNames() {
        return keyNames;
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** Keys and disks first, the instance last: the view renders on an instance change and reads the rest then. */
    void fill(Loaded loaded) {
        // A reload that found nothing new changes nothing: redrawing would move the buttons under the pointer.
        List<Disk> sorted = loaded.disks().stream().sorted(Comparator.comparing(
                (Disk d) -> "system".equals(d.type()) ? 0 : 1).thenComparing(Disk::diskId)).toList();
        boolean keysChanged = !loaded.keyNames().equals(keyNames);
        keyNames = loaded.keyNames();
        keys.set(keyNames.keys());
        if (keysChanged || !sorted.equals(disks)) {
            disks.setAll(sorted);
        }
        instance.set(loaded.instance());
    }

    void setLoading(boolean value) {
        loading.set(value);
    }

    void setError(String message) {
        error.set(message);
    }
}
