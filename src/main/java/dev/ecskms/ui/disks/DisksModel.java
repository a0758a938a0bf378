package dev.ecskms.ui.disks;

import dev.ecskms.sim.ecs.Disk;
import dev.ecskms.sim.kms.KeySummary;
import dev.ecskms.ui.common.KeyNames;
import dev.ecskms.ui.common.ServerPage;
import java.util.List;
import java.util.Map;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.ObservableList;

/** The Disks page's state: the shown page of the region's disks, their keys, the filter, search and page. */
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

    private KeyNames keyNames = KeyNames.NONE;
    private final ServerPage<Disk> rows = new ServerPage<>();
    private final ObjectProperty<EncryptionFilter> encryptionFilter =
            new SimpleObjectProperty<>(this, "encryptionFilter", EncryptionFilter.ALL);
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading", false);
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", null);

    /** The shown page's disks. */
    public ObservableList<Disk> disks() {
        return rows.pageRows();
    }

    /** The page, query and page size; ECS filters, counts and pages, so only the shown page is loaded. */
    public ServerPage<Disk> rows() {
        return rows;
    }

    /** The keys of the shown disks by id, to name a disk's key; a key missing here no longer exists. */
    public Map<String, KeySummary> keys() {
        return keyNames.keys();
    }

    /** The keys with, for a user who may not read KMS, the refused action: the page then shows bare key ids. */
    public KeyNames keyNames() {
        return keyNames;
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
        KeySummary summary = keyNames.keys().get(keyId);
        return summary == null || summary.aliases().isEmpty() ? keyId : summary.aliases().get(0);
    }

    /** Keys first: the rows render when the disks change and read the keys then. */
    void fill(List<Disk> page, int total, KeyNames loadedKeys) {
        // A reload that found nothing new leaves the rows (and their buttons) as they are: the change feed reloads
        // on every change of a topic, and replacing equal rows would redraw the table under the user's pointer.
        if (loadedKeys.equals(keyNames)) {
            rows.show(page, total);
            return;
        }
        this.keyNames = loadedKeys;
        // new key names (an alias added, a key disabled) redraw even equal disks
        rows.show(List.of(), total);
        rows.show(page, total);
    }

    void clear() {
        keyNames = KeyNames.NONE;
        rows.clear();
    }

    void setLoading(boolean value) {
        loading.set(value);
    }

    void setError(String message) {
        error.set(message);
    }
}
