package dev.ecskms.ui.common;

import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * Runs calls of one kind (a page's load, a form's preview) on the task runner and delivers only the newest call's
 * outcome: a slow answer for the previous region, filter or form state never overwrites a newer one. The one
 * generation guard of the console; {@link PageLoader} is built on it.
 */
public final class NewestAnswer {
    private final TaskRunner tasks;
    private long generation;

    public NewestAnswer(TaskRunner tasks) {
        this.tasks = Objects.requireNonNull(tasks);
    }

    /** Like {@link TaskRunner#run}, but the callbacks of a call that is no longer the newest are dropped. UI thread. */
    public <T> void run(Callable<T> work, Consumer<? super T> onSuccess, Consumer<Throwable> onError) {
        long mine = ++generation;
        tasks.run(work, result -> {
            if (mine == generation) {
                onSuccess.accept(result);
            }
        }, failure -> {
            if (mine == generation) {
                onError.accept(failure);
            }
        });
    }
}
