package dev.ecskms.ui.welcome;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** What the welcome shows; filled by {@link WelcomeController}. */
public final class WelcomeModel {
    final StringProperty dataDir = new SimpleStringProperty(this, "dataDir");
    final StringProperty endpoint = new SimpleStringProperty(this, "endpoint");
    final StringProperty accessKeyId = new SimpleStringProperty(this, "accessKeyId");
    /** Only when this start generated it; null otherwise (the row is then not shown). */
    final StringProperty accessKeySecret = new SimpleStringProperty(this, "accessKeySecret");
    /** Where the secret is, or was shown, and how to seed a known one. */
    final StringProperty secretNote = new SimpleStringProperty(this, "secretNote");
    /** Whether this console has a guided labs page to offer. */
    final BooleanProperty labsAvailable = new SimpleBooleanProperty(this, "labsAvailable");
    /** True while the welcome is up: from the start of a data dir whose welcome was not dismissed, until it is. */
    final BooleanProperty showing = new SimpleBooleanProperty(this, "showing");
    /** The service's answer when the dismissal could not be stored. */
    final StringProperty error = new SimpleStringProperty(this, "error");

    public StringProperty dataDirProperty() {
        return dataDir;
    }

    public StringProperty endpointProperty() {
        return endpoint;
    }

    public StringProperty accessKeyIdProperty() {
        return accessKeyId;
    }

    public StringProperty accessKeySecretProperty() {
        return accessKeySecret;
    }

    public StringProperty secretNoteProperty() {
        return secretNote;
    }

    public BooleanProperty labsAvailableProperty() {
        return labsAvailable;
    }

    public BooleanProperty showingProperty() {
        return showing;
    }

    public StringProperty errorProperty() {
        return error;
    }
}
