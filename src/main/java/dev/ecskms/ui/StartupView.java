package dev.ecskms.ui;

import java.net.URL;
import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.image.Image;
import javafx.scene.layout.VBox;
import javafx.stage.Screen;
import javafx.stage.Stage;

/**
 * What the window shows while the data dir opens: a progress indication, or why it could not be opened. Plain
 * JavaFX (no theme, no icon font, no page), so the first frame costs no more than a bare window's.
 */
final class StartupView {
    static final String TITLE = "ECS / KMS Console (simulator)";

    private final Stage stage;
    private final VBox box;
    private final ProgressIndicator progress = new ProgressIndicator();
    private final Label status;

    private StartupView(Stage stage, String text) {
        this.stage = stage;
        Label title = new Label(TITLE);
        title.setStyle("-fx-font-size: 20px; -fx-font-weight: bold;");
        progress.setId("startupProgress");
        progress.setPrefSize(36, 36);
        status = new Label(text);
        status.setId("startupStatus");
        status.setWrapText(true);
        status.setMaxWidth(720);
        box = new VBox(16, title, progress, status);
        box.setId("startupView");
        box.setAlignment(Pos.CENTER);
        box.setStyle("-fx-background-color: white; -fx-padding: 32;");
    }

    /**
     * Shows the progress screen on {@code stage}, sized as the console will be, and runs {@code afterFirstFrame} once
     * on the FX thread after the pulse that drew it.
     */
    static StartupView show(Stage stage, String text, Runnable afterFirstFrame) {
        StartupView view = new StartupView(stage, text);
        // As large as a common laptop screen, but never larger than this screen.
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        Scene scene = new Scene(view.box, Math.min(1366, screen.getWidth()), Math.min(768, screen.getHeight()));
        Runnable[] once = new Runnable[1];
        once[0] = () -> {
            if (once[0] != null && stage.isShowing()) {
                Runnable self = once[0];
                once[0] = null;
                // after this pulse has handed its frame to the renderer, and not while the scene walks its listeners
                Platform.runLater(() -> {
                    scene.removePostLayoutPulseListener(self);
                    afterFirstFrame.run();
                });
            }
        };
        scene.addPostLayoutPulseListener(once[0]);
        stage.setScene(scene);
        stage.setTitle(TITLE);
        addIcons(stage);
        stage.show();
        return view;
    }

    /** The window's icon in the sizes window managers and task bars pick from (assets/icons, made from its SVG). */
    private static void addIcons(Stage stage) {
        for (int size : new int[] {16, 24, 32, 48, 64, 128, 256}) {
            URL icon = StartupView.class.getResource("/assets/icons/ecs-kms-console-" + size + ".png");
            if (icon != null) {
                stage.getIcons().add(new Image(icon.toExternalForm()));
            }
        }
    }

    /** The data dir could not be opened: says why, in place of the progress, until the user closes the window. */
    void failed(String message) {
        progress.setVisible(false);
        progress.setManaged(false);
        Label heading = new Label("The console could not open its data dir");
        heading.setId("startupFailed");
        heading.setStyle("-fx-font-size: 15px; -fx-font-weight: bold; -fx-text-fill: #c80000;");
        status.setText(message);
        Button close = new Button("Close");
        close.setId("startupClose");
        close.setDefaultButton(true);
        close.setOnAction(event -> stage.close());
        box.getChildren().add(box.getChildren().indexOf(status), heading);
        box.getChildren().add(close);
    }
}
