package dev.ecskms.sim.labs;

import java.time.Instant;
import java.util.Map;

/**
 * Why a check holds: when it happened (simulated time; a later step's evidence must not be earlier), what it found
 * (bindings later steps refer to, e.g. instance → i-…) and a line for the learner, e.g. "key 5f3… disabled".
 */
public record Evidence(Instant time, Map<String, String> binds, String detail) {
    public Evidence {
        binds = Map.copyOf(binds);
    }
}
