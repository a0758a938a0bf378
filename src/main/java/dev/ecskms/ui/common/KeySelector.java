package dev.ecskms.ui.common;

import dev.ecskms.sim.ram.RamService;
import java.util.List;
import javafx.geometry.Pos;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The KMS key drop-down of the Create Disk wizard and the default-key dialog: the service key first, then the CMKs
 * with their state. Keys that cannot be used are shown greyed out and cannot be picked. The first time a CMK is
 * picked while ECS has no permission to use the account's keys, the authorization prompt opens; Cancel there
 * returns to the service key.
 */
public final class KeySelector extends ComboBox<KeyOption> {
    private final ConsoleSession session;
    private Runnable onChange = () -> { };
    private boolean quiet;

    public KeySelector(ConsoleSession session, String id) {
        this.session = session;
        setId(id);
        setMaxWidth(Double.MAX_VALUE);
        setVisibleRowCount(8);
        setCellFactory(list -> new OptionCell(true));
        setButtonCell(new OptionCell(false));
        valueProperty().addListener((obs, old, now) -> {
            if (quiet) {
                return;
            }
            if (now != null && !now.selectable()) {
                // Keyboard navigation can land on a greyed-out key; it is never the choice.
                Runnable back = () -> setQuietly(old != null && old.selectable() ? old : getItems().get(0));
                javafx.application.Platform.runLater(back);
                return;
            }
            if (now != null && !now.serviceKey()) {
                checkAuthorization();
            }
            onChange.run();
        });
    }

    /** Called after the user picked another key (and after an authorization prompt was answered). */
    public void setOnChange(Runnable handler) {
        this.onChange = handler;
    }

    /** Replaces the keys; keeps the chosen key when it is still usable, otherwise picks the service key. */
    public void setOptions(List<KeyOption> options) {
        KeyOption chosen = getValue();
        quiet = true;
        try {
            getItems().setAll(options);
            KeyOption keep = chosen == null ? null : options.stream().filter(o -> o.selectable()
                    && o.serviceKey() == chosen.serviceKey() && java.util.Objects.equals(o.keyId(), chosen.keyId()))
                    .findFirst().orElse(null);
            setValue(keep != null ? keep : options.isEmpty() ? null : options.get(0));
        } finally {
            quiet = false;
        }
    }

    public void selectServiceKey() {
        if (!getItems().isEmpty()) {
            setQuietly(getItems().get(0));
            onChange.run();
        }
    }

    /** Back to the service key when a CMK is chosen: an unencrypted disk has no key of its own. */
    public void revertToServiceKey() {
        if (getValue() != null && !getValue().serviceKey()) {
            selectServiceKey();
        }
    }

    /** The KMSKeyId for a request: null for the service key. */
    public String kmsKeyId() {
        return getValue() == null ? null : getValue().kmsKeyIdForRequest();
    }

    private void setQuietly(KeyOption option) {
        quiet = true;
        try {
            setValue(option);
        } finally {
            quiet = false;
        }
    }

    private void checkAuthorization() {
        new EcsAuthorization(session).checkCustomerKeys(() -> {
            if (getValue() != null && !getValue().serviceKey()) {
                openAuthorizationPrompt();
            }
        });
    }

    private void openAuthorizationPrompt() {
        ConsoleDialog prompt = new ConsoleDialog(session.modals(), "Authorize ECS to Use KMS Keys", "Authorize");
        prompt.setId("authorizeDialog");
        prompt.confirmButton().setId("authorizeButton");
        prompt.cancelButton().setId("authorizeCancelButton");
        prompt.setDialogWidth(520);
        Label text = new Label("ECS needs permission to use your KMS keys to encrypt cloud disks. Authorizing creates"
                + " the RAM role " + RamService.ECS_DISK_ENCRYPTION_ROLE + " with the policy "
                + RamService.ECS_DISK_ENCRYPTION_POLICY + "; ECS then uses your customer master keys through it."
                + " The service key " + KeyOption.SERVICE_KEY_ALIAS + " needs no authorization.");
        text.setId("authorizeText");
        text.setWrapText(true);
        prompt.setContent(text);
        prompt.setOnCancel(this::selectServiceKey);
        prompt.setOnConfirm(dialog -> {
            dialog.setBusy(true);
            new EcsAuthorization(session).authorize(() -> {
                dialog.close();
                onChange.run();
            }, dialog::showError);
        });
        prompt.show();
    }

    /** A key with its state pill; unusable keys are greyed out with the reason underneath. */
    private static final class OptionCell extends ListCell<KeyOption> {
        private final boolean inList;

        OptionCell(boolean inList) {
            this.inList = inList;
            if (inList) {
                getStyleClass().add("key-option-cell");
            }
        }

        @Override
        protected void updateItem(KeyOption option, boolean empty) {
            super.updateItem(option, empty);
            setText(null);
            setTooltip(null);
            setDisable(false);
            setUserData(null);
            getStyleClass().remove("key-option-unusable");
            if (empty || option == null) {
                setGraphic(null);
                return;
            }
            Label name = new Label(option.text());
            name.getStyleClass().add("key-option-name");
            name.setMinWidth(Region.USE_PREF_SIZE);
            Region spacer = new Region();
            HBox.setHgrow(spacer, Priority.ALWAYS);
            HBox line = new HBox(8, name, spacer, option.serviceKey()
                    ? StatusTag.tag("Default", "status-info") : StatusTag.forKeyState(option.state()));
            line.setAlignment(Pos.CENTER_LEFT);
            if (inList && !option.selectable()) {
                Label why = new Label(option.note());
                why.getStyleClass().add("cell-caption");
                setGraphic(new VBox(1, line, why));
                setDisable(true);
                getStyleClass().add("key-option-unusable");
                setTooltip(new Tooltip(option.note()));
            } else {
                setGraphic(line);
            }
            setUserData(option);
        }
    }
}
