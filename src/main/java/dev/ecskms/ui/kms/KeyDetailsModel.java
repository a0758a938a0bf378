package dev.ecskms.ui.kms;

import dev.ecskms.sim.kms.AliasInfo;
import dev.ecskms.sim.kms.KeyMetadata;
import dev.ecskms.sim.kms.KeyVersion;
import dev.ecskms.sim.kms.ProtectedResource;
import dev.ecskms.sim.kms.Tag;
import dev.ecskms.sim.trail.TrailEvent;
import java.util.List;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * One key as its details page shows it: metadata, versions, aliases, tags, the resources it protects and its recent
 * use on the audit trail.
 */
public final class KeyDetailsModel {
    private final String keyId;
    private final ReadOnlyObjectWrapper<KeyMetadata> metadata = new ReadOnlyObjectWrapper<>(this, "metadata");
    private final ObservableList<KeyVersion> versions = FXCollections.observableArrayList();
    private final ObservableList<KeyVersion> versionsView = FXCollections.unmodifiableObservableList(versions);
    private final ObservableList<AliasInfo> aliases = FXCollections.observableArrayList();
    private final ObservableList<AliasInfo> aliasesView = FXCollections.unmodifiableObservableList(aliases);
    private final ObservableList<Tag> tags = FXCollections.observableArrayList();
    private final ObservableList<Tag> tagsView = FXCollections.unmodifiableObservableList(tags);
    private final ReadOnlyObjectWrapper<List<ProtectedResource>> resources =
            new ReadOnlyObjectWrapper<>(this, "resources");
    private final ReadOnlyStringWrapper resourcesError = new ReadOnlyStringWrapper(this, "resourcesError");
    private final ObservableList<TrailEvent> recentUse = FXCollections.observableArrayList();
    private final ObservableList<TrailEvent> recentUseView = FXCollections.unmodifiableObservableList(recentUse);
    private final ReadOnlyStringWrapper recentUseError = new ReadOnlyStringWrapper(this, "recentUseError");
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading", false);
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error");

    KeyDetailsModel(String keyId) {
        this.keyId = keyId;
    }

    public String keyId() {
        return keyId;
    }

    /** Null until the first load succeeds. */
    public ReadOnlyObjectProperty<KeyMetadata> metadataProperty() {
        return metadata.getReadOnlyProperty();
    }

    public ObservableList<KeyVersion> versions() {
        return versionsView;
    }

    public ObservableList<AliasInfo> aliases() {
        return aliasesView;
    }

    public List<String> aliasNames() {
        return aliases.stream().map(AliasInfo::aliasName).toList();
    }

    public ObservableList<Tag> tags() {
        return tagsView;
    }

    /** Null while loading. */
    public ReadOnlyObjectProperty<List<ProtectedResource>> resourcesProperty() {
        return resources.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty resourcesErrorProperty() {
        return resourcesError.getReadOnlyProperty();
    }

    /** The key's last uses and changes on the audit trail, newest first. */
    public ObservableList<TrailEvent> recentUse() {
        return recentUseView;
    }

    /** Why the recent use could not be looked up; null when it could. */
    public ReadOnlyStringProperty recentUseErrorProperty() {
        return recentUseError.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** Lists first, metadata last: views render on a metadata change and read the lists then. */
    void fill(KeyDetailsController.Snapshot snapshot) {
        versions.setAll(snapshot.versions());
        aliases.setAll(snapshot.aliases());
        tags.setAll(snapshot.tags());
        metadata.set(snapshot.metadata());
        resources.set(snapshot.resources());
        resourcesError.set(snapshot.resourcesError());
    }

    void fillRecentUse(List<TrailEvent> events, String failure) {
        if (!events.equals(recentUse)) {
            recentUse.setAll(events);
        }
        recentUseError.set(failure);
    }

    void setLoading(boolean value) {
        loading.set(value);
    }

    void setError(String message) {
        error.set(message);
    }
}
