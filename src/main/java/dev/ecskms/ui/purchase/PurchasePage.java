package dev.ecskms.ui.purchase;

import dev.ecskms.sim.common.ApiException;
import dev.ecskms.sim.ecs.Catalog;
import dev.ecskms.sim.ecs.DefaultEncryption;
import dev.ecskms.sim.ecs.DiskCategory;
import dev.ecskms.sim.ecs.DiskSizeRule;
import dev.ecskms.sim.ecs.InstanceAmountRule;
import dev.ecskms.sim.ecs.InstancePasswordRule;
import dev.ecskms.sim.ecs.ImageInfo;
import dev.ecskms.sim.ecs.InstanceType;
import dev.ecskms.sim.ecs.PriceRequest;
import dev.ecskms.sim.ecs.Region;
import dev.ecskms.sim.ecs.RunInstancesRequest;
import dev.ecskms.sim.ecs.Snapshot;
import dev.ecskms.sim.ecs.Zone;
import dev.ecskms.ui.common.ConsoleSession;
import dev.ecskms.ui.common.DiskChoices;
import dev.ecskms.ui.common.EncryptionLock;
import dev.ecskms.ui.common.EncryptionSection;
import dev.ecskms.ui.common.Errors;
import dev.ecskms.ui.common.Formats;
import dev.ecskms.ui.common.Forms;
import dev.ecskms.ui.common.Icons;
import dev.ecskms.ui.common.KeyOption;
import dev.ecskms.ui.common.OsBadge;
import dev.ecskms.ui.common.Spinners;
import dev.ecskms.ui.common.StatusTag;
import dev.ecskms.ui.common.Tables;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Spinner;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.antdesignicons.AntDesignIconsOutlined;

/**
 * The instance purchase page ("Custom Launch"): billing, zone, instance type, image, system and data disks with
 * their encryption, quantity, name and logon password, the price, and Create Order. The limitations show before
 * the order: the Catalog says which families cannot use encrypted system disks and which categories can be
 * encrypted, and {@code instances.previewSystemDiskEncryption} says which key the system disk gets and why.
 */
public final class PurchasePage {
    public static final int MAX_DATA_DISKS = 16;
    public static final String LIMITED_TYPE_TAG = "Cannot use encrypted system disks";
    public static final String LIMITED_FAMILIES_NOTE = "Instance types of the families "
            + String.join(", ", Catalog.ENCRYPTION_LIMITED_FAMILIES) + " cannot use encrypted system disks, nor"
            + " encrypted data disks created from snapshots (encrypted empty data disks are fine). While the system"
            + " disk is encrypted these types cannot be chosen.";
    private static final String ALL_FAMILIES = "All instance families";

    private final ConsoleSession session;
    private final PurchaseModel model = new PurchaseModel();
    private final PurchaseController controller;
    private final Region region;
    private final Consumer<List<String>> onCreated;
    private final VBox root = new VBox();

    private final ToggleGroup billing = new ToggleGroup();
    private final ComboBox<Zone> zone = new ComboBox<>();
    private final ComboBox<String> family = new ComboBox<>();
    private final TableView<InstanceType> types = new TableView<>();
    private final Label selectedType = Forms.hint("selectedTypeLabel");
    private final Label limitedNote;
    private final FlowPane images = new FlowPane(10, 10);
    private final ToggleGroup imageGroup = new ToggleGroup();
    private final Label imageHint = Forms.hint("imageHint");
    private final ComboBox<DiskCategory> systemCategory = new ComboBox<>();
    private final ComboBox<String> systemLevel = new ComboBox<>();
    private final Spinner<Integer> systemSize = Spinners.checked(40, "systemDiskSizeSpinner");
    private final Label systemSizeHint = Forms.hint("systemDiskSizeHint");
    private final Label systemSizeError = Forms.fieldError("systemDiskSizeError");
    private String systemSizeRefusal;
    private final EncryptionSection systemEncryption;
    private final VBox dataDisks = new VBox(8);
    private final Button addDataDisk = new Button("Add Data Disk", Icons.icon(AntDesignIconsOutlined.PLUS));
    private final Label dataDiskHint = Forms.hint("dataDiskHint");
    private final Spinner<Integer> quantity = Spinners.checked(1, "quantitySpinner");
    private final Label quantityHint = Forms.hint("quantityHint");
    private final Label quantityError = Forms.fieldError("quantityError");
    private String quantityRefusal;
    private final TextField name = new TextField();
    private final PasswordField password = new PasswordField();
    private final PasswordField confirm = new PasswordField();
    private final Label passwordHint = Forms.hint("passwordHint");
    private final Label passwordError = new Label();
    private final VBox priceLines = new VBox(2);
    private final Label total = new Label();
    private final Label error = new Label();
    private final Label orderBlocked = Forms.hint("orderBlockedReason");
    private final Button createOrder = new Button("Create Order");

    private List<InstanceType> allTypes = List.of();
    /** DescribePrice of each instance type alone, per hour in this region. */
    private java.util.Map<String, Double> typePrices = java.util.Map.of();
    private List<KeyOption> keys = List.of();
    private List<Snapshot> snapshots = List.of();
    private DefaultEncryption defaultEncryption = new DefaultEncryption(false, null);
    private int dataDiskNumber;
    private String passwordRefusal;
    private boolean updating;

    public PurchasePage(ConsoleSession session, Consumer<List<String>> onCreated, Runnable onCancel) {
        this.session = session;
        this.controller = new PurchaseController(session, model);
        this.region = session.region();
        this.onCreated = onCreated;
        root.setId("purchasePage");
        root.getStyleClass().add("purchase-page");
        root.setSpacing(8);
        systemEncryption = new EncryptionSection(session, region, new EncryptionSection.Ids(
                "systemDiskEncryptedCheck", "systemDiskEncryptionReason", "systemDiskKeySelector",
                "systemDiskKeyNote", "systemDiskEncryptionExplanation", "systemDiskEffectiveKey",
                "systemDiskEncryptionWarning"));
        limitedNote = Tables.callout("limitedFamiliesNote", LIMITED_FAMILIES_NOTE, "info");

        Hyperlink back = new Hyperlink("Instances", Icons.icon(AntDesignIconsOutlined.ARROW_LEFT));
        back.setId("backFromPurchaseLink");
        back.getStyleClass().add("back-link");
        back.setOnAction(event -> onCancel.run());
        Label title = new Label("Create Instance");
        title.getStyleClass().add("page-title");
        Label mode = StatusTag.tag("Custom Launch", "status-info");
        HBox header = new HBox(12, title, mode);
        header.setAlignment(Pos.CENTER_LEFT);

        VBox sections = new VBox(12, basicCard(), typeCard(), imageCard(), storageCard(), settingsCard());
        sections.getStyleClass().add("purchase-sections");
        ScrollPane scroll = new ScrollPane(sections);
        scroll.setId("purchaseScroll");
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("page-scroll");
        VBox.setVgrow(scroll, Priority.ALWAYS);
        root.getChildren().addAll(back, header, scroll, footer(onCancel));

        zone.valueProperty().addListener((obs, old, now) -> zoneChanged());
        family.valueProperty().addListener((obs, old, now) -> filterTypes());
        imageGroup.selectedToggleProperty().addListener((obs, old, now) -> update());
        systemCategory.valueProperty().addListener((obs, old, now) -> update());
        systemLevel.valueProperty().addListener((obs, old, now) -> update());
        systemSize.getEditor().textProperty().addListener((obs, old, now) -> checkSystemSize());
        systemEncryption.setOnChange(this::update);
        quantity.getEditor().textProperty().addListener((obs, old, now) -> checkQuantity());
        password.textProperty().addListener((obs, old, now) -> checkPassword());
        confirm.textProperty().addListener((obs, old, now) -> checkPassword());
        model.errorProperty().addListener((obs, old, now) -> showError());
        checkPassword();
        update();
        controller.loadOptions(region, this::optionsLoaded);
    }

    public Node view() {
        return root;
    }

    public PurchaseModel model() {
        return model;
    }

    // ---------------------------------------------------------------- sections

    private Node basicCard() {
        ToggleButton payg = new ToggleButton("Pay-as-you-go");
        payg.setId("billingPayAsYouGo");
        payg.setToggleGroup(billing);
        payg.setSelected(true);
        payg.getStyleClass().add("choice-button");
        payg.setOnAction(event -> payg.setSelected(true));
        ToggleButton subscription = new ToggleButton("Subscription");
        subscription.setId("billingSubscription");
        subscription.setToggleGroup(billing);
        subscription.setDisable(true);
        subscription.getStyleClass().add("choice-button");
        Label notSimulated = Forms.hint("subscriptionNote");
        notSimulated.setText("Subscription is not simulated: instances are billed by the hour.");
        HBox billingRow = new HBox(0, payg, subscription);
        HBox billingLine = new HBox(12, billingRow, notSimulated);
        billingLine.setAlignment(Pos.CENTER_LEFT);

        Label regionLabel = new Label(region.localName() + "  (" + region.regionId() + ")");
        regionLabel.setId("purchaseRegionLabel");
        Label regionHint = Forms.hint("purchaseRegionHint");
        regionHint.setText("Switch regions in the top bar.");
        HBox regionLine = new HBox(12, regionLabel, regionHint);
        regionLine.setAlignment(Pos.CENTER_LEFT);

        zone.setId("purchaseZoneChoice");
        zone.getItems().setAll(Catalog.zones(region.regionId()));
        zone.setCellFactory(list -> DiskChoices.zoneCell());
        zone.setButtonCell(DiskChoices.zoneCell());
        zone.getSelectionModel().selectFirst();
        zone.setPrefWidth(280);

        GridPane form = form();
        int row = 0;
        row = Forms.addRow(form, row, "Billing Method", billingLine, true);
        row = Forms.addRow(form, row, "Region", regionLine, true);
        Forms.addRow(form, row, "Zone", zone, true);
        if (!region.encryptedDisksSupported() || !region.cmkSupported()) {
            Label note = Tables.callout("purchaseRegionEncryptionNote", region.localName() + ": " + region.note(),
                    region.encryptedDisksSupported() ? "info" : "warning");
            return card("Basic Configurations", note, form);
        }
        return card("Basic Configurations", form);
    }

    private Node typeCard() {
        family.setId("familyFilter");
        family.setPrefWidth(320);
        family.getItems().add(ALL_FAMILIES);
        Catalog.instanceTypes().stream().map(t -> t.family() + "  ·  " + t.familyName()).distinct()
                .forEach(family.getItems()::add);
        family.setValue(ALL_FAMILIES);
        Label familyLabel = new Label("Family");
        familyLabel.getStyleClass().add("form-label");
        HBox filter = new HBox(8, familyLabel, family, selectedType);
        filter.setAlignment(Pos.CENTER_LEFT);

        types.setId("instanceTypeTable");
        types.getStyleClass().addAll("console-table", "instance-type-table");
        types.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        types.setFixedCellSize(32);
        types.setPrefHeight(32 * 8 + 30);
        Label placeholder = new Label("Loading the instance types...");
        placeholder.getStyleClass().add("table-placeholder");
        types.setPlaceholder(placeholder);
        types.getColumns().add(Tables.<InstanceType>nodeColumn("Instance Type", 170, t -> {
            Label id = new Label(t.instanceTypeId());
            id.setId("type-" + t.instanceTypeId());
            id.getStyleClass().add("type-id");
            return id;
        }));
        types.getColumns().add(Tables.<InstanceType>nodeColumn("Family", 200, t -> new Label(t.familyName() + " (" + t.family() + ")")));
        types.getColumns().add(Tables.<InstanceType>nodeColumn("vCPU", 60, t -> new Label(t.cpuCores() + " vCPU")));
        types.getColumns().add(Tables.<InstanceType>nodeColumn("Memory", 70, t -> new Label(memory(t.memoryGiB()) + " GiB")));
        types.getColumns().add(Tables.<InstanceType>nodeColumn("Price", 100, t -> {
            Double hourly = typePrices.get(t.instanceTypeId()); // DescribePrice's, in this region
            Label price = new Label(hourly == null ? Formats.NONE : Formats.usd(hourly) + " / hour");
            price.getStyleClass().add("type-price");
            return price;
        }));
        types.getColumns().add(Tables.<InstanceType>nodeColumn("", 220, t -> {
            if (!t.encryptedDisksLimited() || !systemEncryption.isEncrypted()) {
                return null;
            }
            Label tag = StatusTag.tag(LIMITED_TYPE_TAG, "status-danger");
            tag.setId("limitedTag-" + t.instanceTypeId());
            return tag;
        }));
        types.setRowFactory(table -> new TableRow<>() {
            @Override
            protected void updateItem(InstanceType item, boolean empty) {
                super.updateItem(item, empty);
                boolean unusable = !empty && item != null && !selectable(item);
                setDisable(unusable);
                getStyleClass().remove("type-unusable");
                if (unusable) {
                    getStyleClass().add("type-unusable");
                }
            }
        });
        types.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (now != null && !selectable(now)) {
                Platform.runLater(() -> {
                    if (old != null && selectable(old)) {
                        types.getSelectionModel().select(old);
                    } else {
                        types.getSelectionModel().clearSelection();
                    }
                });
                return;
            }
            update();
        });
        limitedNote.visibleProperty().bind(systemEncryption.encryptedProperty());
        limitedNote.managedProperty().bind(limitedNote.visibleProperty());
        return card("Instance Type", filter, limitedNote, types);
    }

    private Node imageCard() {
        images.setId("imageChoices");
        Label loading = new Label("Loading the public images...");
        loading.getStyleClass().add("table-placeholder");
        images.getChildren().add(loading);
        Label kind = StatusTag.tag("Public, custom and shared images", "status-info");
        return card("Image", kind, images, imageHint);
    }

    private Node storageCard() {
        systemCategory.setId("systemDiskCategory");
        systemCategory.setCellFactory(list -> DiskChoices.categoryCell());
        systemCategory.setButtonCell(DiskChoices.categoryCell());
        systemCategory.setPrefWidth(280);
        systemLevel.setId("systemDiskLevel");
        systemLevel.setPrefWidth(80);
        systemLevel.managedProperty().bind(systemLevel.visibleProperty());
        Label levelLabel = new Label("Performance level");
        levelLabel.getStyleClass().add("form-label");
        levelLabel.visibleProperty().bind(systemLevel.visibleProperty());
        levelLabel.managedProperty().bind(systemLevel.visibleProperty());
        HBox categoryLine = new HBox(8, systemCategory, levelLabel, systemLevel, systemSize, new Label("GiB"),
                systemSizeHint);
        categoryLine.setAlignment(Pos.CENTER_LEFT);
        VBox categoryRow = new VBox(4, categoryLine, systemSizeError);

        systemEncryption.reasonLabel().getStyleClass().add("encryption-reason");
        systemEncryption.keySelector().setMaxWidth(520);

        addDataDisk.setId("addDataDiskButton");
        addDataDisk.setOnAction(event -> addDataDisk());
        HBox addRow = new HBox(12, addDataDisk, dataDiskHint);
        addRow.setAlignment(Pos.CENTER_LEFT);
        dataDisks.setId("dataDisks");
        VBox dataBlock = new VBox(8, dataDisks, addRow);

        GridPane form = form();
        int row = 0;
        row = Forms.addRow(form, row, "System Disk", categoryRow, true);
        row = Forms.addRow(form, row, "Encryption", systemEncryption.checkRow(), false);
        row = Forms.addRow(form, row, "KMS Key", systemEncryption.keyBlock(), false);
        Forms.addRow(form, row, "Data Disks", dataBlock, false);
        updateDataDiskHint();
        return card("Storage", form);
    }

    private Node settingsCard() {
        quantity.setPrefWidth(100);
        Label units = new Label("instance(s)");
        quantityHint.setText(InstanceAmountRule.DESCRIPTION);
        HBox quantityLine = new HBox(8, quantity, units, quantityHint);
        quantityLine.setAlignment(Pos.CENTER_LEFT);
        VBox quantityRow = new VBox(4, quantityLine, quantityError);
        name.setId("instanceNameField");
        name.setPromptText("Optional: 2 to 128 characters, starting with a letter");
        name.setMaxWidth(420);
        password.setId("passwordField");
        password.setPromptText("Logon password for root / Administrator");
        password.setMaxWidth(320);
        confirm.setId("confirmPasswordField");
        confirm.setPromptText("Enter the password again");
        confirm.setMaxWidth(320);
        passwordError.setId("passwordError");
        passwordError.getStyleClass().add("inline-error");
        passwordError.setWrapText(true);
        passwordError.setMaxWidth(Double.MAX_VALUE);
        passwordError.setGraphic(Icons.icon(AntDesignIconsOutlined.CLOSE_CIRCLE));
        passwordError.visibleProperty().bind(passwordError.textProperty().isNotEmpty());
        passwordError.managedProperty().bind(passwordError.visibleProperty());
        VBox passwordBlock = new VBox(4, password, passwordHint, passwordError);

        GridPane form = form();
        int row = 0;
        row = Forms.addRow(form, row, "Quantity", quantityRow, true);
        row = Forms.addRow(form, row, "Instance Name", name, false);
        row = Forms.addRow(form, row, "Logon Password", passwordBlock, true);
        Forms.addRow(form, row, "Confirm Password", confirm, true);
        return card("Instance Settings", form);
    }

    private Node footer(Runnable onCancel) {
        priceLines.setId("priceSummary");
        total.setId("totalPriceLabel");
        total.getStyleClass().add("price-line");
        VBox price = new VBox(4, total, priceLines);
        price.setMinWidth(360);
        error.setId("purchaseError");
        error.getStyleClass().add("dialog-error");
        error.setWrapText(true);
        error.setMaxWidth(Double.MAX_VALUE);
        error.setGraphic(Icons.icon(AntDesignIconsOutlined.CLOSE_CIRCLE));
        HBox.setHgrow(error, Priority.ALWAYS);
        javafx.scene.layout.Region spacer = new javafx.scene.layout.Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Button cancel = new Button("Cancel");
        cancel.setId("purchaseCancelButton");
        cancel.setOnAction(event -> onCancel.run());
        createOrder.setId("createOrderButton");
        createOrder.getStyleClass().add("primary-button");
        // Disabled, with the line beside it saying why, until every field is one RunInstances takes.
        createOrder.disableProperty().bind(model.loadedProperty().not().or(model.submittingProperty())
                .or(orderBlocked.textProperty().isNotEmpty()));
        orderBlocked.setWrapText(true);
        orderBlocked.getStyleClass().add("hint-error");
        orderBlocked.visibleProperty().bind(orderBlocked.textProperty().isNotEmpty());
        orderBlocked.managedProperty().bind(orderBlocked.visibleProperty());
        createOrder.setOnAction(event -> order());
        createOrder.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        cancel.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        VBox errorBox = new VBox(4, error, orderBlocked);
        errorBox.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(errorBox, Priority.ALWAYS);
        errorBox.setMaxWidth(Double.MAX_VALUE);
        HBox footer = new HBox(16, price, errorBox, cancel, createOrder);
        footer.setAlignment(Pos.CENTER_LEFT);
        footer.setId("purchaseFooter");
        footer.getStyleClass().addAll("card", "purchase-footer");
        showError();
        return footer;
    }

    // ---------------------------------------------------------------- loading and consistency

    private void optionsLoaded(PurchaseController.Options options) {
        updating = true;
        try {
            keys = options.keys();
            snapshots = options.snapshots();
            defaultEncryption = options.defaultEncryption();
            systemEncryption.setKeys(keys);
            typePrices = options.typePrices();
            allTypes = options.types();
            ((Label) types.getPlaceholder()).setText("No instance types of this family.");
            filterTypes();
            images.getChildren().clear();
            for (ImageInfo image : options.images()) {
                images.getChildren().add(imageChoice(image, options.customImages().get(image.imageId())));
            }
            if (!imageGroup.getToggles().isEmpty()) {
                imageGroup.getToggles().get(0).setSelected(true);
            }
        } finally {
            updating = false;
        }
        zoneChanged();
    }

    /** @param custom the custom or shared image behind the choice (its name, owner and encryption); null for public */
    private ToggleButton imageChoice(ImageInfo image, dev.ecskms.sim.ecs.Image custom) {
        Label os = new Label(custom == null ? image.osName() : custom.imageName());
        os.getStyleClass().add("image-name");
        Label id = new Label(custom == null ? image.imageId() : image.imageId() + " · " + (custom.imageOwnerAlias()
                .equals("self") ? "Custom" : "Shared by " + custom.ownerId()) + " · " + image.osName());
        id.getStyleClass().add("cell-caption");
        VBox text = new VBox(1, os, id);
        if (custom != null && custom.encrypted()) {
            Label tag = StatusTag.tag("Encrypted", "status-success");
            tag.setId("imageEncryptedTag-" + image.imageId());
            tag.setGraphic(dev.ecskms.ui.common.Icons.icon(
                    org.kordamp.ikonli.antdesignicons.AntDesignIconsOutlined.LOCK));
            text.getChildren().add(tag);
        }
        HBox content = new HBox(10, OsBadge.of(image.osName(), image.osType()), text);
        content.setAlignment(Pos.CENTER_LEFT);
        ToggleButton button = new ToggleButton(null, content);
        button.setId("image-" + image.imageId());
        button.setUserData(image);
        button.setToggleGroup(imageGroup);
        button.getStyleClass().add("image-choice");
        button.setOnAction(event -> {
            if (imageGroup.getSelectedToggle() == null) {
                button.setSelected(true); // one image is always chosen
            }
        });
        return button;
    }

    private void zoneChanged() {
        for (DataDiskRow row : rows()) {
            row.setOptions(zone.getValue(), snapshotsOfZone(), keys, defaultEncryption, model.loadedProperty().get());
        }
        update();
    }

    private List<Snapshot> snapshotsOfZone() {
        return snapshots;
    }

    private void filterTypes() {
        String chosen = family.getValue();
        InstanceType keep = types.getSelectionModel().getSelectedItem();
        List<InstanceType> shown = allTypes.stream().filter(t -> chosen == null || ALL_FAMILIES.equals(chosen)
                || chosen.startsWith(t.family() + " ")).toList();
        updating = true;
        try {
            if (!types.getItems().equals(shown)) {
                types.getItems().setAll(shown);
            }
            if (keep != null && shown.contains(keep)) {
                types.getSelectionModel().select(keep);
            }
        } finally {
            updating = false;
        }
        update();
    }

    boolean selectable(InstanceType type) {
        return !(type.encryptedDisksLimited() && systemEncryption.isEncrypted());
    }

    /** Brings every field in line with the others and asks ECS about the system disk's encryption. */
    private void update() {
        if (updating) {
            return;
        }
        updating = true;
        try {
            InstanceType type = types.getSelectionModel().getSelectedItem();
            if (type != null && !selectable(type)) {
                types.getSelectionModel().clearSelection();
                type = null;
            }
            selectedType.setText(type == null ? "No instance type chosen" : "Chosen: " + type.instanceTypeId()
                    + "  (" + type.cpuCores() + " vCPU, " + memory(type.memoryGiB()) + " GiB)");
            types.refresh();

            Zone z = zone.getValue();
            List<DiskCategory> available = DiskChoices.categoriesOf(z);
            if (!systemCategory.getItems().equals(available)) {
                DiskCategory keep = systemCategory.getValue();
                systemCategory.getItems().setAll(available);
                systemCategory.setValue(DiskChoices.keepOrEssd(available, keep));
            }
            DiskCategory c = systemCategory.getValue();
            DiskChoices.showLevels(systemLevel, c);
            ImageInfo image = image();
            imageHint.setText(image == null ? "" : image.osName() + " needs a system disk of at least "
                    + image.minimumSystemDiskSize() + " GiB.");
            checkSystemSize();
            applyEncryptionLimits(c);
            for (DataDiskRow row : rows()) {
                row.setInstanceType(type);
            }
            updatePrice();
        } finally {
            updating = false;
        }
        if (model.loadedProperty().get()) {
            preview();
        }
    }

    /** The system disk's limitations, as the Create Disk wizard shows them: region, account default, category. */
    private void applyEncryptionLimits(DiskCategory c) {
        boolean on = systemEncryption.applyLimits(c, null, defaultEncryption);
        if (on) {
            InstanceType type = types.getSelectionModel().getSelectedItem();
            if (type != null && type.encryptedDisksLimited()) {
                types.getSelectionModel().clearSelection();
            }
        }
    }

    private void preview() {
        controller.preview(request(), systemEncryption::showChoice, systemEncryption::showPreviewFailure);
    }

    // ---------------------------------------------------------------- data disks

    private void addDataDisk() {
        if (rows().size() >= MAX_DATA_DISKS) {
            return;
        }
        DataDiskRow row = new DataDiskRow(session, controller, ++dataDiskNumber, region);
        row.setOnRemove(() -> {
            dataDisks.getChildren().remove(row);
            renumber();
            updatePrice();
        });
        row.setOnChange(this::updatePrice);
        dataDisks.getChildren().add(row);
        row.setOptions(zone.getValue(), snapshotsOfZone(), keys, defaultEncryption, model.loadedProperty().get());
        row.setInstanceType(types.getSelectionModel().getSelectedItem());
        renumber();
        updatePrice();
    }

    private void renumber() {
        List<DataDiskRow> rows = rows();
        for (int i = 0; i < rows.size(); i++) {
            rows.get(i).setPosition(i + 1);
        }
        updateDataDiskHint();
    }

    private void updateDataDiskHint() {
        int left = MAX_DATA_DISKS - rows().size();
        addDataDisk.setDisable(left <= 0);
        dataDiskHint.setText(left <= 0 ? "An instance has at most " + MAX_DATA_DISKS + " data disks."
                : "You can add " + left + " more data disk" + (left == 1 ? "" : "s") + ".");
    }

    private List<DataDiskRow> rows() {
        return dataDisks.getChildren().stream().map(DataDiskRow.class::cast).toList();
    }

    // ---------------------------------------------------------------- price, password, order

    /**
     * Asks DescribePrice for the order as configured (the instance type with its system disk, each valid data disk)
     * and shows its answer; encryption is no part of the question, so ticking it cannot change the price.
     */
    private void updatePrice() {
        InstanceType type = types.getSelectionModel().getSelectedItem();
        int amount = quantityRefusal == null ? Spinners.typed(quantity) : 1;
        DiskCategory c = systemCategory.getValue();
        Integer systemGiB = Spinners.typed(systemSize);
        boolean systemPriced = c != null && systemSizeRefusal == null && systemGiB != null;
        PriceRequest.DiskSpec system = systemPriced ? new PriceRequest.DiskSpec(c.id(), systemGiB,
                c.hasPerformanceLevels() ? systemLevel.getValue() : null) : null;
        List<PriceRequest.DiskSpec> data = rows().stream().map(DataDiskRow::priceSpec)
                .filter(java.util.Objects::nonNull).toList();
        long refusedDisks = rows().size() - data.size();
        updateOrderBlocked();
        controller.quote(type == null ? null : type.instanceTypeId(), system, data, amount,
                price -> showPrice(type, c, systemGiB, price, refusedDisks, amount),
                failure -> total.setText("No price: " + dev.ecskms.ui.common.Errors.describe(failure)));
    }

    private void showPrice(InstanceType type, DiskCategory c, Integer systemGiB, PurchaseController.OrderPrice price,
            long refusedDisks, int amount) {
        List<Node> lines = new ArrayList<>();
        lines.add(priceLine("priceInstanceType", "Instance type: " + (type == null || price.typeHourly() == null
                ? "not chosen" : type.instanceTypeId() + "  " + Formats.usd(price.typeHourly()) + " / hour")));
        lines.add(priceLine("priceSystemDisk", "System disk: " + (c == null ? Formats.NONE
                : price.systemHourly() == null ? "no price until its size is valid" : c.displayName() + " "
                + systemGiB + " GiB  " + Formats.usd(price.systemHourly()) + " / hour")));
        if (!rows().isEmpty()) {
            lines.add(priceLine("priceDataDisks", "Data disks (" + rows().size() + "): "
                    + Formats.usd(price.dataHourly()) + " / hour" + (refusedDisks == 0 ? ""
                    : "  (without " + refusedDisks + " whose size is not valid)")));
        }
        lines.add(priceLine("priceEncryption", EncryptionLock.FREE));
        priceLines.getChildren().setAll(lines);
        total.setText("Total: " + Formats.usd(price.totalHourly()) + " / hour" + (quantityRefusal != null
                ? "  (for one instance)" : amount > 1 ? "  (" + amount + " instances)" : ""));
    }

    private static Label priceLine(String id, String text) {
        Label label = new Label(text);
        label.setId(id);
        label.getStyleClass().add("field-hint");
        return label;
    }

    /**
     * States the service's password rule ({@link InstancePasswordRule}) and refuses a typed password with its very
     * message and code next to the field, as RunInstances would; an empty password is left to the service (the
     * instance then has none).
     */
    private void checkPassword() {
        String text = password.getText();
        passwordHint.setText(InstancePasswordRule.DESCRIPTION);
        passwordRefusal = null;
        try {
            InstancePasswordRule.check(text);
        } catch (ApiException e) {
            passwordRefusal = Errors.describe(e);
        }
        String mismatch = !confirm.getText().equals(text) && !confirm.getText().isEmpty()
                ? "The two passwords do not match." : null;
        if (passwordRefusal != null) {
            passwordError.setText(passwordRefusal);
        } else if (mismatch != null) {
            passwordError.setText(mismatch);
        } else if (model.errorCodeProperty().get() == null
                || !model.errorCodeProperty().get().startsWith("InvalidPassword")) {
            passwordError.setText("");
        }
        updateOrderBlocked();
    }

    /** The quantity checked with the service's {@link InstanceAmountRule}, refused next to the field. */
    private void checkQuantity() {
        Integer typed = Spinners.typed(quantity);
        quantityRefusal = null;
        try {
            if (typed == null) {
                quantityRefusal = "Enter the quantity as a whole number, " + InstanceAmountRule.DESCRIPTION + ".";
            } else {
                InstanceAmountRule.check(typed);
            }
        } catch (ApiException e) {
            quantityRefusal = Errors.describe(e);
        }
        Forms.showFieldError(quantityError, quantityRefusal);
        updatePrice();
    }

    /** The system disk's range (the service's {@link DiskSizeRule#checkSystem}) and the typed size checked with it. */
    private void checkSystemSize() {
        DiskCategory c = systemCategory.getValue();
        ImageInfo image = image();
        String lvl = c != null && c.hasPerformanceLevels() ? systemLevel.getValue() : null;
        int imageMin = image == null ? 0 : image.minimumSystemDiskSize();
        Integer typed = Spinners.typed(systemSize);
        String refusal = null;
        if (c == null) {
            systemSizeHint.setText("");
        } else {
            systemSizeHint.setText(DiskSizeRule.describeSystem(c, lvl, imageMin));
            if (typed == null) {
                refusal = "Enter the size as a whole number of GiB, " + DiskSizeRule.describeSystem(c, lvl, imageMin)
                        + ".";
            } else {
                try {
                    DiskSizeRule.checkSystem(c, lvl, typed, image == null ? null : image.imageId(), imageMin);
                } catch (ApiException e) {
                    refusal = Errors.describe(e);
                }
            }
        }
        systemSizeRefusal = refusal;
        Forms.showFieldError(systemSizeError, refusal);
        updatePrice();
    }

    /** The line beside Create Order: which refused fields keep the order from being placed; empty when none. */
    private void updateOrderBlocked() {
        // A missing choice (instance type, image) is said when Create Order is clicked; these are refused values.
        List<String> fix = new ArrayList<>();
        if (systemSizeRefusal != null) {
            fix.add("correct the system disk's size");
        }
        List<DataDiskRow> rows = rows();
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).refusal() != null) {
                fix.add("correct the size of data disk " + (i + 1));
            }
        }
        if (quantityRefusal != null) {
            fix.add("correct the quantity");
        }
        if (passwordRefusal != null) {
            fix.add("correct the logon password");
        } else if (!confirm.getText().equals(password.getText())) {
            fix.add("confirm the same password");
        }
        orderBlocked.setText(fix.isEmpty() ? "" : "To create the order, " + String.join("; ", fix) + ".");
    }

    private void showError() {
        String text = model.errorProperty().get();
        error.setText(text);
        error.setVisible(text != null);
        error.setManaged(text != null);
        String code = model.errorCodeProperty().get();
        if (code != null && code.startsWith("InvalidPassword")) {
            passwordError.setText(text);
        } else if (passwordError.getText() != null && !passwordError.getText().startsWith("The two passwords")) {
            passwordError.setText("");
        }
    }

    private void order() {
        if (types.getSelectionModel().getSelectedItem() == null) {
            model.setLocalError("Choose an instance type.");
            return;
        }
        if (image() == null) {
            model.setLocalError("Choose an image.");
            return;
        }
        if (!password.getText().equals(confirm.getText())) {
            model.setLocalError("The two passwords do not match.");
            return;
        }
        controller.createOrder(request(), onCreated);
    }

    private ImageInfo image() {
        return imageGroup.getSelectedToggle() == null ? null
                : (ImageInfo) imageGroup.getSelectedToggle().getUserData();
    }

    /** The page as RunInstances' parameters; Encrypted is sent only when checked. */
    RunInstancesRequest request() {
        InstanceType type = types.getSelectionModel().getSelectedItem();
        ImageInfo image = image();
        DiskCategory c = systemCategory.getValue();
        boolean on = systemEncryption.isEncrypted();
        RunInstancesRequest.SystemDisk system = new RunInstancesRequest.SystemDisk(c == null ? null : c.id(),
                Spinners.typed(systemSize), c != null && c.hasPerformanceLevels() ? systemLevel.getValue() : null,
                on ? Boolean.TRUE : null, systemEncryption.kmsKeyId());
        List<RunInstancesRequest.DataDisk> data = rows().stream().map(DataDiskRow::request).toList();
        String instanceName = name.getText() == null || name.getText().isBlank() ? null : name.getText().trim();
        return new RunInstancesRequest(zone.getValue() == null ? null : zone.getValue().zoneId(),
                type == null ? null : type.instanceTypeId(), image == null ? null : image.imageId(), system, data,
                Spinners.typed(quantity), password.getText().isEmpty() ? null : password.getText(), instanceName, null,
                null);
    }

    // ---------------------------------------------------------------- building blocks

    private static String memory(double gib) {
        return gib == Math.rint(gib) ? String.valueOf((long) gib) : String.valueOf(gib);
    }

    private static VBox card(String heading, Node... content) {
        Label label = new Label(heading);
        label.getStyleClass().add("card-title");
        VBox card = new VBox(10, label);
        card.getChildren().addAll(content);
        card.getStyleClass().addAll("card", "purchase-card");
        return card;
    }

    private static GridPane form() {
        return Forms.grid(10, "purchase-form");
    }
}
