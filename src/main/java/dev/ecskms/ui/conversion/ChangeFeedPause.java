package dev.ecskms.ui.conversion;

import dev.ecskms.sim.common.ChangeFeed;
import java.util.EnumSet;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The console's pause between two looks at a snapshot or disk still in progress: it ends when the change feed says
 * disks or snapshots moved (or simulated time was fast-forwarded), and after a second at the latest, so the run
 * reacts at once without polling the services in a tight loop.
 */
final class ChangeFeedPause implements EncryptDiskController.RunPause {
    private final Semaphore changed = new Semaphore(0);
    private final ChangeFeed.Subscription subscription;

    ChangeFeedPause(ChangeFeed changes) {
        subscription = changes.subscribe(EnumSet.of(ChangeFeed.Topic.SNAPSHOTS, ChangeFeed.Topic.DISKS,
                ChangeFeed.Topic.CLOCK), change -> changed.release());
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
