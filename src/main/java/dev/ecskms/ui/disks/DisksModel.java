package dev.ecskms.ui.disks;

import dev.ecskms.sim.ecs.Disk;
import dev.ecskms.sim.kms.KeySummary;
import dev.ecskms.ui.common.PagedList;
import java.util.List;
import java.util.Map;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The Disks page's state: the region's disks, the keys that protect them, the filter, search and page. */
public final class DisksModel {
    /** The Encrypted filter of DescribeDisks, as the console's drop-down offers it. */
    public enum EncryptionFilter {
        ALL("All"), ENCRYPTED("Encrypted"), NOT_ENCRYPTED("Not encrypted");

        private final String text;

        EncryptionFilter(String text) {
            this.text = text;
        }

        /** DescribeDisks' Encrypted parameter. */
        public Boolean encryptedParameter() {
            return this == ALL ? null : this == ENCRYPTED;
        }

        @Override
        public String toString() {
            return text;
        }
    }

    private final ObservableList<Disk> disks = FXCollections.observableArrayList();
    private Map<String, KeySummary> keys = Map.of();
    private final PagedList<Disk> rows = new PagedList<>(disks, this::matches);
    private final ObjectProperty<EncryptionFilter> encryptionFilter =
            new SimpleObjectProperty<>(this, "encryptionFilter", EncryptionFilter.ALL);
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading", false);
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", null);

    public ObservableList<Disk> disks() {
        return FXCollections.unmodifiableObservableList(disks);
    }

    public PagedList<Disk> rows() {
        return rows;
    }

    /** The region's keys by id, to name a disk's key; a key missing here no longer exists. */
    public Map<String, KeySummary> keys() {
        return keys;
    }

    public ObjectProperty<EncryptionFilter> encryptionFilterProperty() {
        return encryptionFilter;
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** The key's first alias, else its id. */
    public String keyName(String keyId) {
        KeySummary summary = keys.get(keyId);
        return summary == null || summary.aliases().isEmpty() ? keyId : summary.aliases().get(0);
    }

    private boolean matches(Disk disk, String query) {
        return PagedList.contains(disk.diskId(), query) || PagedList.contains(disk.diskName(), query)
                || PagedList.contains(disk.kmsKeyId(), query)
                || (disk.kmsKeyId() != null && PagedList.contains(keyName(disk.kmsKeyId()), query));
    }

    /** Keys first: the rows render when the disks change and read the keys then. */
    void fill(List<Disk> loaded, Map<String, KeySummary> loadedKeys) {
        // A reload that found nothing new leaves the rows (and their buttons) as they are: the change feed reloads
        // on every change of a topic, and replacing equal rows would redraw the table under the user's pointer.
        if (loaded.equals(disks) && loadedKeys.equals(keys)) {
            return;
        }
        this.keys = loadedKeys;
        disks.setAll(loaded);
    }

    void setLoading(boolean value) {
        loading.set(value);
    }

    void setError(String message) {
        error.set(message);
    }
}
