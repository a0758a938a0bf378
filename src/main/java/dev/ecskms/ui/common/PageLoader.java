package dev.ecskms.ui.common;

import dev.ecskms.sim.common.ChangeFeed;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Loads what a page (or a details page) shows, the one way every page does it: the read runs on the task runner,
 * the loading flag is up while it runs, only the newest load may fill the model — a slow answer for the previous
 * region or filter never overwrites a newer one — and a failure becomes the page's error message. It can also
 * reload by itself on the change feed's changes (pages shown in the shell get that from the shell instead).
 *
 * @param <T> what one read returns, e.g. the region's keys
 */
public final class PageLoader<T> {
    private final TaskRunner tasks;
    private final Supplier<Callable<T>> read;
    private final Consumer<? super T> fill;
    private final String failure;
    private final Consumer<String> showError;
    private Consumer<Boolean> showLoading = loading -> { };
    private final NewestAnswer newest;
    private Runnable clearOnFailure = () -> { };
    /** Whether the error shown is this loader's refusal, which a later successful load takes back. */
    private boolean refused;

    /**
     * @param read      called on the UI thread for each load: takes what the read depends on (the region, a filter)
     *                  while it is current and returns the work that then runs in the background
     * @param fill      gets the newest load's result, on the UI thread
     * @param failure   what failed, e.g. "The keys could not be listed"; the service's message and code follow
     * @param showError shows the failure where the page shows its errors
     */
    public PageLoader(TaskRunner tasks, Supplier<Callable<T>> read, Consumer<? super T> fill, String failure,
            Consumer<String> showError) {
        this.tasks = Objects.requireNonNull(tasks);
        this.newest = new NewestAnswer(tasks);
        this.read = Objects.requireNonNull(read);
        this.fill = Objects.requireNonNull(fill);
        this.failure = Objects.requireNonNull(failure);
        this.showError = Objects.requireNonNull(showError);
    }

    /** Where the loading flag goes (a table's spinner). */
    public PageLoader<T> showingLoading(Consumer<Boolean> loading) {
        this.showLoading = Objects.requireNonNull(loading);
        return this;
    }

    /** What a failed load clears, so a list does not show the previous region's rows under the error. */
    public PageLoader<T> clearingOnFailure(Runnable clear) {
        this.clearOnFailure = Objects.requireNonNull(clear);
        return this;
    }

    /** Starts a load; a load still running is not cancelled, but its answer is dropped. UI thread. */
    public void load() {
        showLoading.accept(true);
        newest.run(read.get(), loaded -> {
            if (refused) { // e.g. the identity switched back to one that may read: the access-denied panel goes
                refused = false;
                showError.accept(null);
            }
            fill.accept(loaded);
            showLoading.accept(false);
        }, error -> {
            clearOnFailure.run();
            showLoading.accept(false);
            var denied = Errors.accessDenied(error);
            refused = denied != null;
            showError.accept(denied != null ? Errors.refusedLoad(failure, denied)
                    : failure + ": " + Errors.describe(error));
        });
    }

    /** Loads again after each (coalesced) change of one of {@code topics} until the returned reload is closed. */
    public LiveReload reloadOn(ChangeFeed feed, Set<ChangeFeed.Topic> topics) {
        return LiveReload.start(feed, topics, tasks, this::load);
    }
}
