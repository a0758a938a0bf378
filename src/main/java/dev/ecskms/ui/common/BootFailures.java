package dev.ecskms.ui.common;

import dev.ecskms.sim.ecs.BootFailure;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.util.Duration;

/** How the console shows why an instance's last start could not read a disk ({@link BootFailure}). */
public final class BootFailures {
    /** KMS key ids are UUIDs; KMS names the key in its refusals ("Key 1234abcd-…: The key is disabled …"). */
    private static final Pattern KEY_ID = Pattern.compile(
            "\\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\b");

    private BootFailures() {
    }

    /** The KMS key the failure names, if any (the first key id in its message). */
    public static Optional<String> keyId(BootFailure failure) {
        if (failure == null || failure.message() == null) {
            return Optional.empty();
        }
        Matcher m = KEY_ID.matcher(failure.message());
        return m.find() ? Optional.of(m.group()) : Optional.empty();
    }

    /** "The last start could not read a disk (code): message". */
    public static String describe(BootFailure failure) {
        return "The last start could not read a disk (" + failure.code() + "): " + failure.message();
    }

    /** The orange "Boot failed" pill shown next to the instance's status; the tooltip gives the code and message. */
    public static Label tag(BootFailure failure) {
        Label tag = StatusTag.tag("Boot failed", "status-warning");
        tag.getStyleClass().add("boot-failure-tag");
        tag.setGraphic(Icons.icon(org.kordamp.ikonli.antdesignicons.AntDesignIconsOutlined.WARNING));
        tag.setUserData(failure);
        Tooltip tip = new Tooltip(failure.code() + "\n" + failure.message() + "\n" + Formats.dateTime(failure.time()));
        tip.setWrapText(true);
        tip.setMaxWidth(420);
        tip.setShowDelay(Duration.millis(200));
        tag.setTooltip(tip);
        return tag;
    }
}
