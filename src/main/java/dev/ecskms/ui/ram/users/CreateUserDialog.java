package dev.ecskms.ui.ram.users;

import dev.ecskms.ui.common.ConsoleDialog;
import dev.ecskms.ui.common.Forms;
import dev.ecskms.ui.common.ModalHost;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;

/** Create User: logon name, display name, and whether to create an AccessKey for programmatic access. */
final class CreateUserDialog extends ConsoleDialog {
    private final TextField userName = new TextField();
    private final TextField displayName = new TextField();
    private final CheckBox accessKey = new CheckBox("Create AccessKey (programmatic access through the API and SDKs)");

    CreateUserDialog(ModalHost host) {
        super(host, "Create User", "OK");
        getStyleClass().add("create-user-dialog");
        setDialogWidth(600);
        userName.setId("userNameField");
        userName.setPromptText("e.g. alice: letters, digits, '.', '_' and '-', at most 64");
        displayName.setId("displayNameField");
        displayName.setPromptText("e.g. Alice Zhang (optional)");
        accessKey.setId("createAccessKeyCheck");
        Label hint = Forms.hint("createAccessKeyHint");
        hint.setText("The AccessKey secret is shown once, right after the user is created: save it then.");
        GridPane form = Forms.grid(12);
        int row = 0;
        row = Forms.addRow(form, row, "Logon Name", userName, true);
        row = Forms.addRow(form, row, "Display Name", displayName, false);
        Forms.addRow(form, row, "Access Mode", new VBox(4, accessKey, hint), false);
        setContent(form);
        setInvalid(true);
        userName.textProperty().addListener((obs, old, now) -> setInvalid(now == null || now.isBlank()));
    }

    String userName() {
        return userName.getText().trim();
    }

    /** Null when left empty: RAM then shows the user name. */
    String displayName() {
        String text = displayName.getText();
        return text == null || text.isBlank() ? null : text.trim();
    }

    boolean createAccessKey() {
        return accessKey.isSelected();
    }

    @Override
    protected void onShown() {
        userName.requestFocus();
    }
}
