package dev.ecskms.ui.common;

import dev.ecskms.sim.ecs.DiskStatus;
import dev.ecskms.sim.ecs.InstanceStatus;
import dev.ecskms.sim.kms.KeyState;
import javafx.scene.control.Label;

/** The coloured pill that shows a resource's state, e.g. a key's Enabled / Disabled / PendingDeletion. */
public final class StatusTag {
    private StatusTag() {
    }

    public static Label forKeyState(KeyState state) {
        Label tag = tag(label(state), styleClass(state));
        tag.setUserData(state);
        return tag;
    }

    /** Creating blue, Available green, In use orange, the transitions blue. */
    public static Label forDiskStatus(DiskStatus status) {
        Label tag = tag(label(status), styleClass(status));
        tag.setUserData(status);
        return tag;
    }

    /** Pending and Starting blue, Running green, Stopping orange, Stopped grey. */
    public static Label forInstanceStatus(InstanceStatus status) {
        Label tag = tag(label(status), styleClass(status));
        tag.setUserData(status);
        return tag;
    }

    public static String label(InstanceStatus status) {
        return status.name();
    }

    public static String styleClass(InstanceStatus status) {
        return switch (status) {
            case Pending, Starting -> "status-info";
            case Running -> "status-success";
            case Stopping -> "status-warning";
            case Stopped -> "status-neutral";
        };
    }

    /** A pill with any text: "Enabled" / "Disabled" of a setting, "Key not found" … */
    public static Label tag(String text, String styleClass) {
        Label tag = new Label(text);
        tag.getStyleClass().addAll("status-tag", styleClass);
        tag.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE); // a pill is never cut short
        return tag;
    }

    public static String label(KeyState state) {
        return switch (state) {
            case Enabled -> "Enabled";
            case Disabled -> "Disabled";
            case PendingDeletion -> "Pending Deletion";
            case PendingImport -> "Pending Import";
        };
    }

    public static String styleClass(KeyState state) {
        return switch (state) {
            case Enabled -> "status-success";
            case Disabled -> "status-neutral";
            case PendingDeletion -> "status-danger";
            case PendingImport -> "status-info";
        };
    }

    public static String label(DiskStatus status) {
        return switch (status) {
            case Creating -> "Creating";
            case Available -> "Available";
            case Attaching -> "Attaching";
            case In_use -> "In Use";
            case Detaching -> "Detaching";
            case ReIniting -> "Re-initializing";
        };
    }

    public static String styleClass(DiskStatus status) {
        return switch (status) {
            case Available -> "status-success";
            case In_use -> "status-warning";
            default -> "status-info";
        };
    }
}
