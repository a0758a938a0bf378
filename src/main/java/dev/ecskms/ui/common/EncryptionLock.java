package dev.ecskms.ui.common;

import dev.ecskms.sim.ecs.Catalog;
import dev.ecskms.sim.ecs.DefaultEncryption;
import dev.ecskms.sim.ecs.DiskCategory;
import dev.ecskms.sim.ecs.Region;
import dev.ecskms.sim.ecs.Snapshot;
import java.util.stream.Collectors;
import javafx.scene.control.CheckBox;

/**
 * Whether a new disk's Encrypted box is fixed, and why, as the Create Disk wizard and the purchase page's system
 * and data disks say it. The limitations come from the Catalog, in this order: the region cannot encrypt, the disk
 * comes from an encrypted snapshot, the account's default encryption is on, the category cannot be encrypted.
 *
 * @param locked    the box cannot be changed
 * @param encrypted the value a locked box shows
 * @param reason    the hint beside the box; empty when nothing is locked
 */
public record EncryptionLock(boolean locked, boolean encrypted, String reason) {
    public static final String IRREVERSIBLE = "Encryption cannot be disabled after the disk is created.";
    public static final String SNAPSHOT_LOCK = "A disk created from an encrypted snapshot is always encrypted.";
    public static final String DEFAULT_LOCK = "Account-level default encryption is on in this region: every new disk is"
            + " encrypted.";
    /** The price line of encryption, on every page that sells disks. */
    public static final String FREE = "Encryption: free (KMS key usage by ECS is not charged)";

    private static final EncryptionLock FREE_CHOICE = new EncryptionLock(false, false, "");

    /** The lock for a disk of {@code category} in {@code region}, made from {@code snapshot} (null: empty disk). */
    public static EncryptionLock of(Region region, Snapshot snapshot, DefaultEncryption defaults,
            DiskCategory category) {
        if (!region.encryptedDisksSupported()) {
            return new EncryptionLock(true, false, region.note());
        } else if (snapshot != null && snapshot.encrypted()) {
            return new EncryptionLock(true, true, SNAPSHOT_LOCK);
        } else if (defaults.enabled()) {
            return new EncryptionLock(true, true, DEFAULT_LOCK);
        } else if (category != null && !category.encryptable()) {
            return new EncryptionLock(true, false, notEncryptableReason(category));
        }
        return FREE_CHOICE;
    }

    /** Why a category cannot be encrypted, as the wizard and the purchase page say it. */
    public static String notEncryptableReason(DiskCategory c) {
        return c.displayName() + " disks cannot be encrypted: only ESSD-series disks can ("
                + Catalog.diskCategories().stream().filter(DiskCategory::encryptable).map(DiskCategory::displayName)
                        .collect(Collectors.joining(", ")) + ").";
    }

    /** Sets a locked box to its value and disables it; returns whether the box is now checked. */
    public boolean applyTo(CheckBox box) {
        if (locked) {
            box.setSelected(encrypted);
        }
        box.setDisable(locked);
        return box.isSelected();
    }
}
