package dev.ecskms.ui.kms;

import dev.ecskms.sim.common.ApiException;
import dev.ecskms.sim.kms.PendingWindowRule;
import dev.ecskms.ui.common.ConsoleDialog;
import dev.ecskms.ui.common.Errors;
import dev.ecskms.ui.common.Forms;
import dev.ecskms.ui.common.Formats;
import dev.ecskms.ui.common.Icons;
import dev.ecskms.ui.common.ModalHost;
import dev.ecskms.ui.common.Spinners;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.antdesignicons.AntDesignIconsOutlined;

/** Asks for the pending window (7–366 days) and shows on which simulated date the key material will be destroyed. */
final class ScheduleKeyDeletionDialog extends ConsoleDialog {
    static final int MIN_DAYS = PendingWindowRule.MIN_DAYS;
    static final int MAX_DAYS = PendingWindowRule.MAX_DAYS;
    static final int DEFAULT_DAYS = 30;
    static final String WARNING = "When the pending period ends, the key and its key material are destroyed and"
            + " cannot be recovered. Every ciphertext encrypted with it, including the data keys of cloud disks,"
            + " snapshots and images, can never be decrypted again. Until then you can cancel the deletion; the key"
            + " cannot be used while deletion is pending.";

    private final Spinner<Integer> pendingDays = Spinners.checked(DEFAULT_DAYS, "pendingWindowSpinner");
    private final Label pendingDaysError = Forms.fieldError("pendingWindowError");
    private final Label deletionDate = new Label();
    /** The window that will be sent, null while the field holds one the service would refuse. */
    private Integer acceptedDays = DEFAULT_DAYS;
    private final Supplier<Instant> now;

    ScheduleKeyDeletionDialog(ModalHost host, String keyDisplayName, Supplier<Instant> now) {
        super(host, "Schedule Deletion of Key " + keyDisplayName, "Confirm");
        this.now = now;
        getStyleClass().add("schedule-deletion-dialog");
        setDangerous(true);
        setDialogWidth(600);

        Label warning = new Label(WARNING, Icons.icon(AntDesignIconsOutlined.WARNING));
        warning.getStyleClass().addAll("callout", "callout-danger");
        warning.setId("deletionWarning");
        warning.setWrapText(true);

        Label unit = new Label("days (" + MIN_DAYS + " to " + MAX_DAYS + ")");
        unit.getStyleClass().add("field-hint");
        Label label = new Label("Pending period");
        label.getStyleClass().add("form-label");
        HBox window = new HBox(12, label, pendingDays, unit);
        window.setAlignment(Pos.CENTER_LEFT);
        VBox windowBlock = new VBox(4, window, pendingDaysError);

        deletionDate.setId("deletionDateLabel");
        deletionDate.getStyleClass().add("deletion-date");
        pendingDays.getEditor().textProperty().addListener((obs, old, text) -> check());
        pendingDays.valueProperty().addListener((obs, old, days) -> check());
        check();

        setContent(warning, windowBlock, deletionDate);
    }

    /** The window that will be sent: the one the date preview was computed from. */
    int pendingWindowInDays() {
        if (acceptedDays == null) {
            throw new IllegalStateException("The pending window is refused: " + pendingDaysError.getText());
        }
        return acceptedDays;
    }

    /**
     * Checks the typed window with the service's own rule: refused next to the field, with Confirm disabled and no
     * date shown; accepted, it is the value sent and the one the date is computed from.
     */
    private void check() {
        Integer typed = Spinners.typed(pendingDays);
        String refusal = null;
        acceptedDays = null;
        if (typed == null) {
            refusal = "Enter the pending period as a whole number of days, " + MIN_DAYS + " to " + MAX_DAYS + ".";
        } else {
            try {
                acceptedDays = PendingWindowRule.check(typed);
            } catch (ApiException e) {
                refusal = Errors.describe(e);
            }
        }
        Forms.showFieldError(pendingDaysError, refusal);
        setInvalid(acceptedDays == null);
        if (acceptedDays == null) {
            deletionDate.setText("No deletion date: the pending period must be " + MIN_DAYS + " to " + MAX_DAYS
                    + " days.");
        } else {
            Instant date = now.get().plus(Duration.ofDays(acceptedDays));
            deletionDate.setText("The key will be deleted on " + Formats.dateTimeUtc(date) + " (simulated time).");
        }
    }

    @Override
    protected void onShown() {
        pendingDays.requestFocus();
    }
}
