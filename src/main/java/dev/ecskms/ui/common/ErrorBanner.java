package dev.ecskms.ui.common;

import javafx.beans.value.ObservableStringValue;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import org.kordamp.ikonli.antdesignicons.AntDesignIconsOutlined;

/** A red banner at the top of a page for failures of actions that have no dialog of their own. */
public final class ErrorBanner extends HBox {

    public ErrorBanner(String id, ObservableStringValue message, Runnable onDismiss) {
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
        visibleProperty().bind(text.textProperty().isNotEmpty());
        managedProperty().bind(visibleProperty());
    }
}
