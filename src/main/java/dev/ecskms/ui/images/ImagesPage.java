package dev.ecskms.ui.images;

import dev.ecskms.sim.common.ChangeFeed;
import dev.ecskms.sim.ecs.Image;
import dev.ecskms.sim.kms.KeyState;
import dev.ecskms.sim.kms.KeySummary;
import dev.ecskms.ui.common.ConsoleDialog;
import dev.ecskms.ui.common.ConsolePage;
import dev.ecskms.ui.common.ConsoleSession;
import dev.ecskms.ui.common.ErrorBanner;
import dev.ecskms.ui.common.Errors;
import dev.ecskms.ui.common.Formats;
import dev.ecskms.ui.common.Icons;
import dev.ecskms.ui.common.ListPageLayout;
import dev.ecskms.ui.common.OsBadge;
import dev.ecskms.ui.common.PagedList;
import dev.ecskms.ui.common.ShareDialog;
import dev.ecskms.ui.common.StatusTag;
import dev.ecskms.ui.common.Tables;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.antdesignicons.AntDesignIconsOutlined;

/**
 * ECS → Instances &amp; Images → Images: Custom Images (the account's own, with Create, Copy, Share and Delete),
 * Shared Images (other accounts share with this one) and Public Images (the catalog's).
 */
public final class ImagesPage implements ConsolePage {
    private final ConsoleSession session;
    private final ImagesModel model = new ImagesModel();
    private final ImagesController controller;
    private final StackPane root = new StackPane();

    public ImagesPage(ConsoleSession session) {
        this.session = session;
        this.controller = new ImagesController(session, model);
        root.setId("imagesPage");

        ErrorBanner banner = new ErrorBanner("imagesError", model.errorProperty(), controller::dismissError);
        Label notice = new Label(null, Icons.icon(AntDesignIconsOutlined.INFO_CIRCLE));
        notice.setId("imagesNoticeText");
        notice.setWrapText(true);
        notice.setMaxWidth(Double.MAX_VALUE);
        notice.textProperty().bind(model.noticeProperty());
        HBox.setHgrow(notice, Priority.ALWAYS);
        Button dismiss = new Button(null, Icons.icon(AntDesignIconsOutlined.CLOSE));
        dismiss.getStyleClass().addAll("flat", "button-icon", "banner-close");
        dismiss.setOnAction(event -> controller.dismissNotice());
        HBox noticeBanner = new HBox(8, notice, dismiss);
        noticeBanner.setId("imagesNotice");
        noticeBanner.getStyleClass().add("notice-banner");
        noticeBanner.visibleProperty().bind(model.noticeProperty().isNotEmpty());
        noticeBanner.managedProperty().bind(noticeBanner.visibleProperty());

        TabPane tabs = ListPageLayout.tabs("imageTabs",
                ListPageLayout.tab("Custom Images", "customImagesTab", list("customImage", model.ownRows(), Kind.OWN)),
                ListPageLayout.tab("Shared Images", "sharedImagesTab",
                        list("sharedImage", model.sharedRows(), Kind.SHARED)),
                ListPageLayout.tab("Public Images", "publicImagesTab",
                        list("publicImage", model.systemRows(), Kind.PUBLIC)));
        root.getChildren().add(ListPageLayout.page("Images", "A custom image holds a system disk's data and takes its"
                + " encryption and key. Copy an image with Encryption to get an encrypted copy under a key you choose;"
                + " instances and system disks made from it are encrypted.", tabs, banner, noticeBanner));
    }

    private enum Kind { OWN, SHARED, PUBLIC }

    @Override
    public String breadcrumb() {
        return "Elastic Compute Service / Instances & Images / Images";
    }

    @Override
    public Node view() {
        return root;
    }

    /** The images (progress moves with the clock), their keys and the accounts they may be shared with. */
    @Override
    public Set<ChangeFeed.Topic> changeTopics() {
        return EnumSet.of(ChangeFeed.Topic.IMAGES, ChangeFeed.Topic.KMS_KEYS, ChangeFeed.Topic.KMS_ALIASES,
                ChangeFeed.Topic.ACCOUNTS, ChangeFeed.Topic.CLOCK);
    }

    @Override
    public void refresh() {
        controller.load();
    }

    public ImagesModel model() {
        return model;
    }

    /** Create Custom Image, optionally for an instance chosen on the Instances page. */
    public void openCreateImage(String instanceId) {
        CreateImageDialog dialog = new CreateImageDialog(session, controller, instanceId, (request, open) ->
                controller.createImage(request, open::close, open::showError));
        dialog.show();
    }

    private Node list(String idPrefix, PagedList<Image> rows, Kind kind) {
        Node lead;
        if (kind == Kind.OWN) {
            Button create = new Button("Create Custom Image", Icons.icon(AntDesignIconsOutlined.PLUS));
            create.setId("createImageButton");
            create.getStyleClass().add("primary-button");
            create.setOnAction(event -> openCreateImage(null));
            lead = create;
        } else {
            Label note = new Label(kind == Kind.SHARED ? "Images other accounts share with you. An instance from an"
                    + " encrypted one is encrypted with your own key." : "Public images of the operating systems"
                    + " the simulator boots.", Icons.icon(AntDesignIconsOutlined.INFO_CIRCLE));
            note.getStyleClass().add("toolbar-note");
            lead = note;
        }
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        TextField search = ListPageLayout.searchField(idPrefix + "SearchField",
                "Search by image ID, name, OS or key ID", 300, rows.queryProperty());
        Button refresh = ListPageLayout.refreshButton(idPrefix + "RefreshButton", controller::load,
                model.loadingProperty());
        HBox toolbar = new HBox(8, lead, spacer, search, refresh);
        toolbar.setAlignment(Pos.CENTER_LEFT);
        toolbar.getStyleClass().add("table-toolbar");

        TableView<Image> table = new TableView<>(rows.pageRows());
        table.setId(idPrefix + "Table");
        table.getStyleClass().addAll("console-table", "image-table");
        Tables.fitOrScroll(table);
        table.setFixedCellSize(44);
        Label placeholder = new Label();
        placeholder.getStyleClass().add("table-placeholder");
        placeholder.setWrapText(true);
        placeholder.textProperty().bind(Bindings.when(model.loadingProperty()).then("Loading...")
                .otherwise(switch (kind) {
                    case OWN -> "No custom images in this region. Create one from an instance or a system disk"
                            + " snapshot with Create Custom Image.";
                    case SHARED -> "No images are shared with this account in this region. Another account shares"
                            + " one from its Custom Images tab.";
                    case PUBLIC -> "No public images.";
                }));
        table.setPlaceholder(placeholder);
        List<TableColumn<Image, ?>> columns = new ArrayList<>();
        columns.add(Tables.nodeColumn("Image ID / Name", 170, i -> {
            Label id = new Label(i.imageId());
            id.getStyleClass().add("mono-id");
            return Tables.twoLines(id, i.imageName());
        }));
        if (kind == Kind.SHARED) {
            columns.add(Tables.textColumn("Owner Account", 130, Image::ownerId));
        }
        columns.add(Tables.nodeColumn("OS", 130, i -> {
            Label os = new Label(i.osName(), OsBadge.of(i.osName(), i.osType()));
            os.setTooltip(new Tooltip(i.osName()));
            os.setWrapText(true); // long names ("Alibaba Cloud Linux 3.2104 LTS 64 bit") take the row's second line
            os.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
            return os;
        }));
        columns.add(Tables.nodeColumn("Status", 115, this::statusCell));
        columns.add(Tables.textColumn("Size", 60, i -> i.size() + " GiB"));
        if (kind != Kind.PUBLIC) {
            columns.add(Tables.nodeColumn("Encrypted", 150, i -> encryptionCell(i, kind == Kind.SHARED)));
            columns.add(Tables.nodeColumn("Source", 140, ImagesPage::sourceCell));
            columns.add(Tables.textColumn("Creation Time", 130, i -> Formats.dateTime(i.creationTime())));
        }
        if (kind == Kind.OWN) {
            columns.add(Tables.nodeColumn("Actions", 150, this::actionsCell));
        }
        table.getColumns().addAll(columns);
        VBox.setVgrow(table, Priority.ALWAYS);

        VBox box = new VBox(12, toolbar, table, Tables.pager(idPrefix, rows));
        box.getStyleClass().add("image-list");
        return box;
    }

    private Node statusCell(Image image) {
        if (image.isAvailable()) {
            Label tag = StatusTag.tag("Available", "status-success");
            tag.setId("imageStatus-" + image.imageId());
            return tag;
        }
        Label tag = StatusTag.tag(image.status() + " " + image.progress(), "status-info");
        tag.setId("imageStatus-" + image.imageId());
        ProgressBar bar = new ProgressBar(percent(image.progress()) / 100.0);
        bar.setPrefWidth(100);
        bar.getStyleClass().add("image-progress");
        VBox box = new VBox(3, tag, bar);
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }

    static int percent(String progress) {
        try {
            return Integer.parseInt(progress.replace("%", "").trim());
        } catch (RuntimeException e) {
            return 0;
        }
    }

    private Node encryptionCell(Image image, boolean shared) {
        if (!image.encrypted()) {
            Label plain = new Label("Not encrypted");
            plain.getStyleClass().add("not-encrypted");
            return plain;
        }
        Label encrypted = new Label("Encrypted", Icons.icon(AntDesignIconsOutlined.LOCK));
        encrypted.setId("imageEncrypted-" + image.imageId());
        encrypted.getStyleClass().add("encrypted-label");
        Node keyNode;
        if (shared) {
            Label key = new Label("Owner's key " + Formats.shortId(image.kmsKeyId()));
            key.getStyleClass().add("cell-caption");
            key.setTooltip(new Tooltip("The owner's KMS key " + image.kmsKeyId() + "; your instances from this image"
                    + " use your own key."));
            keyNode = key;
        } else {
            KeySummary summary = model.key(image.kmsKeyId());
            Hyperlink link = new Hyperlink(model.keyName(image.kmsKeyId()));
            link.setId("imageKey-" + image.imageId());
            if (model.keyNames().denied()) {
                link.setTooltip(new Tooltip(model.keyNames().deniedNote(image.kmsKeyId())));
            }
            link.setOnAction(event -> session.navigator().openKey(image.kmsKeyId()));
            HBox line = new HBox(4, link);
            line.setAlignment(Pos.CENTER_LEFT);
            if (summary == null && !model.keyNames().denied()) {
                line.getChildren().add(StatusTag.tag("Key not found", "status-neutral"));
            } else if (summary != null && summary.metadata().keyState() != KeyState.Enabled) {
                line.getChildren().add(StatusTag.forKeyState(summary.metadata().keyState()));
            }
            keyNode = line;
        }
        VBox box = new VBox(1, encrypted, keyNode);
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }

    private static Node sourceCell(Image image) {
        if (image.sourceImageId() != null) {
            return Tables.twoLines(new Label(image.sourceImageId()), "Copy · " + image.sourceRegionId());
        }
        if (image.sourceInstanceId() != null) {
            return Tables.twoLines(new Label(image.sourceInstanceId()), "From instance");
        }
        return Tables.twoLines(new Label(image.snapshotId()), "From snapshot");
    }

    private Node actionsCell(Image image) {
        String id = image.imageId();
        Hyperlink copy = Tables.action("Copy", "copy-image", id, () -> openCopy(image));
        Hyperlink share = Tables.action("Share", "share-image", id, () -> openShare(image));
        Hyperlink delete = Tables.action("Delete", "delete-image", id, () -> openDelete(image));
        copy.setDisable(!image.isAvailable());
        delete.setDisable(!image.isAvailable());
        return Tables.actions(copy, share, delete);
    }

    void openCopy(Image image) {
        CopyImageDialog[] dialog = new CopyImageDialog[1];
        dialog[0] = new CopyImageDialog(session, controller, image, request -> {
            dialog[0].setBusy(true);
            controller.copyImage(request, dialog[0]::close, dialog[0]::showError);
        });
        dialog[0].show();
    }

    /** Share with the other accounts of this simulator, or stop sharing with them. */
    void openShare(Image image) {
        ShareDialog dialog = new ShareDialog(session.modals(), "Share Image " + image.imageId(), "share-image-dialog",
                image.encrypted()
                        ? "This image is encrypted. An instance the other account creates from it gets a system disk"
                        + " encrypted with that account's own service key alias/acs/ecs, unless it chooses one of its"
                        + " keys."
                        : "The other account sees the image under Shared Images and can create instances from it."
                        + " Uncheck an account to stop sharing.");
        controller.loadShareState(image.imageId(), dialog::showState, dialog::showError);
        dialog.setOnConfirm(ignored -> {
            dialog.setBusy(true);
            controller.share(image.imageId(), dialog.accountsToAdd(), dialog.accountsToRemove(), dialog::close,
                    dialog::showError);
        });
        dialog.show();
    }

    /** Names what is at stake: the accounts it is shared with and the instances started from it. */
    void openDelete(Image image) {
        ConsoleDialog dialog = new ConsoleDialog(session.modals(), "Delete Image " + image.imageId(), "Delete");
        dialog.getStyleClass().add("delete-image-dialog");
        dialog.setDangerous(true);
        dialog.setDialogWidth(560);
        Label stake = Tables.callout("deleteImageWarning", "Loading what uses this image...", "warning");
        CheckBox force = new CheckBox("Force delete: instances started from it can no longer re-initialize their"
                + " system disks from it");
        force.setId("forceDeleteImageCheck");
        force.setWrapText(true);
        force.setVisible(false);
        force.setManaged(false);
        dialog.setContent(stake, force);
        dialog.confirmButton().setDisable(true);
        controller.loadStake(image, at -> {
                    StringBuilder text = new StringBuilder("Image " + image.imageId() + " (" + image.imageName()
                            + ") is deleted; this cannot be undone. The snapshot " + image.snapshotId()
                            + " that holds its data is kept.");
                    if (!at.sharedWith().isEmpty()) {
                        text.append(" It is shared with ").append(String.join(", ", at.sharedWith()))
                                .append(": stop sharing it first (Share), or the deletion is refused.");
                    }
                    if (!at.instances().isEmpty()) {
                        text.append(" Instances started from it: ").append(String.join(", ", at.instances()))
                                .append(".");
                        force.setVisible(true);
                        force.setManaged(true);
                    }
                    stake.setText(text.toString());
                    dialog.confirmButton().setDisable(false);
                }, failure -> dialog.setErrorText(Errors.describe(failure)));
        dialog.setOnConfirm(ignored -> {
            dialog.setBusy(true);
            controller.delete(image.imageId(), force.isSelected(), dialog::close, dialog::showError);
        });
        dialog.show();
    }

}
