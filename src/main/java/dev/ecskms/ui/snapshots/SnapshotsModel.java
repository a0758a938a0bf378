package dev.ecskms.ui.snapshots;

import dev.ecskms.sim.ecs.Snapshot;
import dev.ecskms.sim.kms.KeySummary;
import dev.ecskms.ui.common.KeyNames;
import dev.ecskms.ui.common.PagedList;
import java.util.List;
import java.util.Map;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The Snapshots page's state: the caller's own snapshots, those shared with it, and the keys that protect them. */
public final class SnapshotsModel {
    private final ObservableList<Snapshot> own = FXCollections.observableArrayList();
    private final ObservableList<Snapshot> shared = FXCollections.observableArrayList();
    private Map<String, KeySummary> keys = Map.of();
    private KeyNames keyNames = KeyNames.NONE;
    private final ReadOnlyObjectWrapper<Map<String, List<String>>> sharedWith =
            new ReadOnlyObjectWrapper<>(this, "sharedWith", Map.of());
    private final PagedList<Snapshot> ownRows = new PagedList<>(own, this::matches);
    private final PagedList<Snapshot> sharedRows = new PagedList<>(shared, this::matches);
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading", false);
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", null);

    public PagedList<Snapshot> ownRows() {
        return ownRows;
    }

    public PagedList<Snapshot> sharedRows() {
        return sharedRows;
    }

    public ObservableList<Snapshot> own() {
        return FXCollections.unmodifiableObservableList(own);
    }

    public ObservableList<Snapshot> shared() {
        return FXCollections.unmodifiableObservableList(shared);
    }

    /** The caller's keys by id; a shared snapshot's key belongs to its owner and is not among them. */
    public Map<String, KeySummary> keys() {
        return keys;
    }

    /** The keys with, for a user who may not read KMS, the refused action: keys then show by bare id. */
    public KeyNames keyNames() {
        return keyNames;
    }

    public String keyName(String keyId) {
        KeySummary summary = keys.get(keyId);
        return summary == null || summary.aliases().isEmpty() ? keyId : summary.aliases().get(0);
    }

    /** The accounts an own snapshot is shared with; empty when it is not shared. */
    public List<String> sharedWith(String snapshotId) {
        return sharedWith.get().getOrDefault(snapshotId, List.of());
    }

    /** Own snapshot id → the accounts it is shared with; changes when a share is added or stopped. */
    public ReadOnlyObjectProperty<Map<String, List<String>>> sharedWithProperty() {
        return sharedWith.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    private boolean matches(Snapshot snapshot, String query) {
        return PagedList.contains(snapshot.snapshotId(), query) || PagedList.contains(snapshot.snapshotName(), query)
                || PagedList.contains(snapshot.sourceDiskId(), query) || PagedList.contains(snapshot.kmsKeyId(), query);
    }

    void fill(List<Snapshot> ownSnapshots, List<Snapshot> sharedSnapshots, KeyNames loadedKeys,
            Map<String, List<String>> loadedSharedWith) {
        // A reload that found nothing new leaves the rows (and their buttons) as they are: the change feed reloads
        // on every change of a topic, and replacing equal rows would redraw the table under the user's pointer.
        if (ownSnapshots.equals(own) && sharedSnapshots.equals(shared) && loadedKeys.equals(keyNames)
                && loadedSharedWith.equals(sharedWith.get())) {
            return;
        }
        this.keyNames = loadedKeys;
        this.keys = loadedKeys.keys();
        sharedWith.set(loadedSharedWith);
        own.setAll(ownSnapshots);
        shared.setAll(sharedSnapshots);
    }

    void setLoading(boolean value) {
        loading.set(value);
    }

    void setError(String message) {
        error.set(message);
    }
}
