package dev.ecskms.ui.encryption;

import dev.ecskms.sim.common.ChangeFeed;
import dev.ecskms.sim.ecs.Region;
import dev.ecskms.sim.kms.KeyState;
import dev.ecskms.ui.common.ConsoleDialog;
import dev.ecskms.ui.common.ConsolePage;
import dev.ecskms.ui.common.ConsoleSession;
import dev.ecskms.ui.common.ErrorBanner;
import dev.ecskms.ui.common.Icons;
import dev.ecskms.ui.common.KeyOption;
import dev.ecskms.ui.common.KeySelector;
import dev.ecskms.ui.common.StatusTag;
import dev.ecskms.ui.common.Tables;
import java.util.EnumSet;
import java.util.Set;
import javafx.geometry.HPos;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.antdesignicons.AntDesignIconsOutlined;

/**
 * ECS → Disk Encryption: account-level default encryption of the current region — its status, the default key,
 * and what the region does not allow.
 */
public final class DiskEncryptionPage implements ConsolePage {
    private final ConsoleSession session;
    private final DiskEncryptionController controller;
    private final VBox root = new VBox(8);
    private final VBox limits = new VBox(8);
    private final HBox statusLine = new HBox(12);
    private final HBox keyLine = new HBox(12);
    private final Label subtitle = new Label();

    public DiskEncryptionPage(ConsoleSession session) {
        this.session = session;
        this.controller = new DiskEncryptionController(session);
        root.setId("diskEncryptionPage");
        Label title = new Label("Disk Encryption");
        title.getStyleClass().add("page-title");
        subtitle.getStyleClass().add("page-subtitle");
        subtitle.setWrapText(true);
        ErrorBanner banner = new ErrorBanner("diskEncryptionError", controller.errorProperty(),
                controller::dismissError);

        statusLine.setAlignment(Pos.CENTER_LEFT);
        keyLine.setAlignment(Pos.CENTER_LEFT);
        GridPane grid = new GridPane();
        grid.getStyleClass().add("info-grid");
        ColumnConstraints labels = new ColumnConstraints(150);
        labels.setHalignment(HPos.LEFT);
        ColumnConstraints values = new ColumnConstraints();
        values.setHgrow(Priority.ALWAYS);
        grid.getColumnConstraints().addAll(labels, values);
        grid.add(infoLabel("Default Encryption"), 0, 0);
        grid.add(statusLine, 1, 0);
        grid.add(infoLabel("Default Key"), 0, 1);
        grid.add(keyLine, 1, 1);
        Label how = new Label("When default encryption is on, every new cloud disk in this region is encrypted, even"
                + " when it is not asked for: with the default key, unless the Create Disk wizard chooses another"
                + " key, or the disk comes from your encrypted snapshot (the snapshot's key) or from a snapshot"
                + " another account shared (your service key). Existing disks do not change.");
        how.setId("defaultEncryptionHelp");
        how.setWrapText(true);
        how.getStyleClass().add("field-hint");
        Label cardTitle = new Label("Account-Level Default Encryption");
        cardTitle.getStyleClass().add("card-title");
        VBox card = new VBox(14, cardTitle, grid, how);
        card.getStyleClass().add("card");
        root.getChildren().addAll(title, subtitle, banner, limits, card);
        controller.stateProperty().addListener((obs, old, state) -> render(state));
    }

    @Override
    public String breadcrumb() {
        return "Elastic Compute Service / Disk Encryption";
    }

    @Override
    public Node view() {
        return root;
    }

    /** Default encryption, the keys it can use and the ECS service role it needs. */
    @Override
    public Set<ChangeFeed.Topic> changeTopics() {
        return EnumSet.of(ChangeFeed.Topic.DEFAULT_ENCRYPTION, ChangeFeed.Topic.KMS_KEYS, ChangeFeed.Topic.KMS_ALIASES, ChangeFeed.Topic.RAM_ROLES, ChangeFeed.Topic.CLOCK);
    }

    @Override
    public void refresh() {
        controller.load();
    }

    private void render(DiskEncryptionController.State state) {
        if (state == null) {
            return;
        }
        Region region = state.region();
        subtitle.setText("Default encryption of cloud disks for this account in " + region.localName() + " ("
                + region.regionId() + "). Switch regions in the top bar to manage another region.");
        limits.getChildren().clear();
        if (!region.encryptedDisksSupported()) {
            limits.getChildren().add(Tables.callout("regionLimitNote", region.note()
                    + " Default encryption cannot be enabled in " + region.localName() + ".", "warning"));
        } else if (!region.cmkSupported()) {
            limits.getChildren().add(Tables.callout("regionLimitNote", region.note()
                    + " The default key can only be the service key " + KeyOption.SERVICE_KEY_ALIAS + ".", "info"));
        }

        boolean on = state.status().enabled();
        Label tag = StatusTag.tag(on ? "Enabled" : "Disabled", on ? "status-success" : "status-neutral");
        tag.setId("defaultEncryptionStatus");
        Button enable = new Button("Enable", Icons.icon(AntDesignIconsOutlined.CHECK_CIRCLE));
        enable.setId("enableDefaultEncryptionButton");
        enable.getStyleClass().add("primary-button");
        enable.setOnAction(event -> controller.enable());
        enable.setDisable(on || !region.encryptedDisksSupported());
        Button disable = new Button("Disable", Icons.icon(AntDesignIconsOutlined.STOP));
        disable.setId("disableDefaultEncryptionButton");
        disable.setOnAction(event -> controller.disable());
        disable.setDisable(!on);
        statusLine.getChildren().setAll(tag, enable, disable);

        Label key = new Label(state.serviceKeyIsDefault()
                ? "Service key " + KeyOption.SERVICE_KEY_ALIAS + " (" + state.defaultKeyId() + ")" : state.keyName());
        key.setId("defaultKeyLabel");
        key.getStyleClass().add("info-value");
        Label keyTag = state.keyDenied() != null ? StatusTag.tag(state.keyDenied() + " not allowed", "status-neutral")
                : state.key() == null ? StatusTag.tag("Key not found", "status-danger")
                : StatusTag.forKeyState(state.key().keyState());
        Hyperlink open = new Hyperlink("View in KMS");
        open.setId("defaultKeyOpenLink");
        open.setOnAction(event -> session.navigator().openKey(state.defaultKeyId()));
        open.setDisable(state.key() == null);
        Button modify = new Button("Modify", Icons.icon(AntDesignIconsOutlined.EDIT));
        modify.setId("modifyDefaultKeyButton");
        modify.setOnAction(event -> openModify(state));
        modify.setDisable(!region.encryptedDisksSupported());
        Button reset = new Button("Reset to Service Key", Icons.icon(AntDesignIconsOutlined.UNDO));
        reset.setId("resetDefaultKeyButton");
        reset.setOnAction(event -> controller.resetKey());
        reset.setDisable(state.serviceKeyIsDefault());
        keyLine.getChildren().setAll(key, keyTag, open, modify, reset);
        if (state.key() != null && state.key().keyState() != KeyState.Enabled) {
            Label warn = new Label("New disks cannot be encrypted with this key until it is enabled.");
            warn.setId("defaultKeyWarning");
            warn.getStyleClass().add("inline-error");
            keyLine.getChildren().add(warn);
        }
    }

    private void openModify(DiskEncryptionController.State state) {
        ConsoleDialog dialog = new ConsoleDialog(session.modals(), "Modify Default Key", "OK");
        dialog.getStyleClass().add("modify-default-key-dialog");
        dialog.setDialogWidth(600);
        KeySelector selector = new KeySelector(session, "defaultKeySelector");
        selector.setOptions(state.options());
        state.options().stream().filter(o -> !o.serviceKey() && o.keyId() != null
                && o.keyId().equals(state.status().kmsKeyId()) && o.selectable()).findFirst()
                .ifPresent(selector::setValue);
        Label help = new Label("New disks in this region that choose no key are encrypted with the default key."
                + " Customer master keys need ECS to be authorized to use them.");
        help.setWrapText(true);
        help.getStyleClass().add("field-hint");
        VBox body = new VBox(8, Tables.formLabel("Default key", true), selector, help);
        if (!state.region().cmkSupported()) {
            body.getChildren().add(Tables.callout("modifyKeyRegionNote", state.region().note(), "info"));
        }
        dialog.setContent(body);
        dialog.setOnConfirm(ignored -> {
            KeyOption option = selector.getValue();
            if (option == null) {
                return;
            }
            dialog.setBusy(true);
            controller.modifyKey(option, dialog::close, dialog::showError);
        });
        dialog.show();
    }

    private static Label infoLabel(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("info-label");
        return label;
    }
}
