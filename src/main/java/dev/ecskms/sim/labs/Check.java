package dev.ecskms.sim.labs;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A named, parameterised check that lab files combine: it reads the simulator's real state ({@link LabWorld}) and
 * answers every piece of evidence that it holds at or after {@code after} (the previous step's evidence).
 */
public interface Check {
    String name();

    /** One line for trainers: what it looks at and what it binds. */
    String description();

    /** The parameters it takes, each with its allowed values (empty: any value). */
    Map<String, Set<String>> params();

    default Set<String> required() {
        return Set.of();
    }

    /**
     * @param bound what earlier steps found (e.g. instance → i-…, key → …)
     * @param after the previous step's evidence time (the lab's start for the first step)
     */
    List<Evidence> find(LabWorld world, CheckCall call, Map<String, String> bound, Instant after);
}
