package dev.ecskms.ui.images;

import dev.ecskms.sim.ecs.Catalog;
import dev.ecskms.sim.ecs.CopyImageRequest;
import dev.ecskms.sim.ecs.Image;
import dev.ecskms.sim.ecs.Region;
import dev.ecskms.ui.common.ConsoleDialog;
import dev.ecskms.ui.common.ConsoleSession;
import dev.ecskms.ui.common.Errors;
import dev.ecskms.ui.common.Forms;
import dev.ecskms.ui.common.KeyOption;
import dev.ecskms.ui.common.KeySelector;
import dev.ecskms.ui.common.Tables;
import java.util.function.Consumer;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;

/**
 * Copy Image: destination region, name, and the Encryption checkbox with the key selector of the destination region
 * (a copy's data is re-encrypted under a new data key wrapped by that key). A copy of an encrypted image stays
 * encrypted: the checkbox is then checked and cannot be cleared, only the key chosen.
 */
final class CopyImageDialog extends ConsoleDialog {
    private final ConsoleSession session;
    private final ImagesController controller;
    private final Image source;
    private final ComboBox<Region> region = new ComboBox<>();
    private final TextField name = new TextField();
    private final CheckBox encrypted = new CheckBox("Encrypt the copy");
    private final KeySelector keys;
    private final Label keyHint = Forms.hint("copyKeyHint");

    CopyImageDialog(ConsoleSession session, ImagesController controller, Image source,
            Consumer<CopyImageRequest> submit) {
        super(session.modals(), "Copy Image " + source.imageId(), "OK");
        this.session = session;
        this.controller = controller;
        this.source = source;
        getStyleClass().add("copy-image-dialog");
        setDialogWidth(620);
        keys = new KeySelector(session, "kmsKeySelector");

        region.setId("copyRegionChoice");
        region.setMaxWidth(Double.MAX_VALUE);
        region.getItems().setAll(Catalog.regions());
        region.setCellFactory(list -> new RegionCell());
        region.setButtonCell(new RegionCell());
        region.setValue(session.region());
        name.setId("copyNameField");
        name.setText(source.imageName() + "-copy");
        encrypted.setId("copyEncryptedCheck");
        encrypted.setSelected(source.encrypted());
        encrypted.setDisable(source.encrypted());
        keys.disableProperty().bind(encrypted.selectedProperty().not());
        encrypted.selectedProperty().addListener((obs, was, now) -> {
            if (!now) {
                keys.revertToDefault();
            }
            explain();
        });
        keys.setOnChange(this::explain);
        region.valueProperty().addListener((obs, was, now) -> loadKeys());

        GridPane form = Forms.grid(12, "copy-image-form");
        int row = 0;
        row = Forms.addRow(form, row, "Source image", new Label(source.imageId() + " (" + source.imageName() + ", "
                + source.size() + " GiB, " + (source.encrypted() ? "encrypted" : "not encrypted") + ")"), false);
        row = Forms.addRow(form, row, "Destination region", region, true);
        row = Forms.addRow(form, row, "Image name", name, true);
        row = Forms.addRow(form, row, "Encryption", encrypted, false);
        Forms.addRow(form, row, "KMS key", new javafx.scene.layout.VBox(4, keys, keyHint), false);
        Label note = Tables.callout("copyNote", "The copy is a new image with its own snapshot. Encrypted, every"
                + " sector is written again under a new data key wrapped by the key you choose; instances and"
                + " system disks made from it are encrypted with that key.", "info");
        setContent(note, form);
        confirmButton().setDisable(true);
        setOnConfirm(ignored -> submit.accept(request()));
        loadKeys();
    }

    private void loadKeys() {
        Region target = region.getValue();
        confirmButton().setDisable(true);
        controller.loadKeyOptions(target, options -> {
                    if (target == region.getValue()) {
                        keys.setOptions(options);
                        explain();
                        confirmButton().setDisable(false);
                    }
                }, failure -> setErrorText("The keys could not be loaded: " + Errors.describe(failure)));
    }

    private void explain() {
        KeyOption key = keys.getValue();
        if (!encrypted.isSelected()) {
            keyHint.setText("The copy is not encrypted, like its source.");
        } else if (key == null || key.serviceKey()) {
            keyHint.setText(source.encrypted() && (key == null || key.keyId() == null)
                    ? "The copy keeps the source's key " + source.kmsKeyId() + " (the region has no service key yet)."
                    : "Encrypted with the service key " + KeyOption.SERVICE_KEY_ALIAS + " of the destination region.");
        } else {
            keyHint.setText("Encrypted with " + key.text() + ".");
        }
    }

    /** The request as CopyImage takes it; the service key is named by id once it exists, so the copy uses it. */
    CopyImageRequest request() {
        KeyOption key = keys.getValue();
        boolean encrypt = encrypted.isSelected();
        String keyId = !encrypt || key == null ? null : key.serviceKey() ? (source.encrypted() ? key.keyId() : null)
                : key.keyId();
        String destination = region.getValue().regionId();
        return new CopyImageRequest(source.imageId(), destination.equals(session.regionId()) ? null : destination,
                name.getText(), null, encrypt ? Boolean.TRUE : null, keyId, null);
    }

    @Override
    protected void onShown() {
        name.requestFocus();
    }

    private static final class RegionCell extends ListCell<Region> {
        @Override
        protected void updateItem(Region item, boolean empty) {
            super.updateItem(item, empty);
            setText(empty || item == null ? null : item.localName() + " (" + item.regionId() + ")");
        }
    }
}
