package dev.ecskms.ui.common;

import dev.ecskms.sim.ecs.Catalog;
import dev.ecskms.sim.ecs.DiskCategory;
import dev.ecskms.sim.ecs.Zone;
import java.util.List;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ListCell;

/** The zone and disk-category choices shared by the Create Disk wizard and the purchase page. */
public final class DiskChoices {
    private DiskChoices() {
    }

    /** The Catalog's disk categories that {@code zone} offers (none without a zone). */
    public static List<DiskCategory> categoriesOf(Zone zone) {
        return Catalog.diskCategories().stream()
                .filter(c -> zone != null && zone.diskCategories().contains(c.id())).toList();
    }

    /** {@code keep} when still offered, otherwise ESSD, otherwise the first category (null when none). */
    public static DiskCategory keepOrEssd(List<DiskCategory> available, DiskCategory keep) {
        return available.contains(keep) ? keep : available.stream()
                .filter(c -> c.id().equals("cloud_essd")).findFirst()
                .orElse(available.isEmpty() ? null : available.get(0));
    }

    /**
     * Shows the performance levels of {@code category} in {@code level} (its default chosen when the category
     * changes), or hides the box for a category without levels; returns whether it has levels.
     */
    public static boolean showLevels(ComboBox<String> level, DiskCategory category) {
        boolean levels = category != null && category.hasPerformanceLevels();
        if (levels && !level.getItems().equals(category.performanceLevels())) {
            level.getItems().setAll(category.performanceLevels());
            level.setValue(category.defaultPerformanceLevel());
        }
        level.setVisible(levels);
        return levels;
    }

    /** "Local name  (zone id)". */
    public static ListCell<Zone> zoneCell() {
        return new ListCell<>() {
            @Override
            protected void updateItem(Zone item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item.localName() + "  (" + item.zoneId() + ")");
            }
        };
    }

    /** "Display name  (id)", with a note when the category cannot be encrypted. */
    public static ListCell<DiskCategory> categoryCell() {
        return new ListCell<>() {
            @Override
            protected void updateItem(DiskCategory item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item.displayName() + "  (" + item.id() + ")"
                        + (item.encryptable() ? "" : "  · cannot be encrypted"));
            }
        };
    }
}
