package dev.ecskms.ui.disks;

import dev.ecskms.sim.common.ApiException;
import dev.ecskms.sim.ecs.Catalog;
import dev.ecskms.sim.ecs.CreateDiskRequest;
import dev.ecskms.sim.ecs.DefaultEncryption;
import dev.ecskms.sim.ecs.DiskCategory;
import dev.ecskms.sim.ecs.DiskSizeRule;
import dev.ecskms.sim.ecs.Pricing;
import dev.ecskms.sim.ecs.Region;
import dev.ecskms.sim.ecs.Snapshot;
import dev.ecskms.sim.ecs.Zone;
import dev.ecskms.ui.common.ConsoleDialog;
import dev.ecskms.ui.common.ConsoleSession;
import dev.ecskms.ui.common.DiskChoices;
import dev.ecskms.ui.common.EncryptionLock;
import dev.ecskms.ui.common.EncryptionSection;
import dev.ecskms.ui.common.Errors;
import dev.ecskms.ui.common.Formats;
import dev.ecskms.ui.common.Forms;
import dev.ecskms.ui.common.Spinners;
import dev.ecskms.ui.common.Tables;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import javafx.geometry.Pos;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The Create Disk wizard, as the ECS console's purchase page: zone, category and performance level, size, an
 * optional snapshot, encryption with its key, name, description and the price. Every limitation is visible before
 * Confirm: the Catalog says which categories and regions can encrypt, and {@code ecs.previewEncryption} says which
 * key a disk gets and why — the line under the key selector — so the wizard never guesses the key rules itself.
 */
public final class CreateDiskWizard extends ConsoleDialog {
    public static final String DEFAULT_LOCK = EncryptionLock.DEFAULT_LOCK;

    private final ConsoleSession session;
    private final CreateDiskController controller;
    private final Region region;
    private final String preselectedSnapshot;

    private final ComboBox<Zone> zone = new ComboBox<>();
    private final ComboBox<DiskCategory> category = new ComboBox<>();
    private final ComboBox<String> level = new ComboBox<>();
    private final Spinner<Integer> size = Spinners.checked(40, "diskSizeSpinner");
    private final Label sizeHint = Forms.hint("diskSizeHint");
    private final Label sizeError = Forms.fieldError("diskSizeError");
    private boolean sizeAccepted;
    private final CheckBox fromSnapshot = new CheckBox("Create from snapshot");
    private final ComboBox<Snapshot> snapshot = new ComboBox<>();
    private final EncryptionSection encryption;
    private final TextField name = new TextField();
    private final TextField description = new TextField();
    private final Label price = new Label();
    private final Label encryptionPrice = Forms.hint("encryptionPriceLabel");

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
        encryption = new EncryptionSection(session, region, new EncryptionSection.Ids("encryptedCheck",
                "encryptionReason", "kmsKeySelector", "kmsKeyNote", "encryptionExplanation", "effectiveKeyLabel",
                "encryptionWarning"));

        zone.setId("zoneChoice");
        zone.getItems().setAll(Catalog.zones(region.regionId()));
        zone.setCellFactory(list -> DiskChoices.zoneCell());
        zone.setButtonCell(DiskChoices.zoneCell());
        zone.getSelectionModel().selectFirst();
        zone.setMaxWidth(Double.MAX_VALUE);

        category.setId("categoryChoice");
        category.setCellFactory(list -> DiskChoices.categoryCell());
        category.setButtonCell(DiskChoices.categoryCell());
        category.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(category, Priority.ALWAYS);
        level.setId("performanceLevelChoice");
        level.setPrefWidth(90);
        Label levelLabel = new Label("Performance level");
        levelLabel.getStyleClass().add("form-label");
        // the level and its label keep their width when the category changes
        levelLabel.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        level.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        levelLabel.visibleProperty().bind(level.visibleProperty());
        levelLabel.managedProperty().bind(level.visibleProperty());
        level.managedProperty().bind(level.visibleProperty());
        HBox categoryRow = new HBox(8, category, levelLabel, level);
        categoryRow.setAlignment(Pos.CENTER_LEFT);

        Label gib = new Label("GiB");
        HBox sizeLine = new HBox(8, size, gib, sizeHint);
        sizeLine.setAlignment(Pos.CENTER_LEFT);
        VBox sizeRow = new VBox(4, sizeLine, sizeError);

        fromSnapshot.setId("fromSnapshotCheck");
        snapshot.setId("snapshotChoice");
        snapshot.setPromptText("Select a snapshot");
        snapshot.setCellFactory(list -> snapshotCell());
        snapshot.setButtonCell(snapshotCell());
        snapshot.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(snapshot, Priority.ALWAYS);
        HBox snapshotLine = new HBox(12, fromSnapshot, snapshot);
        snapshotLine.setAlignment(Pos.CENTER_LEFT);
        Label snapshotHint = Forms.hint("snapshotHint");
        snapshotHint.setText("Only completed snapshots can be used.");
        VBox snapshotRow = new VBox(4, snapshotLine, snapshotHint);

        name.setId("diskNameField");
        name.setPromptText("Optional: 2 to 128 characters, starting with a letter");
        description.setId("diskDescriptionField");
        description.setPromptText("Optional");

        price.setId("diskPriceLabel");
        price.getStyleClass().add("price-line");
        encryptionPrice.setText(EncryptionLock.FREE);
        VBox priceBlock = new VBox(2, price, encryptionPrice);

        GridPane form = Forms.grid(10, "wizard-form");
        int row = 0;
        row = Forms.addRow(form, row, "Region", new Label(region.localName() + "  (" + region.regionId() + ")"), false);
        row = Forms.addRow(form, row, "Zone", zone, true);
        row = Forms.addRow(form, row, "Category", categoryRow, true);
        row = Forms.addRow(form, row, "Size", sizeRow, true);
        row = Forms.addRow(form, row, "Snapshot", snapshotRow, false);
        row = Forms.addRow(form, row, "Encryption", encryption.checkRow(), false);
        row = Forms.addRow(form, row, "KMS Key", encryption.keyBlock(), false);
        row = Forms.addRow(form, row, "Disk Name", name, false);
        row = Forms.addRow(form, row, "Description", description, false);
        Forms.addRow(form, row, "Price", priceBlock, false);

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
        size.valueProperty().addListener((obs, old, now) -> checkSize());
        size.getEditor().textProperty().addListener((obs, old, now) -> checkSize());
        fromSnapshot.selectedProperty().addListener((obs, old, now) -> snapshotChanged());
        snapshot.valueProperty().addListener((obs, old, now) -> snapshotChanged());
        encryption.setOnChange(this::update);
        update();

        setInvalid(true);
        setOnConfirm(dialog -> {
            setBusy(true);
            controller.create(request(), diskId -> {
                close();
                onCreated.accept(diskId);
            }, this::showError);
        });
        controller.loadOptions(region, this::optionsLoaded, failure -> {
            encryption.showRefused("The wizard could not read the snapshots and keys: " + Errors.describe(failure));
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
            encryption.setKeys(options.keys());
            loaded = true;
        } finally {
            updating = false;
        }
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
            List<DiskCategory> available = DiskChoices.categoriesOf(z);
            if (!category.getItems().equals(available)) {
                DiskCategory keep = category.getValue();
                category.getItems().setAll(available);
                category.setValue(available.contains(keep) ? keep : available.isEmpty() ? null : available.get(0));
            }
            DiskCategory c = category.getValue();
            boolean levels = DiskChoices.showLevels(level, c);

            snapshot.setDisable(!fromSnapshot.isSelected());
            Snapshot s = selectedSnapshot();
            encryption.applyLimits(c, s, defaultEncryption);
            checkSize();
        } finally {
            updating = false;
        }
        if (loaded) {
            preview();
        }
    }

    /**
     * States the size range of the category and level (the service's {@link DiskSizeRule}) and checks the typed
     * size with it: a size CreateDisk would refuse is refused next to the field, never changed, and Confirm stays
     * disabled until it is valid.
     */
    private void checkSize() {
        DiskCategory c = category.getValue();
        Snapshot s = selectedSnapshot();
        String lvl = c != null && c.hasPerformanceLevels() ? level.getValue() : null;
        Integer snapshotSize = s == null ? null : s.sourceDiskSize();
        Integer typed = Spinners.typed(size);
        String refusal = null;
        if (c == null) {
            sizeHint.setText("");
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
        sizeAccepted = c != null && refusal == null;
        Forms.showFieldError(sizeError, refusal);
        setInvalid(!loaded || !sizeAccepted);
        updatePrice();
    }

    /**
     * DescribePrice of the category, level and size in the zone; encryption is no part of the question, so ticking
     * it cannot change the price. A size the service would refuse gets no price.
     */
    private void updatePrice() {
        DiskCategory c = category.getValue();
        Integer typed = Spinners.typed(size);
        if (c == null || !sizeAccepted || typed == null) {
            price.setText(c == null ? Formats.NONE : "No price until the size is valid");
            return;
        }
        controller.quote(zone.getValue() == null ? null : zone.getValue().zoneId(), c.id(), typed,
                c.hasPerformanceLevels() ? level.getValue() : null, quote -> {
                    double hour = quote.tradePrice();
                    price.setText(Formats.usd(hour * Pricing.HOURS_PER_MONTH) + " / month  (" + Formats.usd(hour)
                            + " / hour, pay-as-you-go)");
                }, failure -> price.setText("No price: " + Errors.describe(failure)));
    }

    private void preview() {
        controller.preview(request(), encryption::showChoice, encryption::showPreviewFailure);
    }

    /** The form as CreateDisk's parameters; Encrypted is sent only when checked (unset lets ECS apply defaults). */
    CreateDiskRequest request() {
        DiskCategory c = category.getValue();
        Snapshot s = selectedSnapshot();
        boolean on = encryption.isEncrypted();
        return new CreateDiskRequest(zone.getValue() == null ? null : zone.getValue().zoneId(),
                c == null ? null : c.id(), size.getValue(), s == null ? null : s.snapshotId(),
                c != null && c.hasPerformanceLevels() ? level.getValue() : null, on ? Boolean.TRUE : null,
                encryption.kmsKeyId(), null, DiskActions.blankToNull(name.getText()),
                description.getText(), null);
    }

    private Snapshot selectedSnapshot() {
        return fromSnapshot.isSelected() ? snapshot.getValue() : null;
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
