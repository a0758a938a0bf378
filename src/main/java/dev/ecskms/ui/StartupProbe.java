package dev.ecskms.ui;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.util.Duration;

/**
 * Measurement only, off unless {@code -Decskms.probe=true}: prints {@code probe <event> <epoch ms>} lines that
 * scripts/startup.sh and scripts/memory.sh read (first drawn frame, console ready, page switches). It watches
 * pulses and changes nothing the window does.
 */
public final class StartupProbe {
    private static final boolean ENABLED = Boolean.getBoolean("ecskms.probe");

    private StartupProbe() {
    }

    public static boolean enabled() {
        return ENABLED;
    }

    public static void log(String event) {
        System.out.println("probe " + event + " " + System.currentTimeMillis());
        System.out.flush();
    }

    /**
     * Runs {@code then} once, in the first pulse of {@code scene} after its layout where {@code condition} holds: the
     * scene graph it lays out is what that pulse hands to the renderer.
     */
    public static void atPulseWhen(Scene scene, BooleanSupplier condition, Runnable then) {
        Runnable[] listener = new Runnable[1];
        listener[0] = () -> {
            if (listener[0] != null && condition.getAsBoolean()) {
                Runnable self = listener[0];
                listener[0] = null;
                Platform.runLater(() -> scene.removePostLayoutPulseListener(self)); // not while the scene iterates
                then.run();
            }
        };
        scene.addPostLayoutPulseListener(listener[0]);
        Platform.requestNextPulse();
    }

    /** Logs {@code event} at the first pulse that lays out {@code scene} in a showing window. */
    public static void atFirstFrame(Scene scene, String event) {
        atPulseWhen(scene, () -> scene.getWindow() != null && scene.getWindow().isShowing(), () -> log(event));
    }

    /**
     * Switches through the pages named by {@code -Decskms.probe.pages} (navigation ids, e.g.
     * navInstances,navDisks,navKeys), one a second, and logs {@code probe switch <id> <ms>}: from the switch to the
     * pulse that lays out the page with its rows, i.e. when no background load is left. Ends with pages-done.
     */
    public static void switchPages(Scene scene, Consumer<String> showPage, BooleanSupplier idle) {
        String spec = System.getProperty("ecskms.probe.pages", "");
        Deque<String> ids = new ArrayDeque<>(Arrays.stream(spec.split(",")).map(String::strip)
                .filter(id -> !id.isEmpty()).toList());
        nextSwitch(scene, showPage, idle, ids);
    }

    private static void nextSwitch(Scene scene, Consumer<String> showPage, BooleanSupplier idle, Deque<String> ids) {
        if (ids.isEmpty()) {
            log("pages-done");
            return;
        }
        String id = ids.poll();
        PauseTransition settle = new PauseTransition(Duration.seconds(1));
        settle.setOnFinished(event -> {
            long start = System.nanoTime();
            showPage.accept(id);
            atPulseWhen(scene, idle, () -> {
                System.out.printf("probe switch %s %.1f%n", id, (System.nanoTime() - start) / 1e6);
                System.out.flush();
                nextSwitch(scene, showPage, idle, ids);
            });
        });
        settle.play();
    }
}
