package dev.ecskms.ui.conversion;

import dev.ecskms.sim.conversion.SystemDiskEncryption.Plan;
import dev.ecskms.sim.conversion.SystemDiskEncryption.Result;
import dev.ecskms.sim.conversion.SystemDiskEncryption.StepState;
import dev.ecskms.sim.ecs.Instance;
import dev.ecskms.ui.common.ConsoleDialog;
import dev.ecskms.ui.common.ConsoleSession;
import dev.ecskms.ui.common.Forms;
import dev.ecskms.ui.common.Icons;
import dev.ecskms.ui.common.KeySelector;
import dev.ecskms.ui.common.StatusTag;
import dev.ecskms.ui.common.Tables;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.antdesignicons.AntDesignIconsOutlined;

/**
 * "Encrypt system disk": choose the key and root's new password, read the plan (the instance stops, an image and
 * its encrypted copy are made, the system disk is replaced and the old one released, the password is set again),
 * Start; then every step with its progress and the log of the calls, and an ending that names the new disk and its
 * key. It cannot be cancelled halfway: a failure before the replacement undoes the run instead.
 */
public final class EncryptSystemDiskDialog extends ConsoleDialog {
    private final ConsoleSession session;
    private final EncryptSystemDiskModel model;
    private final EncryptSystemDiskController controller;
    private final KeySelector key;
    private final PasswordField password = new PasswordField();
    private final PasswordField confirm = new PasswordField();
    private final Label passwordError = Forms.fieldError("passwordMismatch");
    private final VBox planBox = new VBox(6);

    private EncryptSystemDiskDialog(ConsoleSession session, Instance instance, Runnable afterChange) {
        super(session.modals(), "Encrypt System Disk of " + label(instance), "Start");
        this.session = session;
        this.model = new EncryptSystemDiskModel(instance);
        this.controller = new EncryptSystemDiskController(session, model);
        getStyleClass().add("encrypt-system-disk-dialog");
        setDialogWidth(780);
        confirmButton().setId("encryptStartButton");

        key = new KeySelector(session, "kmsKeySelector");
        password.setId("newPasswordField");
        password.setPromptText("8 to 30 characters, three of: a-z, A-Z, 0-9, special");
        confirm.setId("confirmPasswordField");
        confirm.setPromptText("Enter the password again");
        GridPane form = Forms.grid(10, "wizard-form");
        int row = Forms.addRow(form, 0, "KMS Key", key, true);
        row = Forms.addRow(form, row, "New password", password, true);
        Forms.addRow(form, row, "Confirm password", new VBox(4, confirm, passwordError), true);

        Label warning = Tables.callout("encryptSystemWarning", "The system disk cannot be encrypted in place: the"
                + " instance is stopped, and its system disk is replaced by an encrypted copy. The root (Administrator)"
                + " password must be set again. Nothing starts before you click Start.", "warning");
        planBox.setId("encryptionPlan");
        planBox.getStyleClass().add("conversion-plan");
        ScrollPane planScroll = new ScrollPane(planBox);
        planScroll.setFitToWidth(true);
        planScroll.setPrefViewportHeight(230);
        planScroll.setMaxHeight(230);
        setContent(warning, form, planScroll);

        key.setOnChange(this::replan);
        password.textProperty().addListener((obs, was, now) -> replan());
        confirm.textProperty().addListener((obs, was, now) -> replan());
        model.planProperty().addListener((obs, was, now) -> renderPlan());
        model.planRefusalProperty().addListener((obs, was, now) -> renderPlan());
        model.phaseProperty().addListener((obs, was, now) -> renderPhase(now));
        setInvalid(true);
        setOnConfirm(dialog -> {
            if (model.phaseProperty().get() == EncryptSystemDiskModel.Phase.CHOOSING) {
                setBusy(true);
                controller.start(afterChange);
            } else {
                close();
            }
        });
        controller.loadKeys(options -> {
            key.setOptions(options);
            replan();
        });
        renderPlan();
    }

    /** Opens the flow for an instance's system disk. */
    public static void open(ConsoleSession session, Instance instance, Runnable afterChange) {
        new EncryptSystemDiskDialog(session, instance, afterChange).show();
    }

    private void replan() {
        if (model.phaseProperty().get() != EncryptSystemDiskModel.Phase.CHOOSING || key.getValue() == null) {
            return;
        }
        boolean mismatch = !confirm.getText().isEmpty() && !confirm.getText().equals(password.getText());
        Forms.showFieldError(passwordError, mismatch ? "The two passwords differ." : null);
        setInvalid(true);
        controller.plan(key.kmsKeyId(), password.getText());
    }

    private boolean passwordsMatch() {
        return !password.getText().isEmpty() && password.getText().equals(confirm.getText());
    }

    private void renderPlan() {
        Plan plan = model.planProperty().get();
        String refusal = model.planRefusalProperty().get();
        if (plan == null) {
            Label waiting = refusal == null ? new Label("Checking the instance, its system disk and the key...")
                    : Tables.callout("planRefusal", refusal, "danger");
            waiting.getStyleClass().add("field-hint");
            planBox.getChildren().setAll(waiting);
            setInvalid(true);
            return;
        }
        Label title = new Label("What happens when you click Start");
        title.getStyleClass().add("section-label");
        planBox.getChildren().setAll(title);
        int n = 1;
        for (String line : plan.happens()) {
            Label item = new Label(n++ + ".  " + line);
            item.setWrapText(true);
            item.setMinHeight(Region.USE_PREF_SIZE);
            item.getStyleClass().add("plan-line");
            planBox.getChildren().add(item);
        }
        setInvalid(!passwordsMatch());
    }

    private void renderPhase(EncryptSystemDiskModel.Phase phase) {
        String name = label(model.instance());
        switch (phase) {
            case CHOOSING -> { }
            case RUNNING -> {
                setTitleText("Encrypting System Disk of " + name);
                setBusy(true);
                confirmButton().setText("Close");
                setContent(progressView());
            }
            case SUCCEEDED, FAILED -> {
                setTitleText("Encrypt System Disk of " + name + (phase == EncryptSystemDiskModel.Phase.SUCCEEDED
                        ? ": Done" : ": Failed"));
                Node ending = phase == EncryptSystemDiskModel.Phase.SUCCEEDED ? summary(model.resultProperty().get())
                        : Tables.callout("conversionSummary", model.failureProperty().get() + "\n\nThe steps marked"
                                + " Undone were reversed; the log shows each call.", "danger");
                setContent(ending, progressView());
                cancelButton().setVisible(false);
                cancelButton().setManaged(false);
                setBusy(false);
                confirmButton().setDisable(false);
                confirmButton().requestFocus();
            }
        }
    }

    private Node progressView() {
        VBox steps = new VBox(8);
        steps.setId("conversionSteps");
        for (EncryptSystemDiskModel.StepRow row : model.steps()) {
            steps.getChildren().add(stepLine(row));
        }
        ListView<String> log = new ListView<>(model.log());
        log.setId("conversionLog");
        log.getStyleClass().add("conversion-log");
        log.setPrefHeight(140);
        log.setCellFactory(list -> new ListCell<>() {
            {
                setWrapText(true);
                setPrefWidth(0); // as wide as the list: long lines wrap instead of scrolling sideways
            }

            @Override
            protected void updateItem(String line, boolean empty) {
                super.updateItem(line, empty);
                setText(empty ? null : line);
            }
        });
        // After the new line is laid out: scrolling inside the change itself leaves the list at its top.
        model.log().addListener((javafx.collections.ListChangeListener<String>) change ->
                javafx.application.Platform.runLater(() -> log.scrollTo(model.log().size() - 1)));
        javafx.application.Platform.runLater(() -> log.scrollTo(Math.max(0, model.log().size() - 1)));
        Label logTitle = new Label("Log");
        logTitle.getStyleClass().add("section-label");
        return new VBox(12, steps, logTitle, log);
    }

    private static Node stepLine(EncryptSystemDiskModel.StepRow row) {
        String id = row.step().name();
        Label title = new Label(row.step().title());
        title.setMinWidth(330);
        ProgressBar bar = new ProgressBar();
        bar.setId("stepProgress-" + id);
        bar.getStyleClass().add("step-progress");
        bar.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(bar, Priority.ALWAYS);
        // A negative progress is JavaFX's indeterminate bar: the service gives no percentage for that step.
        bar.progressProperty().bind(Bindings.when(row.stateProperty().isEqualTo(StepState.WAITING)
                .or(row.stateProperty().isEqualTo(StepState.UNDONE))).then(0.0).otherwise(row.progressProperty()));
        Label percent = new Label();
        percent.setId("stepPercent-" + id);
        percent.setMinWidth(40);
        percent.textProperty().bind(Bindings.createStringBinding(() -> {
            StepState now = row.stateProperty().get();
            double progress = row.progressProperty().get();
            return (now == StepState.RUNNING || now == StepState.DONE) && progress >= 0
                    ? Math.round(progress * 100) + "%" : "";
        }, row.progressProperty(), row.stateProperty()));
        HBox state = new HBox();
        state.setId("stepState-" + id);
        state.setMinWidth(84);
        Runnable renderState = () -> state.getChildren().setAll(stateTag(row.stateProperty().get()));
        row.stateProperty().addListener((obs, was, now) -> renderState.run());
        renderState.run();
        HBox line = new HBox(10, state, title, bar, percent);
        line.setAlignment(Pos.CENTER_LEFT);
        return line;
    }

    private static Label stateTag(StepState state) {
        return switch (state) {
            case WAITING -> StatusTag.tag("Waiting", "status-neutral");
            case RUNNING -> StatusTag.tag("Running", "status-info");
            case DONE -> StatusTag.tag("Done", "status-success");
            case FAILED -> StatusTag.tag("Failed", "status-danger");
            case UNDONE -> StatusTag.tag("Undone", "status-neutral");
        };
    }

    private Node summary(Result result) {
        Plan plan = model.planProperty().get();
        String text = "The system disk of " + label(model.instance()) + " is now " + result.newDiskId()
                + ", encrypted with " + plan.keyName() + ".\nThe old system disk " + result.oldDiskId()
                + " was released; the unencrypted image and its snapshot were deleted. The encrypted image "
                + result.imageId() + " is kept as the instance's image.\n"
                + (result.restarted() ? "The instance is running again. " : "The instance is stopped; start it when"
                        + " you need it. ")
                + "Log in as root (Administrator) with the new password.";
        Label done = Tables.callout("conversionSummary", text, "info");
        done.getStyleClass().add("callout-success");
        done.setGraphic(Icons.icon(AntDesignIconsOutlined.CHECK_CIRCLE));
        Hyperlink open = new Hyperlink("Open " + result.newDiskId());
        open.setId("openNewDiskLink");
        open.setOnAction(event -> {
            close();
            session.navigator().openDisk(result.newDiskId());
        });
        Label keyLabel = new Label(plan.keyName());
        keyLabel.setId("newDiskKey");
        HBox tags = new HBox(8, StatusTag.tag("Encrypted", "status-success"), keyLabel, open);
        tags.setAlignment(Pos.CENTER_LEFT);
        tags.setId("newDiskTags");
        return new VBox(8, done, tags);
    }

    private static String label(Instance instance) {
        return instance.instanceName() == null || instance.instanceName().isBlank() ? instance.instanceId()
                : instance.instanceName() + " (" + instance.instanceId() + ")";
    }
}
