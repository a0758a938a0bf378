package dev.ecskms.ui.common;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;

/**
 * The task runner of controller tests (after JabRef's {@code CurrentThreadTaskExecutor}): the test's thread is the
 * "UI thread", and work and its callback run on it at once, so a controller's load has filled its model when the
 * call returns — no window, no waiting. What another thread hands to the UI thread (a change-feed reload) waits in
 * a queue until the test takes it with {@link #awaitUiWork}, so models are only ever touched by the test's thread.
 */
public final class DirectTaskRunner implements TaskRunner {
    private final Thread uiThread = Thread.currentThread();
    private final BlockingQueue<Runnable> fromOtherThreads = new LinkedBlockingQueue<>();
    private final ReadOnlyIntegerWrapper running = new ReadOnlyIntegerWrapper(this, "running", 0);
    private int started;

    @Override
    public <T> void run(Callable<T> work, Consumer<? super T> onSuccess, Consumer<Throwable> onError) {
        if (Thread.currentThread() != uiThread) {
            fromOtherThreads.add(() -> run(work, onSuccess, onError));
            return;
        }
        started++;
        running.set(running.get() + 1);
        T result;
        try {
            result = work.call();
        } catch (Exception e) {
            running.set(running.get() - 1);
            onError.accept(e);
            return;
        }
        running.set(running.get() - 1);
        onSuccess.accept(result);
    }

    @Override
    public void onUiThread(Runnable action) {
        if (Thread.currentThread() == uiThread) {
            action.run();
        } else {
            fromOtherThreads.add(action);
        }
    }

    @Override
    public ReadOnlyIntegerProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** How many tasks were run so far, e.g. to see that a reload read the services again. */
    public int started() {
        return started;
    }

    /**
     * Waits until another thread (the change feed's) hands work to the UI thread, then runs it and whatever else
     * is queued on the test's thread. Fails when nothing arrives within {@code timeout}.
     */
    public void awaitUiWork(Duration timeout) throws InterruptedException {
        Runnable first = fromOtherThreads.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (first == null) {
            throw new AssertionError("nothing was handed to the UI thread within " + timeout);
        }
        first.run();
        for (Runnable next = fromOtherThreads.poll(); next != null; next = fromOtherThreads.poll()) {
            next.run();
        }
    }

    /** True when no work from other threads waits for the UI thread. */
    public boolean idle() {
        return fromOtherThreads.isEmpty();
    }
}
