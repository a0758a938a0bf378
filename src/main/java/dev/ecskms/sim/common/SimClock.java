package dev.ecskms.sim.common;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The simulated clock: real time plus an offset the user can only move forward. Everything that waits (deletion
 * windows, rotation, later instance start-up) reads this clock; listeners run after each fast-forward so that due
 * work happens at once rather than on the next tick.
 */
public final class SimClock extends Clock {
    private final Clock base;
    private volatile Duration offset;
    private final List<Consumer<Duration>> listeners = new CopyOnWriteArrayList<>();

    public SimClock(Clock base, Duration initialOffset) {
        this.base = base;
        this.offset = initialOffset;
    }

    public static SimClock system() {
        return new SimClock(Clock.systemUTC(), Duration.ZERO);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the simulated clock is always UTC");
    }

    @Override
    public Instant instant() {
        return base.instant().plus(offset);
    }

    public Duration offset() {
        return offset;
    }

    /** Moves simulated time forward and tells every listener the new offset. */
    public synchronized void fastForward(Duration by) {
        if (by.isNegative()) {
            throw new IllegalArgumentException("simulated time only moves forward");
        }
        offset = offset.plus(by);
        for (Consumer<Duration> listener : listeners) {
            listener.accept(offset);
        }
    }

    public void onFastForward(Consumer<Duration> listener) {
        listeners.add(listener);
    }
}
