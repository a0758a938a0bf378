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
 * The app's {@link TaskRunner}: two daemon workers for the service calls, outcomes delivered on the FX thread.
 * Only the main window creates one (and closes it with the window); everything else sees a {@link TaskRunner}.
 */
public final class FxTaskRunner implements TaskRunner, AutoCloseable {
    private final AtomicInteger threadNumber = new AtomicInteger();
    private final ExecutorService executor = Executors.newFixedThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "console-task-" + threadNumber.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    });
    private final ReadOnlyIntegerWrapper running = new ReadOnlyIntegerWrapper(this, "running", 0);

    @Override
    public <T> void run(Callable<T> work, Consumer<? super T> onSuccess, Consumer<Throwable> onError) {
        if (!Platform.isFxApplicationThread()) {
            Platform.runLater(() -> run(work, onSuccess, onError));
            return;
        }
        if (executor.isShutdown()) {
            return; // the window closed; a late reload from the change feed has nothing left to update
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

    @Override
    public void onUiThread(Runnable action) {
        if (Platform.isFxApplicationThread()) {
            action.run();
        } else {
            Platform.runLater(action);
        }
    }

    @Override
    public ReadOnlyIntegerProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
