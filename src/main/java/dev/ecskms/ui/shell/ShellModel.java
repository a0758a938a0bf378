package dev.ecskms.ui.shell;

import dev.ecskms.ui.common.ConsolePage;
import dev.ecskms.ui.common.Formats;
import java.time.Duration;
import java.time.Instant;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/** The shell's state: the simulated time shown in the top bar, the page in the content area, shell-level errors. */
public final class ShellModel {
    private final ReadOnlyStringWrapper clockText = new ReadOnlyStringWrapper(this, "clockText", "");
    private final ReadOnlyStringWrapper offsetText = new ReadOnlyStringWrapper(this, "offsetText", "");
    private final ReadOnlyObjectWrapper<ConsolePage> currentPage = new ReadOnlyObjectWrapper<>(this, "currentPage");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error");
    private final ReadOnlyStringWrapper identity = new ReadOnlyStringWrapper(this, "identity", "");
    private final ReadOnlyStringWrapper accessKeyId = new ReadOnlyStringWrapper(this, "accessKeyId");

    /** Simulated UTC time, e.g. "2026-11-27 23:57:24 UTC". */
    public ReadOnlyStringProperty clockTextProperty() {
        return clockText.getReadOnlyProperty();
    }

    /** How far simulated time is ahead of real time, e.g. "+30d 0h"; empty when it is not. */
    public ReadOnlyStringProperty offsetTextProperty() {
        return offsetText.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<ConsolePage> currentPageProperty() {
        return currentPage.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** Who the console acts as, e.g. "Root account 1234567890123456" or "Peer account 6543210987654321". */
    public ReadOnlyStringProperty identityProperty() {
        return identity.getReadOnlyProperty();
    }

    /** The AccessKey id of that identity, for scripts against the endpoint; null when it has none. */
    public ReadOnlyStringProperty accessKeyIdProperty() {
        return accessKeyId.getReadOnlyProperty();
    }

    void setIdentity(String who, String keyId) {
        identity.set(who);
        accessKeyId.set(keyId);
    }

    void setTime(Instant now, Duration offset) {
        clockText.set(Formats.dateTimeUtc(now));
        offsetText.set(Formats.offset(offset));
    }

    void setCurrentPage(ConsolePage page) {
        currentPage.set(page);
    }

    void setError(String message) {
        error.set(message);
    }
}
