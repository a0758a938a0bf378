package dev.ecskms.sim.conversion;

/**
 * What a running conversion reports, from the thread that runs it. Progress is between 0 and 1, or negative while
 * the service gives no measure of it (a disk in Creating has no percentage; a snapshot has one).
 */
public interface ConversionListener {
    ConversionListener NONE = new ConversionListener() {
        @Override
        public void step(EncryptionPlan.Step step, StepState state, double progress) {
        }

        @Override
        public void log(String line) {
        }
    };

    void step(EncryptionPlan.Step step, StepState state, double progress);

    /** One line of the step log, e.g. "CreateSnapshot d-… → s-…". */
    void log(String line);

    enum StepState {
        WAITING, RUNNING, DONE, FAILED, UNDONE
    }
}
