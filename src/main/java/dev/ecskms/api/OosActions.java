package dev.ecskms.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecskms.sim.common.ApiException;
import dev.ecskms.sim.common.CallContext;
import dev.ecskms.sim.oos.Execution;
import dev.ecskms.sim.oos.ListExecutionsRequest;
import dev.ecskms.sim.oos.ListTaskExecutionsRequest;
import dev.ecskms.sim.oos.OosService;
import dev.ecskms.sim.oos.StartExecutionRequest;
import dev.ecskms.sim.oos.TaskExecution;
import dev.ecskms.sim.oos.Template;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * OOS 2019-06-01 on the wire: StartExecution, ListExecutions, ListTaskExecutions, CancelExecution, ListTemplates and
 * GetTemplate, each a call to {@link OosService}. Parameter and field names are those of the request and response
 * models of com.aliyun:oos20190601 2.0.0: an execution's {@code Parameters} and {@code Counters} are JSON objects,
 * its {@code Outputs} and a task execution's {@code Properties} and {@code Outputs} are JSON text; lists are plain
 * arrays ({@code "Executions": [...]}); dates are ISO 8601 UTC. A RegionId is accepted, else the endpoint's region.
 */
public final class OosActions {
    public static final ActionRegistry.Product PRODUCT = new ActionRegistry.Product("Oos", "2019-06-01", false);
    static final int MAX_PARAMETERS_CHARS = 200_000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);

    private OosActions() {
    }

    public static void registerInto(ActionRegistry registry, OosService oos) {
        String v = PRODUCT.version();
        registry.product(PRODUCT)
                .action(v, "StartExecution", (ctx, p) -> startExecution(oos, ctx, p))
                .action(v, "ListExecutions", (ctx, p) -> listExecutions(oos, ctx, p))
                .action(v, "ListTaskExecutions", (ctx, p) -> listTaskExecutions(oos, ctx, p))
                .action(v, "CancelExecution", (ctx, p) -> Responses.done(() -> oos.cancelExecution(ctx,
                        p.required("ExecutionId"))))
                .action(v, "ListTemplates", (ctx, p) -> listTemplates(oos, ctx, p))
                .action(v, "GetTemplate", (ctx, p) -> getTemplate(oos, ctx, p));
    }

    private static JsonObject startExecution(OosService oos, CallContext ctx, RpcParams p) {
        for (String unsupported : new String[] {"TemplateContent", "TemplateURL", "ParentExecutionId"}) {
            if (p.optionalNonBlank(unsupported) != null) {
                throw ApiException.invalid(unsupported, "the simulator runs its public templates by TemplateName"
                        + " only. Leave " + unsupported + " out.");
            }
        }
        Execution e = oos.startExecution(ctx, new StartExecutionRequest(p.required("TemplateName"),
                p.optionalNonBlank("TemplateVersion"), p.optional("Parameters", MAX_PARAMETERS_CHARS),
                p.optionalNonBlank("Mode"), p.optional("Description"), p.optionalNonBlank("ClientToken"),
                p.optionalNonBlank("SafetyCheck")));
        return JsonObject.of().put("Execution", execution(e));
    }

    private static JsonObject listExecutions(OosService oos, CallContext ctx, RpcParams p) {
        var page = oos.listExecutions(ctx, new ListExecutionsRequest(p.optionalNonBlank("ExecutionId"),
                p.optionalNonBlank("TemplateName"), p.optionalNonBlank("Status"),
                p.optionalNonBlank("ParentExecutionId"), p.optionalBoolean("IncludeChildExecution"),
                p.optionalInt("MaxResults"), p.optionalNonBlank("NextToken")));
        return JsonObject.of()
                .put("Executions", page.items().stream().map(OosActions::execution).toList())
                .put("MaxResults", page.maxResults())
                .put("NextToken", page.nextToken());
    }

    private static JsonObject listTaskExecutions(OosService oos, CallContext ctx, RpcParams p) {
        var page = oos.listTaskExecutions(ctx, new ListTaskExecutionsRequest(p.optionalNonBlank("ExecutionId"),
                p.optionalNonBlank("TaskExecutionId"), p.optionalNonBlank("TaskName"), p.optionalNonBlank("Status"),
                p.optionalNonBlank("ParentTaskExecutionId"), p.optionalBoolean("IncludeChildTaskExecution"),
                p.optionalInt("MaxResults"), p.optionalNonBlank("NextToken")));
        return JsonObject.of()
                .put("TaskExecutions", page.items().stream().map(OosActions::taskExecution).toList())
                .put("MaxResults", page.maxResults())
                .put("NextToken", page.nextToken());
    }

    private static JsonObject listTemplates(OosService oos, CallContext ctx, RpcParams p) {
        var page = oos.listTemplates(ctx, p.optionalNonBlank("TemplateName"), p.optionalInt("MaxResults"),
                p.optionalNonBlank("NextToken"));
        return JsonObject.of()
                .put("Templates", page.items().stream().map(OosActions::template).toList())
                .put("MaxResults", page.maxResults())
                .put("NextToken", page.nextToken());
    }

    private static JsonObject getTemplate(OosService oos, CallContext ctx, RpcParams p) {
        Template t = oos.getTemplate(ctx, p.required("TemplateName"), p.optionalNonBlank("TemplateVersion"));
        return JsonObject.of().put("Content", t.content()).put("Template", template(t));
    }

    static JsonObject execution(Execution e) {
        return JsonObject.of()
                .put("ExecutionId", e.executionId())
                .put("TemplateName", e.templateName())
                .put("TemplateVersion", e.templateVersion())
                .put("TemplateId", e.templateId())
                .put("ParentExecutionId", e.parentExecutionId())
                .put("IsParent", e.isParent())
                .put("Mode", e.mode())
                .put("LoopMode", "Automatic")
                .put("SafetyCheck", "Skip")
                .put("Description", e.description())
                .put("Status", e.status())
                .put("StatusMessage", e.statusMessage())
                .put("Parameters", json(e.parameters()))
                .put("Outputs", e.outputs())
                .put("Counters", e.isParent() ? e.counters() : null)
                .put("CurrentTasks", e.currentTasks().stream().map(t -> JsonObject.of()
                        .put("TaskExecutionId", t.taskExecutionId())
                        .put("TaskName", t.taskName())
                        .put("TaskAction", t.taskAction())).toList())
                .put("ExecutedBy", e.executedBy())
                .put("RamRole", e.ramRole())
                .put("Tags", Map.of())
                .put("CreateDate", date(e.createDate()))
                .put("StartDate", date(e.startDate()))
                .put("EndDate", date(e.endDate()))
                .put("UpdateDate", date(e.updateDate()));
    }

    static JsonObject taskExecution(TaskExecution t) {
        return JsonObject.of()
                .put("TaskExecutionId", t.taskExecutionId())
                .put("ExecutionId", t.executionId())
                .put("TemplateId", t.templateId())
                .put("TaskName", t.taskName())
                .put("TaskAction", t.taskAction())
                .put("Status", t.status())
                .put("StatusMessage", t.statusMessage())
                .put("Properties", t.properties())
                .put("Outputs", t.outputs())
                .put("LoopItem", t.loopItem())
                .put("ChildExecutionId", t.childExecutionId())
                .put("ParentTaskExecutionId", t.parentTaskExecutionId())
                .put("CreateDate", date(t.createDate()))
                .put("StartDate", date(t.startDate()))
                .put("EndDate", date(t.endDate()))
                .put("UpdateDate", date(t.updateDate()));
    }

    static JsonObject template(Template t) {
        return JsonObject.of()
                .put("TemplateId", t.templateId())
                .put("TemplateName", t.templateName())
                .put("TemplateVersion", t.templateVersion())
                .put("Description", t.description())
                .put("Category", t.category())
                .put("ShareType", t.shareType())
                .put("TemplateFormat", t.templateFormat())
                .put("TemplateType", t.templateType())
                .put("CreatedBy", t.createdBy())
                .put("CreatedDate", date(t.createdDate()))
                .put("UpdatedBy", t.createdBy())
                .put("UpdatedDate", date(t.createdDate()))
                .put("Hash", t.hash())
                .put("HasTrigger", false);
    }

    private static String date(Instant instant) {
        return instant == null ? null : ISO.format(instant);
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an execution's stored parameters are not JSON", e);
        }
    }
}
