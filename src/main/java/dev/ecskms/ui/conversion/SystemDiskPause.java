package dev.ecskms.ui.conversion;

import dev.ecskms.sim.common.ChangeFeed;
import dev.ecskms.sim.conversion.Pause;
import java.util.EnumSet;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The system-disk flow's pause between two looks at an instance or image still moving: it ends when the change feed
 * says instances or images moved (or simulated time was fast-forwarded), after a second at the latest.
 */
final class SystemDiskPause implements Pause, AutoCloseable {
    private final Semaphore changed = new Semaphore(0);
    private final ChangeFeed.Subscription subscription;

    SystemDiskPause(ChangeFeed changes) {
        subscription = changes.subscribe(EnumSet.of(ChangeFeed.Topic.INSTANCES, ChangeFeed.Topic.IMAGES,
                ChangeFeed.Topic.SNAPSHOTS, ChangeFeed.Topic.CLOCK), change -> changed.release());
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
