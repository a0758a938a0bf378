package dev.ecskms.sim.oos;

import java.time.Instant;

/**
 * A task execution as ListTaskExecutions returns it: one step of an execution, or one item of a loop task.
 *
 * @param properties             the step's inputs (a JSON object's text)
 * @param outputs                what the step produced (a JSON object's text)
 * @param loopItem               for an item of a loop task, its item (the instance id)
 * @param childExecutionId       for an item of a loop task, the child execution that runs it
 * @param parentTaskExecutionId  for an item of a loop task, the loop task's own task execution
 */
public record TaskExecution(String taskExecutionId, String executionId, String taskName, String taskAction,
        String status, String statusMessage, String properties, String outputs, String loopItem,
        String childExecutionId, String parentTaskExecutionId, String templateId, Instant createDate,
        Instant startDate, Instant endDate, Instant updateDate) {
}
