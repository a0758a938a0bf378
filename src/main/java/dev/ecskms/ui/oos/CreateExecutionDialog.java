package dev.ecskms.ui.oos;

import dev.ecskms.sim.oos.Execution;
import dev.ecskms.ui.common.ConsoleDialog;
import dev.ecskms.ui.common.ConsoleSession;
import dev.ecskms.ui.common.Forms;
import dev.ecskms.ui.common.KeyOption;
import dev.ecskms.ui.common.KeySelector;
import dev.ecskms.ui.common.StatusTag;
import dev.ecskms.ui.common.Tables;
import dev.ecskms.ui.oos.CreateExecutionModel.Candidate;
import java.util.Collection;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.collections.SetChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * Create Execution of ACS-ECS-BulkyEncryptSystemDisk: the instances to encrypt (the region's instances, each with its
 * system disk's encryption), the KMS key, and the rate control; Start sends StartExecution and opens the execution.
 */
public final class CreateExecutionDialog extends ConsoleDialog {
    private final CreateExecutionModel model;
    private final OosController controller;
    private final KeySelector key;
    private final Label summary = new Label();

    CreateExecutionDialog(ConsoleSession session, OosController controller, Collection<String> preselected,
            Consumer<Execution> onStarted) {
        super(session.modals(), "Create Execution: " + OosController.TEMPLATE, "Start");
        this.controller = controller;
        this.model = new CreateExecutionModel(preselected);
        getStyleClass().add("create-execution-dialog");
        setDialogWidth(860);
        confirmButton().setId("startExecutionButton");

        Label intro = Tables.callout("createExecutionIntro", "Each chosen instance gets its own child execution of"
                + " ACS::ECS::EncryptSystemDisk: it stops the instance, snapshots the system disk, makes an image,"
                + " copies it encrypted under the KMS key and replaces the system disk with it, then starts the"
                + " instance and deletes the image and snapshot. Instances already encrypted are skipped.", "info");

        TableView<Candidate> table = new TableView<>(model.candidates());
        table.setId("executionTargetsTable");
        table.getStyleClass().add("console-table");
        Tables.fitOrScroll(table);
        table.setFixedCellSize(40);
        table.setPrefHeight(40 * 4 + 36);
        Label placeholder = new Label();
        placeholder.textProperty().bind(Bindings.when(model.errorProperty().isNotNull())
                .then(model.errorProperty()).otherwise("No instances in this region."));
        placeholder.setWrapText(true);
        table.setPlaceholder(placeholder);
        CheckBox all = new CheckBox();
        all.setId("chooseAllTargets");
        all.setOnAction(event -> {
            if (all.isSelected()) {
                model.chosen().addAll(model.candidates().stream().map(Candidate::instanceId).toList());
            } else {
                model.chosen().clear();
            }
            table.refresh();
        });
        var choose = Tables.<Candidate>nodeColumn("", 36, c -> {
            CheckBox box = new CheckBox();
            box.setId("chooseTarget-" + c.instanceId());
            box.setSelected(model.chosen().contains(c.instanceId()));
            box.setOnAction(event -> {
                if (box.isSelected()) {
                    model.chosen().add(c.instanceId());
                } else {
                    model.chosen().remove(c.instanceId());
                }
            });
            return box;
        });
        choose.setGraphic(all);
        choose.setSortable(false);
        table.getColumns().add(choose);
        table.getColumns().add(Tables.nodeColumn("Instance ID / Name", 200, c -> Tables.twoLines(
                new Label(c.instanceId()), c.instanceName())));
        table.getColumns().add(Tables.nodeColumn("Status", 90, c -> StatusTag.forInstanceStatus(c.status())));
        table.getColumns().add(Tables.textColumn("System Disk", 190, c -> c.systemDiskId() == null ? "-"
                : c.systemDiskId()));
        table.getColumns().add(Tables.nodeColumn("Encryption", 130, c -> {
            Label tag = c.encrypted() ? StatusTag.tag("Encrypted", "status-success")
                    : StatusTag.tag("Not encrypted", "status-neutral");
            tag.setId("targetEncryption-" + c.instanceId());
            return tag;
        }));
        summary.setId("executionTargetsSummary");
        summary.getStyleClass().add("field-hint");
        VBox targets = new VBox(4, table, summary);

        key = new KeySelector(session, "executionKeySelector");
        Label keyError = Forms.fieldError("executionKeyError");
        VBox keyBlock = new VBox(4, key, keyError);

        TextField concurrency = rateField("concurrencyField", model.concurrencyProperty().get());
        TextField maxErrors = rateField("maxErrorsField", model.maxErrorsProperty().get());
        model.concurrencyProperty().bind(concurrency.textProperty());
        model.maxErrorsProperty().bind(maxErrors.textProperty());
        Label concurrencyError = Forms.fieldError("concurrencyError");
        Label maxErrorsError = Forms.fieldError("maxErrorsError");
        model.concurrencyErrorProperty().addListener((obs, o, m) -> Forms.showFieldError(concurrencyError, m));
        model.maxErrorsErrorProperty().addListener((obs, o, m) -> Forms.showFieldError(maxErrorsError, m));
        Label concurrencyHint = hint("instances at a time: a count (at least 1) or a percentage such as 10%");
        Label maxErrorsHint = hint("failed instances allowed before no new one starts (0 stops at the first)");
        VBox rate = new VBox(6, new HBox(8, label("Concurrency"), concurrency, concurrencyHint), concurrencyError,
                new HBox(8, label("MaxErrors"), maxErrors, maxErrorsHint), maxErrorsError);
        rate.getChildren().stream().filter(HBox.class::isInstance)
                .forEach(n -> ((HBox) n).setAlignment(Pos.CENTER_LEFT));

        GridPane form = Forms.grid(12, "wizard-form");
        int row = Forms.addRow(form, 0, "Target Instances", targets, true);
        row = Forms.addRow(form, row, "KMS Key", keyBlock, true);
        Forms.addRow(form, row, "Rate Control", rate, true);
        setContent(intro, form);

        Runnable recheck = () -> {
            boolean rateOk = controller.checkRateControl(model);
            KeyOption option = key.getValue();
            String keyRefusal = option == null ? "Choose the KMS key that encrypts the new system disks."
                    : option.keyId() == null ? "The service key alias/acs/ecs does not exist yet in this region:"
                            + " choose a customer master key." : null;
            Forms.showFieldError(keyError, keyRefusal);
            long chosen = model.chosen().size();
            long plain = model.candidates().stream().filter(c -> model.chosen().contains(c.instanceId())
                    && !c.encrypted()).count();
            summary.setText(chosen == 0 ? "Choose at least one instance." : chosen + " instance(s) chosen, " + plain
                    + " with an unencrypted system disk.");
            setInvalid(!rateOk || keyRefusal != null || chosen == 0);
        };
        concurrency.textProperty().addListener((obs, o, t) -> recheck.run());
        maxErrors.textProperty().addListener((obs, o, t) -> recheck.run());
        model.chosen().addListener((SetChangeListener<String>) change -> recheck.run());
        model.candidates().addListener((javafx.collections.ListChangeListener<Candidate>) change -> recheck.run());
        key.setOnChange(recheck);
        setInvalid(true);

        setOnConfirm(dialog -> {
            setBusy(true);
            controller.start(model, key.getValue() == null ? null : key.getValue().keyId(), started -> {
                close();
                onStarted.accept(started);
            }, this::showError);
        });
        controller.loadCandidates(model);
        controller.loadKeyOptions(options -> {
            key.setOptions(options);
            recheck.run();
        });
        recheck.run();
    }

    /** Opens the dialog with {@code preselected} chosen; a started execution opens on the Executions page. */
    public static void open(ConsoleSession session, Collection<String> preselected) {
        OosController controller = new OosController(session, new OosModel());
        new CreateExecutionDialog(session, controller, preselected,
                started -> session.navigator().openExecution(started.executionId())).show();
    }

    CreateExecutionModel model() {
        return model;
    }

    private static TextField rateField(String id, String value) {
        TextField field = new TextField(value);
        field.setId(id);
        field.setPrefColumnCount(5);
        field.setMinWidth(80);
        return field;
    }

    private static Label label(String text) {
        Label label = new Label(text);
        label.setMinWidth(90);
        return label;
    }

    private static Label hint(String text) {
        Label hint = new Label(text);
        hint.getStyleClass().add("field-hint");
        hint.setWrapText(true);
        return hint;
    }
}
