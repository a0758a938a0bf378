package dev.ecskms.ui.welcome;

import dev.ecskms.ui.common.ConsoleDialog;
import dev.ecskms.ui.common.Forms;
import dev.ecskms.ui.common.Icons;
import dev.ecskms.ui.common.ModalHost;
import dev.ecskms.ui.common.Tables;
import javafx.beans.value.ObservableStringValue;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.antdesignicons.AntDesignIconsOutlined;

/**
 * The first-run welcome: the data dir, the endpoint and the root AccessKey (each with Copy), and the guided labs
 * when the console has them. "Got it", the close button and Escape all dismiss it for good.
 */
public final class WelcomeView extends ConsoleDialog {
    static final String INTRO = "This console runs a simulator of Alibaba Cloud ECS and KMS on this computer: disks"
            + " are real encrypted volume files, keys are wrapped by a simulated HSM, and the official SDKs talk to"
            + " its API endpoint. Everything you make stays in the data dir and survives restarts.";
    static final String DATA_DIR_NOTE = "Its database, the HSM's keys and the disk volumes: one process at a time,"
            + " back it up or delete it as a whole (--data-dir chooses another one).";
    static final String ENDPOINT_NOTE = "Point an official SDK (signature V1 or V3) or a script at it with the"
            + " AccessKey below; the status bar keeps the endpoint and the AccessKey ID.";

    private final ModalHost host;

    public WelcomeView(ModalHost host, WelcomeModel model, WelcomeController controller) {
        super(host, "Welcome to the ECS / KMS console (simulator)", "Got it");
        this.host = host;
        getStyleClass().add("welcome-dialog");
        setId("welcomeDialog");
        setDialogWidth(680);
        cancelButton().setVisible(false); // closing is dismissing: there is nothing to cancel
        cancelButton().setManaged(false);

        Label intro = new Label(INTRO);
        intro.setId("welcomeIntro");
        intro.setWrapText(true);

        GridPane facts = Forms.grid(10, "welcome-facts");
        int row = 0;
        row = Forms.addRow(facts, row, "Data dir", copyable(model.dataDirProperty(), "welcomeDataDir", "data dir",
                DATA_DIR_NOTE), false);
        row = Forms.addRow(facts, row, "API endpoint", copyable(model.endpointProperty(), "welcomeEndpoint",
                "endpoint", ENDPOINT_NOTE), false);
        row = Forms.addRow(facts, row, "AccessKey ID", copyable(model.accessKeyIdProperty(), "welcomeAccessKeyId",
                "AccessKey ID", null), false);
        // The secret only when this start generated it: a row that shows while the model has one.
        Node secret = copyable(model.accessKeySecretProperty(), "welcomeAccessKeySecret", "AccessKey secret", null);
        int secretRow = row;
        Forms.addRow(facts, secretRow, "AccessKey secret", secret, false);
        facts.getChildren().stream().filter(n -> GridPane.getRowIndex(n) != null && GridPane.getRowIndex(n) == secretRow)
                .forEach(n -> {
                    n.visibleProperty().bind(model.accessKeySecretProperty().isNotNull());
                    n.managedProperty().bind(n.visibleProperty());
                });
        Label secretNote = Tables.callout("welcomeSecretNote", null, "info");
        secretNote.textProperty().bind(model.secretNoteProperty());
        model.accessKeySecretProperty().addListener((obs, was, now) -> markSecretNote(secretNote, now != null));
        markSecretNote(secretNote, model.accessKeySecretProperty().get() != null);

        Button labs = new Button("Open the guided labs", Icons.icon(AntDesignIconsOutlined.EXPERIMENT));
        labs.setId("welcomeLabsButton");
        labs.setOnAction(event -> controller.openLabs());
        Label labsText = new Label("Step-by-step exercises: encrypt a disk, disable its key, watch the boot fail.");
        labsText.setWrapText(true);
        HBox.setHgrow(labsText, Priority.ALWAYS);
        HBox labsRow = new HBox(12, labsText, labs);
        labsRow.setId("welcomeLabs");
        labsRow.setAlignment(Pos.CENTER_LEFT);
        labsRow.visibleProperty().bind(model.labsAvailableProperty());
        labsRow.managedProperty().bind(labsRow.visibleProperty());

        setContent(intro, facts, secretNote, labsRow);
        model.errorProperty().addListener((obs, was, now) -> {
            setBusy(false);
            setErrorText(now);
        });
        model.showingProperty().addListener((obs, was, now) -> {
            if (now && !host.isShowing(this)) {
                show();
            } else {
                close();
            }
        });
        setOnConfirm(dialog -> {
            setBusy(true);
            controller.dismiss();
        });
        setOnCancel(controller::dismiss);
        if (model.showingProperty().get()) {
            show();
        }
    }

    /** A secret shown once is worth a warning's colour; a note on where it was is information. */
    private static void markSecretNote(Label note, boolean secretShown) {
        note.getStyleClass().removeAll("callout-info", "callout-warning");
        note.getStyleClass().add(secretShown ? "callout-warning" : "callout-info");
        note.setGraphic(Icons.icon(secretShown ? AntDesignIconsOutlined.WARNING : AntDesignIconsOutlined.INFO_CIRCLE));
    }

    /** A value in monospace with a Copy button (and a grey note under it); ids NAME and NAMECopyButton. */
    private static Node copyable(ObservableStringValue value, String id, String what, String note) {
        Label text = new Label();
        text.setId(id);
        text.getStyleClass().add("mono");
        text.setWrapText(true);
        text.textProperty().bind(value);
        Button copy = new Button(null, Icons.icon(AntDesignIconsOutlined.COPY));
        copy.setId(id + "CopyButton");
        copy.getStyleClass().addAll("flat", "button-icon", "copy-button");
        copy.setTooltip(new Tooltip("Copy the " + what));
        copy.setOnAction(event -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(value.get());
            Clipboard.getSystemClipboard().setContent(content);
        });
        HBox line = new HBox(4, text, copy);
        line.setAlignment(Pos.CENTER_LEFT);
        if (note == null) {
            return line;
        }
        Label hint = Forms.hint(id + "Note");
        hint.setText(note);
        return new VBox(2, line, hint);
    }
}
