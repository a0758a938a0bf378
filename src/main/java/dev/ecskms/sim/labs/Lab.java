package dev.ecskms.sim.labs;

import java.util.List;

/**
 * A guided lab as its file describes it: a title, a summary and ordered steps, each with the check that lights it.
 *
 * @param id       the file's name without {@code .lab}, e.g. faq-verification
 * @param fileName the file it came from, for messages
 * @param origin   where the file lives: "built-in" or the user folder's path
 */
public record Lab(String id, String fileName, String origin, String title, String summary, List<Step> steps) {
    public Lab {
        steps = List.copyOf(steps);
    }

    /**
     * One step: what to do, a hint how, and the checks on the simulator's state that light it (all must hold).
     *
     * @param number 1-based
     * @param line   the line of its {@code step:} in the file
     */
    public record Step(int number, String title, String hint, List<CheckCall> checks, int line) {
        public Step {
            checks = List.copyOf(checks);
        }
    }
}
