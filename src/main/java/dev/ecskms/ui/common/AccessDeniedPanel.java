package dev.ecskms.ui.common;

import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.antdesignicons.AntDesignIconsOutlined;

/**
 * What a list shows in place of its table when the identity acted as may not list it, as the real console does:
 * a lock, "Access denied", the missing action with its resource, why, and whom to ask.
 */
public final class AccessDeniedPanel extends VBox {
    private final Label text = new Label();

    public AccessDeniedPanel() {
        setId("accessDeniedPanel");
        getStyleClass().add("access-denied-panel");
        setAlignment(Pos.CENTER);
        setSpacing(10);
        Label lock = new Label(null, Icons.icon(AntDesignIconsOutlined.LOCK));
        lock.getStyleClass().add("access-denied-icon");
        Label title = new Label("Access denied");
        title.getStyleClass().add("access-denied-title");
        text.setId("accessDeniedText");
        text.getStyleClass().add("access-denied-text");
        text.setWrapText(true);
        text.setMaxWidth(640);
        text.setMinHeight(Region.USE_PREF_SIZE);
        getChildren().addAll(lock, title, text);
    }

    /** Shows a refusal's text ({@link Errors#describe} or {@link Errors#refusedLoad}). */
    public void show(String refusal) {
        text.setText(refusal);
    }

    public String text() {
        return text.getText();
    }
}
