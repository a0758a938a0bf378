package dev.ecskms.sim.oos;

/**
 * ListExecutions' filters; null means no filter.
 *
 * @param includeChildExecution also the child executions of loops (without a parentExecutionId filter)
 * @param nextToken             the token a previous page returned
 */
public record ListExecutionsRequest(String executionId, String templateName, String status,
        String parentExecutionId, Boolean includeChildExecution, Integer maxResults, String nextToken) {

    public static ListExecutionsRequest all() {
        return new ListExecutionsRequest(null, null, null, null, null, null, null);
    }

    public static ListExecutionsRequest one(String executionId) {
        return new ListExecutionsRequest(executionId, null, null, null, null, null, null);
    }

    public static ListExecutionsRequest childrenOf(String parentExecutionId) {
        return new ListExecutionsRequest(null, null, null, parentExecutionId, null, 100, null);
    }
}
