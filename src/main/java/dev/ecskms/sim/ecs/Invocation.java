package dev.ecskms.sim.ecs;

import java.time.Instant;

/**
 * A Cloud Assistant invocation of a shell script on one instance.
 *
 * @param status Pending, Running, Success, Failed
 * @param output the script's output (plain text; the API encodes it in base64)
 */
public record Invocation(String invokeId, String commandId, String instanceId, String commandContent,
        String status, Integer exitCode, String output, String errorInfo, Instant creationTime,
        Instant finishedTime) {
}
