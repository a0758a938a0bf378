package dev.ecskms.ui;

import javafx.application.Application;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;

/** The JavaFX entry point. The composition root hands the services over through {@link #launchWith}. */
public class ConsoleApplication extends Application {
    private static volatile ConsoleServices launchServices;
    private MainWindow window;

    /** Starts the JavaFX runtime with the console window; returns when the window is closed. */
    public static void launchWith(ConsoleServices services) {
        launchServices = services;
        Application.launch(ConsoleApplication.class);
    }

    /** Builds and shows the console on a given stage, e.g. a TestFX stage; returns the window's root. */
    public static Parent createMainView(ConsoleServices services, Stage stage) {
        return MainWindow.open(services, stage).root();
    }

    @Override
    public void start(Stage stage) {
        if (launchServices == null) {
            throw new IllegalStateException("Start the console through ConsoleApplication.launchWith(services)");
        }
        window = MainWindow.open(launchServices, stage);
        if (StartupProbe.enabled()) {
            Scene scene = stage.getScene();
            StartupProbe.atFirstFrame(scene, "first-frame");
            StartupProbe.atPulseWhen(scene, this::idle, () -> {
                StartupProbe.log("console-ready");
                StartupProbe.switchPages(scene, window::showPage, this::idle);
            });
        }
    }

    /** No service call in flight: the page shown has its rows. */
    private boolean idle() {
        return window.session().tasks().runningProperty().get() == 0;
    }

    @Override
    public void stop() {
        if (window != null) {
            window.close();
        }
    }
}
