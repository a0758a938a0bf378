package dev.ecskms.ui.common;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.value.ObservableStringValue;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import org.kordamp.ikonli.antdesignicons.AntDesignIconsOutlined;

/**
 * A red banner at the top of a page for failures of actions that have no dialog of their own. A RAM user's refusal
 * shows as an access-denied notice (lock icon, the missing action, whom to ask) rather than as a plain error.
 */
public final class ErrorBanner extends HBox {
    private final ObservableStringValue message;
    private final BooleanProperty shownElsewhere = new SimpleBooleanProperty(this, "shownElsewhere", false);

    public ErrorBanner(String id, ObservableStringValue message, Runnable onDismiss) {
        this.message = message;
        setId(id);
        getStyleClass().add("error-banner");
        setAlignment(Pos.TOP_LEFT);
        setSpacing(8);
        Label text = new Label();
        text.setId(id + "Text");
        text.setWrapText(true);
        text.setMaxWidth(Double.MAX_VALUE);
        text.textProperty().bind(message);
        text.setGraphic(Icons.icon(AntDesignIconsOutlined.CLOSE_CIRCLE));
        HBox.setHgrow(text, Priority.ALWAYS);
        Button dismiss = new Button(null, Icons.icon(AntDesignIconsOutlined.CLOSE));
        dismiss.getStyleClass().addAll("flat", "button-icon", "banner-close");
        dismiss.setOnAction(event -> onDismiss.run());
        getChildren().addAll(text, dismiss);
        visibleProperty().bind(text.textProperty().isNotEmpty().and(shownElsewhere.not()));
        managedProperty().bind(visibleProperty());
        text.textProperty().addListener((obs, old, now) -> {
            boolean denied = Errors.isAccessDenied(now);
            getStyleClass().remove("access-denied");
            if (denied) {
                getStyleClass().add("access-denied");
            }
            text.setGraphic(Icons.icon(denied ? AntDesignIconsOutlined.LOCK : AntDesignIconsOutlined.CLOSE_CIRCLE));
        });
    }

    /** The text shown (null or empty when none). */
    public ObservableStringValue message() {
        return message;
    }

    /** True while the page shows the message in its own place (a refused list's access-denied panel). */
    public BooleanProperty shownElsewhereProperty() {
        return shownElsewhere;
    }
}
