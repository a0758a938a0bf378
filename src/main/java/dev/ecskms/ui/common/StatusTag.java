package dev.ecskms.ui.common;

import dev.ecskms.sim.kms.KeyState;
import javafx.scene.control.Label;

/** The coloured pill that shows a resource's state, e.g. a key's Enabled / Disabled / PendingDeletion. */
public final class StatusTag {
    private StatusTag() {
    }

    public static Label forKeyState(KeyState state) {
        Label tag = new Label(label(state));
        tag.getStyleClass().addAll("status-tag", styleClass(state));
        tag.setUserData(state);
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
}
