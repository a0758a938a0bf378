package dev.ecskms.ui.kms;

import dev.ecskms.sim.common.ApiException;
import dev.ecskms.sim.kms.KeyMetadata;
import dev.ecskms.sim.kms.RotationIntervalRule;
import dev.ecskms.ui.common.ConsoleDialog;
import dev.ecskms.ui.common.Errors;
import dev.ecskms.ui.common.Formats;
import dev.ecskms.ui.common.Forms;
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
    private final Label intervalError = Forms.fieldError("rotationPolicyIntervalError");

    RotationPolicyDialog(ModalHost host, String keyDisplayName, KeyMetadata current) {
        super(host, "Edit Rotation Policy of Key " + keyDisplayName, "OK");
        getStyleClass().add("rotation-policy-dialog");
        setDialogWidth(540);
        Integer days = Formats.intervalDays(current.rotationInterval());
        intervalDays = Spinners.checked(days == null ? 365 : days, "rotationPolicyIntervalSpinner");
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
        setContent(explanation, enabled, interval, intervalError);
        enabled.selectedProperty().addListener((obs, old, now) -> check());
        intervalDays.getEditor().textProperty().addListener((obs, old, text) -> check());
        check();
    }

    /** The interval checked with the service's own rule while rotation is on: refused next to the field. */
    private void check() {
        String refusal = enabled.isSelected() ? refusal(intervalDays) : null;
        Forms.showFieldError(intervalError, refusal);
        setInvalid(refusal != null);
    }

    /** What the service would say of the interval typed in {@code days}, or null when it accepts it. */
    static String refusal(Spinner<Integer> days) {
        Integer typed = Spinners.typed(days);
        if (typed == null) {
            return "Enter the interval as a whole number of days, " + RotationIntervalRule.MIN_DAYS + " to "
                    + RotationIntervalRule.MAX_DAYS + ".";
        }
        try {
            RotationIntervalRule.checkDays(typed);
            return null;
        } catch (ApiException e) {
            return Errors.describe(e);
        }
    }

    boolean rotationEnabled() {
        return enabled.isSelected();
    }

    int intervalDays() {
        return intervalDays.getValue();
    }
}
