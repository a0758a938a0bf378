package dev.ecskms.ui.kms;

import dev.ecskms.sim.common.Page;
import dev.ecskms.sim.kms.KeySummary;
import dev.ecskms.ui.common.ServerPage;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ObservableList;

/**
 * The Keys page's state: the shown page of each tab (customer keys, default keys), plus loading and error state.
 * KMS searches, counts and pages, so only the shown pages are loaded.
 */
public final class KeysModel {
    private final ServerPage<KeySummary> customerKeys = new ServerPage<>();
    private final ServerPage<KeySummary> defaultKeys = new ServerPage<>();
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading", false);
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", null);

    /** The customer keys shown, newest first. */
    public ObservableList<KeySummary> keys() {
        return customerKeys.pageRows();
    }

    /** The Customer Master Keys tab: search by key id, alias or description, as the console does. */
    public ServerPage<KeySummary> customerKeys() {
        return customerKeys;
    }

    /** The Default Keys tab: the service keys. */
    public ServerPage<KeySummary> defaultKeys() {
        return defaultKeys;
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    /** The last failure of an action on this page, shown in a banner; null when there is none. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    void setKeys(Page<KeySummary> customer, Page<KeySummary> service) {
        // A reload that found nothing new leaves the rows (and their buttons) as they are (see ServerPage#show):
        // the change feed reloads on every change of a topic, and replacing equal rows would redraw the table
        // under the user's pointer.
        customerKeys.show(customer.items(), customer.totalCount());
        defaultKeys.show(service.items(), service.totalCount());
    }

    void clear() {
        customerKeys.clear();
        defaultKeys.clear();
    }

    void setLoading(boolean value) {
        loading.set(value);
    }

    void setError(String message) {
        error.set(message);
    }
}
