package dev.ecskms.ui.common;

import dev.ecskms.sim.ecs.Catalog;
import dev.ecskms.sim.ecs.Disk;
import dev.ecskms.sim.ecs.DiskCategory;
import dev.ecskms.sim.kms.KeyState;
import dev.ecskms.sim.kms.KeySummary;
import java.util.Map;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.antdesignicons.AntDesignIconsOutlined;

/**
 * The cells a disk row shows wherever disks are listed (the Disks page, an instance's Disks card). Node ids are
 * {@code idPrefix + "Link-"}, {@code "Encryption-"} or {@code "Key-"} followed by the disk ID.
 */
public final class DiskCells {
    private DiskCells() {
    }

    /** The category's display name from the Catalog, or its id when the Catalog does not know it. */
    public static String categoryName(String categoryId) {
        return Catalog.findDiskCategory(categoryId).map(DiskCategory::displayName).orElse(categoryId);
    }

    /** The disk ID as a link to its details, its name underneath. */
    public static Node idAndName(Disk disk, String idPrefix, Runnable open) {
        Hyperlink id = new Hyperlink(disk.diskId());
        id.setId(idPrefix + "Link-" + disk.diskId());
        id.getStyleClass().add("key-id-link");
        id.setMinWidth(Region.USE_PREF_SIZE);
        id.setOnAction(event -> open.run());
        return Tables.twoLines(id, disk.diskName());
    }

    /** The category's name, with the performance level (or the category id) underneath. */
    public static Node category(Disk disk) {
        return Tables.twoLines(new Label(categoryName(disk.category())),
                disk.performanceLevel() == null || disk.performanceLevel().isBlank() ? disk.category()
                        : disk.performanceLevel());
    }

    /**
     * "Encrypted" and the key (its first alias, else its ID) as a link to its KMS page, with the key's state when it
     * is not Enabled; or "Not encrypted". {@code keys} are the region's keys by ID; a missing key is said so.
     */
    public static Node encryption(Disk disk, Map<String, KeySummary> keys, String idPrefix,
            ConsoleSession session) {
        return encryption(disk, new KeyNames(keys, null), idPrefix, session);
    }

    /**
     * As above; when the user may not read KMS the key shows by its id, its tooltip says which action was refused,
     * and it is not called missing.
     */
    public static Node encryption(Disk disk, KeyNames names, String idPrefix, ConsoleSession session) {
        Map<String, KeySummary> keys = names.keys();
        if (!disk.encrypted()) {
            Label plain = new Label("Not encrypted");
            plain.setId(idPrefix + "Encryption-" + disk.diskId());
            plain.getStyleClass().add("not-encrypted");
            return plain;
        }
        Label encrypted = new Label("Encrypted", Icons.icon(AntDesignIconsOutlined.LOCK));
        encrypted.setId(idPrefix + "Encryption-" + disk.diskId());
        encrypted.getStyleClass().add("encrypted-label");
        encrypted.setMinWidth(Region.USE_PREF_SIZE);
        KeySummary key = keys.get(disk.kmsKeyId());
        String name = key == null || key.aliases().isEmpty() ? disk.kmsKeyId() : key.aliases().get(0);
        Hyperlink link = new Hyperlink(name);
        link.setId(idPrefix + "Key-" + disk.diskId());
        link.getStyleClass().add("disk-key-link");
        link.setTooltip(new Tooltip(names.denied() ? names.deniedNote(disk.kmsKeyId()) : "KMS key " + disk.kmsKeyId()));
        link.setOnAction(event -> session.navigator().openKey(disk.kmsKeyId()));
        HBox keyLine = new HBox(4, link);
        keyLine.setAlignment(Pos.CENTER_LEFT);
        if (key == null && !names.denied()) {
            keyLine.getChildren().add(StatusTag.tag("Key not found", "status-neutral"));
        } else if (key != null && key.metadata().keyState() != KeyState.Enabled) {
            keyLine.getChildren().add(StatusTag.forKeyState(key.metadata().keyState()));
        }
        VBox box = new VBox(1, encrypted, keyLine);
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }
}
