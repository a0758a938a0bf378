package dev.ecskms.ui.common;

import java.util.function.Consumer;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.antdesignicons.AntDesignIconsOutlined;

/**
 * A console dialog: title bar with a close button, a body, an error line for the service's answer and a footer
 * with the primary action and Cancel. It stays open while its call runs and when the call fails, so the user can
 * read the error and correct the input; the caller closes it on success.
 */
public class ConsoleDialog extends VBox {
    private final ModalHost host;
    private final Label title = new Label();
    private final VBox body = new VBox(12);
    private final Label error = new Label();
    private final Button confirm = new Button();
    private final Button cancel = new Button("Cancel");
    private Consumer<ConsoleDialog> onConfirm = ConsoleDialog::close;
    private Runnable onCancel = () -> { };

    public ConsoleDialog(ModalHost host, String titleText, String confirmText) {
        this.host = host;
        getStyleClass().add("console-dialog");
        setId("consoleDialog");

        title.setText(titleText);
        title.setId("dialogTitle");
        title.getStyleClass().add("dialog-title");
        title.setWrapText(true);
        title.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(title, Priority.ALWAYS);
        Button closeButton = new Button(null, Icons.icon(AntDesignIconsOutlined.CLOSE));
        closeButton.getStyleClass().addAll("flat", "button-icon", "dialog-close");
        closeButton.setOnAction(event -> cancel());
        HBox header = new HBox(8, title, closeButton);
        header.setAlignment(Pos.TOP_LEFT);
        header.getStyleClass().add("dialog-header");

        body.getStyleClass().add("dialog-body");

        error.setId("dialogError");
        error.getStyleClass().add("dialog-error");
        error.setWrapText(true);
        error.setGraphic(Icons.icon(AntDesignIconsOutlined.CLOSE_CIRCLE));
        error.setMaxWidth(Double.MAX_VALUE);
        error.setMinHeight(Region.USE_PREF_SIZE);
        setErrorText(null);

        confirm.setText(confirmText);
        confirm.setId("dialogConfirmButton");
        confirm.getStyleClass().add("primary-button");
        confirm.setDefaultButton(true);
        confirm.setOnAction(event -> {
            setErrorText(null);
            onConfirm.accept(this);
        });
        cancel.setId("dialogCancelButton");
        cancel.setCancelButton(true);
        cancel.setOnAction(event -> cancel());
        HBox footer = new HBox(8, confirm, cancel);
        footer.setAlignment(Pos.CENTER_RIGHT);
        footer.getStyleClass().add("dialog-footer");

        VBox main = new VBox(12, body, error);
        main.getStyleClass().add("dialog-main");
        getChildren().addAll(header, main, footer);
        setOnKeyPressed(event -> {
            if (event.getCode() == KeyCode.ESCAPE) {
                cancel();
            }
        });
    }

    /** Fixes the dialog's width, so that long wrapped texts wrap instead of widening it. */
    public void setDialogWidth(double width) {
        setPrefWidth(width);
        setMaxWidth(width);
    }

    public void setContent(Node... nodes) {
        body.getChildren().setAll(nodes);
    }

    public void setTitleText(String text) {
        title.setText(text);
    }

    /** What Confirm does; the handler typically starts a background call and closes the dialog on success. */
    public void setOnConfirm(Consumer<ConsoleDialog> handler) {
        this.onConfirm = handler;
    }

    public void setOnCancel(Runnable handler) {
        this.onCancel = handler;
    }

    public Button confirmButton() {
        return confirm;
    }

    public Button cancelButton() {
        return cancel;
    }

    /** Marks an irreversible or harmful action: the primary button turns red. */
    public void setDangerous(boolean dangerous) {
        confirm.getStyleClass().remove("danger-button");
        if (dangerous) {
            confirm.getStyleClass().add("danger-button");
        }
    }

    /** While a call runs, the buttons are disabled so it cannot be sent twice. */
    public void setBusy(boolean busy) {
        this.busy = busy;
        confirm.setDisable(busy || invalid);
        cancel.setDisable(busy);
    }

    /** While a field holds a value the service would refuse (shown next to it), the confirm button stays disabled. */
    public void setInvalid(boolean invalid) {
        this.invalid = invalid;
        confirm.setDisable(busy || invalid);
    }

    private boolean busy;
    private boolean invalid;

    public void showError(Throwable failure) {
        setBusy(false);
        setErrorText(Errors.describe(failure));
    }

    public void setErrorText(String text) {
        error.setText(text);
        // a RAM user's refusal reads as an access-denied notice, with a lock rather than an error cross
        boolean denied = Errors.isAccessDenied(text);
        error.getStyleClass().remove("access-denied");
        if (denied) {
            error.getStyleClass().add("access-denied");
        }
        error.setGraphic(Icons.icon(denied ? AntDesignIconsOutlined.LOCK : AntDesignIconsOutlined.CLOSE_CIRCLE));
        error.setVisible(text != null);
        error.setManaged(text != null);
    }

    public void show() {
        host.show(this);
    }

    public void close() {
        host.close(this);
    }

    private void cancel() {
        if (!cancel.isDisabled()) {
            close();
            onCancel.run();
        }
    }

    /** Called when the dialog appears; focuses its first input. */
    protected void onShown() {
        confirm.requestFocus();
    }
}
