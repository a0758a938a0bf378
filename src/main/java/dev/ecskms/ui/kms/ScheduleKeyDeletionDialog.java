package dev.ecskms.ui.kms;

import dev.ecskms.ui.common.ConsoleDialog;
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
import org.kordamp.ikonli.antdesignicons.AntDesignIconsOutlined;

/** Asks for the pending window (7–366 days) and shows on which simulated date the key material will be destroyed. */
final class ScheduleKeyDeletionDialog extends ConsoleDialog {
    static final int MIN_DAYS = 7;
    static final int MAX_DAYS = 366;
    static final int DEFAULT_DAYS = 30;
    static final String WARNING = "When the pending period ends, the key and its key material are destroyed and"
            + " cannot be recovered. Every ciphertext encrypted with it, including the data keys of cloud disks,"
            + " snapshots and images, can never be decrypted again. Until then you can cancel the deletion; the key"
            + " cannot be used while deletion is pending.";

    private final Spinner<Integer> pendingDays =
            Spinners.days(MIN_DAYS, MAX_DAYS, DEFAULT_DAYS, "pendingWindowSpinner");
    private final Label deletionDate = new Label();
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

        deletionDate.setId("deletionDateLabel");
        deletionDate.getStyleClass().add("deletion-date");
        pendingDays.valueProperty().addListener((obs, old, days) -> updateDeletionDate());
        updateDeletionDate();

        setContent(warning, window, deletionDate);
    }

    int pendingWindowInDays() {
        return pendingDays.getValue();
    }

    private void updateDeletionDate() {
        Instant date = now.get().plus(Duration.ofDays(pendingDays.getValue()));
        deletionDate.setText("The key will be deleted on " + Formats.dateTimeUtc(date) + " (simulated time).");
    }

    @Override
    protected void onShown() {
        pendingDays.requestFocus();
    }
}
