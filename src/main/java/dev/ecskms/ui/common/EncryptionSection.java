package dev.ecskms.ui.common;

import dev.ecskms.sim.ecs.DefaultEncryption;
import dev.ecskms.sim.ecs.DiskCategory;
import dev.ecskms.sim.ecs.EncryptionChoice;
import dev.ecskms.sim.ecs.NewDiskKeyRule;
import dev.ecskms.sim.ecs.Region;
import dev.ecskms.sim.ecs.Snapshot;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.antdesignicons.AntDesignIconsOutlined;

/**
 * The encryption of one new disk, as the Create Disk wizard and the purchase page's system and data disks show it:
 * the Encrypted box with the reason it is locked ({@link #checkRow()}), and under "KMS Key" the key selector, the
 * note when the region has no CMKs, ECS's explanation of the key it will use, that key, and the warning that
 * encryption is for good ({@link #keyBlock()}); a data-disk row places the parts itself. The selector's default entry
 * comes from the service's {@link NewDiskKeyRule}, the explanation and the key used from the page's preview call:
 * {@link #showChoice} and {@link #showPreviewFailure}.
 */
public final class EncryptionSection {
    /** The node ids tests and styles find the parts by. */
    public record Ids(String check, String reason, String keySelector, String keyNote, String explanation,
            String effectiveKey, String warning) {
    }

    private final ConsoleSession session;
    private final Region region;
    private final CheckBox encrypted = new CheckBox("Encrypted");
    private final Label reason;
    private final KeySelector key;
    private final Label keyNote;
    private final Label explanation = new Label("Loading...");
    private final Label effectiveKey;
    private final Label irreversible = new Label(EncryptionLock.IRREVERSIBLE,
            Icons.icon(AntDesignIconsOutlined.WARNING));
    private HBox checkRow;
    private VBox keyBlock;
    private VBox previewBlock;

    public EncryptionSection(ConsoleSession session, Region region, Ids ids) {
        this.session = session;
        this.region = region;
        key = new KeySelector(session, ids.keySelector());
        reason = Forms.hint(ids.reason());
        keyNote = Forms.hint(ids.keyNote());
        effectiveKey = Forms.hint(ids.effectiveKey());

        encrypted.setId(ids.check());
        encrypted.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE); // the reason wraps, the box stays whole
        reason.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(reason, Priority.ALWAYS);

        explanation.setId(ids.explanation());
        explanation.getStyleClass().add("encryption-explanation");
        explanation.setWrapText(true);
        explanation.setMaxWidth(Double.MAX_VALUE);
        explanation.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        explanation.setGraphic(Icons.icon(AntDesignIconsOutlined.INFO_CIRCLE));
        irreversible.setId(ids.warning());
        irreversible.getStyleClass().add("irreversible-warning");
        effectiveKey.setWrapText(true);
        effectiveKey.setMaxWidth(Double.MAX_VALUE);
        effectiveKey.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
    }

    /** The Encrypted box and the reason it is locked, for the form's "Encryption" row. */
    public Node checkRow() {
        if (checkRow == null) {
            checkRow = new HBox(12, encrypted, reason);
            checkRow.setAlignment(Pos.CENTER_LEFT);
        }
        return checkRow;
    }

    /** The key selector, the notes, the explanation and the warning, for the form's "KMS Key" row. */
    public Node keyBlock() {
        if (keyBlock == null) {
            keyBlock = new VBox(4, key, keyNote, explanation, effectiveKey, irreversible);
        }
        return keyBlock;
    }

    /** The Encrypted box alone, for a layout of its own (a data-disk row). */
    public CheckBox checkBox() {
        return encrypted;
    }

    /** The region's key note, ECS's explanation and the key used, for a layout of its own (a data-disk row). */
    public Node previewBlock() {
        if (previewBlock == null) {
            previewBlock = new VBox(2, keyNote, explanation, effectiveKey);
        }
        return previewBlock;
    }

    public Label reasonLabel() {
        return reason;
    }

    public KeySelector keySelector() {
        return key;
    }

    public BooleanProperty encryptedProperty() {
        return encrypted.selectedProperty();
    }

    public boolean isEncrypted() {
        return encrypted.isSelected();
    }

    /** The KMSKeyId for the request: null for the service key and for an unencrypted disk. */
    public String kmsKeyId() {
        return encrypted.isSelected() ? key.kmsKeyId() : null;
    }

    /** Called when the box is toggled or another key is picked. */
    public void setOnChange(Runnable handler) {
        encrypted.selectedProperty().addListener((obs, old, now) -> handler.run());
        key.setOnChange(handler);
    }

    public void setKeys(List<KeyOption> keys) {
        key.setOptions(keys);
    }

    /**
     * Locks the box as the {@link EncryptionLock} says, shows the reason when there is one, shows ECS's default key
     * as {@link NewDiskKeyRule} decides it, enables the key only for an encrypted disk whose key is not fixed by its
     * snapshot (otherwise back to the default) and shows the notes; returns whether the disk is encrypted.
     */
    public boolean applyLimits(DiskCategory category, Snapshot snapshot, DefaultEncryption defaults) {
        EncryptionLock lock = EncryptionLock.of(region, snapshot, defaults, category);
        boolean on = lock.applyTo(encrypted);
        reason.setText(lock.reason());
        reason.setVisible(!lock.reason().isEmpty());
        reason.setManaged(reason.isVisible());
        key.showDefault(NewDiskKeyRule.defaultKey(session.accountId(), snapshot, defaults));
        boolean fixed = NewDiskKeyRule.keyFixed(session.accountId(), snapshot);
        key.setDisable(!on || fixed);
        irreversible.setVisible(on);
        irreversible.setManaged(on);
        keyNote.setText(region.cmkSupported() ? "" : region.note() + " Customer master keys are listed but cannot"
                + " be chosen.");
        keyNote.setVisible(!region.cmkSupported() && region.encryptedDisksSupported());
        keyNote.setManaged(keyNote.isVisible());
        if (!on || fixed) {
            key.revertToDefault();
        }
        return on;
    }

    /** ECS's answer to the preview: why this key, and the key itself for an encrypted disk. */
    public void showChoice(EncryptionChoice choice) {
        explanation.setText(choice.explanation());
        markRefused(false);
        boolean show = choice.encrypted();
        effectiveKey.setVisible(show);
        effectiveKey.setManaged(show);
        if (show) {
            effectiveKey.setText("Key used: " + keyText(choice.kmsKeyId()));
        }
    }

    /** The preview was refused: the reason in red, no effective key. */
    public void showPreviewFailure(Throwable failure) {
        showRefused(Errors.describe(failure));
        effectiveKey.setVisible(false);
        effectiveKey.setManaged(false);
    }

    /** A refusal or failure in place of the explanation. */
    public void showRefused(String text) {
        explanation.setText(text);
        markRefused(true);
    }

    private String keyText(String keyId) {
        if (keyId == null) {
            return KeyOption.SERVICE_KEY_ALIAS + " (the service key; ECS creates it on first use)";
        }
        return key.getItems().stream().filter(o -> keyId.equals(o.keyId())).findFirst()
                .map(o -> o.serviceKey() ? KeyOption.SERVICE_KEY_ALIAS + " (" + keyId + ")" : o.text())
                .orElse(keyId);
    }

    private void markRefused(boolean refused) {
        explanation.getStyleClass().removeAll("explanation-error", "access-denied");
        if (refused) {
            explanation.getStyleClass().add("explanation-error");
        }
        // a RAM user's refusal reads as an access-denied notice (see Errors#describe)
        boolean denied = refused && Errors.isAccessDenied(explanation.getText());
        if (denied) {
            explanation.getStyleClass().add("access-denied");
        }
        explanation.setGraphic(Icons.icon(denied ? AntDesignIconsOutlined.LOCK : refused
                ? AntDesignIconsOutlined.CLOSE_CIRCLE : AntDesignIconsOutlined.INFO_CIRCLE));
    }
}
