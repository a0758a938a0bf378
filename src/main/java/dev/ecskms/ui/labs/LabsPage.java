package dev.ecskms.ui.labs;

import dev.ecskms.sim.common.ChangeFeed;
import dev.ecskms.sim.labs.Lab;
import dev.ecskms.sim.labs.LabProgress;
import dev.ecskms.sim.labs.LabService;
import dev.ecskms.ui.common.ConsoleDialog;
import dev.ecskms.ui.common.ConsolePage;
import dev.ecskms.ui.common.ConsoleSession;
import dev.ecskms.ui.common.ErrorBanner;
import dev.ecskms.ui.common.Formats;
import dev.ecskms.ui.common.Icons;
import dev.ecskms.ui.common.Tables;
import java.util.EnumSet;
import java.util.Set;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.antdesignicons.AntDesignIconsOutlined;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * Labs: the source document's scenarios as guided exercises. The learner picks a lab, starts it, and does the steps
 * by clicks or by script; each step's tick lights when the simulator's state shows it done, in order, re-evaluated
 * on the change feed. Reset to start begins again from now.
 */
public final class LabsPage implements ConsolePage {
    static final String RESET_WARNING = "The lab starts again from now: only what you do from here counts, and every"
            + " step is unlit until you do it again. Nothing you made is deleted.";

    private final ConsoleSession session;
    private final LabsModel model = new LabsModel();
    private final LabsController controller;
    private final VBox root = new VBox(8);
    private final ListView<LabService.LabEntry> list = new ListView<>();
    private final Label labTitle = new Label();
    private final Label summary = new Label();
    private final Label startedLine = new Label();
    private final Button startButton = new Button("Start lab");
    private final Button checkButton = new Button("Check now");
    private final Label progressText = new Label();
    private final ProgressBar progressBar = new ProgressBar(0);
    private final VBox steps = new VBox(10);
    private final VBox fileError = new VBox(8);
    private final VBox details = new VBox(12);

    public LabsPage(ConsoleSession session) {
        this.session = session;
        this.controller = new LabsController(session, model);
        root.setId("labsPage");
        root.getStylesheets().add(LabsPage.class.getResource("/assets/labs/labs.css").toExternalForm());
        Label title = new Label("Labs");
        title.getStyleClass().add("page-title");
        Label subtitle = new Label("Guided exercises from the encryption guide. Start a lab, then do its steps by"
                + " clicks or by script: a step's tick lights when the simulator's state shows it done, in order."
                + " Trainers add labs as .lab files in the data dir's labs folder.");
        subtitle.getStyleClass().add("page-subtitle");
        subtitle.setWrapText(true);
        ErrorBanner banner = new ErrorBanner("labsError", model.errorProperty(), controller::dismissError);

        list.setId("labList");
        list.setItems(model.labs());
        list.setPrefWidth(280);
        list.setMinWidth(240);
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(LabService.LabEntry entry, boolean empty) {
                super.updateItem(entry, empty);
                if (empty || entry == null) {
                    setText(null);
                    setGraphic(null);
                    setId(null);
                    return;
                }
                setId("lab-" + entry.id());
                setText(null);
                // a wrapped label as the graphic: long titles take two lines instead of an ellipsis
                Label text = new Label(entry.title(), entry.ok() ? Icons.icon(AntDesignIconsOutlined.EXPERIMENT)
                        : Icons.icon(AntDesignIconsOutlined.WARNING));
                text.setWrapText(true);
                text.maxWidthProperty().bind(list.widthProperty().subtract(28));
                text.setMinHeight(Region.USE_PREF_SIZE);
                setGraphic(text);
            }
        });
        list.getSelectionModel().selectedItemProperty().addListener((obs, old, entry) -> {
            if (entry != null) {
                controller.select(entry.id());
            }
        });

        labTitle.setId("labTitle");
        labTitle.getStyleClass().add("card-title");
        labTitle.setWrapText(true);
        summary.setId("labSummary");
        summary.setWrapText(true);
        startedLine.setId("labStarted");
        startedLine.getStyleClass().add("field-hint");
        startButton.setId("labStartButton");
        startButton.getStyleClass().add("primary-button");
        startButton.setOnAction(e -> startOrReset());
        checkButton.setId("labCheckButton");
        checkButton.setOnAction(e -> controller.load());
        progressText.setId("labProgress");
        progressBar.setPrefWidth(220);
        HBox actions = new HBox(12, startButton, checkButton, startedLine);
        actions.setAlignment(Pos.CENTER_LEFT);
        HBox progress = new HBox(12, progressBar, progressText);
        progress.setAlignment(Pos.CENTER_LEFT);
        steps.setId("labSteps");
        steps.getStyleClass().add("lab-steps");
        fileError.setId("labFileError");
        details.getStyleClass().add("card");
        details.getChildren().addAll(labTitle, summary, actions, progress, steps);

        VBox right = new VBox(12, fileError, details);
        ScrollPane scroll = new ScrollPane(right);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("edge-to-edge");
        HBox.setHgrow(scroll, Priority.ALWAYS);
        HBox body = new HBox(16, list, scroll);
        VBox.setVgrow(body, Priority.ALWAYS);
        root.getChildren().addAll(title, subtitle, banner, body);

        model.progressProperty().addListener((obs, old, p) -> render());
        model.labProperty().addListener((obs, old, l) -> render());
        model.startedProperty().addListener((obs, old, s) -> render());
        model.fileErrorProperty().addListener((obs, old, e) -> render());
        model.selectedIdProperty().addListener((obs, old, id) -> selectInList(id));
        model.labs().addListener((javafx.collections.ListChangeListener<LabService.LabEntry>) change ->
                selectInList(model.selectedIdProperty().get()));
        render();
    }

    @Override
    public String breadcrumb() {
        return "Labs";
    }

    @Override
    public Node view() {
        return root;
    }

    /**
     * Everything a check can look at. The trail too: a refused request changes nothing else, and the lab's own
     * reads are not recorded, so reloading on it does not feed itself.
     */
    @Override
    public Set<ChangeFeed.Topic> changeTopics() {
        return EnumSet.of(ChangeFeed.Topic.KMS_KEYS, ChangeFeed.Topic.DISKS, ChangeFeed.Topic.SNAPSHOTS,
                ChangeFeed.Topic.IMAGES, ChangeFeed.Topic.INSTANCES, ChangeFeed.Topic.RAM_ROLES,
                ChangeFeed.Topic.ACCOUNTS, ChangeFeed.Topic.OOS_EXECUTIONS, ChangeFeed.Topic.CLOCK,
                ChangeFeed.Topic.TRAIL, ChangeFeed.Topic.OTHER);
    }

    @Override
    public void refresh() {
        controller.load();
    }

    /** Shows a lab, as a click on it in the list would. */
    public void showLab(String labId) {
        controller.select(labId);
    }

    private void selectInList(String id) {
        for (LabService.LabEntry entry : list.getItems()) {
            if (entry.id().equals(id) && list.getSelectionModel().getSelectedItem() != entry) {
                list.getSelectionModel().select(entry);
                return;
            }
        }
    }

    private void startOrReset() {
        if (model.startedProperty().get() == null) {
            controller.start(() -> { }, e -> model.errorProperty().set("The lab could not be started: "
                    + dev.ecskms.ui.common.Errors.describe(e)));
            return;
        }
        Lab lab = model.labProperty().get();
        ConsoleDialog dialog = new ConsoleDialog(session.modals(), "Reset the lab to its start?", "Reset to start");
        dialog.setDialogWidth(520);
        Label which = new Label(lab == null ? "" : "Lab: " + lab.title());
        which.setWrapText(true);
        dialog.setContent(which, Tables.callout("labResetWarning", RESET_WARNING, "warning"));
        dialog.setOnConfirm(d -> {
            d.setBusy(true);
            controller.start(d::close, failure -> {
                d.setBusy(false);
                d.showError(failure);
            });
        });
        dialog.show();
    }

    private void render() {
        selectInList(model.selectedIdProperty().get());
        Lab lab = model.labProperty().get();
        String problem = model.fileErrorProperty().get();
        fileError.getChildren().clear();
        if (problem != null) {
            String where = model.labs().stream().filter(e -> e.id().equals(model.selectedIdProperty().get()))
                    .findFirst().map(e -> LabCatalogText.where(e)).orElse("");
            Label callout = Tables.callout("labFileErrorText", "This lab file cannot be used: " + problem
                    + ". " + where + "Correct the file, then read it again.", "danger");
            Button again = new Button("Read the file again");
            again.setId("labReloadButton");
            again.setOnAction(e -> controller.load());
            fileError.getChildren().addAll(callout, again);
        }
        details.setVisible(lab != null);
        details.setManaged(lab != null);
        if (lab == null) {
            return;
        }
        labTitle.setText(lab.title());
        summary.setText(lab.summary());
        boolean started = model.startedProperty().get() != null;
        startButton.setText(started ? "Reset to start" : "Start lab");
        startButton.getStyleClass().remove("primary-button");
        if (!started) {
            startButton.getStyleClass().add("primary-button");
        }
        checkButton.setDisable(!started);
        startedLine.setText(started ? "Started " + Formats.dateTime(model.startedProperty().get())
                + " (simulated time); only what is done since counts." : "Start the lab, then do its steps.");
        LabProgress progress = model.progressProperty().get();
        progressText.setText(model.progressText());
        progressBar.setProgress(progress == null || !started ? 0
                : (double) progress.litCount() / Math.max(1, lab.steps().size()));
        steps.getChildren().clear();
        for (Lab.Step step : lab.steps()) {
            LabProgress.StepState state = progress == null || progress.steps().size() < step.number() ? null
                    : progress.steps().get(step.number() - 1);
            steps.getChildren().add(stepRow(step, state != null && state.lit() && started, state));
        }
    }

    private Node stepRow(Lab.Step step, boolean lit, LabProgress.StepState state) {
        FontIcon mark = Icons.icon(lit ? AntDesignIconsOutlined.CHECK_CIRCLE : AntDesignIconsOutlined.BORDER);
        // inline: the console's stylesheet colours every icon alike
        mark.setId("labStepMark" + step.number());
        mark.getStyleClass().add(lit ? "lab-step-lit" : "lab-step-unlit");
        Label title = new Label(step.number() + ". " + step.title());
        title.setId("labStepTitle" + step.number());
        title.setWrapText(true);
        title.getStyleClass().add("lab-step-title");
        VBox text = new VBox(4, title);
        if (!step.hint().isEmpty()) {
            Label hint = new Label(step.hint());
            hint.setWrapText(true);
            hint.getStyleClass().add("field-hint");
            text.getChildren().add(hint);
        }
        if (lit && state != null && !state.evidence().isEmpty()) {
            Label evidence = new Label("✓ " + String.join("; ", state.evidence()));
            evidence.setId("labStepEvidence" + step.number());
            evidence.setWrapText(true);
            evidence.getStyleClass().add("lab-evidence");
            text.getChildren().add(evidence);
        }
        text.setMinWidth(0);
        HBox.setHgrow(text, Priority.ALWAYS);
        HBox row = new HBox(12, mark, text);
        row.setId("labStep" + step.number());
        row.getStyleClass().add(lit ? "lab-step-done" : "lab-step");
        row.setAlignment(Pos.TOP_LEFT);
        row.setMinHeight(Region.USE_PREF_SIZE);
        return row;
    }

    /** Where a lab file lives, in words. */
    private static final class LabCatalogText {
        static String where(LabService.LabEntry entry) {
            return dev.ecskms.sim.labs.LabCatalog.BUILT_IN.equals(entry.origin()) ? "It is built in (assets/labs). "
                    : "It is " + java.nio.file.Path.of(entry.origin()).resolve(entry.fileName()) + ". ";
        }
    }

    /** For tests: whether a step's tick is lit. */
    public boolean isLit(int stepNumber) {
        return root.lookup("#labStepMark" + stepNumber) instanceof FontIcon icon
                && icon.getStyleClass().contains("lab-step-lit");
    }
}
