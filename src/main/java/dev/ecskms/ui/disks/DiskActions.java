package dev.ecskms.ui.disks;

import dev.ecskms.sim.common.ApiException;
import dev.ecskms.sim.ecs.Catalog;
import dev.ecskms.sim.ecs.Disk;
import dev.ecskms.sim.ecs.DiskCategory;
import dev.ecskms.sim.ecs.DiskSizeRule;
import dev.ecskms.ui.common.ConsoleDialog;
import dev.ecskms.ui.common.ConsoleSession;
import dev.ecskms.ui.common.DiskAttachDialogs;
import dev.ecskms.ui.common.Errors;
import dev.ecskms.ui.common.Forms;
import dev.ecskms.ui.common.Spinners;
import dev.ecskms.ui.common.Tables;
import dev.ecskms.ui.conversion.EncryptDiskDialog;
import java.util.function.Consumer;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;

/**
 * The disk operations the list and the details page share: create a snapshot, resize, attach, detach, release, and
 * the Create Disk wizard. Dialogs stay open with the service's error when a call fails; the page reloads when one succeeds.
 */
final class DiskActions {
    private final ConsoleSession session;
    private final Consumer<String> showPageError;
    private final Runnable afterChange;

    DiskActions(ConsoleSession session, Consumer<String> showPageError, Runnable afterChange) {
        this.session = session;
        this.showPageError = showPageError;
        this.afterChange = afterChange;
    }

    /** Opens the Create Disk wizard; {@code snapshotId} preselects "Create from snapshot" (null for none). */
    CreateDiskWizard openCreateDisk(String snapshotId) {
        CreateDiskWizard wizard = new CreateDiskWizard(session, snapshotId, diskId -> afterChange.run());
        wizard.show();
        return wizard;
    }

    void openCreateSnapshot(Disk disk, String keyName) {
        ConsoleDialog dialog = new ConsoleDialog(session.modals(), "Create Snapshot of " + disk.diskId(), "OK");
        dialog.getStyleClass().add("create-snapshot-dialog");
        dialog.setDialogWidth(560);
        TextField name = new TextField();
        name.setId("snapshotNameField");
        name.setPromptText("Optional, e.g. backup-2026-11");
        TextField description = new TextField();
        description.setId("snapshotDescriptionField");
        description.setPromptText("Optional");
        Label encryption = Tables.callout("snapshotEncryptionNote", disk.encrypted()
                ? "The snapshot inherits the disk's encryption: it is encrypted with the key " + keyName + "."
                : "The disk is not encrypted, so neither is its snapshot.", "info");
        dialog.setContent(form(new Object[][] {{"Snapshot Name", name}, {"Description", description}}), encryption);
        dialog.setOnConfirm(ignored -> {
            dialog.setBusy(true);
            session.tasks().run(() -> session.services().ecs().createSnapshot(session.context(), disk.diskId(),
                    blankToNull(name.getText()), description.getText()), id -> {
                        dialog.close();
                        afterChange.run();
                    }, dialog::showError);
        });
        dialog.show();
    }

    void openResize(Disk disk) {
        DiskCategory category = Catalog.findDiskCategory(disk.category()).orElse(null);
        int max = category == null ? 65536 : category.maxSizeGiB();
        ConsoleDialog dialog = new ConsoleDialog(session.modals(), "Resize Disk " + disk.diskId(), "OK");
        dialog.getStyleClass().add("resize-disk-dialog");
        dialog.setDialogWidth(520);
        Spinner<Integer> size = Spinners.checked(Math.min(max, disk.size() + 20), "newSizeSpinner");
        Label hint = new Label("Current size " + disk.size() + " GiB. Disks can only grow: "
                + Math.min(max, disk.size() + 1) + "–" + max + " GiB.");
        hint.getStyleClass().add("field-hint");
        hint.setWrapText(true);
        Label sizeError = Forms.fieldError("newSizeError");
        dialog.setContent(form(new Object[][] {{"New Size (GiB)", size}}), sizeError, hint);
        Runnable check = () -> {
            Integer typed = Spinners.typed(size);
            String refusal = null;
            if (typed == null) {
                refusal = "Enter the new size as a whole number of GiB.";
            } else if (category != null) {
                try {
                    DiskSizeRule.checkResize(category, disk.size(), typed);
                } catch (ApiException e) {
                    refusal = Errors.describe(e);
                }
            }
            Forms.showFieldError(sizeError, refusal);
            dialog.setInvalid(refusal != null);
        };
        size.getEditor().textProperty().addListener((obs, old, text) -> check.run());
        size.valueProperty().addListener((obs, old, value) -> check.run());
        check.run();
        dialog.setOnConfirm(ignored -> {
            dialog.setBusy(true);
            int newSize = size.getValue();
            session.tasks().runVoid(() -> session.services().ecs().resizeDisk(session.context(), disk.diskId(),
                    newSize), () -> {
                        dialog.close();
                        afterChange.run();
                    }, dialog::showError);
        });
        dialog.show();
    }

    /** Attaches the Available disk to an instance of its zone (the dialog is shared with the instance pages). */
    void openAttach(Disk disk) {
        DiskAttachDialogs.openAttach(session, disk, afterChange);
    }

    /** Detaches the In_use data disk from its instance, after asking. */
    void openDetach(Disk disk) {
        DiskAttachDialogs.openDetach(session, disk, afterChange);
    }

    void openRelease(Disk disk, Runnable afterRelease) {
        ConsoleDialog dialog = new ConsoleDialog(session.modals(), "Release Disk " + disk.diskId(), "Release");
        dialog.getStyleClass().add("release-disk-dialog");
        dialog.setDangerous(true);
        dialog.setDialogWidth(520);
        dialog.setContent(Tables.callout("releaseWarning", "The disk " + (disk.diskName() == null
                || disk.diskName().isBlank() ? disk.diskId() : disk.diskName() + " (" + disk.diskId() + ")")
                + " and all its data are deleted. Its snapshots are kept. This cannot be undone.", "warning"));
        dialog.setOnConfirm(ignored -> {
            dialog.setBusy(true);
            session.tasks().runVoid(() -> session.services().ecs().deleteDisk(session.context(), disk.diskId()),
                    () -> {
                        dialog.close();
                        afterRelease.run();
                    }, dialog::showError);
        });
        dialog.show();
    }

    /** "Encrypt this disk": the guided conversion of a plain data disk (see {@link EncryptDiskDialog}). */
    void openEncrypt(Disk disk) {
        EncryptDiskDialog.open(session, disk, afterChange);
    }

    void reload() {
        afterChange.run();
    }

    void pageError(Throwable failure) {
        showPageError.accept(Errors.describe(failure));
    }

    static GridPane form(Object[][] rows) {
        GridPane form = Forms.grid(12);
        for (int i = 0; i < rows.length; i++) {
            form.add(Tables.formLabel((String) rows[i][0], false), 0, i);
            form.add((javafx.scene.Node) rows[i][1], 1, i);
        }
        return form;
    }

    static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
