package dev.ecskms.ui.kms;

import dev.ecskms.sim.kms.KeySummary;
import java.util.List;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The Keys page's state: every key of the region, split into the two tabs, plus loading and error state. */
public final class KeysModel {
    private final ObservableList<KeySummary> keys = FXCollections.observableArrayList();
    private final ObservableList<KeySummary> keysView = FXCollections.unmodifiableObservableList(keys);
    private final KeyListModel customerKeys = new KeyListModel(keys, summary -> !summary.metadata().isServiceKey());
    private final KeyListModel defaultKeys = new KeyListModel(keys, summary -> summary.metadata().isServiceKey());
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading", false);
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", null);

    public ObservableList<KeySummary> keys() {
        return keysView;
    }

    public KeyListModel customerKeys() {
        return customerKeys;
    }

    public KeyListModel defaultKeys() {
        return defaultKeys;
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    /** The last failure of an action on this page, shown in a banner; null when there is none. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    void setKeys(List<KeySummary> loaded) {
        keys.setAll(loaded);
    }

    void setLoading(boolean value) {
        loading.set(value);
    }

    void setError(String message) {
        error.set(message);
    }
}
