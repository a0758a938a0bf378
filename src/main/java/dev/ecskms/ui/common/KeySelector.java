package dev.ecskms.ui.common;

import dev.ecskms.sim.ecs.EncryptionChoice.Reason;
import dev.ecskms.sim.ecs.NewDiskKeyRule;
import dev.ecskms.sim.kms.KeyState;
import dev.ecskms.sim.ram.RamService;
import java.util.ArrayList;
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
 * The KMS key drop-down of the Create Disk wizard, the purchase page and the default-key dialog: ECS's default first,
 * then the keys one can choose with their state. The default entry shows the key ECS will really use when none is
 * chosen ({@link #showDefault}, from the service's {@link NewDiskKeyRule}): the service key, the account's default key
 * while default encryption is on, or the snapshot's key. Keys that cannot be used are shown greyed out and cannot be
 * picked. The first time a CMK is picked while ECS has no permission to use the account's keys, the authorization
 * prompt opens; Cancel there returns to the default.
 */
public final class KeySelector extends ComboBox<KeyOption> {
    public static final String ACCOUNT_DEFAULT_TAG = "Account default";
    public static final String SNAPSHOT_KEY_TAG = "Snapshot's key";

    private final ConsoleSession session;
    private Runnable onChange = () -> { };
    private boolean quiet;
    private List<KeyOption> loaded = List.of();
    private NewDiskKeyRule.DefaultKey defaultKey;

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

    /** Replaces the keys; keeps the chosen key when it is still usable, otherwise picks the default. */
    public void setOptions(List<KeyOption> options) {
        loaded = List.copyOf(options);
        arrange();
    }

    /**
     * Shows {@code key} — what ECS uses when no key is chosen — as the first entry, tagged with why; a CMK that is
     * the default is not listed a second time, and the service key stays as a choice of its own when it exists.
     */
    public void showDefault(NewDiskKeyRule.DefaultKey key) {
        if (!java.util.Objects.equals(key, defaultKey)) {
            defaultKey = key;
            arrange();
        }
    }

    private void arrange() {
        KeyOption chosen = getValue();
        List<KeyOption> items = new ArrayList<>();
        if (defaultKey == null || defaultKey.serviceKey()) {
            String tag = defaultKey != null && defaultKey.reason() == Reason.ACCOUNT_DEFAULT_KEY ? ACCOUNT_DEFAULT_TAG
                    : KeyOption.DEFAULT_TAG;
            loaded.forEach(o -> items.add(o.serviceKey() ? o.asDefault(tag) : o));
        } else {
            String tag = defaultKey.reason() == Reason.SNAPSHOT_KEY ? SNAPSHOT_KEY_TAG : ACCOUNT_DEFAULT_TAG;
            String id = defaultKey.kmsKeyId();
            // A key not in the list (e.g. the snapshot's key read before the list) still shows by its id.
            items.add(loaded.stream().filter(o -> id.equals(o.keyId())).findFirst()
                    .orElse(new KeyOption(id, null, null, false, true, "", null)).asDefault(tag));
            loaded.stream().filter(o -> !id.equals(o.keyId()) && !(o.serviceKey() && o.keyId() == null))
                    .map(KeyOption::asChoice).forEach(items::add);
        }
        quiet = true;
        try {
            getItems().setAll(items);
            KeyOption keep = chosen == null || chosen.ecsDefault() ? null : items.stream().filter(o -> o.selectable()
                    && !o.ecsDefault() && java.util.Objects.equals(o.keyId(), chosen.keyId())).findFirst()
                    .orElse(null);
            setValue(keep != null ? keep : items.isEmpty() ? null : items.get(0));
        } finally {
            quiet = false;
        }
    }

    /** Back to ECS's default (the first entry). */
    public void selectDefault() {
        if (!getItems().isEmpty()) {
            setQuietly(getItems().get(0));
            onChange.run();
        }
    }

    /** Back to the default when a key is chosen: an unencrypted disk, or one whose key is fixed, has no choice. */
    public void revertToDefault() {
        if (getValue() != null && !getValue().ecsDefault()) {
            selectDefault();
        }
    }

    /** The KMSKeyId for a request: null for ECS's default. */
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
        prompt.setOnCancel(this::selectDefault);
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
            // The name gives way (with an ellipsis) so that it never runs over the tags in a narrow selector.
            name.setMinWidth(0);
            name.setMaxWidth(Double.MAX_VALUE);
            HBox.setHgrow(name, Priority.ALWAYS);
            HBox line = new HBox(8, name);
            if (option.ecsDefault()) {
                line.getChildren().add(tag(StatusTag.tag(option.defaultTag(), "status-info")));
            }
            if (!option.serviceKey() && option.state() != null
                    && (!option.ecsDefault() || option.state() != KeyState.Enabled)) {
                line.getChildren().add(tag(StatusTag.forKeyState(option.state())));
            }
            line.setAlignment(Pos.CENTER_LEFT);
            line.setMinWidth(0);
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

        private static Label tag(Label tag) {
            tag.setMinWidth(Region.USE_PREF_SIZE);
            return tag;
        }
    }
}
