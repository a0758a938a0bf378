package dev.ecskms.sim.conversion;

import java.time.Duration;

/**
 * What a conversion does between two looks at a resource that is still moving along simulated time (a snapshot in
 * progress, a disk in Creating): the console waits a moment of real time, a test fast-forwards the simulated clock.
 */
@FunctionalInterface
public interface Pause {
    void await() throws InterruptedException;

    static Pause realTime(Duration between) {
        return () -> Thread.sleep(between.toMillis());
    }
}
