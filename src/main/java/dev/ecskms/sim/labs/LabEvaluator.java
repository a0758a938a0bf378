package dev.ecskms.sim.labs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Lights a lab's steps on one {@link LabWorld}: steps are ordered, so a step lights only when all its checks hold
 * and their evidence is no earlier than the previous lit step's; the first step's evidence must come after the
 * lab's start. What a check finds is bound for the later steps (the instance of step 1 is the one whose reboot step
 * 3 looks at). When a check has several candidates (two instances made since the start), the one that lights the
 * most steps is taken.
 */
public final class LabEvaluator {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(LabEvaluator.class);
    /** Candidates tried per check: bounds the search when a learner made many resources. */
    static final int MAX_CANDIDATES = 12;

    private LabEvaluator() {
    }

    public static LabProgress evaluate(Lab lab, LabWorld world) {
        Path best = search(lab, world, 0, 0, world.start(), world.start(), Map.of(), new ArrayList<>(),
                new ArrayList<>());
        List<LabProgress.StepState> states = new ArrayList<>();
        for (Lab.Step step : lab.steps()) {
            int i = step.number() - 1;
            boolean lit = i < best.lit.size();
            states.add(new LabProgress.StepState(step.number(), lit, lit ? best.lit.get(i).time : null,
                    lit ? best.lit.get(i).evidence : List.of()));
        }
        return new LabProgress(lab.id(), world.start(), states);
    }

    private record LitStep(Instant time, List<String> evidence) {
    }

    private record Path(List<LitStep> lit) {
    }

    /**
     * Depth-first over (step, check of the step): {@code after} is the previous step's evidence time, {@code
     * stepTime} the latest evidence of this step's checks so far.
     */
    private static Path search(Lab lab, LabWorld world, int stepIndex, int checkIndex, Instant after,
            Instant stepTime, Map<String, String> bound, List<LitStep> lit, List<String> stepEvidence) {
        if (stepIndex == lab.steps().size()) {
            return new Path(List.copyOf(lit));
        }
        Lab.Step step = lab.steps().get(stepIndex);
        if (checkIndex == step.checks().size()) {
            List<LitStep> more = new ArrayList<>(lit);
            more.add(new LitStep(stepTime, List.copyOf(stepEvidence)));
            return search(lab, world, stepIndex + 1, 0, stepTime, stepTime, bound, more, new ArrayList<>());
        }
        CheckCall call = step.checks().get(checkIndex);
        Check check = Checks.find(call.name()).orElseThrow();
        List<Evidence> candidates;
        try {
            candidates = check.find(world, call, bound, after);
        } catch (RuntimeException e) {
            // a check that cannot read what it looks at does not hold; the lab goes on showing the others
            LOG.debug("Check {} of lab {} could not be evaluated", call.name(), lab.id(), e);
            candidates = List.of();
        }
        Path best = new Path(List.copyOf(lit));
        int tried = 0;
        // newest first: the learner's latest attempt is the likeliest to go on
        for (int i = candidates.size() - 1; i >= 0 && tried < MAX_CANDIDATES; i--, tried++) {
            Evidence evidence = candidates.get(i);
            if (evidence.time().isBefore(after)) {
                continue;
            }
            Map<String, String> merged = new HashMap<>(evidence.binds());
            merged.putAll(bound); // what earlier steps bound stays
            List<String> evidenceSoFar = new ArrayList<>(stepEvidence);
            evidenceSoFar.add(evidence.detail());
            Instant time = evidence.time().isAfter(stepTime) ? evidence.time() : stepTime;
            Path path = search(lab, world, stepIndex, checkIndex + 1, after, time, merged, lit, evidenceSoFar);
            if (path.lit.size() > best.lit.size()) {
                best = path;
                if (best.lit.size() == lab.steps().size()) {
                    break;
                }
            }
        }
        return best;
    }
}
