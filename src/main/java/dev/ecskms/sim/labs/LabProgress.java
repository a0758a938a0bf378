package dev.ecskms.sim.labs;

import java.time.Instant;
import java.util.List;

/**
 * How far a learner is in a lab: each step lit or not, with what lit it.
 *
 * @param start when the lab was started or last reset (simulated time); null when it was never started
 */
public record LabProgress(String labId, Instant start, List<StepState> steps) {
    public LabProgress {
        steps = List.copyOf(steps);
    }

    /**
     * @param evidence what lit it, one line per check; empty when unlit
     */
    public record StepState(int number, boolean lit, Instant time, List<String> evidence) {
        public StepState {
            evidence = List.copyOf(evidence);
        }
    }

    public int litCount() {
        return (int) steps.stream().filter(StepState::lit).count();
    }

    public boolean complete() {
        return !steps.isEmpty() && litCount() == steps.size();
    }
}
