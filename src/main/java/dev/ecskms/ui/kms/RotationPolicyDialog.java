package dev.ecskms.ui.kms;

import dev.ecskms.sim.kms.KeyMetadata;
import dev.ecskms.ui.common.ConsoleDialog;
import dev.ecskms.ui.common.Formats;
import dev.ecskms.ui.common.ModalHost;
import dev.ecskms.ui.common.Spinners;
import javafx.geometry.Pos;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.layout.HBox;

/** Edits a key's automatic rotation: on or off, and the interval in days (7–730). */
final class RotationPolicyDialog extends ConsoleDialog {
    private final CheckBox enabled = new CheckBox("Enable automatic rotation");
    private final Spinner<Integer> intervalDays;

    RotationPolicyDialog(ModalHost host, String keyDisplayName, KeyMetadata current) {
        super(host, "Edit Rotation Policy of Key " + keyDisplayName, "OK");
        getStyleClass().add("rotation-policy-dialog");
        setDialogWidth(540);
        Integer days = Formats.intervalDays(current.rotationInterval());
        intervalDays = Spinners.days(7, 730, days == null ? 365 : Math.max(7, Math.min(730, days)),
                "rotationPolicyIntervalSpinner");
        enabled.setId("rotationPolicyEnabledCheck");
        enabled.setSelected("Enabled".equals(current.automaticRotation()));
        intervalDays.disableProperty().bind(enabled.selectedProperty().not());
        Label intervalLabel = new Label("Rotation interval");
        Label unit = new Label("days (7 to 730)");
        unit.getStyleClass().add("field-hint");
        HBox interval = new HBox(12, intervalLabel, intervalDays, unit);
        interval.setAlignment(Pos.CENTER_LEFT);
        Label explanation = new Label("Each rotation creates a new key version and makes it primary. Data encrypted"
                + " earlier stays decryptable with its own version.");
        explanation.setWrapText(true);
        explanation.getStyleClass().add("field-hint");
        setContent(explanation, enabled, interval);
    }

    boolean rotationEnabled() {
        return enabled.isSelected();
    }

    int intervalDays() {
        return intervalDays.getValue();
    }
}
