package dev.ecskms.ui.oos;

import dev.ecskms.sim.oos.Execution;
import dev.ecskms.ui.common.ConsoleDialog;
import dev.ecskms.ui.common.ConsoleSession;
import dev.ecskms.ui.common.DetailsLayout;
import dev.ecskms.ui.common.ErrorBanner;
import dev.ecskms.ui.common.Formats;
import dev.ecskms.ui.common.InfoGrid;
import dev.ecskms.ui.common.NoticeBanner;
import dev.ecskms.ui.oos.OosModel.InstanceProgress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.antdesignicons.AntDesignIconsOutlined;

/**
 * One execution: its status and parameters, and per instance a progress bar (steps done out of 11, with the running
 * step's own percent), the step it is at, its status and an expandable step log; all live through the change feed.
 * Cancel asks first, naming what stops and what stays.
 */
final class ExecutionDetailsView extends VBox {
    private final ConsoleSession session;
    private final OosModel model;
    private final OosController controller;
    private final Label title = new Label();
    private final StackPane statusHolder = new StackPane();
    private final Button cancel;
    private final InfoGrid info = new InfoGrid();
    private final VBox rows = new VBox(8);
    private final Label empty = new Label();
    private final Map<String, InstanceRow> rowsById = new LinkedHashMap<>();

    ExecutionDetailsView(ConsoleSession session, OosModel model, OosController controller, Runnable back) {
        this.session = session;
        this.model = model;
        this.controller = controller;
        setId("executionDetails");
        setSpacing(10);
        title.setId("executionTitle");
        cancel = DetailsLayout.button("Cancel Execution", "cancelExecutionButton", AntDesignIconsOutlined.STOP,
                this::confirmCancel);
        Button refresh = DetailsLayout.button("Refresh", "executionDetailsRefresh", AntDesignIconsOutlined.RELOAD,
                controller::loadDetails);
        HBox header = DetailsLayout.header(title, statusHolder, new HBox(8, cancel, refresh));
        info.setId("executionInfo");
        empty.setId("executionNoInstances");
        empty.getStyleClass().add("field-hint");
        empty.setWrapText(true);
        rows.setId("executionInstances");
        VBox sections = new VBox(12, DetailsLayout.card("Basic Information", info),
                DetailsLayout.card("Instances", new VBox(8, empty, rows)));
        ErrorBanner error = new ErrorBanner("executionError", model.errorProperty(), controller::dismissError);
        NoticeBanner notice = new NoticeBanner("executionNotice", model.noticeProperty(), controller::dismissNotice,
                NoticeBanner.SHOW_FOR);
        getChildren().addAll(DetailsLayout.backLink("Executions", "executionsBackLink", back), header, error, notice,
                DetailsLayout.scroll(sections));
        model.executionProperty().addListener((obs, old, e) -> showExecution(e));
        model.instances().addListener((ListChangeListener<InstanceProgress>) change -> showInstances());
        showExecution(model.executionProperty().get());
        showInstances();
    }

    private void showExecution(Execution e) {
        if (e == null) {
            title.setText("Execution");
            statusHolder.getChildren().clear();
            cancel.setDisable(true);
            info.reset();
            return;
        }
        title.setText(e.executionId());
        Label tag = OosStatus.tag(e.status());
        tag.setId("executionDetailsStatus");
        statusHolder.getChildren().setAll(tag);
        cancel.setDisable(e.isFinished());
        OosController.RunSettings settings = OosController.settings(e);
        info.setFields(List.of(new String[] {"Template", e.templateName() + " (" + e.templateVersion() + ")",
                        "executionTemplate"},
                new String[] {"Instances", ExecutionListView.counters(e.counters()), "executionCounters"},
                new String[] {"Started", Formats.dateTime(e.startDate()), "executionStarted"},
                new String[] {"Ended", Formats.dateTime(e.endDate()), "executionEnded"},
                new String[] {"KMS key", settings.kmsKeyId(), "executionKey"},
                new String[] {"Rate control", "Concurrency " + settings.concurrency() + ", MaxErrors "
                        + settings.maxErrors(), "executionRateControl"},
                new String[] {"Executed by", e.executedBy(), "executionExecutedBy"},
                new String[] {"Status message", e.statusMessage(), "executionStatusMessage"}));
        showInstances();
    }

    private void showInstances() {
        Execution e = model.executionProperty().get();
        List<InstanceProgress> list = model.instances();
        empty.setText(e == null ? "Loading..." : e.isFinished() ? "No instance was run." : "Selecting the target"
                + " instances...");
        empty.setVisible(list.isEmpty());
        empty.setManaged(list.isEmpty());
        rowsById.keySet().retainAll(list.stream().map(InstanceProgress::instanceId).collect(Collectors.toSet()));
        for (InstanceProgress p : list) {
            rowsById.computeIfAbsent(p.instanceId(), InstanceRow::new).show(p);
        }
        rows.getChildren().setAll(rowsById.values());
    }

    private void confirmCancel() {
        Execution e = model.executionProperty().get();
        if (e == null) {
            return;
        }
        ConsoleDialog dialog = new ConsoleDialog(session.modals(), "Cancel execution " + e.executionId() + "?",
                "Cancel Execution");
        dialog.confirmButton().setId("confirmCancelExecution");
        dialog.cancelButton().setText("Keep Running");
        dialog.setDangerous(true);
        dialog.setDialogWidth(560);
        String running = model.instances().stream().filter(p -> !finished(p.status()))
                .map(p -> p.instanceId() + " (at " + p.currentStep() + ")").collect(Collectors.joining(", "));
        long done = model.instances().stream().filter(p -> Execution.SUCCESS.equals(p.status())).count();
        Label stops = new Label("What stops: no further step starts" + (running.isEmpty() ? "."
                : " on " + running + ".") + " Instances not started yet are not started.");
        stops.setId("cancelStops");
        stops.setWrapText(true);
        Label stays = new Label("What stays: a step that already ran is not undone. " + (done == 0 ? ""
                : done + " instance(s) already done keep their encrypted system disk. ") + "An instance stopped"
                + " for its system disk's replacement stays Stopped (start it on the Instances page); snapshots and"
                + " images the steps made stay until you delete them.");
        stays.setId("cancelStays");
        stays.setWrapText(true);
        dialog.setContent(stops, stays);
        dialog.setOnConfirm(d -> {
            d.setBusy(true);
            controller.cancel(e.executionId(), d::close, d::showError);
        });
        dialog.show();
    }

    private static boolean finished(String status) {
        return Execution.SUCCESS.equals(status) || Execution.FAILED.equals(status)
                || Execution.CANCELLED.equals(status);
    }

    /** One instance: id, status, progress bar with its text, the current step, and the step log under it. */
    private final class InstanceRow extends VBox {
        private final Hyperlink id;
        private final StackPane status = new StackPane();
        private final ProgressBar bar = new ProgressBar(0);
        private final Label progress = new Label();
        private final Label step = new Label();
        private final Label log = new Label();

        InstanceRow(String instanceId) {
            setId("executionInstance-" + instanceId);
            getStyleClass().addAll("card", "execution-instance");
            setSpacing(6);
            id = new Hyperlink(instanceId);
            id.setId("executionInstanceLink-" + instanceId);
            id.setMinWidth(Region.USE_PREF_SIZE);
            id.setPrefWidth(190); // the bars line up under each other
            id.setOnAction(event -> session.navigator().openInstance(instanceId));
            status.setMinWidth(80);
            status.setAlignment(Pos.CENTER_LEFT);
            bar.setId("executionProgress-" + instanceId);
            bar.setPrefWidth(260);
            bar.setMinWidth(160);
            progress.setId("executionProgressText-" + instanceId);
            progress.setMinWidth(0);
            progress.setMaxWidth(Double.MAX_VALUE);
            HBox.setHgrow(progress, Priority.ALWAYS);
            step.setId("executionStep-" + instanceId);
            step.getStyleClass().add("field-hint");
            step.setMinWidth(Region.USE_PREF_SIZE);
            HBox line = new HBox(12, id, status, bar, progress, step);
            line.setAlignment(Pos.CENTER_LEFT);
            log.setId("executionLog-" + instanceId);
            log.setWrapText(true);
            log.setStyle("-fx-font-family: monospace; -fx-font-size: 11px;");
            TitledPane logPane = new TitledPane("Step log", log);
            logPane.setId("executionLogPane-" + instanceId);
            logPane.setExpanded(false);
            getChildren().addAll(line, logPane);
        }

        void show(InstanceProgress p) {
            Label tag = OosStatus.tag(p.status());
            tag.setId("executionInstanceStatus-" + p.instanceId());
            status.getChildren().setAll(tag);
            bar.setProgress(p.progress());
            progress.setText(p.progressText());
            step.setText("Step: " + p.currentStep());
            log.setText(p.log().isEmpty() ? "No step has run yet." : String.join("\n", p.log()));
        }
    }
}
