package dev.ecskms.ui.disks;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/** One disk as its details page shows it: the disk and its key chain, plus loading and error state. */
public final class DiskDetailsModel {
    private final String diskId;
    private final ReadOnlyObjectWrapper<KeyChain> chain = new ReadOnlyObjectWrapper<>(this, "chain");
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading", false);
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error");

    DiskDetailsModel(String diskId) {
        this.diskId = diskId;
    }

    public String diskId() {
        return diskId;
    }

    /** The disk, its wrapped data key and the KMS key as last read; null until the first load succeeds. */
    ReadOnlyObjectProperty<KeyChain> chainProperty() {
        return chain.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    void fill(KeyChain loaded) {
        // An equal chain is no change: the change feed reloads on every write, and redrawing moves the buttons.
        if (!loaded.equals(chain.get())) {
            chain.set(loaded);
        }
    }

    void setLoading(boolean value) {
        loading.set(value);
    }

    void setError(String message) {
        error.set(message);
    }
}
