package dev.ecskms.ui.purchase;

import dev.ecskms.sim.common.ApiException;
import dev.ecskms.sim.ecs.DefaultEncryption;
import dev.ecskms.sim.ecs.DiskCategory;
import dev.ecskms.sim.ecs.PriceRequest;
import dev.ecskms.sim.ecs.DiskSizeRule;
import dev.ecskms.sim.ecs.InstanceType;
import dev.ecskms.sim.ecs.Region;
import dev.ecskms.sim.ecs.RunInstancesRequest;
import dev.ecskms.sim.ecs.Snapshot;
import dev.ecskms.sim.ecs.Zone;
import dev.ecskms.ui.common.ConsoleSession;
import dev.ecskms.ui.common.DiskChoices;
import dev.ecskms.ui.common.EncryptionSection;
import dev.ecskms.ui.common.Errors;
import dev.ecskms.ui.common.Forms;
import dev.ecskms.ui.common.Icons;
import dev.ecskms.ui.common.KeyOption;
import dev.ecskms.ui.common.Spinners;
import java.util.List;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.Spinner;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.antdesignicons.AntDesignIconsOutlined;

/**
 * One data disk of the purchase page: category and level, size (its range stated and checked with the service's
 * {@link DiskSizeRule}, refused next to the field, never changed), an optional snapshot, encryption with its key and
 * the key ECS will use (the service's preview of this very disk), "Release with instance" and remove. The same
 * limitations as the Create Disk wizard show on the row itself.
 */
final class DataDiskRow extends VBox {
    private static final double INDENT = 96;

    private final int number;
    private final PurchaseController controller;
    private final ComboBox<DiskCategory> category = new ComboBox<>();
    private final ComboBox<String> level = new ComboBox<>();
    private final Spinner<Integer> size;
    private final Label sizeHint;
    private final Label sizeError;
    private final ComboBox<Snapshot> snapshot = new ComboBox<>();
    private final EncryptionSection encryption;
    private final CheckBox releaseWithInstance = new CheckBox("Release with instance");
    private final Label title = new Label();
    private final Button remove = new Button(null, Icons.icon(AntDesignIconsOutlined.DELETE));
    private Runnable onChange = () -> { };
    private DefaultEncryption defaultEncryption = new DefaultEncryption(false, null);
    private InstanceType instanceType;
    private Zone zone;
    private String sizeRefusal;
    private boolean loaded;
    private boolean updating;

    DataDiskRow(ConsoleSession session, PurchaseController controller, int number, Region region) {
        this.number = number;
        this.controller = controller;
        getStyleClass().add("data-disk-row");
        setSpacing(6);
        setId("dataDiskRow-" + number);
        size = Spinners.checked(40, "dataDiskSize-" + number);
        size.setPrefWidth(96);
        size.setMinWidth(96);
        sizeHint = Forms.hint("dataDiskSizeHint-" + number);
        sizeError = Forms.fieldError("dataDiskSizeError-" + number);
        encryption = new EncryptionSection(session, region, new EncryptionSection.Ids("dataDiskEncrypted-" + number,
                "dataDiskReason-" + number, "dataDiskKey-" + number, "dataDiskKeyNote-" + number,
                "dataDiskExplanation-" + number, "dataDiskEffectiveKey-" + number, "dataDiskWarning-" + number));

        title.getStyleClass().add("data-disk-title");
        title.setMinWidth(INDENT - 8);
        category.setId("dataDiskCategory-" + number);
        category.setCellFactory(list -> DiskChoices.categoryCell());
        category.setButtonCell(DiskChoices.categoryCell());
        category.setPrefWidth(230);
        category.setMinWidth(160);
        level.setId("dataDiskLevel-" + number);
        level.setPrefWidth(76);
        level.setMinWidth(76);
        level.managedProperty().bind(level.visibleProperty());
        snapshot.setId("dataDiskSnapshot-" + number);
        snapshot.setPromptText("No snapshot (empty disk)");
        snapshot.setCellFactory(list -> snapshotCell());
        snapshot.setButtonCell(snapshotCell());
        snapshot.setPrefWidth(250);
        snapshot.setMinWidth(120);
        HBox.setHgrow(snapshot, Priority.ALWAYS);
        snapshot.setMaxWidth(Double.MAX_VALUE);
        remove.setId("removeDataDisk-" + number);
        remove.getStyleClass().addAll("icon-only", "danger-outline");
        remove.setTooltip(new Tooltip("Remove this data disk"));
        remove.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        Label gib = new Label("GiB");
        gib.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        HBox first = new HBox(8, title, category, level, size, gib, snapshot, remove);
        first.setAlignment(Pos.CENTER_LEFT);

        // Each line below the first is indented under the category; texts wrap instead of running into each other.
        VBox sizeLines = indented(new VBox(2, sizeHint, sizeError));

        releaseWithInstance.setId("dataDiskRelease-" + number);
        releaseWithInstance.setSelected(true);
        releaseWithInstance.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        var key = encryption.keySelector();
        key.setPrefWidth(360);
        key.setMinWidth(200);
        key.setMaxWidth(560);
        HBox.setHgrow(key, Priority.ALWAYS);
        HBox encryptionLine = new HBox(12, encryption.checkBox(), key, releaseWithInstance);
        encryptionLine.setAlignment(Pos.CENTER_LEFT);

        Label reason = encryption.reasonLabel();
        reason.getStyleClass().add("encryption-reason");
        reason.setWrapText(true);
        reason.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        VBox details = new VBox(4, encryptionLine, reason, encryption.previewBlock());
        getChildren().addAll(first, sizeLines, indented(details));

        category.valueProperty().addListener((obs, old, now) -> update());
        level.valueProperty().addListener((obs, old, now) -> update());
        size.getEditor().textProperty().addListener((obs, old, now) -> checkSize());
        snapshot.valueProperty().addListener((obs, old, now) -> {
            if (!updating && now != null && size.getValue() < now.sourceDiskSize()) {
                size.getValueFactory().setValue(now.sourceDiskSize());
            }
            update();
        });
        encryption.setOnChange(this::update);
        releaseWithInstance.selectedProperty().addListener((obs, old, now) -> changed());
    }

    private static VBox indented(VBox box) {
        box.setPadding(new javafx.geometry.Insets(0, 0, 0, INDENT));
        return box;
    }

    void setPosition(int position) {
        title.setText("Data disk " + position);
    }

    void setOnRemove(Runnable handler) {
        remove.setOnAction(event -> handler.run());
    }

    void setOnChange(Runnable handler) {
        this.onChange = handler;
    }

    /** The zone's categories, the snapshots and keys of the region, the account's default encryption. */
    void setOptions(Zone zone, List<Snapshot> snapshots, List<KeyOption> keys, DefaultEncryption defaults,
            boolean optionsLoaded) {
        updating = true;
        try {
            this.zone = zone;
            this.defaultEncryption = defaults;
            this.loaded = optionsLoaded;
            List<DiskCategory> available = DiskChoices.categoriesOf(zone);
            DiskCategory keep = category.getValue();
            if (!category.getItems().equals(available)) {
                category.getItems().setAll(available);
            }
            category.setValue(DiskChoices.keepOrEssd(available, keep));
            Snapshot chosen = snapshot.getValue();
            snapshot.getItems().setAll(new java.util.ArrayList<>(java.util.Collections.singletonList(null)));
            snapshot.getItems().addAll(snapshots);
            snapshot.setValue(chosen != null && snapshots.contains(chosen) ? chosen : null);
            encryption.setKeys(keys);
        } finally {
            updating = false;
        }
        update();
    }

    /** The chosen instance type: its family may refuse encrypted disks made from snapshots. */
    void setInstanceType(InstanceType type) {
        this.instanceType = type;
        update();
    }

    private void update() {
        if (updating) {
            return;
        }
        updating = true;
        try {
            DiskCategory c = category.getValue();
            DiskChoices.showLevels(level, c);
            Snapshot s = snapshot.getValue();
            Label reason = encryption.reasonLabel();
            boolean on = encryption.applyLimits(c, s, defaultEncryption);
            reason.getStyleClass().remove("reason-error");
            if (on && s != null && instanceType != null && instanceType.encryptedDisksLimited()) {
                String why = reason.getText();
                reason.setText((why.isEmpty() ? "" : why + " ") + instanceType.instanceTypeId() + " cannot attach"
                        + " encrypted data disks created from snapshots: choose an empty disk or another instance"
                        + " type.");
                reason.getStyleClass().add("reason-error");
                reason.setVisible(true);
                reason.setManaged(true);
            }
            checkSize();
        } finally {
            updating = false;
        }
        preview();
        changed();
    }

    /**
     * States the category's range for the level and the snapshot (the service's {@link DiskSizeRule}) and checks the
     * typed size with it: a size RunInstances would refuse is refused next to the field and never changed.
     */
    private void checkSize() {
        DiskCategory c = category.getValue();
        Snapshot s = snapshot.getValue();
        String lvl = c != null && c.hasPerformanceLevels() ? level.getValue() : null;
        Integer snapshotSize = s == null ? null : s.sourceDiskSize();
        Integer typed = Spinners.typed(size);
        String refusal = null;
        if (c == null) {
            sizeHint.setText("");
            refusal = "Choose a disk category.";
        } else {
            sizeHint.setText(DiskSizeRule.describe(c, lvl, snapshotSize));
            if (typed == null) {
                refusal = "Enter the size as a whole number of GiB, " + DiskSizeRule.describe(c, lvl, snapshotSize)
                        + ".";
            } else {
                try {
                    DiskSizeRule.check(c, lvl, typed, s == null ? null : s.snapshotId(), snapshotSize);
                } catch (ApiException e) {
                    refusal = Errors.describe(e);
                }
            }
        }
        sizeRefusal = refusal;
        Forms.showFieldError(sizeError, refusal);
        changed();
    }

    /** Asks the service which key this disk would get, as RunInstances would plan it. */
    private void preview() {
        if (!loaded || zone == null || category.getValue() == null) {
            return;
        }
        controller.previewDataDisk(number, zone.zoneId(), request(), encryption::showChoice,
                encryption::showPreviewFailure);
    }

    private void changed() {
        if (!updating) {
            onChange.run();
        }
    }

    /** Why this disk cannot be ordered as it stands (its size), or null. */
    String refusal() {
        return sizeRefusal;
    }

    /** DataDisk.N.* of RunInstances; Encrypted only when checked, KMSKeyId only for a chosen key. */
    RunInstancesRequest.DataDisk request() {
        DiskCategory c = category.getValue();
        Snapshot s = snapshot.getValue();
        boolean on = encryption.isEncrypted();
        return new RunInstancesRequest.DataDisk(c == null ? null : c.id(), Spinners.typed(size),
                s == null ? null : s.snapshotId(), c != null && c.hasPerformanceLevels() ? level.getValue() : null,
                on ? Boolean.TRUE : null, encryption.kmsKeyId(), releaseWithInstance.isSelected());
    }

    /** This disk as DescribePrice prices it; null while it has no category or its size is refused. */
    PriceRequest.DiskSpec priceSpec() {
        DiskCategory c = category.getValue();
        if (c == null || sizeRefusal != null) {
            return null;
        }
        return new PriceRequest.DiskSpec(c.id(), Spinners.typed(size), c.hasPerformanceLevels() ? level.getValue()
                : null);
    }

    int number() {
        return number;
    }

    private static ListCell<Snapshot> snapshotCell() {
        return new ListCell<>() {
            @Override
            protected void updateItem(Snapshot item, boolean empty) {
                super.updateItem(item, empty);
                if (empty) {
                    setText(null);
                    return;
                }
                setText(item == null ? "No snapshot (empty disk)" : item.snapshotId()
                        + (item.snapshotName() == null || item.snapshotName().isBlank() ? "" : " · "
                        + item.snapshotName()) + " · " + item.sourceDiskSize() + " GiB · "
                        + (item.encrypted() ? "Encrypted" : "Not encrypted"));
            }
        };
    }
}
