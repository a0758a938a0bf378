package dev.ecskms.ui.images;

import dev.ecskms.sim.ecs.Image;
import dev.ecskms.sim.kms.KeySummary;
import dev.ecskms.ui.common.KeyNames;
import dev.ecskms.ui.common.PagedList;
import java.util.List;
import java.util.Map;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The Images page's state: the caller's custom images, those shared with it, the public images, and the keys. */
public final class ImagesModel {
    private final ObservableList<Image> own = FXCollections.observableArrayList();
    private final ObservableList<Image> shared = FXCollections.observableArrayList();
    private final ObservableList<Image> system = FXCollections.observableArrayList();
    private Map<String, KeySummary> keys = Map.of();
    private KeyNames keyNames = KeyNames.NONE;
    private final PagedList<Image> ownRows = new PagedList<>(own, ImagesModel::matches);
    private final PagedList<Image> sharedRows = new PagedList<>(shared, ImagesModel::matches);
    private final PagedList<Image> systemRows = new PagedList<>(system, ImagesModel::matches);
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading", false);
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", null);
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper(this, "notice", "");

    public PagedList<Image> ownRows() {
        return ownRows;
    }

    public PagedList<Image> sharedRows() {
        return sharedRows;
    }

    public PagedList<Image> systemRows() {
        return systemRows;
    }

    /** Custom images of the caller, Creating ones included, newest first. */
    public ObservableList<Image> own() {
        return FXCollections.unmodifiableObservableList(own);
    }

    public ObservableList<Image> shared() {
        return FXCollections.unmodifiableObservableList(shared);
    }

    public ObservableList<Image> system() {
        return FXCollections.unmodifiableObservableList(system);
    }

    /** The caller's alias for a key, else its id; a shared image's key is its owner's and not among them. */
    /** The keys with, for a user who may not read KMS, the refused action: keys then show by bare id. */
    public KeyNames keyNames() {
        return keyNames;
    }

    public String keyName(String keyId) {
        KeySummary summary = keys.get(keyId);
        return summary == null || summary.aliases().isEmpty() ? keyId : summary.aliases().get(0);
    }

    public KeySummary key(String keyId) {
        return keys.get(keyId);
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** What the last action started ("Image m-… is being copied …"); empty when there is nothing to say. */
    public ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    private static boolean matches(Image image, String query) {
        return PagedList.contains(image.imageId(), query) || PagedList.contains(image.imageName(), query)
                || PagedList.contains(image.osName(), query) || PagedList.contains(image.kmsKeyId(), query);
    }

    void fill(List<Image> ownImages, List<Image> sharedImages, List<Image> systemImages,
            KeyNames loadedKeys) {
        // Equal rows are left alone: the feed reloads on every change, and redrawing would move the user's pointer.
        if (ownImages.equals(own) && sharedImages.equals(shared) && systemImages.equals(system)
                && loadedKeys.equals(keyNames)) {
            return;
        }
        keyNames = loadedKeys;
        keys = loadedKeys.keys();
        own.setAll(ownImages);
        shared.setAll(sharedImages);
        system.setAll(systemImages);
    }

    void setLoading(boolean value) {
        loading.set(value);
    }

    void setError(String message) {
        error.set(message);
    }

    void setNotice(String message) {
        notice.set(message == null ? "" : message);
    }
}
