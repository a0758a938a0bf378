package dev.ecskms.sim.oos;

/**
 * ListTaskExecutions' filters; null means no filter.
 *
 * @param includeChildTaskExecution also the items of loop tasks (without a parentTaskExecutionId filter)
 */
public record ListTaskExecutionsRequest(String executionId, String taskExecutionId, String taskName, String status,
        String parentTaskExecutionId, Boolean includeChildTaskExecution, Integer maxResults, String nextToken) {

    public static ListTaskExecutionsRequest of(String executionId) {
        return new ListTaskExecutionsRequest(executionId, null, null, null, null, null, 100, null);
    }
}
