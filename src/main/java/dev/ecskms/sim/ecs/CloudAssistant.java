package dev.ecskms.sim.ecs;

import dev.ecskms.sim.common.ApiException;
import dev.ecskms.sim.common.CallContext;
import dev.ecskms.sim.common.Ids;
import dev.ecskms.sim.guest.GuestMachine;
import dev.ecskms.sim.guest.ShellResult;
import dev.ecskms.sim.store.Store;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Cloud Assistant: shell scripts run in running guests (RunCommand) and their recorded results. */
final class CloudAssistant {
    private final Store store;
    private final Clock clock;
    private final InstanceLifecycle lifecycle;
    private final GuestHosting guests;

    CloudAssistant(Store store, Clock clock, InstanceLifecycle lifecycle, GuestHosting guests) {
        this.store = store;
        this.clock = clock;
        this.lifecycle = lifecycle;
        this.guests = guests;
    }

    String runCommand(CallContext ctx, List<String> instanceIds, String commandContent, String name) {
        String script = ApiException.required("CommandContent", commandContent);
        if (instanceIds == null || instanceIds.isEmpty()) {
            throw ApiException.missing("InstanceId.1");
        }
        if (script.length() > 16384) {
            throw ApiException.invalid("CommandContent", "a script has at most 16 KB.");
        }
        List<Instance> targets = instanceIds.stream().map(id -> lifecycle.describeInstance(ctx, id)).toList();
        String invokeId = "t-" + Ids.ecs("x").substring(2);
        String commandId = "c-" + Ids.ecs("x").substring(2);
        for (Instance i : targets) {
            long started = clock.millis();
            Optional<GuestMachine> guest = guests.machine(i.instanceId());
            String status;
            Integer exit = null;
            String output = "";
            String error = null;
            String bootFailure = i.bootFailure() == null ? "" : " The last start of the instance could not read a"
                    + " disk: " + i.bootFailure().code() + ": " + i.bootFailure().message();
            if (i.status() != InstanceStatus.Running) {
                status = "Failed";
                error = "InstanceNotRunning: the instance is " + i.status() + ".";
            } else if (guest.isEmpty()) {
                status = "Failed";
                error = "ClientNotResponse: the Cloud Assistant client did not answer: the instance is Running but"
                        + " its operating system did not start." + bootFailure;
            } else if (!guest.get().booted()) {
                status = "Failed";
                error = "ClientNotResponse: the Cloud Assistant client did not answer: the operating system is not"
                        + " running (" + guest.get().state() + ")." + bootFailure;
            } else {
                ShellResult result = guest.get().runShellScript(script);
                exit = result.exitCode();
                output = result.output();
                status = result.exitCode() == 0 ? "Success" : "Failed";
            }
            String finalStatus = status;
            Integer finalExit = exit;
            String finalOutput = output;
            String finalError = error;
            store.txRun(c -> Store.update(c, "insert into ecs_invocations (invoke_id, instance_id, account_id,"
                    + " region_id, command_id, command_content, status, exit_code, output, error_info, creation_ms,"
                    + " finished_ms) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", invokeId, i.instanceId(),
                    ctx.accountId(), ctx.regionId(), commandId, script, finalStatus, finalExit,
                    truncate(finalOutput, 65536), finalError, started, clock.millis()));
        }
        return invokeId;
    }

    List<Invocation> describeInvocationResults(CallContext ctx, String invokeId) {
        String id = ApiException.required("InvokeId", invokeId);
        List<Invocation> out = store.query("select invoke_id, command_id, instance_id, command_content, status,"
                + " exit_code, output, error_info, creation_ms, finished_ms from ecs_invocations where invoke_id = ?"
                + " and account_id = ? and region_id = ? order by instance_id", rs -> new Invocation(rs.getString(1),
                        rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        (Integer) rs.getObject(6), rs.getString(7), rs.getString(8),
                        Instant.ofEpochMilli(rs.getLong(9)), rs.getObject(10) == null ? null
                                : Instant.ofEpochMilli(rs.getLong(10))), id, ctx.accountId(), ctx.regionId());
        if (out.isEmpty()) {
            throw new ApiException("InvalidInvokeId.NotFound", 404, "The invocation \"" + id + "\" does not exist.");
        }
        return out;
    }

    static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
