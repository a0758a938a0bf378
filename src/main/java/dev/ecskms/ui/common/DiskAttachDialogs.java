package dev.ecskms.ui.common;

import dev.ecskms.sim.common.CallContext;
import dev.ecskms.sim.common.Page;
import dev.ecskms.sim.ecs.Disk;
import dev.ecskms.sim.ecs.DiskStatus;
import dev.ecskms.sim.ecs.Instance;
import dev.ecskms.sim.ecs.InstanceStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;

/**
 * Attach and Detach seen from the disk, as the Disks list, a disk's details page and an instance's Disks card offer
 * them: Attach lists the Running and Stopped instances of the disk's zone; Detach names the disk and its instance
 * and asks first. Dialogs stay open with the service's error when a call fails.
 */
public final class DiskAttachDialogs {
    static final String GUEST_LOSES_DEVICE = "The guest operating system loses the device at once: unmount its file"
            + " systems first, or data not yet written to the disk may be lost.";

    private DiskAttachDialogs() {
    }

    /** Only an Available disk can be attached. */
    public static boolean canAttach(Disk disk) {
        return disk.status() == DiskStatus.Available;
    }

    /** Only an In_use data disk can be detached; a system disk stays with its instance. */
    public static boolean canDetach(Disk disk) {
        return disk.status() == DiskStatus.In_use && !"system".equals(disk.type()) && disk.instanceId() != null;
    }

    /** "name (id)", or the id alone when the disk has no name. */
    public static String display(Disk disk) {
        return disk.diskName() == null || disk.diskName().isBlank() ? disk.diskId()
                : disk.diskName() + " (" + disk.diskId() + ")";
    }

    static String display(Instance instance) {
        return instance.instanceName() == null || instance.instanceName().isBlank() ? instance.instanceId()
                : instance.instanceName() + " (" + instance.instanceId() + ")";
    }

    /** Attaches the disk to one of the Running or Stopped instances of its zone; {@code afterAttach} on success. */
    public static ConsoleDialog openAttach(ConsoleSession session, Disk disk, Runnable afterAttach) {
        ConsoleDialog dialog = new ConsoleDialog(session.modals(), "Attach Disk " + display(disk), "Attach");
        dialog.getStyleClass().add("attach-to-instance-dialog");
        dialog.setDialogWidth(680);
        Label hint = Tables.callout("attachZoneNote", "A disk can only be attached to a Running or Stopped instance"
                + " in its own zone, " + disk.zoneId() + ". " + (disk.encrypted()
                ? "A running instance asks KMS for the disk's data key as soon as the disk is attached, a stopped one"
                + " when it starts."
                : "The disk is not encrypted."), "info");

        TableView<Instance> instances = new TableView<>();
        instances.setId("attachInstancesTable");
        instances.getStyleClass().addAll("console-table", "dense", "bordered");
        Tables.fitOrScroll(instances);
        instances.setFixedCellSize(40);
        instances.setPrefHeight(40 * 4 + 30);
        instances.getColumns().add(Tables.nodeColumn("Instance ID / Name", 220, instance -> {
            Label id = new Label(instance.instanceId());
            id.setId("attachInstance-" + instance.instanceId());
            return Tables.twoLines(id, instance.instanceName());
        }));
        instances.getColumns().add(Tables.nodeColumn("Status", 90, instance -> {
            Label tag = StatusTag.forInstanceStatus(instance.status());
            tag.getStyleClass().add("instance-status");
            return tag;
        }));
        instances.getColumns().add(Tables.nodeColumn("Type", 160, instance -> Tables.twoLines(
                new Label(instance.instanceType()), instance.cpu() + " vCPU  " + memory(instance.memoryGiB())
                        + " GiB")));
        instances.getColumns().add(Tables.textColumn("Zone", 110, Instance::zoneId));
        Label placeholder = new Label("Loading the instances of " + disk.zoneId() + "...");
        placeholder.setId("attachInstancesPlaceholder");
        placeholder.getStyleClass().add("table-placeholder");
        placeholder.setWrapText(true);
        placeholder.setMaxWidth(560);
        instances.setPlaceholder(placeholder);

        CheckBox releaseWith = new CheckBox("Release with instance");
        releaseWith.setId("attachReleaseWithInstanceCheck");
        releaseWith.setSelected(disk.deleteWithInstance());
        Label releaseHint = new Label("When checked, the disk is released together with the instance; otherwise it"
                + " is detached and kept.");
        releaseHint.getStyleClass().add("field-hint");
        releaseHint.setWrapText(true);
        dialog.setContent(hint, instances, releaseWith, releaseHint);
        dialog.confirmButton().disableProperty().bind(Bindings.isNull(
                instances.getSelectionModel().selectedItemProperty()));

        CallContext ctx = session.context();
        session.tasks().run(() -> instancesOf(session, ctx), all -> {
            List<Instance> here = all.stream().filter(i -> disk.zoneId().equals(i.zoneId()))
                    .filter(i -> i.status() == InstanceStatus.Running || i.status() == InstanceStatus.Stopped)
                    .sorted(Comparator.comparing(Instance::instanceId)).toList();
            placeholder.setText(emptyReason(disk, all));
            instances.getItems().setAll(here);
            if (here.size() == 1) {
                instances.getSelectionModel().select(0);
            }
        }, failure -> placeholder.setText("The instances could not be listed: " + Errors.describe(failure)));

        dialog.setOnConfirm(ignored -> {
            Instance chosen = instances.getSelectionModel().getSelectedItem();
            if (chosen == null) {
                return;
            }
            dialog.confirmButton().disableProperty().unbind();
            dialog.setBusy(true);
            boolean release = releaseWith.isSelected();
            session.tasks().runVoid(() -> session.services().instances().attachDisk(session.context(),
                    chosen.instanceId(), disk.diskId(), release), () -> {
                        dialog.close();
                        afterAttach.run();
                    }, failure -> {
                        dialog.showError(failure);
                        dialog.confirmButton().disableProperty().bind(Bindings.isNull(
                                instances.getSelectionModel().selectedItemProperty()));
                    });
        });
        dialog.show();
        return dialog;
    }

    /** Why the instance table is empty: no instance in the zone at all, or none Running or Stopped there. */
    static String emptyReason(Disk disk, List<Instance> all) {
        long inZone = all.stream().filter(i -> disk.zoneId().equals(i.zoneId())).count();
        if (inZone > 0) {
            return "The " + inZone + (inZone == 1 ? " instance" : " instances") + " in " + disk.zoneId()
                    + (inZone == 1 ? " is" : " are") + " neither Running nor Stopped. Wait until "
                    + (inZone == 1 ? "it is" : "one is") + ", then attach the disk.";
        }
        String elsewhere = all.isEmpty() ? "" : " The region's other instances are in other zones; a disk cannot be"
                + " attached across zones.";
        return "No instances in " + disk.zoneId() + ", the disk's zone." + elsewhere;
    }

    /** Asks before detaching the disk from its instance; {@code afterDetach} on success. */
    public static ConsoleDialog openDetach(ConsoleSession session, Disk disk, Runnable afterDetach) {
        String instanceId = disk.instanceId();
        ConsoleDialog dialog = new ConsoleDialog(session.modals(), "Detach Disk " + display(disk), "Detach");
        dialog.getStyleClass().add("detach-disk-dialog");
        dialog.setDangerous(true);
        dialog.setDialogWidth(560);
        Label warning = Tables.callout("detachWarning", detachText(disk, instanceId), "warning");
        Label after = new Label("The disk becomes Available and keeps its data; it can be attached again.");
        after.getStyleClass().add("field-hint");
        after.setWrapText(true);
        dialog.setContent(warning, after);
        // Name the instance as the user knows it, once its name is read.
        CallContext ctx = session.context();
        session.tasks().run(() -> session.services().instances().describeInstance(ctx, instanceId),
                instance -> warning.setText(detachText(disk, display(instance))), failure -> { });
        dialog.setOnConfirm(ignored -> {
            dialog.setBusy(true);
            session.tasks().runVoid(() -> session.services().instances().detachDisk(session.context(), instanceId,
                    disk.diskId()), () -> {
                        dialog.close();
                        afterDetach.run();
                    }, dialog::showError);
        });
        dialog.show();
        return dialog;
    }

    private static String detachText(Disk disk, String instance) {
        return "The disk " + display(disk) + " is detached from the instance " + instance + ". " + GUEST_LOSES_DEVICE;
    }

    private static List<Instance> instancesOf(ConsoleSession session, CallContext ctx) {
        List<Instance> all = new ArrayList<>();
        for (int page = 1; ; page++) {
            Page<Instance> one = session.services().instances().describeInstances(ctx, null, null, page, 100);
            all.addAll(one.items());
            if (all.size() >= one.totalCount() || one.items().isEmpty()) {
                break;
            }
        }
        return all;
    }

    private static String memory(double gib) {
        return gib == Math.rint(gib) ? String.valueOf((long) gib) : String.valueOf(gib);
    }
}
