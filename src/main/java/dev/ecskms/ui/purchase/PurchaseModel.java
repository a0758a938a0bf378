package dev.ecskms.ui.purchase;

import dev.ecskms.sim.common.ApiException;
import dev.ecskms.ui.common.Errors;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The purchase page's state beyond its inputs: whether the options are loaded, whether an order is being placed,
 * and the service's refusal (its message with the code, and the code alone, so the field at fault can show it).
 */
public final class PurchaseModel {
    private final ReadOnlyBooleanWrapper loaded = new ReadOnlyBooleanWrapper(this, "loaded", false);
    private final ReadOnlyBooleanWrapper submitting = new ReadOnlyBooleanWrapper(this, "submitting", false);
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", null);
    private final ReadOnlyStringWrapper errorCode = new ReadOnlyStringWrapper(this, "errorCode", null);

    public ReadOnlyBooleanProperty loadedProperty() {
        return loaded.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty submittingProperty() {
        return submitting.getReadOnlyProperty();
    }

    /** The refusal as the console shows it: "message\nError code: …". */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorCodeProperty() {
        return errorCode.getReadOnlyProperty();
    }

    void setLoaded(boolean value) {
        loaded.set(value);
    }

    void setSubmitting(boolean value) {
        submitting.set(value);
    }

    void setFailure(String context, Throwable failure) {
        if (failure == null) {
            error.set(context);
            errorCode.set(null);
            return;
        }
        ApiException api = Errors.apiException(failure);
        errorCode.set(api == null ? null : api.code());
        error.set(context == null ? Errors.describe(failure) : context + ": " + Errors.describe(failure));
    }

    /** A problem the page finds itself before asking the service (no code). */
    void setLocalError(String message) {
        errorCode.set(null);
        error.set(message);
    }
}
