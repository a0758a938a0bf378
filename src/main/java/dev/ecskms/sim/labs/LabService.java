package dev.ecskms.sim.labs;

import dev.ecskms.sim.common.CallContext;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Guided labs: the labs the built-in folder and the user's folder hold, their starts, and how far the learner is.
 * Not a cloud API: the console's Labs panel calls it.
 */
public interface LabService {

    /** Every lab file, sorted by id: the labs that parsed and, for the others, what is wrong with them. */
    List<LabEntry> labs();

    /**
     * Starts (or resets) a lab for the caller's account: from now on (simulated time) only what is done from here
     * counts. Returns the start.
     */
    Instant start(CallContext ctx, String labId);

    /** When the lab was last started or reset for the caller's account; empty when never. */
    Optional<Instant> started(CallContext ctx, String labId);

    /** The lab's steps as the simulator's state lights them now; every step unlit when it was never started. */
    LabProgress evaluate(CallContext ctx, String labId);

    /**
     * A lab file and what came of reading it: exactly one of {@code lab} and {@code error} is set.
     *
     * @param fileName e.g. faq-verification.lab
     * @param origin   "built-in" or the user folder
     */
    record LabEntry(String id, String fileName, String origin, Lab lab, LabFileException error) {
        public boolean ok() {
            return lab != null;
        }

        /** The lab's title, or the file name for a file that could not be read. */
        public String title() {
            return lab != null ? lab.title() : fileName;
        }
    }
}
