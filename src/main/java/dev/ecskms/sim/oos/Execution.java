package dev.ecskms.sim.oos;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An execution as StartExecution and ListExecutions return it.
 *
 * @param status       Started, Queued, Running, Success, Failed or Cancelled
 * @param parameters   the parameters as given, with the template's defaults filled in (a JSON object's text)
 * @param outputs      the template's outputs (a JSON object's text; "{}" until it ends)
 * @param counters     a parent's loop items by status (Total, Queued, Running, Success, Failed, Cancelled)
 * @param currentTasks the tasks running now: for a child, the step it is at
 * @param loopItem     for a child execution of a loop, its item (the instance id)
 */
public record Execution(String executionId, String templateName, String templateVersion, String templateId,
        String parentExecutionId, boolean isParent, String loopItem, String mode, String description, String status,
        String statusMessage, String parameters, String outputs, Map<String, Integer> counters,
        List<CurrentTask> currentTasks, String executedBy, String ramRole, String regionId, Instant createDate,
        Instant startDate, Instant endDate, Instant updateDate) {

    public static final String STARTED = "Started";
    public static final String QUEUED = "Queued";
    public static final String RUNNING = "Running";
    public static final String SUCCESS = "Success";
    public static final String FAILED = "Failed";
    public static final String CANCELLED = "Cancelled";

    public boolean isFinished() {
        return SUCCESS.equals(status) || FAILED.equals(status) || CANCELLED.equals(status);
    }

    /** A task running now. */
    public record CurrentTask(String taskExecutionId, String taskName, String taskAction) {
    }
}
