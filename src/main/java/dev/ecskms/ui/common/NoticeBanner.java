package dev.ecskms.ui.common;

import javafx.animation.PauseTransition;
import javafx.beans.value.ObservableStringValue;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.util.Duration;
import org.kordamp.ikonli.antdesignicons.AntDesignIconsOutlined;

/**
 * A blue banner at the top of a page saying that an action succeeded ("Instance i-… was created"). Like the web
 * console's toast it goes away by itself a few seconds after it appeared; a new message shows for as long again.
 * Errors stay until dismissed or until the next action of the page succeeds ({@link ErrorBanner}).
 */
public final class NoticeBanner extends HBox {
    /** How long a success message stays: long enough to read two lines, short enough not to become stale. */
    public static final Duration SHOW_FOR = Duration.seconds(6);

    private final PauseTransition expiry;

    /** @param onDismiss clears the message: called by the close button and when {@code showFor} has passed */
    public NoticeBanner(String id, ObservableStringValue message, Runnable onDismiss, Duration showFor) {
        setId(id);
        getStyleClass().add("notice-banner");
        setAlignment(Pos.CENTER_LEFT);
        setSpacing(8);
        Label text = new Label(null, Icons.icon(AntDesignIconsOutlined.CHECK_CIRCLE));
        text.setId(id + "Text");
        text.setWrapText(true);
        text.setMaxWidth(Double.MAX_VALUE);
        text.textProperty().bind(message);
        HBox.setHgrow(text, Priority.ALWAYS);
        Button dismiss = new Button(null, Icons.icon(AntDesignIconsOutlined.CLOSE));
        dismiss.getStyleClass().addAll("flat", "button-icon", "banner-close");
        dismiss.setOnAction(event -> onDismiss.run());
        getChildren().addAll(text, dismiss);
        visibleProperty().bind(text.textProperty().isNotEmpty());
        managedProperty().bind(visibleProperty());

        expiry = new PauseTransition(showFor);
        expiry.setOnFinished(event -> onDismiss.run());
        text.textProperty().addListener((obs, old, now) -> {
            expiry.stop();
            if (now != null && !now.isEmpty()) {
                expiry.playFromStart();
            }
        });
    }
}
