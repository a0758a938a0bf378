package dev.ecskms.ui.kms;

import dev.ecskms.sim.kms.KmsService;
import dev.ecskms.ui.common.TaskRunner;
import dev.ecskms.ui.common.ConsoleDialog;
import dev.ecskms.ui.common.ConsoleSession;
import dev.ecskms.ui.common.Errors;
import java.util.List;
import java.util.function.Consumer;
import javafx.scene.control.Label;

/**
 * The key operations the list and the details page share: create, enable, disable, schedule and cancel deletion.
 * Dialogs collect the input; calls run in the background; a dialog stays open with the service's error when a call
 * fails, and closes (and the page reloads) when it succeeds. Errors of actions without a dialog go to the page.
 */
final class KeyActions {
    private final ConsoleSession session;
    private final Consumer<String> showPageError;
    private final Runnable afterChange;

    KeyActions(ConsoleSession session, Consumer<String> showPageError, Runnable afterChange) {
        this.session = session;
        this.showPageError = showPageError;
        this.afterChange = afterChange;
    }

    private KmsService kms() {
        return session.services().kms();
    }

    private TaskRunner tasks() {
        return session.tasks();
    }

    void openCreateKey() {
        CreateKeyDialog dialog = new CreateKeyDialog(session.modals());
        dialog.setOnConfirm(ignored -> {
            if (dialog.checkAlias() != null) {
                return;
            }
            dialog.setBusy(true);
            if (dialog.createdKeyId() != null) {
                createAlias(dialog, dialog.createdKeyId());
                return;
            }
            var request = dialog.request();
            tasks().run(() -> kms().createKey(session.context(), request), created -> {
                dialog.setCreatedKeyId(created.keyId());
                afterChange.run();
                if (dialog.aliasName() == null) {
                    dialog.close();
                } else {
                    createAlias(dialog, created.keyId());
                }
            }, dialog::showError);
        });
        dialog.show();
    }

    private void createAlias(CreateKeyDialog dialog, String keyId) {
        String alias = dialog.aliasName();
        if (alias == null) {
            dialog.close();
            return;
        }
        tasks().runVoid(() -> kms().createAlias(session.context(), alias, keyId), () -> {
            dialog.close();
            afterChange.run();
        }, failure -> {
            dialog.setBusy(false);
            dialog.setErrorText("The key " + keyId + " was created, but its alias was not: "
                    + Errors.describe(failure) + "\nChange the alias and click OK to try again, or Cancel to keep"
                    + " the key without an alias.");
        });
    }

    void enable(String keyId) {
        tasks().runVoid(() -> kms().enableKey(session.context(), keyId), afterChange, this::pageError);
    }

    void openDisable(String keyId, List<String> aliases) {
        DisableKeyDialog dialog = new DisableKeyDialog(session.modals(), KeyNames.display(keyId, aliases));
        tasks().run(() -> kms().resourcesUsing(session.context(), keyId), dialog::showResources,
                failure -> dialog.resources().showError(Errors.describe(failure)));
        dialog.setOnConfirm(ignored -> runInDialog(dialog, () -> kms().disableKey(session.context(), keyId)));
        dialog.show();
    }

    void openScheduleDeletion(String keyId, List<String> aliases) {
        ScheduleKeyDeletionDialog dialog = new ScheduleKeyDeletionDialog(session.modals(),
                KeyNames.display(keyId, aliases), session.services().clock()::instant);
        dialog.setOnConfirm(ignored -> {
            int days = dialog.pendingWindowInDays();
            runInDialog(dialog, () -> kms().scheduleKeyDeletion(session.context(), keyId, days));
        });
        dialog.show();
    }

    void openCancelDeletion(String keyId, List<String> aliases) {
        ConsoleDialog dialog = new ConsoleDialog(session.modals(),
                "Cancel Deletion of Key " + KeyNames.display(keyId, aliases), "Confirm");
        dialog.getStyleClass().add("cancel-deletion-dialog");
        dialog.setDialogWidth(520);
        Label text = new Label("The scheduled deletion is cancelled and the key can be used again to encrypt and"
                + " decrypt data.");
        text.setWrapText(true);
        dialog.setContent(text);
        dialog.setOnConfirm(ignored -> runInDialog(dialog, () -> kms().cancelKeyDeletion(session.context(), keyId)));
        dialog.show();
    }

    /** Creates a new key version now; the primary version moves to it and new encryptions use it. */
    void createKeyVersion(String keyId) {
        tasks().run(() -> kms().createKeyVersion(session.context(), keyId), version -> afterChange.run(),
                this::pageError);
    }

    private void runInDialog(ConsoleDialog dialog, Runnable call) {
        dialog.setBusy(true);
        tasks().runVoid(call, () -> {
            dialog.close();
            afterChange.run();
        }, dialog::showError);
    }

    private void pageError(Throwable failure) {
        showPageError.accept(Errors.describe(failure));
    }
}
