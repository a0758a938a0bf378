package dev.ecskms.ui.common;

import javafx.scene.input.MouseEvent;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * Keyboard focus between the console's windows where no window manager moves it (a bare X server such as Xvfb,
 * some kiosk set-ups). There, closing the remote console window leaves no window focused: X then gives the
 * keyboard to whatever lies under the pointer, so moving onto a drop-down's list takes the focus from the main
 * window, the list hides as its owner lost the focus, and the click lands on the page behind it. With a window
 * manager both methods change nothing: the window a user clicks is already focused.
 */
public final class WindowFocus {
    private WindowFocus() {
    }

    /** A press in the window focuses it first, as a window manager's click-to-focus does. */
    public static void clickToFocus(Stage stage) {
        stage.addEventFilter(MouseEvent.MOUSE_PRESSED, event -> {
            if (!stage.isFocused()) {
                stage.requestFocus();
            }
        });
    }

    /** Hands the focus back to {@code owner} when {@code closing} closes, unless another window took it. */
    public static void returnOnClose(Stage closing, Window owner) {
        closing.addEventHandler(javafx.stage.WindowEvent.WINDOW_HIDDEN, event -> {
            if (owner instanceof Stage stage && stage.isShowing() && Window.getWindows().stream()
                    .noneMatch(w -> w != closing && w.isFocused())) {
                stage.requestFocus();
            }
        });
    }
}
