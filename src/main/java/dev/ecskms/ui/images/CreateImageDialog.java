package dev.ecskms.ui.images;

import dev.ecskms.sim.ecs.CreateImageRequest;
import dev.ecskms.sim.ecs.Instance;
import dev.ecskms.sim.ecs.Snapshot;
import dev.ecskms.ui.common.ConsoleDialog;
import dev.ecskms.ui.common.ConsoleSession;
import dev.ecskms.ui.common.Errors;
import dev.ecskms.ui.common.Forms;
import dev.ecskms.ui.common.Tables;
import java.util.function.BiConsumer;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;

/**
 * Create Custom Image: from an instance (its system disk is snapshotted now) or from an accomplished snapshot of a
 * system disk. The image takes the system disk's encryption and key.
 */
final class CreateImageDialog extends ConsoleDialog {
    private final ComboBox<Instance> instance = new ComboBox<>();
    private final ComboBox<Snapshot> snapshot = new ComboBox<>();
    private final RadioButton fromInstance = new RadioButton("Instance");
    private final RadioButton fromSnapshot = new RadioButton("System disk snapshot");
    private final TextField name = new TextField();
    private final TextField description = new TextField();

    /**
     * @param preselected an instance to make the image of (from the Instances page), or null to choose
     * @param submit      sends the request; it closes the dialog on success or shows the error in it
     */
    CreateImageDialog(ConsoleSession session, ImagesController controller, String preselected,
            BiConsumer<CreateImageRequest, CreateImageDialog> submit) {
        super(session.modals(), "Create Custom Image", "Create");
        getStyleClass().add("create-image-dialog");
        setDialogWidth(620);
        ToggleGroup source = new ToggleGroup();
        fromInstance.setToggleGroup(source);
        fromInstance.setId("imageFromInstance");
        fromSnapshot.setToggleGroup(source);
        fromSnapshot.setId("imageFromSnapshot");
        fromInstance.setSelected(true);
        instance.setId("imageInstanceChoice");
        instance.setMaxWidth(Double.MAX_VALUE);
        instance.setCellFactory(list -> cell(i -> i.instanceId() + "  " + i.instanceName() + " · " + i.status()));
        instance.setButtonCell(cell(i -> i.instanceId() + "  " + i.instanceName() + " · " + i.status()));
        instance.setPromptText("Loading the instances...");
        snapshot.setId("imageSnapshotChoice");
        snapshot.setMaxWidth(Double.MAX_VALUE);
        snapshot.setCellFactory(list -> cell(CreateImageDialog::snapshotText));
        snapshot.setButtonCell(cell(CreateImageDialog::snapshotText));
        snapshot.setPromptText("Loading the snapshots...");
        instance.disableProperty().bind(fromInstance.selectedProperty().not());
        snapshot.disableProperty().bind(fromSnapshot.selectedProperty().not());
        name.setId("imageNameField");
        name.setPromptText("2 to 128 characters, starting with a letter");
        description.setId("imageDescriptionField");

        GridPane form = Forms.grid(12, "create-image-form");
        int row = 0;
        row = Forms.addRow(form, row, "Source", new HBox(16, fromInstance, fromSnapshot), true);
        row = Forms.addRow(form, row, "Instance", instance, false);
        row = Forms.addRow(form, row, "Snapshot", snapshot, false);
        row = Forms.addRow(form, row, "Image name", name, true);
        Forms.addRow(form, row, "Description", description, false);
        Label note = Tables.callout("createImageNote", "The image holds the system disk as it is now: the instance"
                + " keeps running, so stop writing in the guest first for a consistent image. An encrypted system disk"
                + " gives an encrypted image under the same key.", "info");
        setContent(note, form);
        confirmButton().setDisable(true);

        controller.loadCreateChoices(choices -> {
                            instance.getItems().setAll(choices.instances());
                            instance.setPromptText(choices.instances().isEmpty()
                                    ? "No Running or Stopped instance in this region" : "Choose an instance");
                            choices.instances().stream().filter(i -> i.instanceId().equals(preselected)).findFirst()
                                    .ifPresent(instance::setValue);
                            snapshot.getItems().setAll(choices.snapshots());
                            snapshot.setPromptText(choices.snapshots().isEmpty()
                                    ? "No completed system disk snapshot in this region" : "Choose a snapshot");
                            confirmButton().setDisable(false);
                        }, failure -> setErrorText("The instances and snapshots could not be listed: "
                                + Errors.describe(failure)));
        setOnConfirm(ignored -> {
            setBusy(true);
            submit.accept(request(), this);
        });
    }

    /** What CreateImage gets; an empty choice is sent as such, and the service says what is missing. */
    CreateImageRequest request() {
        String instanceId = fromInstance.isSelected() && instance.getValue() != null
                ? instance.getValue().instanceId() : null;
        String snapshotId = fromSnapshot.isSelected() && snapshot.getValue() != null
                ? snapshot.getValue().snapshotId() : null;
        return new CreateImageRequest(instanceId, snapshotId, name.getText(), description.getText());
    }

    private static String snapshotText(Snapshot s) {
        return s.snapshotId() + "  " + s.snapshotName() + " · " + s.sourceDiskSize() + " GiB"
                + (s.encrypted() ? " · encrypted" : "");
    }

    private static <T> ListCell<T> cell(java.util.function.Function<T, String> text) {
        return new ListCell<>() {
            @Override
            protected void updateItem(T item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : text.apply(item));
            }
        };
    }

    @Override
    protected void onShown() {
        name.requestFocus();
    }
}
