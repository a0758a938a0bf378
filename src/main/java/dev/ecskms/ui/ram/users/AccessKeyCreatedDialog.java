package dev.ecskms.ui.ram.users;

import dev.ecskms.sim.ram.AccessKey;
import dev.ecskms.ui.common.ConsoleDialog;
import dev.ecskms.ui.common.Forms;
import dev.ecskms.ui.common.Icons;
import dev.ecskms.ui.common.ModalHost;
import dev.ecskms.ui.common.Tables;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import org.kordamp.ikonli.antdesignicons.AntDesignIconsOutlined;

/**
 * The one time an AccessKey's secret is shown, as in the real console: the id and the secret with Copy buttons and
 * the warning that it cannot be shown again. Nothing keeps the secret once the dialog closes.
 */
public final class AccessKeyCreatedDialog extends ConsoleDialog {
    static final String WARNING = "The AccessKey secret is shown only now. It cannot be shown again: copy it and keep"
            + " it safe. If you lose it, create a new AccessKey and delete this one.";

    public AccessKeyCreatedDialog(ModalHost host, AccessKey key) {
        super(host, "AccessKey Created", "I Have Saved the Secret");
        getStyleClass().add("access-key-created-dialog");
        setDialogWidth(620);
        cancelButton().setVisible(false);
        cancelButton().setManaged(false);
        Label warning = Tables.callout("accessKeySecretWarning", WARNING, "warning");
        GridPane form = Forms.grid(10);
        int row = 0;
        row = Forms.addRow(form, row, "AccessKey ID", copyable("newAccessKeyId", key.accessKeyId()), false);
        Forms.addRow(form, row, "AccessKey Secret", copyable("newAccessKeySecret", key.accessKeySecret()), false);
        setContent(warning, form);
    }

    private static HBox copyable(String id, String value) {
        TextField field = new TextField(value);
        field.setId(id + "Field");
        field.setEditable(false);
        field.getStyleClass().add("secret-value");
        HBox.setHgrow(field, Priority.ALWAYS);
        Button copy = new Button("Copy", Icons.icon(AntDesignIconsOutlined.COPY));
        copy.setId(id + "CopyButton");
        copy.setTooltip(new Tooltip("Copy to the clipboard"));
        copy.setOnAction(event -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(value);
            Clipboard.getSystemClipboard().setContent(content);
            copy.setText("Copied");
        });
        HBox box = new HBox(8, field, copy);
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }
}
