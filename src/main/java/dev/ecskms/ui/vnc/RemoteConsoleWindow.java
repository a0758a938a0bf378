package dev.ecskms.ui.vnc;

import dev.ecskms.ui.MainWindow;
import dev.ecskms.ui.common.ConsoleSession;
import dev.ecskms.ui.common.Icons;
import dev.ecskms.ui.common.WindowFocus;
import java.util.Objects;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.kordamp.ikonli.antdesignicons.AntDesignIconsOutlined;

/**
 * The remote connection (VNC) window of one instance: the guest's framebuffer, scaled to fit, and its keyboard.
 * Click the picture and type: characters go to the console as typed, Enter, Backspace, Up and Down as keys. While the
 * instance does not run the picture is what the console shows — black — and a line above it says why.
 */
public final class RemoteConsoleWindow {
    private final Stage stage = new Stage();
    private final RemoteConsoleModel model = new RemoteConsoleModel();
    private final RemoteConsoleController controller;
    private final ImageView picture = new ImageView();
    private final ScreenPane screen = new ScreenPane(picture);
    private final Runnable onClosed;
    private WritableImage image;

    RemoteConsoleWindow(ConsoleSession session, String instanceId, String instanceName, Window owner,
            Runnable onClosed) {
        this.onClosed = onClosed;
        this.controller = new RemoteConsoleController(session, instanceId, model, this::paint);
        String who = instanceName == null || instanceName.isBlank() ? instanceId
                : instanceId + " (" + instanceName + ")";

        Label title = new Label("Remote Connection  ·  " + who, Icons.icon(AntDesignIconsOutlined.DESKTOP));
        title.setId("remoteTitle");
        title.getStyleClass().add("remote-title");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Button ctrlAltDel = new Button("Send Ctrl+Alt+Del", Icons.icon(AntDesignIconsOutlined.THUNDERBOLT));
        ctrlAltDel.setId("sendCtrlAltDelButton");
        ctrlAltDel.setFocusTraversable(false);
        ctrlAltDel.setOnAction(event -> {
            controller.ctrlAltDel();
            screen.requestFocus();
        });
        ctrlAltDel.disableProperty().bind(model.connectedProperty().not());
        Button close = new Button("Close", Icons.icon(AntDesignIconsOutlined.CLOSE));
        close.setId("closeRemoteButton");
        close.setFocusTraversable(false);
        close.setOnAction(event -> close());
        HBox toolbar = new HBox(10, title, spacer, ctrlAltDel, close);
        toolbar.setAlignment(Pos.CENTER_LEFT);
        toolbar.getStyleClass().add("remote-toolbar");

        Label message = new Label(null, Icons.icon(AntDesignIconsOutlined.POWEROFF));
        message.setId("remoteMessage");
        message.getStyleClass().add("remote-message");
        message.setMaxWidth(Double.MAX_VALUE);
        message.textProperty().bind(model.messageProperty());
        message.visibleProperty().bind(model.messageProperty().isNotEmpty());
        message.managedProperty().bind(message.visibleProperty());
        Label error = new Label();
        error.setId("remoteError");
        error.getStyleClass().add("remote-error");
        error.setWrapText(true);
        error.setMaxWidth(Double.MAX_VALUE);
        error.textProperty().bind(model.errorProperty());
        error.visibleProperty().bind(model.errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());

        picture.setId("remoteScreen");
        picture.setPreserveRatio(true);
        picture.setSmooth(true);
        screen.setId("remoteScreenPane");
        screen.getStyleClass().add("remote-screen");
        screen.setFocusTraversable(true);
        screen.setOnMousePressed(event -> screen.requestFocus());
        screen.addEventHandler(KeyEvent.KEY_PRESSED, this::keyPressed);
        screen.addEventHandler(KeyEvent.KEY_TYPED, this::keyTyped);
        screen.focusedProperty().addListener((obs, was, now) -> screen.pseudoClassStateChanged(
                javafx.css.PseudoClass.getPseudoClass("keyboard"), now));
        VBox.setVgrow(screen, Priority.ALWAYS);
        Label bootFailure = new Label(null, Icons.icon(AntDesignIconsOutlined.WARNING));
        bootFailure.setId("remoteBootFailure");
        bootFailure.getStyleClass().add("remote-boot-failure");
        bootFailure.setWrapText(true);
        bootFailure.setMaxWidth(Double.MAX_VALUE);
        bootFailure.setMinHeight(Region.USE_PREF_SIZE); // all of it, on as many lines as it takes
        bootFailure.textProperty().bind(model.bootFailureProperty());
        // The key KMS refused: its details page opens in the main window (Enable is there).
        Hyperlink viewKey = new Hyperlink("View key");
        viewKey.setId("remoteBootFailureKeyLink");
        viewKey.setMinWidth(Region.USE_PREF_SIZE);
        viewKey.visibleProperty().bind(model.bootFailureKeyIdProperty().isNotEmpty());
        viewKey.managedProperty().bind(viewKey.visibleProperty());
        viewKey.setOnAction(event -> {
            String keyId = model.bootFailureKeyIdProperty().get();
            if (keyId != null) {
                session.navigator().openKey(keyId);
                if (owner instanceof Stage main) {
                    main.toFront();
                }
            }
        });
        HBox.setHgrow(bootFailure, Priority.ALWAYS);
        HBox bootFailureLine = new HBox(8, bootFailure, viewKey);
        bootFailureLine.setId("remoteBootFailureLine");
        bootFailureLine.setAlignment(Pos.CENTER_LEFT);
        bootFailureLine.visibleProperty().bind(model.bootFailureProperty().isNotEmpty());
        bootFailureLine.managedProperty().bind(bootFailureLine.visibleProperty());
        bootFailure.visibleProperty().bind(model.bootFailureProperty().isNotEmpty());
        bootFailure.managedProperty().bind(bootFailure.visibleProperty());
        // Under the picture, never over it: the screen stays as black as the guest left it.
        VBox center = new VBox(message, error, screen, bootFailureLine);
        center.getStyleClass().add("remote-center");

        Label status = new Label();
        status.setId("remoteStatus");
        status.getStyleClass().add("remote-status");
        status.textProperty().bind(model.statusProperty().map(s -> "Status: " + s));
        Label hint = new Label("Click the screen to type. Enter, Backspace, Up and Down are sent as keys.",
                Icons.icon(AntDesignIconsOutlined.INFO_CIRCLE));
        hint.getStyleClass().add("remote-hint");
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox statusBar = new HBox(12, status, grow, hint);
        statusBar.setAlignment(Pos.CENTER_LEFT);
        statusBar.getStyleClass().add("remote-status-bar");

        BorderPane root = new BorderPane(center, toolbar, null, statusBar, null);
        root.setId("remoteConsoleRoot");
        root.getStyleClass().addAll("console-root", "remote-console");
        if (owner != null && owner.getScene() != null && owner.getScene().getRoot() != null) {
            root.setStyle(owner.getScene().getRoot().getStyle()); // the main window's font
        }
        Scene scene = new Scene(root, 900, 620);
        scene.getStylesheets().add(Objects.requireNonNull(MainWindow.class.getResource(MainWindow.STYLESHEET))
                .toExternalForm());
        stage.setScene(scene);
        stage.setTitle("Remote Connection - " + who);
        if (owner != null) {
            stage.setX(owner.getX() + Math.max(0, owner.getWidth() - 900 - 40));
            stage.setY(owner.getY() + 70);
        }
        stage.setOnHidden(event -> {
            controller.close();
            this.onClosed.run();
        });
        stage.setOnShown(event -> screen.requestFocus());
        WindowFocus.clickToFocus(stage);
        WindowFocus.returnOnClose(stage, owner);
    }

    void show() {
        stage.show();
        controller.connect();
    }

    void toFront() {
        stage.toFront();
        screen.requestFocus();
    }

    public void close() {
        stage.hide();
    }

    public Stage stage() {
        return stage;
    }

    /** The picture as last painted: the guest's framebuffer, pixel for pixel (null until the first frame). */
    public WritableImage image() {
        return image;
    }

    public RemoteConsoleModel model() {
        return model;
    }

    private void paint(RemoteConsoleController.Frame frame) {
        if (image == null || (int) image.getWidth() != frame.width() || (int) image.getHeight() != frame.height()) {
            image = new WritableImage(frame.width(), frame.height());
            picture.setImage(image);
            screen.requestLayout();
        }
        image.getPixelWriter().setPixels(0, 0, frame.width(), frame.height(), PixelFormat.getIntArgbInstance(),
                frame.pixels(), 0, frame.width());
    }

    private void keyPressed(KeyEvent event) {
        if (event.getCode() == KeyCode.ENTER) {
            controller.pressEnter();
            event.consume();
        } else if (event.getCode() == KeyCode.BACK_SPACE) {
            controller.pressBackspace();
            event.consume();
        } else if (event.getCode() == KeyCode.UP || event.getCode() == KeyCode.KP_UP) {
            controller.pressUp();
            event.consume();
        } else if (event.getCode() == KeyCode.DOWN || event.getCode() == KeyCode.KP_DOWN) {
            controller.pressDown();
            event.consume();
        } else if (event.getCode() == KeyCode.TAB) {
            event.consume(); // keeps the keyboard on the screen
        }
    }

    private void keyTyped(KeyEvent event) {
        String text = event.getCharacter();
        event.consume();
        if (text == null || text.isEmpty() || KeyEvent.CHAR_UNDEFINED.equals(text)
                || (event.isControlDown() && !event.isAltDown()) || event.isMetaDown()) {
            return;
        }
        char c = text.charAt(0);
        if (c < 0x20 || c == 0x7f) {
            return; // Enter, Backspace and other control characters arrive as key presses
        }
        controller.type(text);
    }

    /** Scales the picture to fit, keeping its aspect ratio, and centres it on black. */
    private static final class ScreenPane extends Region {
        private final ImageView picture;

        ScreenPane(ImageView picture) {
            this.picture = picture;
            getChildren().add(picture);
            setMinSize(0, 0);
        }

        @Override
        protected double computePrefWidth(double height) {
            return 800;
        }

        @Override
        protected double computePrefHeight(double width) {
            return 500;
        }

        @Override
        protected void layoutChildren() {
            if (picture.getImage() == null) {
                return;
            }
            double iw = picture.getImage().getWidth();
            double ih = picture.getImage().getHeight();
            double pad = 8;
            double w = Math.max(1, getWidth() - 2 * pad);
            double h = Math.max(1, getHeight() - 2 * pad);
            double scale = Math.min(w / iw, h / ih);
            double fw = iw * scale;
            double fh = ih * scale;
            picture.setFitWidth(fw);
            picture.setFitHeight(fh);
            picture.relocate((getWidth() - fw) / 2, (getHeight() - fh) / 2);
        }
    }
}
