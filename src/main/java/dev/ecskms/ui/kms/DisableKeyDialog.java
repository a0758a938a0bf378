package dev.ecskms.ui.kms;

import dev.ecskms.sim.kms.ProtectedResource;
import dev.ecskms.ui.common.ConsoleDialog;
import dev.ecskms.ui.common.Icons;
import dev.ecskms.ui.common.ModalHost;
import java.util.List;
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
    static final String INSTANCES_WARNING = "Instances that use this key will not boot again after they stop or"
            + " restart.";
    static final String NO_RESOURCES = "No cloud resources currently use this key.";

    private final ResourcesTable resources = new ResourcesTable("disableResourcesTable", NO_RESOURCES);
    private final Label instancesWarning = new Label(INSTANCES_WARNING, Icons.icon(AntDesignIconsOutlined.WARNING));

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
        instancesWarning.setId("disableInstancesWarning");
        instancesWarning.getStyleClass().addAll("callout", "callout-danger");
        instancesWarning.setWrapText(true);
        instancesWarning.setMaxWidth(Double.MAX_VALUE);
        instancesWarning.setVisible(false);
        instancesWarning.setManaged(false);
        setContent(warning, resourcesTitle, resources, instancesWarning);
    }

    /** Lists the resources; when instances are among them, says that they will not boot again. */
    void showResources(List<ProtectedResource> list) {
        resources.showResources(list);
        boolean instances = list.stream().anyMatch(r -> "Instance".equalsIgnoreCase(r.type()));
        instancesWarning.setVisible(instances);
        instancesWarning.setManaged(instances);
    }

    ResourcesTable resources() {
        return resources;
    }
}
