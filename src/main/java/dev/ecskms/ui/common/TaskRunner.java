package dev.ecskms.ui.common;

import java.util.concurrent.Callable;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyIntegerProperty;

/**
 * Runs service calls away from the UI thread and hands their outcome back to it. Service calls touch the database
 * and the HSM, so a slow one must never freeze the window; the UI thread only renders results. The app runs
 * {@link FxTaskRunner}; controller tests run a direct one that does everything on the test's thread, so they need
 * neither a window nor waiting.
 */
public interface TaskRunner {

    /**
     * Runs {@code work} in the background; exactly one of the callbacks then runs on the UI thread. May be called
     * from any thread.
     */
    <T> void run(Callable<T> work, Consumer<? super T> onSuccess, Consumer<Throwable> onError);

    /** Convenience for calls that return nothing. */
    default void runVoid(Runnable work, Runnable onSuccess, Consumer<Throwable> onError) {
        run(() -> {
            work.run();
            return Boolean.TRUE;
        }, ignored -> onSuccess.run(), onError);
    }

    /** Runs {@code action} on the UI thread: now when called there, else as soon as the UI thread is free. */
    void onUiThread(Runnable action);

    /** How many tasks are in flight; the status bar shows a spinner while it is above zero. UI thread only. */
    ReadOnlyIntegerProperty runningProperty();
}
