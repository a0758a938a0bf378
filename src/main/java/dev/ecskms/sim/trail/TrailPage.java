package dev.ecskms.sim.trail;

import java.util.List;

/** One page of events, newest first; {@code nextToken} is null on the last page. */
public record TrailPage(List<TrailEvent> events, String nextToken) {
}
