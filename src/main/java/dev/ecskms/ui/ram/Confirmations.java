package dev.ecskms.ui.ram;

import dev.ecskms.ui.common.ConsoleDialog;
import dev.ecskms.ui.common.ModalHost;
import javafx.scene.control.Label;

/** The RAM pages' confirmations: what is removed, from whom, and what that takes away. */
public final class Confirmations {
    private Confirmations() {
    }

    /** A dialog naming what happens; the caller sets what OK does. Dangerous: the button is red. */
    public static ConsoleDialog confirm(ModalHost host, String title, String text, String confirmText) {
        ConsoleDialog dialog = new ConsoleDialog(host, title, confirmText);
        dialog.getStyleClass().add("ram-confirm-dialog");
        dialog.setDialogWidth(520);
        dialog.setDangerous(true);
        Label body = new Label(text);
        body.setId("confirmText");
        body.setWrapText(true);
        dialog.setContent(body);
        return dialog;
    }
}
