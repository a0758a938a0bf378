package dev.ecskms.ui.oos;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ecskms.sim.common.CallContext;
import dev.ecskms.sim.ecs.DescribeDisksRequest;
import dev.ecskms.sim.ecs.Disk;
import dev.ecskms.sim.ecs.Instance;
import dev.ecskms.sim.ecs.Region;
import dev.ecskms.sim.oos.Execution;
import dev.ecskms.sim.oos.ListExecutionsRequest;
import dev.ecskms.sim.oos.ListTaskExecutionsRequest;
import dev.ecskms.sim.oos.OosService;
import dev.ecskms.sim.oos.StartExecutionRequest;
import dev.ecskms.sim.oos.TaskExecution;
import dev.ecskms.sim.oos.Template;
import dev.ecskms.sim.oos.Templates;
import dev.ecskms.ui.common.ConsoleSession;
import dev.ecskms.ui.common.Errors;
import dev.ecskms.ui.common.KeyOption;
import dev.ecskms.ui.common.PageLoader;
import dev.ecskms.ui.oos.CreateExecutionModel.Candidate;
import dev.ecskms.ui.oos.OosModel.InstanceProgress;
import dev.ecskms.ui.oos.OosModel.TemplateParameter;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Runs the Operation Orchestration pages' calls: the public template ACS-ECS-BulkyEncryptSystemDisk, its executions,
 * one execution's instances with their steps, StartExecution from the Create Execution dialog, and CancelExecution.
 */
public final class OosController {
    public static final String TEMPLATE = Templates.BULKY_ENCRYPT_SYSTEM_DISK;
    /** The steps of ACS::ECS::EncryptSystemDisk, the child template each instance runs. */
    public static final int STEPS = 11;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PERCENT = Pattern.compile("(\\d{1,3})%");
    private static final DateTimeFormatter LOG_TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    private final ConsoleSession session;
    private final OosModel model;
    private final PageLoader<Template> templateLoader;
    private final PageLoader<List<Execution>> executionsLoader;
    private final PageLoader<Details> detailsLoader;
    private String executionId;

    record Details(Execution parent, List<InstanceProgress> rows) {
    }

    public OosController(ConsoleSession session, OosModel model) {
        this.session = session;
        this.model = model;
        this.templateLoader = new PageLoader<>(session.tasks(), () -> {
            CallContext ctx = session.context();
            return () -> oos().getTemplate(ctx, TEMPLATE, null);
        }, t -> model.fillTemplate(t, parameters(t.content())), "The template could not be read", model::setError)
                .showingLoading(model::setLoading);
        this.executionsLoader = new PageLoader<>(session.tasks(), () -> {
            CallContext ctx = session.context();
            return () -> oos().listExecutions(ctx, new ListExecutionsRequest(null, TEMPLATE, null, null, null, 100,
                    null)).items();
        }, model::fillExecutions, "The executions could not be listed", model::setError)
                .showingLoading(model::setLoading);
        this.detailsLoader = new PageLoader<>(session.tasks(), () -> {
            CallContext ctx = session.context();
            String id = executionId;
            return () -> details(ctx, id);
        }, d -> model.fillDetails(d.parent(), d.rows()), "The execution could not be read", model::setError)
                .showingLoading(model::setLoading);
    }

    /** Whether this console can run templates; the pages say so when not. */
    public boolean available() {
        return session.services().oos() != null;
    }

    private OosService oos() {
        return session.services().oos();
    }

    void loadTemplate() {
        if (checkAvailable()) {
            templateLoader.load();
        }
    }

    void loadExecutions() {
        if (checkAvailable()) {
            executionsLoader.load();
        }
    }

    /** Opens an execution's details: they are read now and on every reload until another opens. */
    void showExecution(String id) {
        if (!id.equals(executionId)) {
            model.clearDetails();
        }
        executionId = id;
        loadDetails();
    }

    void loadDetails() {
        if (executionId != null && checkAvailable()) {
            detailsLoader.load();
        }
    }

    private boolean checkAvailable() {
        if (!available()) {
            model.setError("This console was opened without Operation Orchestration; it cannot run templates.");
            return false;
        }
        return true;
    }

    void dismissError() {
        model.setError(null);
    }

    void dismissNotice() {
        model.setNotice(null);
    }

    /** CancelExecution of the open execution; then the details are read again. */
    void cancel(String id, Runnable onDone, Consumer<Throwable> onError) {
        CallContext ctx = session.context();
        session.tasks().runVoid(() -> oos().cancelExecution(ctx, id), () -> {
            model.setNotice("Execution " + id + " was cancelled: no further step starts. What its steps did stays.");
            onDone.run();
            loadDetails();
        }, onError);
    }

    // ---- Create Execution

    /** The region's keys for the dialog's key selector. */
    void loadKeyOptions(Consumer<List<KeyOption>> onLoaded) {
        CallContext ctx = session.context();
        Region region = session.region();
        session.tasks().run(() -> KeyOption.load(session.services().kms(), ctx, region), onLoaded,
                e -> model.setError("The keys could not be listed: " + Errors.describe(e)));
    }

    /** Lists the region's instances with their system disk's encryption for the dialog. */
    void loadCandidates(CreateExecutionModel dialog) {
        CallContext ctx = session.context();
        session.tasks().run(() -> candidates(ctx), dialog::fillCandidates,
                e -> dialog.setError("The instances could not be listed: " + Errors.describe(e)));
    }

    private List<Candidate> candidates(CallContext ctx) {
        List<Instance> instances = session.services().instances().describeInstances(ctx, null, null, 1, 100).items();
        Map<String, Disk> systemDisks = session.services().ecs().describeDisks(ctx, new DescribeDisksRequest(null,
                null, null, "system", null, null, null, null, 1, 100)).items().stream()
                .filter(d -> d.instanceId() != null)
                .collect(Collectors.toMap(Disk::instanceId, Function.identity(), (a, b) -> a));
        return instances.stream().map(i -> {
            Disk disk = systemDisks.get(i.instanceId());
            return new Candidate(i.instanceId(), i.instanceName(), i.status(), disk == null ? null : disk.diskId(),
                    disk != null && disk.encrypted());
        }).toList();
    }

    /**
     * Checks Concurrency and MaxErrors with the rule of the template's rateControl parameter and says what is wrong
     * next to each field; true when both are accepted.
     */
    boolean checkRateControl(CreateExecutionModel dialog) {
        String concurrency = rateRefusal("Concurrency", dialog.concurrencyProperty().get(), 1);
        String maxErrors = rateRefusal("MaxErrors", dialog.maxErrorsProperty().get(), 0);
        dialog.setConcurrencyError(concurrency);
        dialog.setMaxErrorsError(maxErrors);
        return concurrency == null && maxErrors == null;
    }

    /** Null when {@code text} is a whole number of at least {@code min} or a percentage 0–100%, else why not. */
    static String rateRefusal(String name, String text, int min) {
        String value = text == null ? "" : text.strip();
        try {
            if (value.endsWith("%")) {
                int percent = Integer.parseInt(value.substring(0, value.length() - 1).strip());
                if (percent >= 0 && percent <= 100) {
                    return null;
                }
            } else if (Integer.parseInt(value) >= min) {
                return null;
            }
        } catch (NumberFormatException e) {
            // falls through to the refusal
        }
        return name + " is a whole number of at least " + min + " or a percentage such as \"10%\", not \""
                + value + "\".";
    }

    /**
     * StartExecution of the template over the chosen instances with the KMS key and rate control; the service's
     * refusal (a missing key, an unknown instance) goes to {@code onError}.
     */
    void start(CreateExecutionModel dialog, String kmsKeyId, Consumer<Execution> onStarted,
            Consumer<Throwable> onError) {
        if (!checkRateControl(dialog)) {
            onError.accept(new IllegalArgumentException("Correct the rate control first."));
            return;
        }
        List<String> targets = dialog.candidates().stream().map(Candidate::instanceId)
                .filter(dialog.chosen()::contains).toList();
        String parameters = parameters(session.regionId(), targets, kmsKeyId,
                dialog.concurrencyProperty().get().strip(), dialog.maxErrorsProperty().get().strip());
        CallContext ctx = session.context();
        session.tasks().run(() -> oos().startExecution(ctx, StartExecutionRequest.of(TEMPLATE, parameters)),
                started -> {
                    loadExecutions();
                    onStarted.accept(started);
                }, onError);
    }

    /** The template's parameters as StartExecution takes them (a JSON object's text). */
    static String parameters(String regionId, List<String> instanceIds, String kmsKeyId, String concurrency,
            String maxErrors) {
        ObjectNode p = JSON.createObjectNode();
        p.put("regionId", regionId);
        ObjectNode targets = p.putObject("targets");
        targets.put("Type", "ResourceIds");
        ArrayNode ids = targets.putArray("ResourceIds");
        instanceIds.forEach(ids::add);
        if (kmsKeyId != null) {
            p.put("KMSKeyId", kmsKeyId);
        }
        ObjectNode rate = p.putObject("rateControl");
        rate.put("Mode", "Concurrency");
        putCount(rate, "Concurrency", concurrency);
        putCount(rate, "MaxErrors", maxErrors);
        return p.toString();
    }

    private static void putCount(ObjectNode node, String name, String value) {
        if (value.endsWith("%")) {
            node.put(name, value);
        } else {
            node.put(name, Integer.parseInt(value));
        }
    }

    // ---- one execution's details

    /** What an execution was started with, from its parameters (the template's defaults filled in). */
    record RunSettings(String kmsKeyId, String concurrency, String maxErrors) {
    }

    static RunSettings settings(Execution e) {
        try {
            var p = JSON.readTree(e.parameters() == null ? "{}" : e.parameters());
            var rate = p.path("rateControl");
            return new RunSettings(p.path("KMSKeyId").asText("-"), rate.path("Concurrency").asText("10"),
                    rate.path("MaxErrors").asText("0"));
        } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
            return new RunSettings("-", "-", "-");
        }
    }

    /** In the background: the execution, its loop's items, and each item's child execution with its steps. */
    private Details details(CallContext ctx, String id) {
        List<Execution> found = oos().listExecutions(ctx, ListExecutionsRequest.one(id)).items();
        if (found.isEmpty()) {
            throw new IllegalStateException("Execution " + id + " no longer exists.");
        }
        Execution parent = found.get(0);
        List<TaskExecution> top = oos().listTaskExecutions(ctx, ListTaskExecutionsRequest.of(id)).items();
        TaskExecution loop = top.stream().filter(t -> t.parentTaskExecutionId() == null
                && "encryptSystemDisk".equals(t.taskName())).findFirst().orElse(null);
        List<InstanceProgress> rows = new ArrayList<>();
        if (loop != null) {
            List<TaskExecution> items = oos().listTaskExecutions(ctx, new ListTaskExecutionsRequest(null, null, null,
                    null, loop.taskExecutionId(), null, 100, null)).items();
            Map<String, Execution> children = oos().listExecutions(ctx, ListExecutionsRequest.childrenOf(id))
                    .items().stream().collect(Collectors.toMap(Execution::executionId, Function.identity()));
            for (TaskExecution item : items) {
                Execution child = item.childExecutionId() == null ? null : children.get(item.childExecutionId());
                List<TaskExecution> steps = child == null ? List.of()
                        : oos().listTaskExecutions(ctx, ListTaskExecutionsRequest.of(child.executionId())).items();
                rows.add(progress(item, child, steps));
            }
        }
        return new Details(parent, rows);
    }

    /** How far one instance got: the steps done out of {@link #STEPS}, and the running step's own percent. */
    static InstanceProgress progress(TaskExecution item, Execution child, List<TaskExecution> steps) {
        String status = child != null ? child.status() : item.status();
        List<TaskExecution> ordered = steps.stream().sorted(Comparator.comparing(TaskExecution::createDate,
                Comparator.nullsLast(Comparator.naturalOrder()))).toList();
        int done = (int) ordered.stream().filter(s -> Execution.SUCCESS.equals(s.status())).count();
        TaskExecution current = ordered.isEmpty() ? null : ordered.get(ordered.size() - 1);
        boolean running = current != null && !finished(current.status());
        double fraction;
        String text;
        if (Execution.SUCCESS.equals(status)) {
            fraction = 1;
            // whetherToEncrypt ends the child early when the system disk was encrypted already
            text = done < STEPS ? "Skipped: the system disk was encrypted already" : STEPS + " / " + STEPS + " steps";
        } else {
            double stepPercent = 0;
            if (running) {
                Matcher m = PERCENT.matcher(current.statusMessage() == null ? "" : current.statusMessage());
                if (m.find()) {
                    stepPercent = Math.min(100, Integer.parseInt(m.group(1))) / 100.0;
                }
            }
            fraction = Math.min(1, (done + stepPercent) / STEPS);
            text = done + " / " + STEPS + " steps";
            if (running && current.statusMessage() != null && !current.statusMessage().isBlank()) {
                text += " · " + current.statusMessage();
            }
        }
        List<String> log = ordered.stream().map(s -> LOG_TIME.format(s.startDate() != null ? s.startDate()
                : s.createDate()) + "  " + s.taskName() + "  " + s.status()
                + (s.statusMessage() == null || s.statusMessage().isBlank() ? "" : "  " + s.statusMessage()))
                .toList();
        if (child != null && child.isFinished() && child.statusMessage() != null && !child.statusMessage().isBlank()
                && !Execution.SUCCESS.equals(child.status())) {
            log = new ArrayList<>(log);
            log.add(child.status() + ": " + child.statusMessage());
        }
        return new InstanceProgress(item.loopItem(), child == null ? null : child.executionId(), status, fraction,
                done, STEPS, text, current == null ? "-" : current.taskName(), List.copyOf(log));
    }

    private static boolean finished(String status) {
        return Execution.SUCCESS.equals(status) || Execution.FAILED.equals(status)
                || Execution.CANCELLED.equals(status);
    }

    /**
     * The Parameters section of a template's YAML: each name with its Type, Default and Description (the public
     * templates write them one per line).
     */
    static List<TemplateParameter> parameters(String content) {
        List<TemplateParameter> out = new ArrayList<>();
        if (content == null) {
            return out;
        }
        boolean inParameters = false;
        String name = null;
        String type = "";
        String def = "";
        String description = "";
        boolean defaultBlock = false;
        for (String line : content.split("\n")) {
            if (!line.startsWith(" ")) {
                if (inParameters && name != null) {
                    out.add(new TemplateParameter(name, type, def, description));
                    name = null;
                }
                inParameters = line.strip().equals("Parameters:");
                continue;
            }
            if (!inParameters) {
                continue;
            }
            int indent = line.length() - line.stripLeading().length();
            String text = line.strip();
            if (indent == 2 && text.endsWith(":")) {
                if (name != null) {
                    out.add(new TemplateParameter(name, type, def, description));
                }
                name = text.substring(0, text.length() - 1);
                type = "";
                def = "";
                description = "";
            } else if (indent == 4 && text.startsWith("Type:")) {
                type = value(text);
            } else if (indent == 4 && text.startsWith("Default:")) {
                def = value(text);
            } else if (indent == 4 && text.startsWith("Description:")) {
                description = value(text);
            } else if (indent == 6 && name != null && defaultBlock) {
                def = def.isEmpty() ? text : def + ", " + text; // a Json default, e.g. rateControl's
            }
            if (indent == 4) {
                defaultBlock = text.equals("Default:");
            }
        }
        if (inParameters && name != null) {
            out.add(new TemplateParameter(name, type, def, description));
        }
        return out;
    }

    private static String value(String text) {
        String v = text.substring(text.indexOf(':') + 1).strip();
        if (v.length() >= 2 && v.startsWith("'") && v.endsWith("'")) {
            v = v.substring(1, v.length() - 1);
        }
        return v;
    }
}
