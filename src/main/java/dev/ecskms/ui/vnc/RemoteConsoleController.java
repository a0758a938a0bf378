package dev.ecskms.ui.vnc;

import dev.ecskms.sim.ecs.InstanceConsole;
import dev.ecskms.ui.common.ConsoleSession;
import dev.ecskms.ui.common.Errors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.util.Duration;

/**
 * Connects to an instance's console and keeps the picture live: ten times a second it reads the console's version
 * on the FX thread and, when it changed, copies the framebuffer off the FX thread and hands it to the view.
 * Keys go to the console in the order they were typed, on the same single worker that reads the pixels, so a
 * repaint never overtakes the key that caused it.
 */
final class RemoteConsoleController {
    static final Duration POLL = Duration.millis(100);

    /** A copied frame: ARGB pixels, fully opaque, row by row. */
    record Frame(int width, int height, int[] pixels, long version) {
    }

    interface FrameSink {
        void paint(Frame frame);
    }

    private final ConsoleSession session;
    private final String instanceId;
    private final RemoteConsoleModel model;
    private final FrameSink sink;
    private final Timeline ticker;
    private final ExecutorService worker;
    private volatile InstanceConsole console;
    private long paintedVersion = Long.MIN_VALUE;
    private String shownStatus;
    private boolean fetching;
    private boolean closed;

    RemoteConsoleController(ConsoleSession session, String instanceId, RemoteConsoleModel model, FrameSink sink) {
        this.session = session;
        this.instanceId = instanceId;
        this.model = model;
        this.sink = sink;
        this.worker = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "remote-console-" + instanceId);
            thread.setDaemon(true);
            return thread;
        });
        this.ticker = new Timeline(new KeyFrame(POLL, event -> tick()));
        ticker.setCycleCount(Animation.INDEFINITE);
    }

    /** Asks ECS for the live console (a service call, so in the background), then starts polling it. */
    void connect() {
        session.tasks().run(() -> session.services().instances().connect(session.context(), instanceId), live -> {
            if (closed) {
                return;
            }
            console = live;
            model.setConnected(true);
            tick();
            ticker.play();
        }, failure -> {
            model.setStatus("Not connected");
            model.setError("Cannot connect to " + instanceId + ": " + Errors.describe(failure));
        });
    }

    private void tick() {
        InstanceConsole live = console;
        if (live == null || closed) {
            return;
        }
        long version;
        try {
            version = live.version();
            String status = live.status();
            model.setStatus(status);
            if (!status.equals(shownStatus)) {
                shownStatus = status;
                loadBootFailure(); // a start just ended, or the guest changed state: is there a reason to show?
            }
        } catch (RuntimeException e) {
            model.setError("The console stopped answering: " + Errors.describe(e));
            return;
        }
        if (version == paintedVersion || fetching) {
            return;
        }
        fetching = true;
        submit(() -> {
            int width = live.width();
            int height = live.height();
            int[] pixels = live.pixels();
            for (int i = 0; i < pixels.length; i++) {
                pixels[i] |= 0xFF000000; // the framebuffer's colour, always opaque on screen
            }
            Frame frame = new Frame(width, height, pixels, version);
            Platform.runLater(() -> {
                fetching = false;
                if (!closed) {
                    paintedVersion = frame.version();
                    sink.paint(frame);
                }
            });
        }, () -> fetching = false);
    }

    /** The instance's recorded boot failure, read in the background (a service call). */
    private void loadBootFailure() {
        session.tasks().run(() -> session.services().instances().describeInstance(session.context(), instanceId)
                .bootFailure(), failure -> {
                    if (!closed) {
                        model.setBootFailure(failure);
                    }
                }, ignored -> {
                    // the instance may be gone; the status line says so
                });
    }

    void type(String text) {
        submit(() -> console.type(text), null);
    }

    void pressEnter() {
        submit(() -> console.pressEnter(), null);
    }

    void pressBackspace() {
        submit(() -> console.pressBackspace(), null);
    }

    void pressUp() {
        submit(() -> console.pressUp(), null);
    }

    void pressDown() {
        submit(() -> console.pressDown(), null);
    }

    void ctrlAltDel() {
        submit(() -> console.ctrlAltDel(), null);
    }

    boolean connected() {
        return console != null;
    }

    /** Runs console work in order on the worker; failures show in the window's error line. */
    private void submit(Runnable work, Runnable onFailure) {
        if (console == null || closed) {
            return;
        }
        try {
            worker.execute(() -> {
                try {
                    work.run();
                } catch (RuntimeException e) {
                    Platform.runLater(() -> {
                        if (onFailure != null) {
                            onFailure.run();
                        }
                        model.setError(Errors.describe(e));
                    });
                }
            });
        } catch (RejectedExecutionException closedAlready) {
            // the window is closing
        }
    }

    void close() {
        closed = true;
        ticker.stop();
        worker.shutdownNow();
        console = null;
    }
}
