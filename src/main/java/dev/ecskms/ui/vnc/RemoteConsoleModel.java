package dev.ecskms.ui.vnc;

import dev.ecskms.sim.ecs.BootFailure;
import dev.ecskms.ui.common.BootFailures;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The remote connection's state: the console's own status line and, when the instance is not running, the message
 * shown next to (never inside) the picture. The picture itself is the guest's framebuffer, painted by the view.
 */
public final class RemoteConsoleModel {
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "Connecting...");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", null);
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", null);
    private final ReadOnlyStringWrapper bootFailure = new ReadOnlyStringWrapper(this, "bootFailure", null);
    private final ReadOnlyStringWrapper bootFailureKeyId = new ReadOnlyStringWrapper(this, "bootFailureKeyId", null);
    private final ReadOnlyBooleanWrapper connected = new ReadOnlyBooleanWrapper(this, "connected", false);

    /** What {@code InstanceConsole.status()} says, e.g. "Running" or "Stopped". */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** "The instance is Stopped" while it does not run; null while it runs. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /**
     * Why the last start could not read one of the instance's disks (the code and what happened), shown under the
     * picture, which stays black; null when the last start read them all.
     */
    public ReadOnlyStringProperty bootFailureProperty() {
        return bootFailure.getReadOnlyProperty();
    }

    /** The KMS key the boot failure names (it refused the disk's data key), for the "View key" link; else null. */
    public ReadOnlyStringProperty bootFailureKeyIdProperty() {
        return bootFailureKeyId.getReadOnlyProperty();
    }

    void setBootFailure(BootFailure failure) {
        bootFailure.set(failure == null ? null : BootFailures.describe(failure));
        bootFailureKeyId.set(BootFailures.keyId(failure).orElse(null));
    }

    public ReadOnlyBooleanProperty connectedProperty() {
        return connected.getReadOnlyProperty();
    }

    void setStatus(String text) {
        status.set(text);
        message.set(running(text) ? null : "The instance is " + firstWord(text));
    }

    static boolean running(String status) {
        return status != null && status.startsWith("Running");
    }

    private static String firstWord(String status) {
        if (status == null || status.isBlank()) {
            return "not running";
        }
        String[] words = status.trim().split("[\\s(:,·]+", 2);
        return words[0];
    }

    void setError(String text) {
        error.set(text);
    }

    void setConnected(boolean value) {
        connected.set(value);
    }
}
