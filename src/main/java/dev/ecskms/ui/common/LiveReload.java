package dev.ecskms.ui.common;

import dev.ecskms.sim.common.ChangeFeed;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * Reloads what a page shows when the simulator's change feed reports a change it cares about, instead of polling.
 * Changes arriving within {@link #COALESCE} of the first are one reload; the reload is started on the UI thread and
 * does its service calls in the background (a page's {@code refresh()} runs them through its {@link PageLoader}).
 * Closing it ends the subscription, so a page that is no longer shown costs nothing.
 */
public final class LiveReload implements AutoCloseable {
    /** A burst of writes (ten instances bought, a fast-forward's due events) within this window is one reload. */
    public static final Duration COALESCE = Duration.ofMillis(50);

    private final ChangeFeed.Subscription subscription;
    private volatile boolean closed;

    private LiveReload(ChangeFeed feed, Set<ChangeFeed.Topic> topics, TaskRunner ui, Runnable reload) {
        Objects.requireNonNull(reload);
        this.subscription = feed.subscribe(topics, COALESCE, change -> ui.onUiThread(() -> {
            if (!closed) {
                reload.run();
            }
        }));
    }

    /** Calls {@code reload} on the UI thread of {@code ui} after each (coalesced) change of one of {@code topics}. */
    public static LiveReload start(ChangeFeed feed, Set<ChangeFeed.Topic> topics, TaskRunner ui, Runnable reload) {
        return new LiveReload(feed, topics, ui, reload);
    }

    @Override
    public void close() {
        closed = true;
        subscription.close();
    }
}
