package dev.ecskms.ui.conversion;

import dev.ecskms.sim.common.ChangeFeed;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The console's pause between two looks at something a conversion waits for (a snapshot in progress, a disk or an
 * image being created, an instance stopping): it ends when the change feed reports one of the run's topics (or
 * simulated time was fast-forwarded), and after a second at the latest, so the run reacts at once without polling
 * the services in a tight loop.
 */
final class ChangeFeedPause implements EncryptDiskController.RunPause {
    private final Semaphore changed = new Semaphore(0);
    private final ChangeFeed.Subscription subscription;

    /** @param topics what the run waits on; include {@link ChangeFeed.Topic#CLOCK} for fast-forwards */
    ChangeFeedPause(ChangeFeed changes, Set<ChangeFeed.Topic> topics) {
        subscription = changes.subscribe(topics, change -> changed.release());
    }

    @Override
    public void await() throws InterruptedException {
        changed.tryAcquire(1, TimeUnit.SECONDS);
        changed.drainPermits();
    }

    @Override
    public void close() {
        subscription.close();
    }
}
