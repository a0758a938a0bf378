package dev.ecskms.ui.vnc;

import dev.ecskms.sim.common.CallContext;
import dev.ecskms.sim.common.ChangeFeed;
import dev.ecskms.sim.ecs.BootFailure;
import dev.ecskms.sim.ecs.InstanceConsole;
import dev.ecskms.ui.common.ConsoleSession;
import dev.ecskms.ui.common.Errors;
import dev.ecskms.ui.common.LiveReload;
import dev.ecskms.ui.common.PageLoader;
import java.util.EnumSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.util.Duration;

/**
 * Connects to an instance's console and keeps the picture live. A frame clock (ten times a second) asks the
 * console's single worker whether the framebuffer changed and, if so, to copy it; the FX thread only paints the
 * copy. The status line and the boot failure come from ECS (database reads), so they are read in the background
 * when they can have changed: on connecting, when the picture changed (the guest moved on) and when the change
 * feed reports a change of the instances. Keys go to the console in the order they were typed, on the same worker
 * that reads the pixels, so a repaint never overtakes the key that caused it.
 */
final class RemoteConsoleController {
    static final Duration FRAME = Duration.millis(100);

    /** A copied frame: ARGB pixels, fully opaque, row by row. */
    record Frame(int width, int height, int[] pixels, long version) {
    }

    interface FrameSink {
        void paint(Frame frame);
    }

    /** What the status line and the boot-failure line show. */
    record Status(String text, BootFailure bootFailure) {
    }

    private final ConsoleSession session;
    private final String instanceId;
    private final RemoteConsoleModel model;
    private final FrameSink sink;
    private final Timeline frameClock;
    private final ExecutorService worker;
    private final PageLoader<Status> status;
    private volatile InstanceConsole console;
    private LiveReload statusReload;
    private long paintedVersion = Long.MIN_VALUE;
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
        this.frameClock = new Timeline(new KeyFrame(FRAME, event -> nextFrame()));
        frameClock.setCycleCount(Animation.INDEFINITE);
        this.status = new PageLoader<>(session.tasks(), () -> {
            InstanceConsole live = console;
            CallContext ctx = session.context();
            return () -> new Status(live.status(),
                    session.services().instances().describeInstance(ctx, instanceId).bootFailure());
        }, this::showStatus, "The console stopped answering", model::setError);
    }

    /** Asks ECS for the live console (a service call, so in the background), then keeps the picture live. */
    void connect() {
        session.tasks().run(() -> session.services().instances().connect(session.context(), instanceId), live -> {
            if (closed) {
                return;
            }
            console = live;
            model.setConnected(true);
            statusReload = status.reloadOn(session.services().changes(), EnumSet.of(ChangeFeed.Topic.INSTANCES));
            status.load();
            nextFrame();
            frameClock.play();
        }, failure -> {
            model.setStatus("Not connected");
            model.setError("Cannot connect to " + instanceId + ": " + Errors.describe(failure));
        });
    }

    private void showStatus(Status loaded) {
        if (!closed) {
            model.setStatus(loaded.text());
            model.setBootFailure(loaded.bootFailure());
        }
    }

    /** Copies the framebuffer on the worker when it changed since the last painted frame; FX thread. */
    private void nextFrame() {
        InstanceConsole live = console;
        if (live == null || closed || fetching) {
            return;
        }
        fetching = true;
        long painted = paintedVersion;
        submit(() -> {
            long version = live.version();
            if (version == painted) {
                Platform.runLater(() -> fetching = false);
                return;
            }
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
                    status.load(); // a new picture: the guest may have moved on (login, shell, hung)
                }
            });
        }, () -> fetching = false);
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
        frameClock.stop();
        if (statusReload != null) {
            statusReload.close();
        }
        worker.shutdownNow();
        console = null;
    }
}
