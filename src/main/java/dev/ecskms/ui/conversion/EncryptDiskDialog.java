package dev.ecskms.ui.conversion;

import dev.ecskms.sim.conversion.ConversionListener.StepState;
import dev.ecskms.sim.conversion.ConversionResult;
import dev.ecskms.sim.conversion.DataDiskEncryption;
import dev.ecskms.sim.conversion.EncryptionPlan;
import dev.ecskms.sim.ecs.Disk;
import dev.ecskms.ui.common.ConsoleDialog;
import dev.ecskms.ui.common.ConsoleSession;
import dev.ecskms.ui.common.Forms;
import dev.ecskms.ui.common.Icons;
import dev.ecskms.ui.common.KeySelector;
import dev.ecskms.ui.common.StatusTag;
import dev.ecskms.ui.common.Tables;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.antdesignicons.AntDesignIconsOutlined;

/**
 * "Encrypt this disk" for a plain data disk: choose the key and what becomes of the old disk and the snapshot, read
 * the plan (what is created, detached, what stays, what to do in the guest), Start; then every step with its
 * progress and the log of the calls made, and an ending that names the new disk, its key and what became of the old
 * one. The dialog stays open until the run ends: it cannot be cancelled halfway, a failure undoes it instead.
 */
public final class EncryptDiskDialog extends ConsoleDialog {
    private final ConsoleSession session;
    private final EncryptDiskModel model;
    private final EncryptDiskController controller;
    private final Runnable afterChange;
    private final KeySelector key;
    private final RadioButton keepOld = new RadioButton("Keep it, detached, with its data");
    private final RadioButton releaseOld = new RadioButton("Release it at the end");
    private final CheckBox keepSnapshot = new CheckBox("Keep the snapshot as a restore point (it is not encrypted)");
    private final VBox planBox = new VBox(10);

    private EncryptDiskDialog(ConsoleSession session, Disk disk, Runnable afterChange) {
        super(session.modals(), "Encrypt Disk " + disk.diskId(), "Start");
        this.session = session;
        this.afterChange = afterChange;
        this.model = new EncryptDiskModel(disk);
        this.controller = new EncryptDiskController(session, model);
        getStyleClass().add("encrypt-disk-dialog");
        setDialogWidth(780);
        confirmButton().setId("encryptStartButton");

        key = new KeySelector(session, "kmsKeySelector");
        ToggleGroup old = new ToggleGroup();
        keepOld.setToggleGroup(old);
        keepOld.setId("keepOldDiskRadio");
        releaseOld.setToggleGroup(old);
        releaseOld.setId("releaseOldDiskRadio");
        keepOld.setSelected(true);
        keepSnapshot.setId("keepSnapshotCheck");

        GridPane form = Forms.grid(10, "wizard-form");
        int row = Forms.addRow(form, 0, "KMS Key", key, true);
        row = Forms.addRow(form, row, "Old Disk", new HBox(16, keepOld, releaseOld), false);
        Forms.addRow(form, row, "Snapshot", keepSnapshot, false);

        Label intro = Tables.callout("encryptIntro", "A disk cannot be encrypted where it is. Its data is copied the"
                + " documented way: a snapshot, an encrypted disk created from it, then the new disk takes the old"
                + " one's place on the instance. Nothing starts before you click Start.", "info");
        planBox.setId("encryptionPlan");
        planBox.getStyleClass().add("conversion-plan");
        ScrollPane planScroll = scroll(planBox, 330);
        setContent(intro, form, planScroll);

        key.setOnChange(this::replan);
        old.selectedToggleProperty().addListener((obs, was, now) -> replan());
        keepSnapshot.selectedProperty().addListener((obs, was, now) -> replan());
        model.planProperty().addListener((obs, was, now) -> renderPlan());
        model.planRefusalProperty().addListener((obs, was, now) -> renderPlan());
        model.phaseProperty().addListener((obs, was, now) -> renderPhase(now));
        setInvalid(true);
        setOnConfirm(dialog -> {
            if (model.phaseProperty().get() == EncryptDiskModel.Phase.CHOOSING) {
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

    /**
     * Opens the flow for a disk; a disk it cannot take (a system disk, an encrypted one, one in transition) gets a
     * dialog that says why and what to do instead.
     */
    public static void open(ConsoleSession session, Disk disk, Runnable afterChange) {
        String why = DataDiskEncryption.whyNot(disk);
        if (why == null) {
            new EncryptDiskDialog(session, disk, afterChange).show();
            return;
        }
        ConsoleDialog dialog = new ConsoleDialog(session.modals(), "Encrypt Disk " + disk.diskId(), "OK");
        dialog.getStyleClass().add("encrypt-disk-dialog");
        dialog.setDialogWidth(560);
        dialog.cancelButton().setVisible(false);
        dialog.cancelButton().setManaged(false);
        dialog.setContent(Tables.callout("encryptNotPossible", why, "warning"));
        dialog.show();
    }

    private void replan() {
        if (model.phaseProperty().get() != EncryptDiskModel.Phase.CHOOSING || key.getValue() == null) {
            return;
        }
        setInvalid(true);
        controller.plan(key.kmsKeyId(), releaseOld.isSelected(), keepSnapshot.isSelected());
    }

    private void renderPlan() {
        EncryptionPlan plan = model.planProperty().get();
        String refusal = model.planRefusalProperty().get();
        if (plan == null) {
            Label waiting = refusal == null ? new Label("Checking the disk, the instance and the key...")
                    : Tables.callout("planRefusal", refusal, "danger");
            waiting.getStyleClass().add("field-hint");
            planBox.getChildren().setAll(waiting);
            setInvalid(true);
            return;
        }
        planBox.getChildren().setAll(
                section("What is created", "planCreates", plan.creates()),
                section("What is detached or released", "planDetaches", plan.detaches()),
                section("What stays", "planStays", plan.stays()),
                section("In the guest", "planInGuest", plan.inGuest()));
        setInvalid(false);
    }

    private static VBox section(String heading, String id, List<String> lines) {
        Label title = new Label(heading);
        title.getStyleClass().add("section-label");
        VBox box = new VBox(4, title);
        box.setId(id);
        for (String line : lines) {
            Label item = new Label("•  " + line);
            item.setWrapText(true);
            item.setMinHeight(Region.USE_PREF_SIZE);
            item.getStyleClass().add("plan-line");
            box.getChildren().add(item);
        }
        return box;
    }

    private void renderPhase(EncryptDiskModel.Phase phase) {
        switch (phase) {
            case CHOOSING -> { }
            case RUNNING -> {
                setTitleText("Encrypting Disk " + model.disk().diskId());
                setBusy(true);
                confirmButton().setText("Close");
                setContent(progressView());
            }
            case SUCCEEDED, FAILED -> {
                setTitleText("Encrypt Disk " + model.disk().diskId() + (phase == EncryptDiskModel.Phase.SUCCEEDED
                        ? ": Done" : ": Failed and Undone"));
                Node ending = phase == EncryptDiskModel.Phase.SUCCEEDED ? summary(model.resultProperty().get())
                        : Tables.callout("conversionSummary", model.failureProperty().get() + "\n\nEverything the"
                                + " run had created was removed again and the old disk is where it was (the log"
                                + " shows each step undone).", "danger");
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
        for (EncryptDiskModel.StepRow row : model.steps()) {
            steps.getChildren().add(stepLine(row));
        }
        ListView<String> log = new ListView<>(model.log());
        log.setId("conversionLog");
        log.getStyleClass().add("conversion-log");
        log.setPrefHeight(150);
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
        model.log().addListener((javafx.collections.ListChangeListener<String>) change ->
                log.scrollTo(model.log().size() - 1));
        Label logTitle = new Label("Log");
        logTitle.getStyleClass().add("section-label");
        return new VBox(12, steps, logTitle, log);
    }

    private static Node stepLine(EncryptDiskModel.StepRow row) {
        String id = row.step().name();
        Label title = new Label(row.step().title());
        title.setMinWidth(290);
        ProgressBar bar = new ProgressBar();
        bar.setId("stepProgress-" + id);
        bar.getStyleClass().add("step-progress");
        bar.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(bar, Priority.ALWAYS);
        // A negative progress is JavaFX's indeterminate bar: the service gives no percentage for that step.
        bar.progressProperty().bind(Bindings.when(row.stateProperty().isEqualTo(StepState.WAITING)).then(0.0)
                .otherwise(row.progressProperty()));
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

    private Node summary(ConversionResult result) {
        EncryptionPlan plan = model.planProperty().get();
        StringBuilder text = new StringBuilder("Disk " + result.newDiskId() + " is encrypted with "
                + plan.keyName());
        text.append(result.instanceId() == null ? "." : " and attached to " + result.instanceId() + " in place of "
                + result.oldDiskId() + ".");
        text.append(result.oldReleased() ? "\nThe old disk " + result.oldDiskId() + " was released."
                : "\nThe old disk " + result.oldDiskId() + " is kept, Available and unencrypted: release it once"
                        + " you have checked the new disk.");
        text.append(result.snapshotId() == null ? "\nThe snapshot was deleted."
                : "\nThe snapshot " + result.snapshotId() + " is kept; it is not encrypted.");
        if (result.instanceId() != null) {
            text.append("\nIn the guest: " + ("Running".equals(plan.instanceStatus())
                    ? "run mount -a (or reboot) to mount the file systems again by their UUIDs."
                    : "the file systems are mounted by their UUIDs at the next start."));
        }
        Label done = Tables.callout("conversionSummary", text.toString(), "info");
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

    private static ScrollPane scroll(Node content, double maxHeight) {
        ScrollPane scroll = new ScrollPane(content);
        scroll.setFitToWidth(true);
        scroll.setPrefViewportHeight(maxHeight);
        scroll.setMaxHeight(maxHeight);
        scroll.getStyleClass().add("conversion-plan-scroll");
        return scroll;
    }
}
