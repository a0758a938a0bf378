package dev.ecskms.ui.disks;

import dev.ecskms.sim.ecs.Catalog;
import dev.ecskms.sim.ecs.CreateDiskRequest;
import dev.ecskms.sim.ecs.DefaultEncryption;
import dev.ecskms.sim.ecs.DiskCategory;
import dev.ecskms.sim.ecs.EncryptionChoice;
import dev.ecskms.sim.ecs.Region;
import dev.ecskms.sim.ecs.Snapshot;
import dev.ecskms.sim.ecs.Zone;
import dev.ecskms.ui.common.ConsoleDialog;
import dev.ecskms.ui.common.ConsoleSession;
import dev.ecskms.ui.common.Errors;
import dev.ecskms.ui.common.Formats;
import dev.ecskms.ui.common.Icons;
import dev.ecskms.ui.common.KeyOption;
import dev.ecskms.ui.common.KeySelector;
import dev.ecskms.ui.common.Spinners;
import dev.ecskms.ui.common.Tables;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import javafx.geometry.HPos;
import javafx.geometry.Pos;
import javafx.geometry.VPos;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TextField;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.antdesignicons.AntDesignIconsOutlined;

/**
 * The Create Disk wizard, as the ECS console's purchase page: zone, category and performance level, size, an
 * optional snapshot, encryption with its key, name, description and the price. Every limitation is visible before
 * Confirm: the Catalog says which categories and regions can encrypt, and {@code ecs.previewEncryption} says which
 * key a disk gets and why — the line under the key selector — so the wizard never guesses the key rules itself.
 */
public final class CreateDiskWizard extends ConsoleDialog {
    public static final String IRREVERSIBLE = "Encryption cannot be disabled after the disk is created.";
    public static final String SNAPSHOT_LOCK = "A disk created from an encrypted snapshot is always encrypted.";
    public static final String DEFAULT_LOCK = "Account-level default encryption is on in this region: every new disk is"
            + " encrypted.";

    private final ConsoleSession session;
    private final CreateDiskController controller;
    private final Region region;
    private final String preselectedSnapshot;

    private final ComboBox<Zone> zone = new ComboBox<>();
    private final ComboBox<DiskCategory> category = new ComboBox<>();
    private final ComboBox<String> level = new ComboBox<>();
    private final Spinner<Integer> size = Spinners.integers(1, 65536, 40, "diskSizeSpinner");
    private final Label sizeHint = hint("diskSizeHint");
    private final CheckBox fromSnapshot = new CheckBox("Create from snapshot");
    private final ComboBox<Snapshot> snapshot = new ComboBox<>();
    private final CheckBox encrypted = new CheckBox("Encrypted");
    private final Label encryptionReason = hint("encryptionReason");
    private final KeySelector key;
    private final Label keyNote = hint("kmsKeyNote");
    private final Label explanation = new Label("Loading...");
    private final Label effectiveKey = hint("effectiveKeyLabel");
    private final Label irreversible;
    private final TextField name = new TextField();
    private final TextField description = new TextField();
    private final Label price = new Label();
    private final Label encryptionPrice = hint("encryptionPriceLabel");

    private DefaultEncryption defaultEncryption = new DefaultEncryption(false, null);
    private boolean loaded;
    private boolean updating;

    CreateDiskWizard(ConsoleSession session, String snapshotId, Consumer<String> onCreated) {
        super(session.modals(), "Create Disk", "Confirm");
        this.session = session;
        this.controller = new CreateDiskController(session);
        this.region = session.region();
        this.preselectedSnapshot = snapshotId;
        getStyleClass().add("create-disk-wizard");
        setDialogWidth(760);
        key = new KeySelector(session, "kmsKeySelector");

        zone.setId("zoneChoice");
        zone.getItems().setAll(Catalog.zones(region.regionId()));
        zone.setCellFactory(list -> zoneCell());
        zone.setButtonCell(zoneCell());
        zone.getSelectionModel().selectFirst();
        zone.setMaxWidth(Double.MAX_VALUE);

        category.setId("categoryChoice");
        category.setCellFactory(list -> categoryCell());
        category.setButtonCell(categoryCell());
        category.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(category, Priority.ALWAYS);
        level.setId("performanceLevelChoice");
        level.setPrefWidth(90);
        Label levelLabel = new Label("Performance level");
        levelLabel.getStyleClass().add("form-label");
        levelLabel.visibleProperty().bind(level.visibleProperty());
        levelLabel.managedProperty().bind(level.visibleProperty());
        level.managedProperty().bind(level.visibleProperty());
        HBox categoryRow = new HBox(8, category, levelLabel, level);
        categoryRow.setAlignment(Pos.CENTER_LEFT);

        Label gib = new Label("GiB");
        HBox sizeRow = new HBox(8, size, gib, sizeHint);
        sizeRow.setAlignment(Pos.CENTER_LEFT);

        fromSnapshot.setId("fromSnapshotCheck");
        snapshot.setId("snapshotChoice");
        snapshot.setPromptText("Select an accomplished snapshot");
        snapshot.setCellFactory(list -> snapshotCell());
        snapshot.setButtonCell(snapshotCell());
        snapshot.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(snapshot, Priority.ALWAYS);
        HBox snapshotRow = new HBox(12, fromSnapshot, snapshot);
        snapshotRow.setAlignment(Pos.CENTER_LEFT);

        encrypted.setId("encryptedCheck");
        encryptionReason.setMaxWidth(Double.MAX_VALUE);
        HBox encryptionRow = new HBox(12, encrypted, encryptionReason);
        encryptionRow.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(encryptionReason, Priority.ALWAYS);

        explanation.setId("encryptionExplanation");
        explanation.getStyleClass().add("encryption-explanation");
        explanation.setWrapText(true);
        explanation.setMaxWidth(Double.MAX_VALUE);
        explanation.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        explanation.setGraphic(Icons.icon(AntDesignIconsOutlined.INFO_CIRCLE));
        irreversible = new Label(IRREVERSIBLE, Icons.icon(AntDesignIconsOutlined.WARNING));
        irreversible.setId("encryptionWarning");
        irreversible.getStyleClass().add("irreversible-warning");
        VBox keyBlock = new VBox(4, key, keyNote, explanation, effectiveKey, irreversible);

        name.setId("diskNameField");
        name.setPromptText("Optional: 2 to 128 characters, starting with a letter");
        description.setId("diskDescriptionField");
        description.setPromptText("Optional");

        price.setId("diskPriceLabel");
        price.getStyleClass().add("price-line");
        encryptionPrice.setText("Encryption: free (KMS key usage by ECS is not charged)");
        VBox priceBlock = new VBox(2, price, encryptionPrice);

        GridPane form = new GridPane();
        form.getStyleClass().addAll("form-grid", "wizard-form");
        form.setHgap(16);
        form.setVgap(10);
        ColumnConstraints labels = new ColumnConstraints(120);
        labels.setHalignment(HPos.RIGHT);
        ColumnConstraints fields = new ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        fields.setFillWidth(true);
        form.getColumnConstraints().addAll(labels, fields);
        int row = 0;
        row = addRow(form, row, "Region", new Label(region.localName() + "  (" + region.regionId() + ")"), false);
        row = addRow(form, row, "Zone", zone, true);
        row = addRow(form, row, "Category", categoryRow, true);
        row = addRow(form, row, "Size", sizeRow, true);
        row = addRow(form, row, "Snapshot", snapshotRow, false);
        row = addRow(form, row, "Encryption", encryptionRow, false);
        row = addRow(form, row, "KMS Key", keyBlock, false);
        row = addRow(form, row, "Disk Name", name, false);
        row = addRow(form, row, "Description", description, false);
        addRow(form, row, "Price", priceBlock, false);

        if (!region.encryptedDisksSupported() || !region.cmkSupported()) {
            Label note = Tables.callout("regionEncryptionNote", region.localName() + ": " + region.note(),
                    region.encryptedDisksSupported() ? "info" : "warning");
            setContent(note, form);
        } else {
            setContent(form);
        }

        zone.valueProperty().addListener((obs, old, now) -> update());
        category.valueProperty().addListener((obs, old, now) -> update());
        level.valueProperty().addListener((obs, old, now) -> update());
        size.valueProperty().addListener((obs, old, now) -> updatePrice());
        fromSnapshot.selectedProperty().addListener((obs, old, now) -> snapshotChanged());
        snapshot.valueProperty().addListener((obs, old, now) -> snapshotChanged());
        encrypted.selectedProperty().addListener((obs, old, now) -> update());
        key.setOnChange(this::update);
        update();

        confirmButton().setDisable(true);
        setOnConfirm(dialog -> {
            setBusy(true);
            controller.create(request(), diskId -> {
                close();
                onCreated.accept(diskId);
            }, this::showError);
        });
        controller.loadOptions(region, this::optionsLoaded, failure -> {
            explanation.setText("The wizard could not read the snapshots and keys: " + Errors.describe(failure));
            markRefused(true);
        });
    }

    private void optionsLoaded(CreateDiskController.Options options) {
        updating = true;
        try {
            defaultEncryption = options.defaultEncryption();
            snapshot.getItems().setAll(options.snapshots());
            if (preselectedSnapshot != null) {
                options.snapshots().stream().filter(s -> s.snapshotId().equals(preselectedSnapshot)).findFirst()
                        .ifPresent(s -> {
                            fromSnapshot.setSelected(true);
                            snapshot.setValue(s);
                        });
            }
            key.setOptions(options.keys());
            loaded = true;
        } finally {
            updating = false;
        }
        confirmButton().setDisable(false);
        snapshotChanged();
    }

    /** A snapshot sets the size to at least its own; then the form is checked again. */
    private void snapshotChanged() {
        Snapshot chosen = selectedSnapshot();
        if (!updating && chosen != null && size.getValue() < chosen.sourceDiskSize()) {
            size.getValueFactory().setValue(chosen.sourceDiskSize());
        }
        update();
    }

    /** Brings every field in line with the others (categories of the zone, limits, locks) and asks for a preview. */
    private void update() {
        if (updating) {
            return;
        }
        updating = true;
        try {
            Zone z = zone.getValue();
            List<DiskCategory> available = Catalog.diskCategories().stream()
                    .filter(c -> z != null && z.diskCategories().contains(c.id())).toList();
            if (!category.getItems().equals(available)) {
                DiskCategory keep = category.getValue();
                category.getItems().setAll(available);
                category.setValue(available.contains(keep) ? keep : available.isEmpty() ? null : available.get(0));
            }
            DiskCategory c = category.getValue();
            boolean levels = c != null && c.hasPerformanceLevels();
            if (levels && !level.getItems().equals(c.performanceLevels())) {
                level.getItems().setAll(c.performanceLevels());
                level.setValue(c.defaultPerformanceLevel());
            }
            level.setVisible(levels);

            snapshot.setDisable(!fromSnapshot.isSelected());
            Snapshot s = selectedSnapshot();
            if (c != null) {
                int min = c.minSizeGiB(levels ? level.getValue() : null);
                int lowest = s == null ? min : Math.max(min, s.sourceDiskSize());
                SpinnerValueFactory.IntegerSpinnerValueFactory factory =
                        (SpinnerValueFactory.IntegerSpinnerValueFactory) size.getValueFactory();
                factory.setMin(lowest);
                factory.setMax(c.maxSizeGiB());
                factory.setValue(Math.max(lowest, Math.min(c.maxSizeGiB(), size.getValue())));
                sizeHint.setText(String.format(java.util.Locale.ROOT, "%,d to %,d GiB", lowest, c.maxSizeGiB())
                        + (s == null ? "" : " (at least the snapshot's " + s.sourceDiskSize() + " GiB)"));
            }
            applyEncryptionLimits(c, s);
            updatePrice();
        } finally {
            updating = false;
        }
        if (loaded) {
            preview();
        }
    }

    /** The limitations, from the Catalog: region, category, encrypted snapshot, account default. */
    private void applyEncryptionLimits(DiskCategory c, Snapshot s) {
        String reason;
        boolean locked;
        if (!region.encryptedDisksSupported()) {
            encrypted.setSelected(false);
            locked = true;
            reason = region.note();
        } else if (s != null && s.encrypted()) {
            encrypted.setSelected(true);
            locked = true;
            reason = SNAPSHOT_LOCK;
        } else if (defaultEncryption.enabled()) {
            encrypted.setSelected(true);
            locked = true;
            reason = DEFAULT_LOCK;
        } else if (c != null && !c.encryptable()) {
            encrypted.setSelected(false);
            locked = true;
            reason = notEncryptableReason(c);
        } else {
            locked = false;
            reason = "";
        }
        encrypted.setDisable(locked);
        encryptionReason.setText(reason);
        encryptionReason.setVisible(!reason.isEmpty());
        boolean on = encrypted.isSelected();
        key.setDisable(!on);
        irreversible.setVisible(on);
        irreversible.setManaged(on);
        keyNote.setText(region.cmkSupported() ? "" : region.note() + " Customer master keys are listed but cannot"
                + " be chosen.");
        keyNote.setVisible(!region.cmkSupported() && region.encryptedDisksSupported());
        keyNote.setManaged(keyNote.isVisible());
        if (!on && key.getValue() != null && !key.getValue().serviceKey()) {
            key.selectServiceKey();
        }
    }

    /** Why a category cannot be encrypted, as the wizard and the purchase page say it. */
    public static String notEncryptableReason(DiskCategory c) {
        return c.displayName() + " disks cannot be encrypted: only ESSD-series disks can ("
                + Catalog.diskCategories().stream().filter(DiskCategory::encryptable).map(DiskCategory::displayName)
                        .collect(Collectors.joining(", ")) + ").";
    }

    /** Catalog price of the category and level × size; encryption adds nothing. */
    private void updatePrice() {
        DiskCategory c = category.getValue();
        if (c == null) {
            price.setText(Formats.NONE);
            return;
        }
        double month = c.pricePerGiBMonth(c.hasPerformanceLevels() ? level.getValue() : null) * size.getValue();
        price.setText(Formats.usd(month) + " / month  (" + Formats.usd(month / 730.0) + " / hour, pay-as-you-go)");
    }

    private void preview() {
        controller.preview(request(), this::showChoice, failure -> {
            explanation.setText(Errors.describe(failure));
            markRefused(true);
            effectiveKey.setVisible(false);
            effectiveKey.setManaged(false);
        });
    }

    private void showChoice(EncryptionChoice choice) {
        explanation.setText(choice.explanation());
        markRefused(false);
        boolean show = choice.encrypted();
        effectiveKey.setVisible(show);
        effectiveKey.setManaged(show);
        if (show) {
            effectiveKey.setText("Key used: " + keyText(choice.kmsKeyId()));
        }
    }

    private String keyText(String keyId) {
        if (keyId == null) {
            return KeyOption.SERVICE_KEY_ALIAS + " (the service key; ECS creates it on first use)";
        }
        return key.getItems().stream().filter(o -> keyId.equals(o.keyId())).findFirst()
                .map(o -> o.serviceKey() ? KeyOption.SERVICE_KEY_ALIAS + " (" + keyId + ")" : o.text())
                .orElse(keyId);
    }

    private void markRefused(boolean refused) {
        explanation.getStyleClass().remove("explanation-error");
        if (refused) {
            explanation.getStyleClass().add("explanation-error");
        }
        explanation.setGraphic(Icons.icon(refused ? AntDesignIconsOutlined.CLOSE_CIRCLE
                : AntDesignIconsOutlined.INFO_CIRCLE));
    }

    /** The form as CreateDisk's parameters; Encrypted is sent only when checked (unset lets ECS apply defaults). */
    CreateDiskRequest request() {
        DiskCategory c = category.getValue();
        Snapshot s = selectedSnapshot();
        boolean on = encrypted.isSelected();
        return new CreateDiskRequest(zone.getValue() == null ? null : zone.getValue().zoneId(),
                c == null ? null : c.id(), size.getValue(), s == null ? null : s.snapshotId(),
                c != null && c.hasPerformanceLevels() ? level.getValue() : null, on ? Boolean.TRUE : null,
                on ? key.kmsKeyId() : null, null, DiskActions.blankToNull(name.getText()),
                description.getText(), null);
    }

    private Snapshot selectedSnapshot() {
        return fromSnapshot.isSelected() ? snapshot.getValue() : null;
    }

    private static int addRow(GridPane form, int row, String text, Node field, boolean required) {
        Label label = Tables.formLabel(text, required);
        GridPane.setValignment(label, VPos.TOP);
        form.add(label, 0, row);
        form.add(field, 1, row);
        return row + 1;
    }

    private static Label hint(String id) {
        Label label = new Label();
        label.setId(id);
        label.getStyleClass().add("field-hint");
        label.setWrapText(true);
        return label;
    }

    private static ListCell<Zone> zoneCell() {
        return new ListCell<>() {
            @Override
            protected void updateItem(Zone item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item.localName() + "  (" + item.zoneId() + ")");
            }
        };
    }

    private static ListCell<DiskCategory> categoryCell() {
        return new ListCell<>() {
            @Override
            protected void updateItem(DiskCategory item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item.displayName() + "  (" + item.id() + ")"
                        + (item.encryptable() ? "" : "  · cannot be encrypted"));
            }
        };
    }

    private ListCell<Snapshot> snapshotCell() {
        return new ListCell<>() {
            @Override
            protected void updateItem(Snapshot item, boolean empty) {
                super.updateItem(item, empty);
                if (empty || item == null) {
                    setText(null);
                    return;
                }
                boolean shared = !Objects.equals(item.ownerId(), session.accountId());
                setText(item.snapshotId() + (item.snapshotName() == null || item.snapshotName().isBlank() ? ""
                        : " · " + item.snapshotName()) + " · " + item.sourceDiskSize() + " GiB · "
                        + (item.encrypted() ? "Encrypted" : "Not encrypted")
                        + (shared ? " · shared by " + item.ownerId() : ""));
            }
        };
    }

    @Override
    protected void onShown() {
        zone.requestFocus();
    }
}
