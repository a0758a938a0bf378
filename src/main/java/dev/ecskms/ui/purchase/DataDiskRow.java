package dev.ecskms.ui.purchase;

import dev.ecskms.sim.ecs.DefaultEncryption;
import dev.ecskms.sim.ecs.DiskCategory;
import dev.ecskms.sim.ecs.InstanceType;
import dev.ecskms.sim.ecs.Region;
import dev.ecskms.sim.ecs.RunInstancesRequest;
import dev.ecskms.sim.ecs.Snapshot;
import dev.ecskms.sim.ecs.Zone;
import dev.ecskms.ui.common.ConsoleSession;
import dev.ecskms.ui.common.DiskChoices;
import dev.ecskms.ui.common.EncryptionLock;
import dev.ecskms.ui.common.Icons;
import dev.ecskms.ui.common.KeyOption;
import dev.ecskms.ui.common.KeySelector;
import dev.ecskms.ui.common.Spinners;
import java.util.List;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.antdesignicons.AntDesignIconsOutlined;

/**
 * One data disk of the purchase page: category and level, size, an optional snapshot, encryption with its key,
 * "Release with instance" and remove. The same limitations as the Create Disk wizard show on the row itself.
 */
final class DataDiskRow extends VBox {
    private final int number;
    private final Region region;
    private final ComboBox<DiskCategory> category = new ComboBox<>();
    private final ComboBox<String> level = new ComboBox<>();
    private final Spinner<Integer> size;
    private final ComboBox<Snapshot> snapshot = new ComboBox<>();
    private final CheckBox encrypted = new CheckBox("Encrypted");
    private final KeySelector key;
    private final CheckBox releaseWithInstance = new CheckBox("Release with instance");
    private final Label reason = new Label();
    private final Label title = new Label();
    private final Button remove = new Button(null, Icons.icon(AntDesignIconsOutlined.DELETE));
    private Runnable onChange = () -> { };
    private DefaultEncryption defaultEncryption = new DefaultEncryption(false, null);
    private InstanceType instanceType;
    private boolean updating;

    DataDiskRow(ConsoleSession session, int number, Region region) {
        this.number = number;
        this.region = region;
        getStyleClass().add("data-disk-row");
        setSpacing(6);
        setId("dataDiskRow-" + number);
        size = Spinners.integers(20, 32768, 40, "dataDiskSize-" + number);
        size.setPrefWidth(96);
        key = new KeySelector(session, "dataDiskKey-" + number);
        key.setPrefWidth(280);
        key.setMaxWidth(320);

        title.getStyleClass().add("data-disk-title");
        title.setMinWidth(80);
        category.setId("dataDiskCategory-" + number);
        category.setCellFactory(list -> DiskChoices.categoryCell());
        category.setButtonCell(DiskChoices.categoryCell());
        category.setPrefWidth(230);
        level.setId("dataDiskLevel-" + number);
        level.setPrefWidth(76);
        level.managedProperty().bind(level.visibleProperty());
        snapshot.setId("dataDiskSnapshot-" + number);
        snapshot.setPromptText("No snapshot (empty disk)");
        snapshot.setCellFactory(list -> snapshotCell());
        snapshot.setButtonCell(snapshotCell());
        snapshot.setPrefWidth(250);
        HBox.setHgrow(snapshot, Priority.ALWAYS);
        snapshot.setMaxWidth(Double.MAX_VALUE);
        remove.setId("removeDataDisk-" + number);
        remove.getStyleClass().addAll("icon-only", "danger-outline");
        remove.setTooltip(new Tooltip("Remove this data disk"));
        HBox first = new HBox(8, title, category, level, size, new Label("GiB"), snapshot, remove);
        first.setAlignment(Pos.CENTER_LEFT);

        encrypted.setId("dataDiskEncrypted-" + number);
        releaseWithInstance.setId("dataDiskRelease-" + number);
        releaseWithInstance.setSelected(true);
        reason.setId("dataDiskReason-" + number);
        reason.getStyleClass().add("encryption-reason");
        reason.setWrapText(true);
        reason.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(reason, Priority.ALWAYS);
        javafx.scene.layout.Region indent = new javafx.scene.layout.Region();
        indent.setMinWidth(80);
        HBox second = new HBox(12, indent, encrypted, key, releaseWithInstance, reason);
        second.setAlignment(Pos.CENTER_LEFT);
        getChildren().addAll(first, second);

        category.valueProperty().addListener((obs, old, now) -> update());
        level.valueProperty().addListener((obs, old, now) -> update());
        size.valueProperty().addListener((obs, old, now) -> changed());
        snapshot.valueProperty().addListener((obs, old, now) -> {
            if (!updating && now != null && size.getValue() < now.sourceDiskSize()) {
                size.getValueFactory().setValue(now.sourceDiskSize());
            }
            update();
        });
        encrypted.selectedProperty().addListener((obs, old, now) -> update());
        key.setOnChange(this::changed);
        releaseWithInstance.selectedProperty().addListener((obs, old, now) -> changed());
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
    void setOptions(Zone zone, List<Snapshot> snapshots, List<KeyOption> keys, DefaultEncryption defaults) {
        updating = true;
        try {
            this.defaultEncryption = defaults;
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
            key.setOptions(keys);
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
            boolean levels = DiskChoices.showLevels(level, c);
            Snapshot s = snapshot.getValue();
            if (c != null) {
                int min = Math.max(c.minSizeGiB(levels ? level.getValue() : null), s == null ? 1 : s.sourceDiskSize());
                SpinnerValueFactory.IntegerSpinnerValueFactory factory =
                        (SpinnerValueFactory.IntegerSpinnerValueFactory) size.getValueFactory();
                factory.setMin(min);
                factory.setMax(c.maxSizeGiB());
                factory.setValue(Math.max(min, Math.min(c.maxSizeGiB(), size.getValue())));
            }
            EncryptionLock lock = EncryptionLock.of(region, s, defaultEncryption, c);
            String why = lock.reason();
            if (lock.applyTo(encrypted) && s != null && instanceType != null && instanceType.encryptedDisksLimited()) {
                why = (why.isEmpty() ? "" : why + " ") + instanceType.instanceTypeId() + " cannot attach encrypted"
                        + " data disks created from snapshots: choose an empty disk or another instance type.";
                reason.getStyleClass().add("reason-error");
            } else {
                reason.getStyleClass().remove("reason-error");
            }
            reason.setText(why);
            key.setDisable(!encrypted.isSelected() || (s != null && s.encrypted()));
            if (!encrypted.isSelected()) {
                key.revertToServiceKey();
            }
        } finally {
            updating = false;
        }
        changed();
    }

    private void changed() {
        if (!updating) {
            onChange.run();
        }
    }

    /** DataDisk.N.* of RunInstances; Encrypted only when checked. */
    RunInstancesRequest.DataDisk request() {
        DiskCategory c = category.getValue();
        Snapshot s = snapshot.getValue();
        boolean on = encrypted.isSelected();
        boolean fromEncryptedSnapshot = s != null && s.encrypted();
        return new RunInstancesRequest.DataDisk(c == null ? null : c.id(), size.getValue(),
                s == null ? null : s.snapshotId(), c != null && c.hasPerformanceLevels() ? level.getValue() : null,
                on ? Boolean.TRUE : null, on && !fromEncryptedSnapshot ? key.kmsKeyId() : null,
                releaseWithInstance.isSelected());
    }

    /** Pay-as-you-go price per hour of this disk. */
    double pricePerHour() {
        DiskCategory c = category.getValue();
        if (c == null) {
            return 0;
        }
        return DiskChoices.pricePerMonth(c, level.getValue(), size.getValue()) / 730.0;
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
