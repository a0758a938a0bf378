package dev.ecskms.ui.kms;

import dev.ecskms.sim.kms.AliasInfo;
import dev.ecskms.sim.kms.KeyMetadata;
import dev.ecskms.sim.kms.KeyState;
import dev.ecskms.sim.kms.KeyVersion;
import dev.ecskms.sim.kms.Tag;
import dev.ecskms.ui.common.ConsoleSession;
import dev.ecskms.ui.common.DetailsLayout;
import dev.ecskms.ui.common.ErrorBanner;
import dev.ecskms.ui.common.Errors;
import dev.ecskms.ui.common.Formats;
import dev.ecskms.ui.common.Icons;
import dev.ecskms.ui.common.InfoGrid;
import dev.ecskms.ui.common.ListPageLayout;
import dev.ecskms.ui.common.LiveReload;
import dev.ecskms.ui.common.StatusTag;
import dev.ecskms.ui.common.Tables;
import dev.ecskms.ui.trail.TrailText;
import dev.ecskms.sim.trail.TrailEvent;
import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.antdesignicons.AntDesignIconsOutlined;

/** A key's details page, shown in the content area with a link back to the key list. */
final class KeyDetailsView extends VBox {
    private final ConsoleSession session;
    private final KeyDetailsModel model;
    private final KeyDetailsController controller;

    private final Label title = new Label();
    private final HBox titleTag = new HBox();
    private final HBox headerButtons = new HBox(8);
    private final InfoGrid basicInfo = new InfoGrid();
    private final InfoGrid rotationInfo = new InfoGrid();
    private final ResourcesTable resources =
            new ResourcesTable("detailResourcesTable", "No cloud resources use this key.");
    private final Label aliasError = inlineError("aliasError");
    private final Label tagError = inlineError("tagError");
    private final HBox aliasForm;
    private final Hyperlink editRotation;
    private LiveReload trailReload;

    KeyDetailsView(ConsoleSession session, String keyId, Runnable backToList) {
        this.session = session;
        this.model = new KeyDetailsModel(keyId);
        this.controller = new KeyDetailsController(session, model);
        setId("keyDetailsPage");
        getStyleClass().add("key-details");
        setSpacing(12);

        Hyperlink back = DetailsLayout.backLink("Keys", "backToKeysLink", backToList);

        title.setId("detailTitle");
        title.setText(keyId);
        HBox header = DetailsLayout.header(title, titleTag, headerButtons);

        ErrorBanner banner = new ErrorBanner("detailError", model.errorProperty(), controller::dismissError);

        VBox basicCard = card("Basic Information", null, basicInfo);
        editRotation = new Hyperlink("Edit");
        editRotation.setId("editRotationLink");
        editRotation.setOnAction(event -> openRotationPolicy());
        VBox rotationCard = card("Rotation Policy", editRotation, rotationInfo);

        aliasForm = aliasForm();
        TabPane tabs = new TabPane(
                ListPageLayout.tab("Key Versions", "versionsTab", versionsTable()),
                ListPageLayout.tab("Aliases", "aliasesTab", withForm(aliasesTable(), aliasForm, aliasError)),
                ListPageLayout.tab("Tags", "tagsTab", withForm(tagsTable(), tagForm(), tagError)),
                ListPageLayout.tab("Associated Resources", "resourcesTab", resources),
                ListPageLayout.tab("Recent Use", "recentUseTab", recentUse()));
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.getStyleClass().add("detail-tabs");
        tabs.setMinHeight(260);
        VBox tabsCard = new VBox(tabs);
        tabsCard.getStyleClass().add("card");

        VBox sections = new VBox(12, basicCard, rotationCard, tabsCard);
        sections.getStyleClass().add("detail-sections");

        getChildren().addAll(back, header, banner, DetailsLayout.scroll(sections));

        // Recent Use follows the audit trail while this page is on screen (another page or the list detaches it).
        sceneProperty().addListener((obs, old, scene) -> {
            if (trailReload != null) {
                trailReload.close();
                trailReload = null;
            }
            if (scene != null) {
                trailReload = controller.followTrail();
            }
        });
        model.metadataProperty().addListener((obs, old, metadata) -> render(metadata));
        model.resourcesProperty().addListener((obs, old, list) -> {
            if (list != null) {
                resources.showResources(list);
            } else if (model.resourcesErrorProperty().get() != null) {
                resources.showError(model.resourcesErrorProperty().get());
            }
        });
        model.resourcesErrorProperty().addListener((obs, old, error) -> {
            if (error != null) {
                resources.showError(error);
            }
        });
        model.aliases().addListener((javafx.collections.ListChangeListener<AliasInfo>) change -> {
            if (model.metadataProperty().get() != null) {
                render(model.metadataProperty().get());
            }
        });
    }

    void refresh() {
        controller.load();
    }


    KeyDetailsModel model() {
        return model;
    }

    private void render(KeyMetadata metadata) {
        if (metadata == null) {
            return;
        }
        List<String> aliases = model.aliasNames();
        title.setText(aliases.isEmpty() ? metadata.keyId() : aliases.get(0));
        titleTag.getChildren().setAll(StatusTag.forKeyState(metadata.keyState()));
        titleTag.setAlignment(Pos.CENTER_LEFT);
        renderButtons(metadata, aliases);
        aliasForm.setDisable(metadata.isServiceKey());
        editRotation.setVisible(!metadata.isServiceKey());

        List<String[]> fields = new ArrayList<>(List.of(
                new String[] {"Key ID", metadata.keyId(), "detailKeyId"},
                new String[] {"ARN", metadata.arn(), "detailArn"},
                new String[] {"Status", StatusTag.label(metadata.keyState()), "detailKeyState"},
                new String[] {"Key Spec", metadata.keySpec(), "detailKeySpec"},
                new String[] {"Key Usage", metadata.keyUsage(), "detailKeyUsage"},
                new String[] {"Key Material Source", metadata.origin(), "detailOrigin"},
                new String[] {"Protection Level", metadata.protectionLevel(), "detailProtectionLevel"},
                new String[] {"Primary Key Version", metadata.primaryKeyVersion(), "detailPrimaryKeyVersion"},
                new String[] {"Creator", metadata.creator(), "detailCreator"},
                new String[] {"Creation Time", Formats.dateTimeUtc(metadata.creationDate()), "detailCreationDate"},
                new String[] {"Scheduled Deletion Time", Formats.dateTimeUtc(metadata.deleteDate()),
                        "detailDeleteDate"},
                new String[] {"Key Material Expires", Formats.dateTimeUtc(metadata.materialExpireTime()),
                        "detailMaterialExpireTime"},
                new String[] {"Managed By", metadata.isServiceKey()
                        ? KeyNames.serviceName(metadata.managedBy()) + " (default key)"
                        : "Customer (customer master key)", "detailManagedBy"},
                new String[] {"Description", metadata.description(), "detailDescription"}));
        basicInfo.setFields(fields);

        rotationInfo.reset();
        rotationInfo.addField(0, 0, "Automatic Rotation", metadata.automaticRotation(), "detailAutomaticRotation");
        rotationInfo.addField(0, 2, "Rotation Interval", Formats.interval(metadata.rotationInterval()),
                "detailRotationInterval");
        rotationInfo.addField(1, 0, "Last Rotation", Formats.dateTimeUtc(metadata.lastRotationDate()),
                "detailLastRotation");
        rotationInfo.addField(1, 2, "Next Rotation", Formats.dateTimeUtc(metadata.nextRotationDate()),
                "detailNextRotation");
    }

    private void renderButtons(KeyMetadata metadata, List<String> aliases) {
        KeyActions actions = controller.actions();
        String keyId = metadata.keyId();
        headerButtons.getChildren().clear();
        Button rotate = DetailsLayout.button("Create Key Version", "createKeyVersionButton", AntDesignIconsOutlined.SYNC,
                () -> actions.createKeyVersion(keyId));
        rotate.setDisable(metadata.keyState() != KeyState.Enabled || metadata.isServiceKey());
        headerButtons.getChildren().add(rotate);
        if (metadata.isServiceKey()) {
            Label note = new Label("Default key managed by " + KeyNames.serviceName(metadata.managedBy())
                    + ": it cannot be disabled, deleted or re-aliased.");
            note.setId("serviceKeyNote");
            note.getStyleClass().add("managed-note");
            headerButtons.getChildren().add(note);
            return;
        }
        switch (metadata.keyState()) {
            case Enabled -> headerButtons.getChildren().add(DetailsLayout.button("Disable", "detailDisableButton",
                    AntDesignIconsOutlined.STOP, () -> actions.openDisable(keyId, aliases)));
            case Disabled -> headerButtons.getChildren().add(DetailsLayout.button("Enable", "detailEnableButton",
                    AntDesignIconsOutlined.CHECK_CIRCLE, () -> actions.enable(keyId)));
            default -> { }
        }
        if (metadata.keyState() == KeyState.PendingDeletion) {
            headerButtons.getChildren().add(DetailsLayout.button("Cancel Deletion", "detailCancelDeletionButton",
                    AntDesignIconsOutlined.HISTORY, () -> actions.openCancelDeletion(keyId, aliases)));
        } else {
            Button delete = DetailsLayout.button("Schedule Deletion", "detailScheduleDeletionButton",
                    AntDesignIconsOutlined.DELETE, () -> actions.openScheduleDeletion(keyId, aliases));
            delete.getStyleClass().add("danger-outline");
            headerButtons.getChildren().add(delete);
        }
    }

    private void openRotationPolicy() {
        KeyMetadata metadata = model.metadataProperty().get();
        if (metadata == null) {
            return;
        }
        RotationPolicyDialog dialog = new RotationPolicyDialog(session.modals(),
                KeyNames.display(metadata.keyId(), model.aliasNames()), metadata);
        dialog.setOnConfirm(ignored -> {
            dialog.setBusy(true);
            controller.updateRotationPolicy(dialog.rotationEnabled(), dialog.intervalDays(), dialog::close,
                    dialog::showError);
        });
        dialog.show();
    }

    // ---- tables and forms ----

    private Node versionsTable() {
        TableView<KeyVersion> table = table("versionsTable", model.versions(), "This key has no versions.");
        table.getColumns().add(Tables.textColumn("Version ID", 300, KeyVersion::keyVersionId));
        table.getColumns().add(Tables.textColumn("Creation Time", 170, v -> Formats.dateTimeUtc(v.creationDate())));
        table.getColumns().add(Tables.nodeColumn("", 120, version -> {
            KeyMetadata metadata = model.metadataProperty().get();
            if (metadata != null && version.keyVersionId().equals(metadata.primaryKeyVersion())) {
                Label primary = new Label("Primary version");
                primary.getStyleClass().addAll("status-tag", "status-info");
                return primary;
            }
            return null;
        }));
        return table;
    }

    /** The key's last uses and changes on the audit trail, and the way to all of its events in ActionTrail. */
    private Node recentUse() {
        Label caption = new Label("The last " + KeyDetailsController.RECENT_USE + " uses and changes of this key,"
                + " by anyone: a service role decrypting a disk's data key when an instance starts included.");
        caption.getStyleClass().add("cell-caption");
        caption.setWrapText(true);
        caption.setMinHeight(Region.USE_PREF_SIZE);
        HBox.setHgrow(caption, Priority.ALWAYS);
        Hyperlink all = new Hyperlink("View all in ActionTrail", Icons.icon(AntDesignIconsOutlined.ARROW_RIGHT));
        all.setId("viewKeyTrailLink");
        all.setContentDisplay(javafx.scene.control.ContentDisplay.RIGHT);
        all.setMinWidth(Region.USE_PREF_SIZE);
        all.setOnAction(event -> controller.openTrail());
        HBox header = new HBox(12, caption, all);
        header.setAlignment(Pos.CENTER_LEFT);

        TableView<TrailEvent> table = table("recentUseTable", model.recentUse(), "No use of this key is on the"
                + " audit trail yet. Encrypt a disk with it, or start an instance whose disks use it.");
        table.getColumns().add(Tables.textColumn("Time (UTC)", 140, e -> Formats.dateTime(e.eventTime())));
        table.getColumns().add(Tables.nodeColumn("Identity", 340, e -> {
            Label who = new Label(TrailText.identity(e));
            who.getStyleClass().add("trail-identity");
            who.setTooltip(new Tooltip(TrailText.identityType(e) + ", from the " + TrailText.source(e)));
            return who;
        }));
        table.getColumns().add(Tables.textColumn("Action", 150, TrailEvent::eventName));
        table.getColumns().add(Tables.textColumn("Key Version", 260, TrailEvent::kmsKeyVersionId));
        table.getColumns().add(Tables.nodeColumn("Result", 120, TrailText::resultTag));
        table.setPrefHeight(300); // the ten events without scrolling
        Label error = inlineError("recentUseError");
        model.recentUseErrorProperty().addListener((obs, old, message) -> showInline(error, message));
        VBox box = new VBox(8, header, error, table);
        box.getStyleClass().add("tab-body");
        VBox.setVgrow(table, Priority.ALWAYS);
        return box;
    }

    private TableView<AliasInfo> aliasesTable() {
        TableView<AliasInfo> table = table("aliasesTable", model.aliases(), "This key has no aliases.");
        table.getColumns().add(Tables.textColumn("Alias", 220, AliasInfo::aliasName));
        table.getColumns().add(Tables.textColumn("Alias ARN", 360, AliasInfo::aliasArn));
        table.getColumns().add(Tables.nodeColumn("Actions", 100, alias -> {
            KeyMetadata metadata = model.metadataProperty().get();
            if (metadata != null && metadata.isServiceKey()) {
                return null;
            }
            Hyperlink delete = new Hyperlink("Delete");
            delete.getStyleClass().add("action-delete-alias");
            delete.setUserData(alias.aliasName());
            delete.setOnAction(event -> controller.deleteAlias(alias.aliasName()));
            return delete;
        }));
        return table;
    }

    private HBox aliasForm() {
        Label prefix = new Label(CreateKeyDialog.ALIAS_PREFIX);
        prefix.getStyleClass().add("input-prefix");
        TextField name = new TextField();
        name.setId("newAliasField");
        name.setPromptText("my-disk-key");
        name.setPrefWidth(240);
        Button add = new Button("Add Alias", Icons.icon(AntDesignIconsOutlined.PLUS));
        add.setId("addAliasButton");
        add.setOnAction(event -> {
            String text = name.getText() == null ? "" : name.getText().trim();
            String alias = text.startsWith(CreateKeyDialog.ALIAS_PREFIX) ? text : CreateKeyDialog.ALIAS_PREFIX + text;
            showInline(aliasError, null);
            add.setDisable(true);
            controller.addAlias(alias, () -> {
                add.setDisable(false);
                name.clear();
            }, failure -> {
                add.setDisable(false);
                showInline(aliasError, Errors.describe(failure));
            });
        });
        HBox form = new HBox(new HBox(prefix, name), add);
        form.setSpacing(8);
        form.setAlignment(Pos.CENTER_LEFT);
        return form;
    }

    private TableView<Tag> tagsTable() {
        TableView<Tag> table = table("tagsTable", model.tags(), "This key has no tags.");
        table.getColumns().add(Tables.textColumn("Tag Key", 220, Tag::tagKey));
        table.getColumns().add(Tables.textColumn("Tag Value", 300, Tag::tagValue));
        table.getColumns().add(Tables.nodeColumn("Actions", 100, tag -> {
            Hyperlink remove = new Hyperlink("Remove");
            remove.getStyleClass().add("action-remove-tag");
            remove.setUserData(tag.tagKey());
            remove.setOnAction(event -> controller.removeTag(tag.tagKey()));
            return remove;
        }));
        return table;
    }

    private HBox tagForm() {
        TextField key = new TextField();
        key.setId("newTagKeyField");
        key.setPromptText("Tag key");
        TextField value = new TextField();
        value.setId("newTagValueField");
        value.setPromptText("Tag value");
        Button add = new Button("Add Tag", Icons.icon(AntDesignIconsOutlined.TAG));
        add.setId("addTagButton");
        add.setOnAction(event -> {
            showInline(tagError, null);
            add.setDisable(true);
            controller.addTag(key.getText().trim(), value.getText(), () -> {
                add.setDisable(false);
                key.clear();
                value.clear();
            }, failure -> {
                add.setDisable(false);
                showInline(tagError, Errors.describe(failure));
            });
        });
        HBox form = new HBox(8, key, value, add);
        form.setAlignment(Pos.CENTER_LEFT);
        return form;
    }

    private static VBox withForm(TableView<?> table, HBox form, Label error) {
        table.setPrefHeight(170);
        VBox box = new VBox(8, form, error, table);
        box.getStyleClass().add("tab-body");
        VBox.setVgrow(table, Priority.ALWAYS);
        return box;
    }

    private static Label inlineError(String id) {
        Label label = new Label();
        label.setId(id);
        label.getStyleClass().add("inline-error");
        label.setWrapText(true);
        showInline(label, null);
        return label;
    }

    private static void showInline(Label label, String text) {
        label.setText(text);
        label.setVisible(text != null);
        label.setManaged(text != null);
    }

    private static <T> TableView<T> table(String id, javafx.collections.ObservableList<T> items, String empty) {
        TableView<T> table = new TableView<>(items);
        table.setId(id);
        table.getStyleClass().addAll("console-table", "dense");
        Tables.fitOrScroll(table);
        table.setPlaceholder(new Label(empty));
        table.setPrefHeight(200);
        return table;
    }

    private static VBox card(String heading, Node headingAction, Node content) {
        Label label = new Label(heading);
        label.getStyleClass().add("card-title");
        HBox header = new HBox(12, label);
        header.setAlignment(Pos.CENTER_LEFT);
        if (headingAction != null) {
            header.getChildren().add(headingAction);
        }
        VBox card = new VBox(12, header, content);
        card.getStyleClass().add("card");
        return card;
    }
}
