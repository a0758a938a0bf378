package dev.ecskms.ui.instances;

import dev.ecskms.sim.common.CallContext;
import dev.ecskms.sim.ecs.DescribeDisksRequest;
import dev.ecskms.sim.ecs.Disk;
import dev.ecskms.sim.ecs.Instance;
import dev.ecskms.sim.ecs.InstanceService;
import dev.ecskms.sim.ecs.InstanceStatus;
import dev.ecskms.ui.common.ConsoleDialog;
import dev.ecskms.ui.common.ConsoleSession;
import dev.ecskms.ui.common.Errors;
import dev.ecskms.ui.common.Formats;
import dev.ecskms.ui.common.Tables;
import dev.ecskms.ui.conversion.EncryptSystemDiskDialog;
import dev.ecskms.ui.vnc.RemoteConsoles;
import java.util.Comparator;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.VBox;

/**
 * The instance operations the list and the details page share: connect, start, stop, reboot, release and attach
 * a disk. Stop, reboot and release ask first; dialogs stay open with the service's error when a call fails.
 */
final class InstanceActions {
    static final String FORCE_STOP_NOTE = "A forced stop is like pulling the power: data not yet written to the"
            + " disks may be lost.";

    private final ConsoleSession session;
    private final RemoteConsoles consoles;
    private final Consumer<String> showPageError;
    private final Runnable afterChange;
    private final InstancesController controller;

    InstanceActions(ConsoleSession session, RemoteConsoles consoles, Consumer<String> showPageError,
            Runnable afterChange, InstancesController controller) {
        this.session = session;
        this.consoles = consoles;
        this.showPageError = showPageError;
        this.afterChange = afterChange;
        this.controller = controller;
    }

    private InstanceService instances() {
        return session.services().instances();
    }

    static String display(Instance instance) {
        return instance.instanceName() == null || instance.instanceName().isBlank() ? instance.instanceId()
                : instance.instanceName() + " (" + instance.instanceId() + ")";
    }

    /** Opens the remote connection window on the instance's console. */
    void connect(Instance instance) {
        consoles.open(session, instance.instanceId(), instance.instanceName());
    }

    void start(Instance instance) {
        String id = instance.instanceId();
        session.tasks().runVoid(() -> instances().startInstance(session.context(), id), afterChange,
                this::pageError);
    }

    void openStop(Instance instance) {
        ConsoleDialog dialog = new ConsoleDialog(session.modals(), "Stop Instance " + display(instance), "OK");
        dialog.getStyleClass().add("stop-instance-dialog");
        dialog.setDialogWidth(540);
        CheckBox force = new CheckBox("Force stop");
        force.setId("forceStopCheck");
        Label note = hint(FORCE_STOP_NOTE);
        Label text = new Label("The instance shuts down its operating system and stops. Pay-as-you-go instances keep"
                + " their disks; a stopped instance can be started again.");
        text.setWrapText(true);
        dialog.setContent(text, force, note);
        dialog.setOnConfirm(ignored -> {
            dialog.setBusy(true);
            boolean forced = force.isSelected();
            session.tasks().runVoid(() -> instances().stopInstance(session.context(), instance.instanceId(), forced),
                    () -> {
                        dialog.close();
                        afterChange.run();
                    }, dialog::showError);
        });
        dialog.show();
    }

    void openReboot(Instance instance) {
        ConsoleDialog dialog = new ConsoleDialog(session.modals(), "Reboot Instance " + display(instance), "OK");
        dialog.getStyleClass().add("reboot-instance-dialog");
        dialog.setDialogWidth(540);
        CheckBox force = new CheckBox("Force reboot");
        force.setId("forceRebootCheck");
        Label text = new Label("The instance restarts. On the way up it asks KMS again for the data keys of its"
                + " encrypted disks: a disk whose key is not Enabled cannot be read.");
        text.setWrapText(true);
        dialog.setContent(text, force, hint(FORCE_STOP_NOTE));
        dialog.setOnConfirm(ignored -> {
            dialog.setBusy(true);
            boolean forced = force.isSelected();
            session.tasks().runVoid(() -> instances().rebootInstance(session.context(), instance.instanceId(),
                    forced), () -> {
                        dialog.close();
                        afterChange.run();
                    }, dialog::showError);
        });
        dialog.show();
    }

    /**
     * Names the instance and lists its disks: those released with it, and those kept (detached, Available). A
     * Stopped instance is released at once; otherwise the user chooses "Stop and release" (stop now, release once
     * Stopped) or "Force release".
     */
    void openRelease(Instance instance, Runnable afterRelease) {
        ConsoleDialog dialog = new ConsoleDialog(session.modals(), "Release Instance " + display(instance),
                "Release");
        dialog.getStyleClass().add("release-instance-dialog");
        dialog.setDangerous(true);
        dialog.setDialogWidth(680);
        Label warning = Tables.callout("releaseInstanceWarning", "The instance " + display(instance)
                + " is released and cannot be recovered. The disks marked \"Release with instance\" are deleted with"
                + " it; the other disks are detached and kept.", "warning");
        TableView<Disk> disks = new TableView<>();
        disks.setId("releaseDisksTable");
        disks.getStyleClass().addAll("console-table", "dense", "bordered");
        Tables.fitOrScroll(disks);
        disks.setPrefHeight(150);
        disks.getColumns().add(column("Disk ID", 170, Disk::diskId));
        disks.getColumns().add(column("Type", 80, d -> "system".equals(d.type()) ? "System disk" : "Data disk"));
        disks.getColumns().add(column("Size", 60, d -> d.size() + " GiB"));
        disks.getColumns().add(column("Encrypted", 80, d -> d.encrypted() ? "Yes" : "No"));
        disks.getColumns().add(column("After release", 160, d -> d.deleteWithInstance() ? "Released with instance"
                : "Kept (detached)"));
        Label placeholder = new Label("Loading the instance's disks...");
        placeholder.getStyleClass().add("table-placeholder");
        disks.setPlaceholder(placeholder);
        Label disksTitle = new Label("Disks of this instance");
        disksTitle.getStyleClass().add("section-label");

        ToggleGroup how = new ToggleGroup();
        RadioButton stopFirst = new RadioButton("Stop and release: stop the instance normally, then release it");
        stopFirst.setId("stopAndReleaseOption");
        stopFirst.setToggleGroup(how);
        stopFirst.setSelected(true);
        RadioButton force = new RadioButton("Force release: release the running instance now (like pulling the"
                + " power)");
        force.setId("forceReleaseOption");
        force.setToggleGroup(how);
        VBox options = new VBox(6, new Label("The instance is " + instance.status() + "."), stopFirst, force);
        options.setId("releaseOptions");
        boolean stopped = instance.status() == InstanceStatus.Stopped;
        options.setVisible(!stopped);
        options.setManaged(!stopped);
        dialog.setContent(warning, disksTitle, disks, options);

        CallContext ctx = session.context();
        session.tasks().run(() -> session.services().ecs().describeDisks(ctx, new DescribeDisksRequest(null, null,
                instance.instanceId(), null, null, null, null, null, 1, 100)).items(), list -> {
                    placeholder.setText("No disks are attached to this instance.");
                    disks.getItems().setAll(list.stream().sorted(Comparator.comparing(
                            (Disk d) -> "system".equals(d.type()) ? 0 : 1)).toList());
                }, failure -> placeholder.setText("The disks could not be listed: " + Errors.describe(failure)));

        dialog.setOnConfirm(ignored -> {
            dialog.setBusy(true);
            String id = instance.instanceId();
            if (stopped || force.isSelected()) {
                boolean forced = !stopped;
                session.tasks().runVoid(() -> instances().deleteInstance(session.context(), id, forced), () -> {
                    dialog.close();
                    afterRelease.run();
                }, dialog::showError);
            } else {
                session.tasks().runVoid(() -> {
                    if (instance.status() != InstanceStatus.Stopping) {
                        instances().stopInstance(session.context(), id, false);
                    }
                }, () -> {
                    dialog.close();
                    controller.releaseWhenStopped(id);
                    afterRelease.run();
                }, dialog::showError);
            }
        });
        dialog.show();
    }

    /** Attaches one of the Available disks of the instance's zone. */
    void openAttachDisk(Instance instance) {
        ConsoleDialog dialog = new ConsoleDialog(session.modals(), "Attach Disk to " + display(instance), "Attach");
        dialog.getStyleClass().add("attach-disk-dialog");
        dialog.setDialogWidth(680);
        TableView<Disk> disks = new TableView<>();
        disks.setId("attachDisksTable");
        disks.getStyleClass().addAll("console-table", "dense", "bordered");
        Tables.fitOrScroll(disks);
        disks.setPrefHeight(190);
        disks.getColumns().add(column("Disk ID", 170, Disk::diskId));
        disks.getColumns().add(column("Name", 110, Disk::diskName));
        disks.getColumns().add(column("Category", 90, Disk::category));
        disks.getColumns().add(column("Size", 60, d -> d.size() + " GiB"));
        disks.getColumns().add(column("Encrypted", 80, d -> d.encrypted() ? "Yes" : "No"));
        Label placeholder = new Label("Loading the Available disks of " + instance.zoneId() + "...");
        placeholder.getStyleClass().add("table-placeholder");
        placeholder.setWrapText(true);
        disks.setPlaceholder(placeholder);
        CheckBox releaseWith = new CheckBox("Release with instance");
        releaseWith.setId("attachDeleteWithInstanceCheck");
        Label hint = hint("Only Available disks in the instance's zone " + instance.zoneId() + " can be attached.");
        dialog.setContent(hint, disks, releaseWith);
        dialog.confirmButton().disableProperty().bind(disks.getSelectionModel().selectedItemProperty().isNull());

        CallContext ctx = session.context();
        session.tasks().run(() -> session.services().ecs().describeDisks(ctx, new DescribeDisksRequest(null,
                instance.zoneId(), null, null, null, "Available", null, null, 1, 100)).items(), list -> {
                    placeholder.setText("No Available disks in " + instance.zoneId() + ". Create one on the Disks"
                            + " page in this zone.");
                    disks.getItems().setAll(list);
                }, failure -> placeholder.setText("The disks could not be listed: " + Errors.describe(failure)));

        dialog.setOnConfirm(ignored -> {
            Disk chosen = disks.getSelectionModel().getSelectedItem();
            if (chosen == null) {
                return;
            }
            dialog.confirmButton().disableProperty().unbind();
            dialog.setBusy(true);
            boolean release = releaseWith.isSelected();
            session.tasks().runVoid(() -> instances().attachDisk(session.context(), instance.instanceId(),
                    chosen.diskId(), release), () -> {
                        dialog.close();
                        afterChange.run();
                    }, dialog::showError);
        });
        dialog.show();
    }

    /** Encrypt system disk: the flow's own dialog (plan, steps with progress, ending). */
    void openEncryptSystemDisk(Instance instance) {
        EncryptSystemDiskDialog.open(session, instance, afterChange);
    }

    /** Create Custom Image on the Images page, for this instance. */
    void createImage(Instance instance) {
        session.navigator().createImageFromInstance(instance.instanceId());
    }

    void reload() {
        afterChange.run();
    }

    boolean releasePending(String instanceId) {
        return controller.releasePending(instanceId);
    }

    private void pageError(Throwable failure) {
        showPageError.accept(Errors.describe(failure));
    }

    private static Label hint(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("field-hint");
        label.setWrapText(true);
        return label;
    }

    private static TableColumn<Disk, String> column(String title, double width,
            java.util.function.Function<Disk, String> value) {
        TableColumn<Disk, String> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(Formats.orNone(value.apply(cell.getValue()))));
        return column;
    }
}
