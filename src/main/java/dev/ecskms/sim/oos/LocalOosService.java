package dev.ecskms.sim.oos;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ecskms.sim.common.ApiException;
import dev.ecskms.sim.common.CallContext;
import dev.ecskms.sim.common.Ids;
import dev.ecskms.sim.ecs.EcsService;
import dev.ecskms.sim.ecs.InstanceService;
import dev.ecskms.sim.ecs.Region;
import dev.ecskms.sim.ram.RamService;
import dev.ecskms.sim.store.Store;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * OOS on the simulator's store: the template registry, StartExecution's checks, the listings and cancellation. The
 * {@link ExecutionEngine} moves executions along on the simulated clock's ticks.
 */
public final class LocalOosService implements OosService {
    static final ObjectMapper JSON = new ObjectMapper();
    static final int MAX_TARGETS = 1000;
    private static final Set<String> PARAMETERS = Set.of("regionId", "targets", "KMSKeyId", "rateControl",
            "OOSAssumeRole");
    private static final String EXEC_COLUMNS = "execution_id, account_id, region_id, executed_by, ram_role,"
            + " template_name, template_version, parent_execution_id, loop_item, mode, description, status,"
            + " status_message, parameters, outputs, create_ms, start_ms, end_ms, update_ms";
    static final String TASK_COLUMNS = "task_execution_id, execution_id, task_name, task_action, status,"
            + " status_message, properties, outputs, loop_item, child_execution_id, parent_task_execution_id,"
            + " create_ms, start_ms, end_ms, update_ms";

    private final Store store;
    private final Clock clock;
    private final EcsService ecs;
    private final RamService ram;
    private final ExecutionEngine engine;

    /**
     * @param ecs       ECS as a script calls it (recorded on the audit trail): the steps call these operations
     * @param instances the same for instances
     */
    public LocalOosService(Store store, Clock clock, EcsService ecs, InstanceService instances, RamService ram) {
        this.store = store;
        this.clock = clock;
        this.ecs = ecs;
        this.ram = ram;
        this.engine = new ExecutionEngine(store, clock, ecs, instances);
    }

    // ------------------------------------------------------------- templates

    @Override
    public Listing<Template> listTemplates(CallContext ctx, String templateName, Integer maxResults,
            String nextToken) {
        List<Template> all = Templates.listed().stream()
                .filter(t -> templateName == null || templateName.isBlank()
                        || t.templateName().contains(templateName.strip()))
                .map(Template::withoutContent).toList();
        return page(all, maxResults, nextToken);
    }

    @Override
    public Template getTemplate(CallContext ctx, String templateName, String templateVersion) {
        return Templates.require(templateName, templateVersion);
    }

    // -------------------------------------------------------- StartExecution

    @Override
    public Execution startExecution(CallContext ctx, StartExecutionRequest r) {
        Template template = Templates.require(r.templateName(), r.templateVersion());
        if (!template.templateType().equals("Automation")) {
            throw ApiException.invalid("TemplateName", template.templateName() + " is an action that runs inside "
                    + Templates.BULKY_ENCRYPT_SYSTEM_DISK + ". Start that template with the instances as targets.");
        }
        String mode = r.mode() == null || r.mode().isBlank() ? "Automatic" : r.mode().strip();
        if (mode.equals("Debug")) {
            throw ApiException.invalid("Mode", "the simulator runs executions in Automatic mode only (no"
                    + " step-by-step Debug mode). Leave Mode out or set it to Automatic.");
        }
        if (!mode.equals("Automatic")) {
            throw ApiException.invalid("Mode", "it is Automatic or Debug.");
        }
        String safety = r.safetyCheck();
        if (safety != null && !safety.isBlank() && !Set.of("Skip", "ConfirmEveryHighRiskAction").contains(safety)) {
            throw ApiException.invalid("SafetyCheck", "it is Skip or ConfirmEveryHighRiskAction.");
        }
        String description = r.description() == null ? "" : r.description().strip();
        if (description.length() > 256) {
            throw ApiException.invalid("Description", "at most 256 characters.");
        }
        String clientToken = r.clientToken() == null || r.clientToken().isBlank() ? null : r.clientToken().strip();
        if (clientToken != null && clientToken.length() > 64) {
            throw ApiException.invalid("ClientToken", "at most 64 characters.");
        }
        if (clientToken != null) {
            var earlier = store.queryOne("select execution_id from oos_executions where account_id = ? and"
                    + " client_token = ?", rs -> rs.getString(1), ctx.accountId(), clientToken);
            if (earlier.isPresent()) {
                return execution(ctx, earlier.get());
            }
        }
        ObjectNode parameters = parameters(ctx, r.parameters());
        String executionId = Ids.ecs("exec");
        long now = clock.millis();
        store.txRun(c -> Store.update(c, "insert into oos_executions (execution_id, account_id, region_id,"
                + " executed_by, ram_role, template_name, template_version, parent_execution_id, loop_item, mode,"
                + " description, client_token, status, status_message, parameters, outputs, state, create_ms,"
                + " update_ms) values (?, ?, ?, ?, ?, ?, ?, null, null, ?, ?, ?, ?, '', ?, '{}', '{}', ?, ?)",
                executionId, ctx.accountId(), ctx.regionId(), ctx.principal(),
                parameters.path("OOSAssumeRole").asText(""), template.templateName(), template.templateVersion(),
                mode, description, clientToken, Execution.STARTED, parameters.toString(), now, now));
        return execution(ctx, executionId);
    }

    /** The template's parameters checked, with its defaults filled in. */
    private ObjectNode parameters(CallContext ctx, String text) {
        ObjectNode given;
        try {
            JsonNode node = text == null || text.isBlank() ? JSON.createObjectNode() : JSON.readTree(text);
            if (!(node instanceof ObjectNode o)) {
                throw ApiException.invalid("Parameters", "it is a JSON object of the template's parameters, e.g."
                        + " {\"targets\": {\"Type\": \"ResourceIds\", \"ResourceIds\": [\"i-…\"]}, \"KMSKeyId\": \"…\"}.");
            }
            given = o;
        } catch (JsonProcessingException e) {
            throw ApiException.invalid("Parameters", "it is not valid JSON (" + e.getOriginalMessage() + ").");
        }
        for (Iterator<String> names = given.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!PARAMETERS.contains(name)) {
                throw OosErrors.badParameter(name, Templates.BULKY_ENCRYPT_SYSTEM_DISK + " has no such parameter;"
                        + " its parameters are regionId, targets, KMSKeyId, rateControl and OOSAssumeRole.");
            }
        }
        ObjectNode p = JSON.createObjectNode();
        String region = text(given, "regionId");
        if (region == null || region.isBlank() || region.replace(" ", "").equals("{{ACS::RegionId}}")) {
            region = ctx.regionId();
        }
        String regionId = region.strip();
        if (ecs.describeRegions(ctx).stream().map(Region::regionId).noneMatch(regionId::equals)) {
            throw OosErrors.badParameter("regionId", "there is no region " + regionId + ". Use a region id such as"
                    + " cn-hangzhou, or leave it out for this region (" + ctx.regionId() + ").");
        }
        p.put("regionId", regionId);
        p.set("targets", targets(given.get("targets")));
        String key = text(given, "KMSKeyId");
        if (key == null || key.isBlank()) {
            throw OosErrors.missingParameter("KMSKeyId", "\"KMSKeyId\": \"<the id of an enabled KMS key>\"");
        }
        p.put("KMSKeyId", key.strip());
        p.set("rateControl", rateControl(given.get("rateControl")));
        String role = text(given, "OOSAssumeRole");
        role = role == null ? "" : role.strip();
        if (!role.isEmpty()) {
            ram.getRole(ctx, role); // EntityNotExist.Role when there is none
        }
        p.put("OOSAssumeRole", role);
        return p;
    }

    private static String text(ObjectNode node, String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw OosErrors.badParameter(name, "it is a string.");
        }
        return value.asText();
    }

    /** targets: {"Type": "ResourceIds", "ResourceIds": [...]} (also given as a JSON string, as consoles send it). */
    private static ObjectNode targets(JsonNode value) {
        String example = "\"targets\": {\"Type\": \"ResourceIds\", \"ResourceIds\": [\"i-…\"]}";
        if (value == null || value.isNull()) {
            throw OosErrors.missingParameter("targets", example);
        }
        if (value.isTextual()) {
            try {
                value = JSON.readTree(value.asText());
            } catch (JsonProcessingException e) {
                throw OosErrors.badParameter("targets", "it is not valid JSON. Give it as " + example + ".");
            }
        }
        if (!(value instanceof ObjectNode t)) {
            throw OosErrors.badParameter("targets", "give it as " + example + ".");
        }
        String type = t.path("Type").asText("");
        if (!type.equals("ResourceIds")) {
            throw OosErrors.badParameter("targets", "Type \"" + type + "\" is not simulated: name the instances with"
                    + " Type ResourceIds, as in " + example + ".");
        }
        JsonNode ids = t.get("ResourceIds");
        if (ids == null || !ids.isArray() || ids.isEmpty()) {
            throw OosErrors.badParameter("targets", "ResourceIds lists no instance. Name at least one, as in "
                    + example + ".");
        }
        Set<String> unique = new LinkedHashSet<>();
        for (JsonNode id : ids) {
            if (!id.isTextual() || id.asText().isBlank()) {
                throw OosErrors.badParameter("targets", "every entry of ResourceIds is an instance id (a string).");
            }
            unique.add(id.asText().strip());
        }
        if (unique.size() > MAX_TARGETS) {
            throw OosErrors.badParameter("targets", "at most " + MAX_TARGETS + " instances per execution.");
        }
        ObjectNode out = JSON.createObjectNode();
        out.put("Type", "ResourceIds");
        ArrayNode list = out.putArray("ResourceIds");
        unique.forEach(list::add);
        return out;
    }

    private static ObjectNode rateControl(JsonNode value) {
        ObjectNode out = JSON.createObjectNode();
        out.put("Mode", "Concurrency");
        out.put("MaxErrors", 0);
        out.put("Concurrency", 10);
        if (value == null || value.isNull()) {
            return out;
        }
        if (value.isTextual()) {
            try {
                value = JSON.readTree(value.asText());
            } catch (JsonProcessingException e) {
                throw OosErrors.badParameter("rateControl", "it is not valid JSON.");
            }
        }
        if (!(value instanceof ObjectNode given)) {
            throw OosErrors.badParameter("rateControl", "give it as {\"Mode\": \"Concurrency\", \"MaxErrors\": 0,"
                    + " \"Concurrency\": 10}.");
        }
        String mode = given.path("Mode").asText("Concurrency");
        if (!mode.equals("Concurrency")) {
            throw OosErrors.badParameter("rateControl", "Mode \"" + mode + "\" is not simulated; use Concurrency.");
        }
        if (given.has("Concurrency")) {
            out.set("Concurrency", RateControl.checked("Concurrency", given.get("Concurrency"), 1));
        }
        if (given.has("MaxErrors")) {
            out.set("MaxErrors", RateControl.checked("MaxErrors", given.get("MaxErrors"), 0));
        }
        return out;
    }

    // ------------------------------------------------------------- listings

    @Override
    public Listing<Execution> listExecutions(CallContext ctx, ListExecutionsRequest r) {
        StringBuilder sql = new StringBuilder("select " + EXEC_COLUMNS + " from oos_executions where account_id = ?"
                + " and region_id = ?");
        List<Object> params = new ArrayList<>(List.of(ctx.accountId(), ctx.regionId()));
        boolean children = Boolean.TRUE.equals(r.includeChildExecution());
        if (present(r.executionId())) {
            sql.append(" and execution_id = ?");
            params.add(r.executionId().strip());
            children = true;
        }
        if (present(r.parentExecutionId())) {
            sql.append(" and parent_execution_id = ?");
            params.add(r.parentExecutionId().strip());
        } else if (!children) {
            sql.append(" and parent_execution_id is null");
        }
        if (present(r.templateName())) {
            sql.append(" and template_name = ?");
            params.add(r.templateName().strip());
        }
        if (present(r.status())) {
            sql.append(" and status = ?");
            params.add(r.status().strip());
        }
        sql.append(" order by create_ms desc, execution_id");
        List<Row> rows = store.query(sql.toString(), LocalOosService::row, params.toArray());
        Listing<Row> page = page(rows, r.maxResults(), r.nextToken());
        return new Listing<>(page.items().stream().map(this::execution).toList(), page.nextToken(),
                page.maxResults());
    }

    @Override
    public Listing<TaskExecution> listTaskExecutions(CallContext ctx, ListTaskExecutionsRequest r) {
        StringBuilder sql = new StringBuilder("select t.task_execution_id, t.execution_id, t.task_name,"
                + " t.task_action, t.status, t.status_message, t.properties, t.outputs, t.loop_item,"
                + " t.child_execution_id, t.parent_task_execution_id, t.create_ms, t.start_ms, t.end_ms,"
                + " t.update_ms, e.template_name from oos_task_executions t join oos_executions e on"
                + " e.execution_id = t.execution_id where e.account_id = ? and e.region_id = ?");
        List<Object> params = new ArrayList<>(List.of(ctx.accountId(), ctx.regionId()));
        boolean children = Boolean.TRUE.equals(r.includeChildTaskExecution());
        if (present(r.executionId())) {
            String id = r.executionId().strip();
            if (store.queryOne("select 1 from oos_executions where execution_id = ? and account_id = ? and"
                    + " region_id = ?", rs -> 1, id, ctx.accountId(), ctx.regionId()).isEmpty()) {
                throw OosErrors.executionNotFound(id);
            }
            sql.append(" and t.execution_id = ?");
            params.add(id);
        }
        if (present(r.taskExecutionId())) {
            sql.append(" and t.task_execution_id = ?");
            params.add(r.taskExecutionId().strip());
            children = true;
        }
        if (present(r.parentTaskExecutionId())) {
            sql.append(" and t.parent_task_execution_id = ?");
            params.add(r.parentTaskExecutionId().strip());
        } else if (!children) {
            sql.append(" and t.parent_task_execution_id is null");
        }
        if (present(r.taskName())) {
            sql.append(" and t.task_name = ?");
            params.add(r.taskName().strip());
        }
        if (present(r.status())) {
            sql.append(" and t.status = ?");
            params.add(r.status().strip());
        }
        sql.append(" order by e.create_ms, t.execution_id, t.seq");
        List<TaskExecution> all = store.query(sql.toString(), rs -> new TaskExecution(rs.getString(1),
                rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
                rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11),
                Templates.find(rs.getString(16)).map(Template::templateId).orElse(null), instant(rs, 12),
                instant(rs, 13), instant(rs, 14), instant(rs, 15)), params.toArray());
        return page(all, r.maxResults(), r.nextToken());
    }

    private static boolean present(String s) {
        return s != null && !s.isBlank();
    }

    /** Pages by position: NextToken is the index of the next item. MaxResults 1–100 (default 50). */
    static <T> Listing<T> page(List<T> all, Integer maxResults, String nextToken) {
        int max = maxResults == null ? 50 : maxResults;
        if (max < 1 || max > 100) {
            throw ApiException.invalid("MaxResults", "it is from 1 to 100.");
        }
        int from = 0;
        if (nextToken != null && !nextToken.isBlank()) {
            try {
                from = Integer.parseInt(nextToken.strip());
            } catch (NumberFormatException e) {
                from = -1;
            }
            if (from < 0 || from > all.size()) {
                throw ApiException.invalid("NextToken", "pass the NextToken of the previous page unchanged.");
            }
        }
        int to = Math.min(all.size(), from + max);
        return new Listing<>(List.copyOf(all.subList(from, to)), to < all.size() ? Integer.toString(to) : null,
                max);
    }

    // ---------------------------------------------------------- cancellation

    @Override
    public void cancelExecution(CallContext ctx, String executionId) {
        String id = ApiException.required("ExecutionId", executionId).strip();
        Row row = store.queryOne("select " + EXEC_COLUMNS + " from oos_executions where execution_id = ? and"
                + " account_id = ? and region_id = ?", LocalOosService::row, id, ctx.accountId(), ctx.regionId())
                .orElseThrow(() -> OosErrors.executionNotFound(id));
        engine.cancel(row.executionId(), "Cancelled by " + ctx.principal() + ".");
    }

    @Override
    public void processDueEvents() {
        engine.advanceAll();
    }

    // --------------------------------------------------------------- reading

    /** An execution row as stored. */
    record Row(String executionId, String accountId, String regionId, String executedBy, String ramRole,
            String templateName, String templateVersion, String parentExecutionId, String loopItem, String mode,
            String description, String status, String statusMessage, String parameters, String outputs,
            Instant createDate, Instant startDate, Instant endDate, Instant updateDate) {
    }

    static Row row(ResultSet rs) throws SQLException {
        return new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10),
                rs.getString(11), rs.getString(12), rs.getString(13), rs.getString(14), rs.getString(15),
                instant(rs, 16), instant(rs, 17), instant(rs, 18), instant(rs, 19));
    }

    static Instant instant(ResultSet rs, int column) throws SQLException {
        long ms = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(ms);
    }

    private Execution execution(CallContext ctx, String executionId) {
        return execution(store.queryOne("select " + EXEC_COLUMNS + " from oos_executions where execution_id = ?",
                LocalOosService::row, executionId).orElseThrow(() -> OosErrors.executionNotFound(executionId)));
    }

    private Execution execution(Row r) {
        Map<String, Integer> counters = new LinkedHashMap<>();
        boolean isParent = r.parentExecutionId() == null;
        if (isParent) {
            Map<String, Integer> byStatus = new LinkedHashMap<>();
            store.query("select status, count(*) from oos_task_executions where execution_id = ? and"
                    + " parent_task_execution_id is not null group by status", rs -> {
                        byStatus.put(rs.getString(1), rs.getInt(2));
                        return null;
                    }, r.executionId());
            int total = byStatus.values().stream().mapToInt(Integer::intValue).sum();
            counters.put("Total", total);
            for (String s : List.of(Execution.QUEUED, Execution.RUNNING, Execution.SUCCESS, Execution.FAILED,
                    Execution.CANCELLED)) {
                counters.put(s, byStatus.getOrDefault(s, 0));
            }
        }
        List<Execution.CurrentTask> current = store.query("select task_execution_id, task_name, task_action from"
                + " oos_task_executions where execution_id = ? and status = 'Running' and parent_task_execution_id"
                + " is null order by seq", rs -> new Execution.CurrentTask(rs.getString(1), rs.getString(2),
                rs.getString(3)), r.executionId());
        String templateId = Templates.find(r.templateName()).map(Template::templateId).orElse(null);
        return new Execution(r.executionId(), r.templateName(), r.templateVersion(), templateId,
                r.parentExecutionId(), isParent, r.loopItem(), r.mode(), r.description(), r.status(),
                r.statusMessage(), r.parameters(), r.outputs(), counters, current, r.executedBy(), r.ramRole(),
                r.regionId(), r.createDate(), r.startDate(), r.endDate(), r.updateDate());
    }
}
