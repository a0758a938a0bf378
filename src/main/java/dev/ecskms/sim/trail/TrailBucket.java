package dev.ecskms.sim.trail;

import java.time.Instant;

/**
 * One bar of a timeline: how many events of a filter fall in {@code [start, end)} (the last bar includes its end),
 * successes and failures apart.
 */
public record TrailBucket(Instant start, Instant end, int successes, int failures) {

    public int total() {
        return successes + failures;
    }
}
