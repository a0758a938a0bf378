package dev.ecskms.ui.kms;

import dev.ecskms.sim.kms.KeySummary;
import dev.ecskms.ui.common.PagedList;
import java.util.List;
import java.util.function.Predicate;
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
    private final PagedList<KeySummary> customerKeys = keyList(summary -> !summary.metadata().isServiceKey());
    private final PagedList<KeySummary> defaultKeys = keyList(summary -> summary.metadata().isServiceKey());
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading", false);
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", null);

    public ObservableList<KeySummary> keys() {
        return keysView;
    }

    public PagedList<KeySummary> customerKeys() {
        return customerKeys;
    }

    public PagedList<KeySummary> defaultKeys() {
        return defaultKeys;
    }

    /** One tab's rows: the keys of one kind, searched by key id, alias or description as the console does. */
    private PagedList<KeySummary> keyList(Predicate<KeySummary> kind) {
        PagedList<KeySummary> rows = new PagedList<>(keys, KeysModel::matches);
        rows.filterProperty().set(kind);
        return rows;
    }

    static boolean matches(KeySummary summary, String needle) {
        var metadata = summary.metadata();
        return PagedList.contains(metadata.keyId(), needle) || PagedList.contains(metadata.description(), needle)
                || summary.aliases().stream().anyMatch(alias -> PagedList.contains(alias, needle));
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    /** The last failure of an action on this page, shown in a banner; null when there is none. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    void setKeys(List<KeySummary> loaded) {
        // A reload that found nothing new leaves the rows (and their buttons) as they are: the change feed reloads
        // on every change of a topic, and replacing equal rows would redraw the table under the user's pointer.
        if (!loaded.equals(keys)) {
            keys.setAll(loaded);
        }
    }

    void setLoading(boolean value) {
        loading.set(value);
    }

    void setError(String message) {
        error.set(message);
    }
}
