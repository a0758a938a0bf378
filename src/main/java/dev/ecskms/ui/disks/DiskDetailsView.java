package dev.ecskms.ui.disks;

import dev.ecskms.sim.ecs.Disk;
import dev.ecskms.sim.ecs.DiskStatus;
import dev.ecskms.sim.kms.KeyMetadata;
import dev.ecskms.sim.kms.KeyState;
import dev.ecskms.ui.common.ConsoleSession;
import dev.ecskms.ui.common.DetailsLayout;
import dev.ecskms.ui.common.DiskAttachDialogs;
import dev.ecskms.ui.common.DiskCells;
import dev.ecskms.ui.common.ErrorBanner;
import dev.ecskms.ui.common.Formats;
import dev.ecskms.ui.common.Icons;
import dev.ecskms.ui.common.InfoGrid;
import dev.ecskms.ui.common.StatusTag;
import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.antdesignicons.AntDesignIconsOutlined;

/**
 * A disk's details page: its attributes and its key chain — disk → wrapped data key → KMS key — drawn as boxes
 * coloured by the key's live state, with what that state means for the disk.
 */
final class DiskDetailsView extends VBox {
    static final String ENABLED_CONSEQUENCE = "If this key is disabled, instances cannot start from this disk and its"
            + " data cannot be read.";

    private final ConsoleSession session;
    private final DiskDetailsModel model;
    private final DiskDetailsController controller;
    private final DiskActions actions;
    private final Runnable backToList;
    private final Label title = new Label();
    private final HBox titleTag = new HBox();
    private final HBox headerButtons = new HBox(8);
    private final InfoGrid basicInfo = new InfoGrid();
    private final VBox chainBox = new VBox(12);

    DiskDetailsView(ConsoleSession session, String diskId, Runnable backToList) {
        this.session = session;
        this.model = new DiskDetailsModel(diskId);
        this.controller = new DiskDetailsController(session, model);
        this.actions = controller.actions();
        this.backToList = backToList;
        setId("diskDetailsPage");
        getStyleClass().add("disk-details");
        setSpacing(12);

        Hyperlink back = DetailsLayout.backLink("Disks", "backToDisksLink", backToList);

        title.setId("diskDetailTitle");
        title.setText(diskId);
        titleTag.setAlignment(Pos.CENTER_LEFT);
        HBox header = DetailsLayout.header(title, titleTag, headerButtons);

        ErrorBanner banner = new ErrorBanner("diskDetailError", model.errorProperty(), controller::dismissError);
        chainBox.setId("keyChainCard");
        VBox sections = new VBox(12, DetailsLayout.card("Encryption", chainBox),
                DetailsLayout.card("Basic Information", basicInfo));
        getChildren().addAll(back, header, banner, DetailsLayout.scroll(sections));

        model.chainProperty().addListener((obs, old, now) -> render(now));
    }

    void refresh() {
        controller.load();
    }

    DiskDetailsModel model() {
        return model;
    }

    private void render(KeyChain loaded) {
        if (loaded == null) {
            return;
        }
        Disk disk = loaded.disk();
        title.setText(disk.diskName() == null || disk.diskName().isBlank() ? disk.diskId() : disk.diskName());
        titleTag.getChildren().setAll(StatusTag.forDiskStatus(disk.status()));
        renderButtons(loaded);
        renderInfo(loaded);
        renderChain(loaded);
    }

    private void renderButtons(KeyChain loaded) {
        Disk disk = loaded.disk();
        boolean ready = disk.status() == DiskStatus.Available || disk.status() == DiskStatus.In_use;
        Button snapshot = DetailsLayout.button("Create Snapshot", "detailCreateSnapshotButton", AntDesignIconsOutlined.CAMERA,
                () -> actions.openCreateSnapshot(disk, loaded.encrypted() ? loaded.keyName() : null));
        snapshot.setDisable(!ready);
        Button resize = DetailsLayout.button("Resize", "detailResizeButton", AntDesignIconsOutlined.EXPAND,
                () -> actions.openResize(disk));
        resize.setDisable(!ready);
        Button attach = DetailsLayout.button("Attach", "detailAttachButton", AntDesignIconsOutlined.LINK,
                () -> actions.openAttach(disk));
        attach.setDisable(!DiskAttachDialogs.canAttach(disk));
        Button detach = DetailsLayout.button("Detach", "detailDetachButton", AntDesignIconsOutlined.DISCONNECT,
                () -> actions.openDetach(disk));
        detach.setDisable(!DiskAttachDialogs.canDetach(disk));
        Button release = DetailsLayout.button("Release", "detailReleaseButton", AntDesignIconsOutlined.DELETE,
                () -> actions.openRelease(disk, backToList));
        release.getStyleClass().add("danger-outline");
        release.setDisable(disk.status() != DiskStatus.Available);
        Button reload = DetailsLayout.button(null, "detailRefreshButton", AntDesignIconsOutlined.RELOAD, this::refresh);
        reload.getStyleClass().add("icon-only");
        headerButtons.getChildren().setAll(snapshot, resize, attach, detach, release, reload);
    }

    private void renderInfo(KeyChain loaded) {
        Disk disk = loaded.disk();
        String keyText = !disk.encrypted() ? "Not encrypted"
                : loaded.keyMissing() ? disk.kmsKeyId() + " (key not found)"
                : loaded.aliases().isEmpty() ? disk.kmsKeyId() : loaded.keyName() + " (" + disk.kmsKeyId() + ")";
        List<String[]> fields = new ArrayList<>(List.of(
                new String[] {"Disk ID", disk.diskId(), "diskDetailId"},
                new String[] {"Disk Name", disk.diskName(), "diskDetailName"},
                new String[] {"Status", StatusTag.label(disk.status()), "diskDetailStatus"},
                new String[] {"Category", DiskCells.categoryName(disk.category()) + " (" + disk.category() + ")",
                        "diskDetailCategory"},
                new String[] {"Performance Level", disk.performanceLevel(), "diskDetailPerformanceLevel"},
                new String[] {"Size", disk.size() + " GiB", "diskDetailSize"},
                new String[] {"Encrypted", disk.encrypted() ? "Yes" : "No", "diskDetailEncrypted"},
                new String[] {"KMS Key", keyText, "diskDetailKmsKey"},
                new String[] {"Zone", disk.zoneId(), "diskDetailZone"},
                new String[] {"Region", disk.regionId(), "diskDetailRegion"},
                new String[] {"Disk Type", "system".equals(disk.type()) ? "System disk" : "Data disk",
                        "diskDetailType"},
                new String[] {"Attached Instance", disk.instanceId(), "diskDetailInstance"},
                new String[] {"Source Snapshot", disk.sourceSnapshotId(), "diskDetailSourceSnapshot"},
                new String[] {"Release with Instance", disk.deleteWithInstance() ? "Yes" : "No",
                        "diskDetailDeleteWithInstance"},
                new String[] {"Creation Time", Formats.dateTimeUtc(disk.creationTime()), "diskDetailCreationTime"},
                new String[] {"Description", disk.description(), "diskDetailDescription"}));
        basicInfo.setFields(fields);
    }

    /** disk → wrapped data key → KMS key, or the single "Not encrypted" box. */
    private void renderChain(KeyChain loaded) {
        Disk disk = loaded.disk();
        Node diskBox = box("keyChainDiskBox", "chain-neutral", AntDesignIconsOutlined.DATABASE, "Cloud disk",
                disk.diskId(), disk.size() + " GiB " + DiskCells.categoryName(disk.category())
                        + (disk.performanceLevel() == null || disk.performanceLevel().isBlank() ? ""
                        : " " + disk.performanceLevel()), null);
        HBox diagram = new HBox(0);
        diagram.setId("keyChain");
        diagram.setAlignment(Pos.CENTER_LEFT);
        diagram.getStyleClass().add("key-chain");
        Label consequence = new Label();
        consequence.setId("keyChainConsequence");
        consequence.setWrapText(true);
        consequence.getStyleClass().add("chain-consequence");
        if (!loaded.encrypted()) {
            diagram.getStyleClass().add("chain-plain");
            diagram.getChildren().addAll(diskBox, arrow("chain-neutral"), box("keyChainPlainBox", "chain-neutral",
                    AntDesignIconsOutlined.UNLOCK, "Not encrypted", "No data key",
                    "Data is stored as plaintext", null));
            consequence.setText("This disk is not encrypted. Encryption can only be chosen when a disk is created:"
                    + " create an encrypted disk from a snapshot of this one to encrypt its data.");
            consequence.getStyleClass().add("chain-consequence-neutral");
            chainBox.getChildren().setAll(diagram, consequence);
            return;
        }
        KeyMetadata key = loaded.key();
        String state;
        String stateClass;
        Label keyTag;
        String keyLine = loaded.keyName();
        if (key == null) {
            state = "chain-missing";
            keyTag = StatusTag.tag(loaded.keyError() == null ? "Key not found" : "Unknown", "status-neutral");
            consequence.setText(loaded.keyError() != null ? "The key could not be read: " + loaded.keyError()
                    : "Key " + disk.kmsKeyId() + " no longer exists: the data key cannot be decrypted and this disk's"
                    + " data cannot be read.");
        } else {
            keyTag = StatusTag.forKeyState(key.keyState());
            state = key.keyState() == KeyState.Enabled ? "chain-ok" : "chain-broken";
            String name = loaded.aliases().isEmpty() ? key.keyId() : loaded.keyName() + " (" + key.keyId() + ")";
            consequence.setText(switch (key.keyState()) {
                case Enabled -> ENABLED_CONSEQUENCE;
                case Disabled -> "The data key cannot be decrypted: this disk cannot be read until key " + name
                        + " is enabled.";
                case PendingDeletion -> "The data key cannot be decrypted: key " + name + " is pending deletion"
                        + (key.deleteDate() == null ? "" : " (deleted on " + Formats.dateTimeUtc(key.deleteDate())
                        + ")") + ". Cancel the deletion and enable the key, or this disk's data is lost for good.";
                case PendingImport -> "The data key cannot be decrypted: key " + name + " has no key material."
                        + " Import its key material to read this disk.";
            });
        }
        stateClass = state;
        diagram.getStyleClass().add(stateClass);
        consequence.getStyleClass().add(stateClass.equals("chain-ok") ? "chain-consequence-ok"
                : "chain-consequence-bad");
        String keyBoxClass = stateClass.equals("chain-missing") ? "chain-missing" : stateClass;
        Node dataKeyBox = box("keyChainDataKeyBox", keyBoxClass, AntDesignIconsOutlined.KEY, "Data key (AES-256-XTS)",
                "Wrapped by KMS", loaded.keyVersionId() == null ? "Key version unknown"
                        : "Version " + Formats.shortId(loaded.keyVersionId()), null);
        Node kmsBox = box("keyChainKeyBox", keyBoxClass, AntDesignIconsOutlined.SAFETY_CERTIFICATE,
                key != null && key.isServiceKey() ? "KMS service key" : "KMS key", keyLine,
                loaded.aliases().isEmpty() ? null : Formats.shortId(disk.kmsKeyId()), keyTag);
        Hyperlink openKey = new Hyperlink("View key in KMS");
        openKey.setId("keyChainOpenKey");
        openKey.setOnAction(event -> session.navigator().openKey(disk.kmsKeyId()));
        openKey.setDisable(key == null);
        diagram.getChildren().addAll(diskBox, arrow("chain-neutral"), dataKeyBox, arrow(keyBoxClass), kmsBox);
        HBox links = new HBox(openKey);
        chainBox.getChildren().setAll(diagram, consequence, links);
    }

    private static Node box(String id, String stateClass, Ikon icon, String heading, String line1, String line2,
            Label tag) {
        Label head = new Label(heading, Icons.icon(icon));
        head.getStyleClass().add("chain-heading");
        Label first = new Label(Formats.orNone(line1));
        first.getStyleClass().add("chain-line");
        first.setId(id + "Text");
        VBox box = new VBox(3, head, first);
        if (line2 != null) {
            Label second = new Label(line2);
            second.getStyleClass().addAll("chain-line", "chain-caption");
            box.getChildren().add(second);
        }
        if (tag != null) {
            box.getChildren().add(tag);
        }
        box.setId(id);
        box.getStyleClass().addAll("chain-box", stateClass);
        box.setMinWidth(190);
        box.setPrefWidth(210);
        return box;
    }

    private static Node arrow(String stateClass) {
        Label arrow = new Label(null, Icons.icon(AntDesignIconsOutlined.ARROW_RIGHT));
        arrow.getStyleClass().addAll("chain-arrow", stateClass);
        arrow.setMinWidth(44);
        arrow.setAlignment(Pos.CENTER);
        return arrow;
    }

}
