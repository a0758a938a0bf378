package dev.ecskms.ui.kms;

import dev.ecskms.ui.common.ConsoleDialog;
import dev.ecskms.ui.common.Icons;
import dev.ecskms.ui.common.ModalHost;
import javafx.scene.control.Label;
import org.kordamp.ikonli.antdesignicons.AntDesignIconsOutlined;

/**
 * Confirms disabling a key and names what is at stake: every disk, snapshot and image whose data key it protects.
 * Cancel changes nothing.
 */
final class DisableKeyDialog extends ConsoleDialog {
    static final String WARNING = "After you disable this key, cloud disks, snapshots and images encrypted with it can"
            + " no longer be decrypted: instances that use them cannot start or restart, and data cannot be read"
            + " until the key is enabled again. Running instances keep working until they stop.";
    static final String NO_RESOURCES = "No cloud resources currently use this key.";

    private final ResourcesTable resources = new ResourcesTable("disableResourcesTable", NO_RESOURCES);

    DisableKeyDialog(ModalHost host, String keyDisplayName) {
        super(host, "Disable Key " + keyDisplayName, "Confirm");
        getStyleClass().add("disable-key-dialog");
        setDangerous(true);
        setDialogWidth(640);

        Label warning = new Label(WARNING, Icons.icon(AntDesignIconsOutlined.WARNING));
        warning.setId("disableWarning");
        warning.getStyleClass().addAll("callout", "callout-warning");
        warning.setWrapText(true);
        warning.setMaxWidth(Double.MAX_VALUE);

        Label resourcesTitle = new Label("Cloud resources encrypted with this key");
        resourcesTitle.getStyleClass().add("section-label");
        resources.setPrefHeight(170);
        setContent(warning, resourcesTitle, resources);
    }

    ResourcesTable resources() {
        return resources;
    }
}
