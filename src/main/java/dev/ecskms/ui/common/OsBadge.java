package dev.ecskms.ui.common;

import java.util.Locale;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;
import org.kordamp.ikonli.antdesignicons.AntDesignIconsOutlined;

/** The small operating-system mark next to an image or instance: Alibaba Cloud Linux, Ubuntu, Windows, Linux. */
public final class OsBadge {
    private OsBadge() {
    }

    public static Label of(String osName, String osType) {
        String name = osName == null ? "" : osName.toLowerCase(Locale.ROOT);
        Label badge;
        if (name.contains("windows") || "windows".equalsIgnoreCase(osType)) {
            badge = new Label(null, Icons.icon(AntDesignIconsOutlined.WINDOWS));
            badge.getStyleClass().add("os-windows");
        } else if (name.contains("alibaba") || name.contains("aliyun")) {
            badge = new Label("A");
            badge.getStyleClass().add("os-aliyun");
        } else if (name.contains("ubuntu")) {
            badge = new Label("U");
            badge.getStyleClass().add("os-ubuntu");
        } else if (name.contains("centos")) {
            badge = new Label("C");
            badge.getStyleClass().add("os-centos");
        } else {
            badge = new Label("L");
            badge.getStyleClass().add("os-linux");
        }
        badge.getStyleClass().add("os-badge");
        badge.setMinSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
        return badge;
    }
}
