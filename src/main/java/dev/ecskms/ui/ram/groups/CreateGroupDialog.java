package dev.ecskms.ui.ram.groups;

import dev.ecskms.ui.common.ConsoleDialog;
import dev.ecskms.ui.common.Forms;
import dev.ecskms.ui.common.ModalHost;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;

/** Create User Group: name and comments. */
final class CreateGroupDialog extends ConsoleDialog {
    private final TextField name = new TextField();
    private final TextField comments = new TextField();

    CreateGroupDialog(ModalHost host) {
        super(host, "Create User Group", "OK");
        setDialogWidth(560);
        name.setId("groupNameField");
        name.setPromptText("e.g. disk-operators: letters, digits and '-', at most 64");
        comments.setId("groupCommentsField");
        comments.setPromptText("Optional");
        GridPane form = Forms.grid(12);
        int row = Forms.addRow(form, 0, "Group Name", name, true);
        Forms.addRow(form, row, "Comments", comments, false);
        setContent(form);
        setInvalid(true);
        name.textProperty().addListener((obs, old, now) -> setInvalid(now == null || now.isBlank()));
    }

    String groupName() {
        return name.getText().trim();
    }

    String comments() {
        return comments.getText() == null || comments.getText().isBlank() ? null : comments.getText().trim();
    }

    @Override
    protected void onShown() {
        name.requestFocus();
    }
}
