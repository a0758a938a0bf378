package dev.ecskms.ui.common;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.concurrent.Task;

/**
 * Runs service calls off the FX thread and hands their outcome back to it. Service calls touch the database and the
 * HSM, so a slow one must never freeze the window; the FX thread only renders results.
 */
public final class BackgroundTasks implements AutoCloseable {
    private final AtomicInteger threadNumber = new AtomicInteger();
    private final ExecutorService executor = Executors.newFixedThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "console-task-" + threadNumber.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    });
    private final ReadOnlyIntegerWrapper running = new ReadOnlyIntegerWrapper(this, "running", 0);

    /**
     * Runs {@code work} in the background; exactly one of the callbacks then runs on the FX thread. May be called
     * from any thread.
     */
    public <T> void run(Callable<T> work, Consumer<? super T> onSuccess, Consumer<Throwable> onError) {
        if (!Platform.isFxApplicationThread()) {
            Platform.runLater(() -> run(work, onSuccess, onError));
            return;
        }
        if (executor.isShutdown()) {
            return; // the window closed; a late timer (a status poll) has nothing left to update
        }
        Task<T> task = new Task<>() {
            @Override
            protected T call() throws Exception {
                return work.call();
            }
        };
        task.setOnSucceeded(event -> {
            running.set(running.get() - 1);
            onSuccess.accept(task.getValue());
        });
        task.setOnFailed(event -> {
            running.set(running.get() - 1);
            onError.accept(task.getException());
        });
        running.set(running.get() + 1);
        executor.execute(task);
    }

    /** Convenience for calls that return nothing. */
    public void runVoid(Runnable work, Runnable onSuccess, Consumer<Throwable> onError) {
        run(() -> {
            work.run();
            return Boolean.TRUE;
        }, ignored -> onSuccess.run(), onError);
    }

    /** How many tasks are in flight; the status bar shows a spinner while it is above zero. FX thread only. */
    public ReadOnlyIntegerProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
