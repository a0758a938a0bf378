package dev.ecskms.sim.oos;

import dev.ecskms.sim.common.CallContext;
import java.util.List;

/**
 * OOS 2019-06-01 (CloudOps Orchestration Service), one operation per API action: the public template
 * {@value Templates#BULKY_ENCRYPT_SYSTEM_DISK} and its executions. An execution is a client of ECS: its steps call the
 * same ECS service operations a script would, as the identity that started it. The console and the API endpoint both
 * call this interface.
 */
public interface OosService {

    /** The templates the caller may run (today the public ones). */
    Listing<Template> listTemplates(CallContext ctx, String templateName, Integer maxResults, String nextToken);

    /** One template with its content (YAML, as the public templates are written). */
    Template getTemplate(CallContext ctx, String templateName, String templateVersion);

    /** Starts an execution; it runs on the simulated clock. Returns it as it stands (Started). */
    Execution startExecution(CallContext ctx, StartExecutionRequest request);

    /** Executions, newest first; children of a loop only when asked for by ParentExecutionId or includeChildren. */
    Listing<Execution> listExecutions(CallContext ctx, ListExecutionsRequest request);

    Listing<TaskExecution> listTaskExecutions(CallContext ctx, ListTaskExecutionsRequest request);

    /**
     * Cancels a Started or Running execution (a parent with its loop, or one child): nothing more is started; a step
     * already done stays done (a stopped instance stays stopped, a snapshot made stays).
     */
    void cancelExecution(CallContext ctx, String executionId);

    /** Moves running executions along: called on every tick of the simulated clock. */
    void processDueEvents();

    /** A page of results with the token of the next one (null at the end). */
    record Listing<T>(List<T> items, String nextToken, int maxResults) {
    }
}
