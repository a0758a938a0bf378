package dev.ecskms.sim.oos;

import static dev.ecskms.sim.oos.LocalOosService.JSON;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ecskms.sim.common.ApiException;
import dev.ecskms.sim.common.CallContext;
import dev.ecskms.sim.common.Ids;
import dev.ecskms.sim.ecs.EcsService;
import dev.ecskms.sim.ecs.Instance;
import dev.ecskms.sim.ecs.InstanceService;
import dev.ecskms.sim.store.Store;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Moves executions along, on every tick of the simulated clock (and at once after a fast-forward): a parent selects
 * its targets, then starts a child execution per instance as its rate control allows; each child goes through the
 * steps of {@link EncryptSystemDiskSteps} as far as it can before it has to wait for ECS (a snapshot in progress, an
 * instance stopping).
 *
 * <p>All of an execution's state is in the store, so an execution that was running when the simulator stopped goes
 * on from its last recorded step after a restart. A step is recorded after its ECS call returns: a crash in between
 * (not an orderly close, which waits for the tick to end) repeats that one call.
 *
 * <p>One lock serialises ticks and cancellations, so a step never runs while its execution is being cancelled.
 */
final class ExecutionEngine {
    static final String SELECT_TASK = "getInstance";
    static final String LOOP_TASK = "encryptSystemDisk";
    /** How many steps and phases one child may take in one tick: a guard, the template has fewer than this. */
    private static final int MAX_STEPS_PER_TICK = 64;

    private final Store store;
    private final Clock clock;
    private final InstanceService instances;
    private final EncryptSystemDiskSteps steps;

    ExecutionEngine(Store store, Clock clock, EcsService ecs, InstanceService instances) {
        this.store = store;
        this.clock = clock;
        this.instances = instances;
        this.steps = new EncryptSystemDiskSteps(clock, ecs, instances);
    }

    synchronized void advanceAll() {
        List<String> ids = store.query("select execution_id from oos_executions where parent_execution_id is null"
                + " and status in ('Started', 'Running') order by create_ms, execution_id", rs -> rs.getString(1));
        for (String id : ids) {
            advanceParent(id);
        }
    }

    // ---------------------------------------------------------------- parent

    private void advanceParent(String executionId) {
        LocalOosService.Row p = load(executionId);
        if (p.status().equals(Execution.STARTED)) {
            selectTargets(p);
            p = load(executionId);
        }
        if (!p.status().equals(Execution.RUNNING)) {
            return;
        }
        String loopId = store.queryOne("select task_execution_id from oos_task_executions where execution_id = ?"
                + " and task_name = ?", rs -> rs.getString(1), executionId, LOOP_TASK).orElseThrow();
        List<Item> items = items(loopId);
        RateControl rate = RateControl.of(json(p.parameters()).path("rateControl"), items.size());
        for (Item item : items) {
            if (item.status().equals(Execution.RUNNING)) {
                settle(item, advanceChild(item.childExecutionId()));
            }
        }
        while (true) {
            items = items(loopId);
            long running = count(items, Execution.RUNNING);
            long failed = count(items, Execution.FAILED);
            Item next = items.stream().filter(i -> i.status().equals(Execution.QUEUED)).findFirst().orElse(null);
            if (next == null || running >= rate.concurrency() || failed > rate.maxErrors()) {
                break;
            }
            String childId = startChild(p, loopId, next);
            settle(new Item(next.taskExecutionId(), next.loopItem(), Execution.RUNNING, childId),
                    advanceChild(childId));
        }
        items = items(loopId);
        boolean stopped = count(items, Execution.FAILED) > rate.maxErrors();
        if (count(items, Execution.RUNNING) == 0 && (count(items, Execution.QUEUED) == 0 || stopped)) {
            finishParent(p, loopId, items, rate);
        }
    }

    /** ACS::SelectTargets: the targets that DescribeInstances finds in the region become the loop's items. */
    private void selectTargets(LocalOosService.Row p) {
        ObjectNode parameters = json(p.parameters());
        List<String> wanted = new ArrayList<>();
        parameters.path("targets").path("ResourceIds").forEach(id -> wanted.add(id.asText()));
        Set<String> found = new LinkedHashSet<>();
        String failure = null;
        try {
            CallContext ctx = callContext(p, parameters.path("regionId").asText());
            for (int from = 0; from < wanted.size(); from += 100) {
                List<String> chunk = wanted.subList(from, Math.min(wanted.size(), from + 100));
                for (Instance i : instances.describeInstances(ctx, chunk, null, 1, 100).items()) {
                    found.add(i.instanceId());
                }
            }
        } catch (ApiException e) {
            failure = e.code() + ": " + e.getMessage();
        }
        List<String> selected = wanted.stream().filter(found::contains).toList();
        List<String> missing = wanted.stream().filter(id -> !found.contains(id)).toList();
        String message = failure != null ? failure : missing.isEmpty() ? "" : "Not found in "
                + parameters.path("regionId").asText() + ", so not selected: " + String.join(", ", missing) + ".";
        long now = clock.millis();
        String selectStatus = failure == null ? Execution.SUCCESS : Execution.FAILED;
        String finalMessage = message;
        boolean selectFailed = failure != null;
        store.txRun(c -> {
            ObjectNode properties = JSON.createObjectNode();
            properties.put("ResourceType", "ALIYUN::ECS::Instance");
            properties.put("RegionId", parameters.path("regionId").asText());
            properties.putArray("Filters").add(parameters.path("targets"));
            ObjectNode outputs = JSON.createObjectNode();
            ArrayNode ids = outputs.putArray("instanceIds");
            selected.forEach(ids::add);
            insertTask(c, p.executionId(), 0, SELECT_TASK, "ACS::SelectTargets", selectStatus, finalMessage,
                    properties, outputs, null, null, now, now);
            if (selectFailed) {
                finish(c, p.executionId(), Execution.FAILED, SELECT_TASK + ": " + finalMessage, "{}", now);
                return;
            }
            ObjectNode loopProperties = JSON.createObjectNode();
            loopProperties.put("regionId", parameters.path("regionId").asText());
            loopProperties.put("instanceId", "{{ ACS::TaskLoopItem }}");
            loopProperties.put("KMSKeyId", parameters.path("KMSKeyId").asText());
            ObjectNode loop = loopProperties.putObject("Loop");
            loop.set("RateControl", parameters.path("rateControl"));
            loop.set("Items", ids);
            String loopId = insertTask(c, p.executionId(), 1, LOOP_TASK, Templates.ENCRYPT_SYSTEM_DISK,
                    Execution.RUNNING, "", loopProperties, JSON.createObjectNode(), null, null, now, null);
            int seq = 2;
            for (String instanceId : selected) {
                ObjectNode itemProperties = loopProperties.deepCopy();
                itemProperties.remove("Loop");
                itemProperties.put("instanceId", instanceId);
                insertTask(c, p.executionId(), seq++, LOOP_TASK, Templates.ENCRYPT_SYSTEM_DISK, Execution.QUEUED, "",
                        itemProperties, JSON.createObjectNode(), instanceId, loopId, now, null);
            }
            Store.update(c, "update oos_executions set status = ?, start_ms = ?, update_ms = ? where execution_id"
                    + " = ?", Execution.RUNNING, now, now, p.executionId());
        });
    }

    /** A loop item: one instance, and the child execution that encrypts it once it started. */
    private record Item(String taskExecutionId, String loopItem, String status, String childExecutionId) {
    }

    private List<Item> items(String loopTaskId) {
        return store.query("select task_execution_id, loop_item, status, child_execution_id from oos_task_executions"
                + " where parent_task_execution_id = ? order by seq", rs -> new Item(rs.getString(1),
                rs.getString(2), rs.getString(3), rs.getString(4)), loopTaskId);
    }

    private static long count(List<Item> items, String status) {
        return items.stream().filter(i -> i.status().equals(status)).count();
    }

    private String startChild(LocalOosService.Row p, String loopTaskId, Item item) {
        ObjectNode parent = json(p.parameters());
        String childId = Ids.ecs("exec");
        ObjectNode parameters = JSON.createObjectNode();
        parameters.put("regionId", parent.path("regionId").asText());
        parameters.put("instanceId", item.loopItem());
        parameters.put("KMSKeyId", parent.path("KMSKeyId").asText());
        long now = clock.millis();
        store.txRun(c -> {
            Store.update(c, "insert into oos_executions (execution_id, account_id, region_id, executed_by, ram_role,"
                    + " template_name, template_version, parent_execution_id, loop_item, mode, description, status,"
                    + " status_message, parameters, outputs, state, create_ms, start_ms, update_ms) values (?, ?, ?,"
                    + " ?, ?, ?, ?, ?, ?, ?, '', ?, '', ?, '{}', ?, ?, ?, ?)", childId, p.accountId(), p.regionId(),
                    p.executedBy(), p.ramRole(), Templates.ENCRYPT_SYSTEM_DISK, Templates.VERSION, p.executionId(),
                    item.loopItem(), p.mode(), Execution.RUNNING, parameters.toString(), parameters.toString(), now,
                    now, now);
            String first = EncryptSystemDiskSteps.STEPS.get(0);
            insertTask(c, childId, 0, first, EncryptSystemDiskSteps.action(first), Execution.RUNNING, "",
                    EncryptSystemDiskSteps.properties(first, parameters), JSON.createObjectNode(), null, null, now,
                    null);
            Store.update(c, "update oos_task_executions set status = ?, child_execution_id = ?, start_ms = ?,"
                    + " update_ms = ? where task_execution_id = ?", Execution.RUNNING, childId, now, now,
                    item.taskExecutionId());
        });
        return childId;
    }

    /** Records a finished child on its loop item. */
    private void settle(Item item, String childStatus) {
        if (childStatus.equals(Execution.RUNNING)) {
            return;
        }
        LocalOosService.Row child = load(item.childExecutionId());
        long now = clock.millis();
        store.txRun(c -> Store.update(c, "update oos_task_executions set status = ?, status_message = ?, outputs = ?,"
                + " end_ms = ?, update_ms = ? where task_execution_id = ? and status = 'Running'", child.status(),
                child.statusMessage(), child.outputs(), now, now, item.taskExecutionId()));
    }

    private void finishParent(LocalOosService.Row p, String loopId, List<Item> items, RateControl rate) {
        long failed = count(items, Execution.FAILED);
        long queued = count(items, Execution.QUEUED);
        String status = failed > rate.maxErrors() ? Execution.FAILED : Execution.SUCCESS;
        ObjectNode outputs = JSON.createObjectNode();
        ArrayNode encrypted = outputs.putArray("systemDiskEncryptedInstances");
        List<String> failures = new ArrayList<>();
        for (Item item : items) {
            if (item.childExecutionId() == null) {
                continue;
            }
            LocalOosService.Row child = load(item.childExecutionId());
            JsonNode value = json(child.outputs()).path("systemDiskEncryptedInstance");
            if (value.isTextual()) {
                encrypted.add(value.asText());
            }
            if (child.status().equals(Execution.FAILED)) {
                failures.add(item.loopItem() + ": " + child.statusMessage());
            }
        }
        // what getInstance could not select shows on the execution too, not only on its task
        String message = store.queryOne("select status_message from oos_task_executions where execution_id = ? and"
                + " task_name = ?", rs -> rs.getString(1), p.executionId(), SELECT_TASK).orElse("");
        if (!failures.isEmpty()) {
            message = message.isEmpty() ? "" : message + " ";
            message += failures.size() + " of " + items.size() + " instance(s) failed"
                    + (status.equals(Execution.FAILED) ? ", more than MaxErrors (" + rate.maxErrors() + ") allows"
                    + (queued > 0 ? "; " + queued + " not started" : "") : ", within MaxErrors ("
                    + rate.maxErrors() + ")") + ". " + String.join(" ", failures);
        }
        long now = clock.millis();
        String finalMessage = message;
        store.txRun(c -> {
            Store.update(c, "update oos_task_executions set status = ?, status_message = ?, end_ms = ?, update_ms = ?"
                    + " where parent_task_execution_id = ? and status = 'Queued'", Execution.CANCELLED,
                    "Not started: failures exceeded MaxErrors (" + rate.maxErrors() + ").", now, now, loopId);
            Store.update(c, "update oos_task_executions set status = ?, status_message = ?, outputs = ?, end_ms = ?,"
                    + " update_ms = ? where task_execution_id = ?", status, clip(finalMessage), outputs.toString(), now,
                    now, loopId);
            finish(c, p.executionId(), status, finalMessage, outputs.toString(), now);
        });
    }

    // ----------------------------------------------------------------- child

    /** Runs a child's steps until one has to wait or the child ends; returns the child's status. */
    private String advanceChild(String childId) {
        for (int n = 0; n < MAX_STEPS_PER_TICK; n++) {
            LocalOosService.Row child = load(childId);
            if (!child.status().equals(Execution.RUNNING)) {
                return child.status();
            }
            EncryptSystemDiskSteps.Task task = store.queryOne("select task_execution_id, task_name, phase, start_ms,"
                    + " update_ms, status_message from oos_task_executions where execution_id = ? and status ="
                    + " 'Running' order by seq desc", rs -> new EncryptSystemDiskSteps.Task(rs.getString(1),
                    rs.getString(2), rs.getString(3), rs.getLong(4), rs.getLong(5), rs.getString(6)), childId)
                    .orElseThrow(() -> new IllegalStateException("child execution " + childId + " runs no task"));
            ObjectNode state = json(store.queryOne("select state from oos_executions where execution_id = ?",
                    rs -> rs.getString(1), childId).orElseThrow());
            CallContext ctx = callContext(child, state.path("regionId").asText());
            EncryptSystemDiskSteps.Outcome outcome;
            try {
                outcome = steps.run(ctx, childId, task, state);
            } catch (ApiException e) {
                outcome = EncryptSystemDiskSteps.Outcome.failed(e.code() + ": " + e.getMessage());
            }
            if (!apply(child, task, state, outcome)) {
                return Execution.RUNNING;
            }
        }
        return Execution.RUNNING; // goes on at the next tick
    }

    /** Records a step's outcome; true when the child can go on at once (a next step or phase is due). */
    private boolean apply(LocalOosService.Row child, EncryptSystemDiskSteps.Task task, ObjectNode state,
            EncryptSystemDiskSteps.Outcome o) {
        long now = clock.millis();
        String childId = child.executionId();
        switch (o.kind()) {
            case WAIT -> {
                if (!o.message().equals(task.statusMessage())) {
                    store.txRun(c -> Store.update(c, "update oos_task_executions set status_message = ? where"
                            + " task_execution_id = ?", clip(o.message()), task.taskExecutionId()));
                }
                return false;
            }
            case PHASE -> {
                store.txRun(c -> {
                    Store.update(c, "update oos_task_executions set phase = ?, status_message = ?, update_ms = ?"
                            + " where task_execution_id = ?", o.phase(), clip(o.message()), now,
                            task.taskExecutionId());
                    saveState(c, childId, state, now);
                });
                return true;
            }
            case DONE, FAILED -> {
                boolean failed = o.kind() == EncryptSystemDiskSteps.Outcome.Kind.FAILED;
                boolean goOn = !failed || EncryptSystemDiskSteps.continuesOnError(task.taskName());
                if (failed && goOn) {
                    state.put("replaceError", task.taskName() + ": " + o.message());
                }
                String next = !goOn ? null : o.nextTask() != null ? o.nextTask()
                        : EncryptSystemDiskSteps.after(task.taskName());
                store.txRun(c -> {
                    Store.update(c, "update oos_task_executions set status = ?, status_message = ?, outputs = ?,"
                            + " end_ms = ?, update_ms = ? where task_execution_id = ?", failed ? Execution.FAILED
                            : Execution.SUCCESS, failed ? clip(o.message()) : "", o.outputs().toString(), now, now,
                            task.taskExecutionId());
                    saveState(c, childId, state, now);
                    if (!goOn) {
                        finish(c, childId, Execution.FAILED, task.taskName() + ": " + o.message(), "{}", now);
                    } else if (next.equals(EncryptSystemDiskSteps.END)) {
                        String error = state.path("replaceError").asText(null);
                        finish(c, childId, error == null ? Execution.SUCCESS : Execution.FAILED,
                                error == null ? "" : error + " (the images and the snapshot made for it were"
                                + " deleted)", EncryptSystemDiskSteps.outputs(state).toString(), now);
                    } else {
                        int seq = Store.queryOne(c, "select max(seq) from oos_task_executions where execution_id = ?",
                                rs -> rs.getInt(1), childId).orElse(0) + 1;
                        insertTask(c, childId, seq, next, EncryptSystemDiskSteps.action(next), Execution.RUNNING, "",
                                EncryptSystemDiskSteps.properties(next, state), JSON.createObjectNode(), null, null,
                                now, null);
                    }
                });
                return goOn && !next.equals(EncryptSystemDiskSteps.END);
            }
            default -> throw new IllegalStateException(o.kind().name());
        }
    }

    private static void saveState(Connection c, String executionId, ObjectNode state, long now) throws SQLException {
        Store.update(c, "update oos_executions set state = ?, update_ms = ? where execution_id = ?", state.toString(),
                now, executionId);
    }

    // ---------------------------------------------------------- cancellation

    synchronized void cancel(String executionId, String message) {
        LocalOosService.Row r = load(executionId);
        if (r.status().equals(Execution.SUCCESS) || r.status().equals(Execution.FAILED)
                || r.status().equals(Execution.CANCELLED)) {
            return; // nothing left to stop
        }
        long now = clock.millis();
        store.txRun(c -> {
            List<String> executions = new ArrayList<>(List.of(executionId));
            if (r.parentExecutionId() == null) {
                executions.addAll(Store.query(c, "select execution_id from oos_executions where parent_execution_id"
                        + " = ? and status in ('Started', 'Queued', 'Running')", rs -> rs.getString(1), executionId));
            } else {
                // the parent's loop item of this child ends with it; the loop goes on with the others
                Store.update(c, "update oos_task_executions set status = ?, status_message = ?, end_ms = ?,"
                        + " update_ms = ? where child_execution_id = ? and status = 'Running'", Execution.CANCELLED,
                        message, now, now, executionId);
            }
            for (String id : executions) {
                Store.update(c, "update oos_task_executions set status = ?, status_message = ?, end_ms = ?,"
                        + " update_ms = ? where execution_id = ? and status in ('Queued', 'Running')",
                        Execution.CANCELLED, clip(message), now, now, id);
                finish(c, id, Execution.CANCELLED, message, null, now);
            }
        });
    }

    // --------------------------------------------------------------- helpers

    /**
     * The identity a step calls ECS as: the one that started the execution, or the role OOSAssumeRole names (its
     * session is the execution). The simulator is the call's source: the audit trail shows OOS's calls as such.
     */
    private static CallContext callContext(LocalOosService.Row r, String regionId) {
        CallContext caller = new CallContext(r.accountId(), r.executedBy(), regionId, CallContext.newRequestId(),
                CallContext.Source.SIMULATOR);
        return r.ramRole().isEmpty() ? caller : caller.asServiceRole(r.ramRole(), r.parentExecutionId() != null
                ? r.parentExecutionId() : r.executionId());
    }

    private LocalOosService.Row load(String executionId) {
        return store.queryOne("select execution_id, account_id, region_id, executed_by, ram_role, template_name,"
                + " template_version, parent_execution_id, loop_item, mode, description, status, status_message,"
                + " parameters, outputs, create_ms, start_ms, end_ms, update_ms from oos_executions where"
                + " execution_id = ?", LocalOosService::row, executionId)
                .orElseThrow(() -> OosErrors.executionNotFound(executionId));
    }

    private static void finish(Connection c, String executionId, String status, String message, String outputs,
            long now) throws SQLException {
        if (outputs == null) {
            Store.update(c, "update oos_executions set status = ?, status_message = ?, end_ms = ?, update_ms = ?"
                    + " where execution_id = ?", status, clip(message), now, now, executionId);
        } else {
            Store.update(c, "update oos_executions set status = ?, status_message = ?, outputs = ?, end_ms = ?,"
                    + " update_ms = ? where execution_id = ?", status, clip(message), outputs, now, now, executionId);
        }
    }

    static String insertTask(Connection c, String executionId, int seq, String name, String action, String status,
            String message, JsonNode properties, JsonNode outputs, String loopItem, String parentTaskId, long now,
            Long endMs) throws SQLException {
        String id = Ids.ecs("task-exec");
        Store.update(c, "insert into oos_task_executions (task_execution_id, execution_id, seq, task_name,"
                + " task_action, status, status_message, properties, outputs, loop_item, parent_task_execution_id,"
                + " create_ms, start_ms, end_ms, update_ms) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", id,
                executionId, seq, name, action, status, clip(message), properties.toString(), outputs.toString(), loopItem,
                parentTaskId, now, status.equals(Execution.QUEUED) ? null : now, endMs, now);
        return id;
    }

    /** A status message as stored: at most the column's 2,048 characters (a long list of failures is cut). */
    static String clip(String message) {
        return message.length() <= 2048 ? message : message.substring(0, 2040) + " […]";
    }

    static ObjectNode json(String text) {
        try {
            return (ObjectNode) JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON is damaged: " + text, e);
        }
    }
}
