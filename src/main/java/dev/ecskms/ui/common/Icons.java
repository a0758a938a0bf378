package dev.ecskms.ui.common;

import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;

public final class Icons {
    private Icons() {
    }

    public static FontIcon icon(Ikon ikon) {
        FontIcon icon = new FontIcon(ikon);
        icon.getStyleClass().add("console-icon");
        return icon;
    }
}
