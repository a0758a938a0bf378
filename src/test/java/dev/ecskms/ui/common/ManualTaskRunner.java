package dev.ecskms.ui.common;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;

/**
 * A task runner whose tasks wait until the test finishes them, in the order the test chooses: how a slow answer
 * for the previous region can arrive after the answer for the new one.
 */
public final class ManualTaskRunner implements TaskRunner {
    private final List<Runnable> pending = new ArrayList<>();
    private final ReadOnlyIntegerWrapper running = new ReadOnlyIntegerWrapper(this, "running", 0);

    @Override
    public <T> void run(Callable<T> work, Consumer<? super T> onSuccess, Consumer<Throwable> onError) {
        running.set(running.get() + 1);
        pending.add(() -> {
            running.set(running.get() - 1);
            T result;
            try {
                result = work.call();
            } catch (Exception e) {
                onError.accept(e);
                return;
            }
            onSuccess.accept(result);
        });
    }

    @Override
    public void onUiThread(Runnable action) {
        action.run();
    }

    @Override
    public ReadOnlyIntegerProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public int pending() {
        return pending.size();
    }

    /** Runs the {@code index}th task still pending (0 is the oldest) and delivers its outcome. */
    public void finish(int index) {
        pending.remove(index).run();
    }
}
