package dev.ecskms.ui;

import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * The JavaFX entry point. The window shows first, with a light progress screen, and the services open behind it:
 * opening the data dir (database, HSM) and starting the endpoint take seconds that the user should not face an
 * empty desktop for. The composition root hands over how to open them through {@link #launchWith}.
 */
public class ConsoleApplication extends Application {
    private static volatile Opening launchOpening;
    private static volatile Throwable openFailure;
    private static volatile Thread openingThread;
    private MainWindow window;
    private StartupView startup;

    /**
     * How the composition root opens the services, off the FX thread.
     *
     * @param what    shown while it runs, e.g. the data dir's path
     * @param services opens them; a failure (the data dir in use, an HSM that does not belong to the database) is
     *                 shown in the window and returned by {@link #launchWith}
     * @param welcome  once the services are open, what the first-run welcome tells (null: no welcome)
     */
    public record Opening(String what, Callable<ConsoleServices> services,
            Supplier<dev.ecskms.ui.welcome.WelcomeFacts> welcome) {
        public Opening {
            Objects.requireNonNull(what);
            Objects.requireNonNull(services);
        }

        /** Without the first-run welcome. */
        public Opening(String what, Callable<ConsoleServices> services) {
            this(what, services, null);
        }
    }

    /**
     * Shows the window at once and opens the services behind it; returns when the window is closed, with the failure
     * to open them if there was one (the window showed it), else null. An opening still under way is waited for, so
     * that whoever closes the services finds them opened.
     */
    public static Throwable launchWith(Opening opening) {
        launchOpening = opening;
        Application.launch(ConsoleApplication.class);
        Thread opener = openingThread;
        if (opener != null) {
            try {
                opener.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return openFailure;
    }

    /** Builds and shows the console on a given stage, e.g. a TestFX stage; returns the window's root. */
    public static Parent createMainView(ConsoleServices services, Stage stage) {
        return MainWindow.open(services, stage).root();
    }

    @Override
    public void start(Stage stage) {
        Opening opening = launchOpening;
        if (opening == null) {
            throw new IllegalStateException("Start the console through ConsoleApplication.launchWith(...)");
        }
        // The first frame goes out before the opening competes with it for the processor.
        startup = StartupView.show(stage, "Opening " + opening.what() + " \u2026", () -> {
            Thread opener = new Thread(() -> open(stage, opening), "console-open");
            openingThread = opener;
            opener.start();
        });
        if (StartupProbe.enabled()) {
            StartupProbe.atFirstFrame(stage.getScene(), "first-frame");
        }
    }

    private void open(Stage stage, Opening opening) {
        ConsoleServices services;
        try {
            services = opening.services().call();
        } catch (Throwable e) {
            openFailure = e;
            onFxThread(() -> startup.failed(e.getMessage() != null ? e.getMessage() : e.toString()));
            return;
        }
        onFxThread(() -> {
            if (!stage.isShowing()) {
                return; // closed while opening: launchWith's caller closes the services
            }
            window = MainWindow.open(services, stage);
            if (opening.welcome() != null) {
                window.showWelcome(opening.welcome().get());
            }
            if (StartupProbe.enabled()) {
                Scene scene = stage.getScene();
                StartupProbe.atPulseWhen(scene, this::idle, () -> {
                    StartupProbe.log("console-ready");
                    StartupProbe.switchPages(scene, window::showPage, this::idle);
                });
            }
        });
    }

    private static void onFxThread(Runnable action) {
        try {
            Platform.runLater(action);
        } catch (IllegalStateException e) {
            // the window was closed while opening and JavaFX has exited: nothing left to show
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
