package dev.ecskms.ui.common;

import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;

/**
 * The layer above the window's content where dialogs appear, dimming what is behind, as the web console's modal
 * dialogs do. Keeping dialogs inside the main window (rather than in their own stages) keeps them where the user
 * acted and visible in screenshots.
 */
public final class ModalHost extends StackPane {

    public ModalHost() {
        getStyleClass().add("modal-host");
        setVisible(false);
        setPickOnBounds(true);
        setAlignment(Pos.CENTER);
    }

    public void show(ConsoleDialog dialog) {
        StackPane backdrop = new StackPane(dialog);
        backdrop.getStyleClass().add("modal-backdrop");
        backdrop.setAlignment(Pos.CENTER);
        dialog.setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
        getChildren().add(backdrop);
        setVisible(true);
        dialog.onShown();
    }

    public void close(ConsoleDialog dialog) {
        getChildren().removeIf(child -> child instanceof StackPane backdrop && backdrop.getChildren().contains(dialog));
        setVisible(!getChildren().isEmpty());
    }

    public boolean isShowing(Node dialog) {
        return getChildren().stream()
                .anyMatch(child -> child instanceof StackPane backdrop && backdrop.getChildren().contains(dialog));
    }
}
