package dev.ecskms.api;

import dev.ecskms.sim.common.ApiException;
import dev.ecskms.sim.common.CallContext;
import dev.ecskms.sim.common.Page;
import dev.ecskms.sim.ecs.Catalog;
import dev.ecskms.sim.ecs.Instance;
import dev.ecskms.sim.ecs.InstanceService;
import dev.ecskms.sim.ecs.InstanceStatus;
import dev.ecskms.sim.ecs.InstanceType;
import dev.ecskms.sim.ecs.Invocation;
import dev.ecskms.sim.ecs.ReplaceSystemDiskRequest;
import dev.ecskms.sim.ecs.RunInstancesRequest;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * ECS 2014-05-26 on the wire — instances, their console and Cloud Assistant: parameter names and response shapes of
 * the real service (checked against the request classes and unmarshallers of aliyun-java-sdk-ecs 5.11.7), each action
 * a call to {@link InstanceService}. Registered into the ECS product that {@link EcsActions} registers; the
 * validation and error codes of instances, disks and keys are the service's, this class only binds and renders.
 */
public final class InstanceActions {
    /** InstanceIds, InstanceId.N: at most 100 ids in the real API. */
    static final int MAX_IDS = 100;
    /** DataDisk.N: N from 1 to 16. */
    static final int MAX_DATA_DISKS = 16;
    /** InstanceTypes.N of DescribeInstanceTypes: N from 1 to 10. */
    static final int MAX_INSTANCE_TYPE_FILTERS = 10;
    /** CommandContent: 18 KB once base64-encoded in the real API; the same bound for plain text here. */
    static final int MAX_COMMAND_CONTENT_CHARS = 18 * 1024;
    static final int MAX_COMMAND_NAME_CHARS = 128;
    static final int MAX_CLIENT_TOKEN_CHARS = 64;
    /** The Cloud Assistant listings page by 10 and allow at most 50 a page. */
    static final int DEFAULT_PAGE_SIZE = 10;
    static final int MAX_INVOCATION_PAGE_SIZE = 50;

    /** The only Cloud Assistant command type a simulated (Linux) guest runs. */
    static final String SHELL_SCRIPT = "RunShellScript";
    /**
     * RunCommand's ContentEncoding when none is given: the real API's default is PlainText (Base64 must be asked
     * for). Matched case-insensitively, as the real API does.
     */
    static final String DEFAULT_COMMAND_ENCODING = "PlainText";
    private static final Map<String, String> CONTENT_ENCODINGS = Map.of("plaintext", "PlainText", "base64", "Base64");

    private final InstanceService instances;

    private InstanceActions(InstanceService instances) {
        this.instances = instances;
    }

    /** Adds the instance actions to ECS 2014-05-26; {@link EcsActions#registerInto} must have registered it. */
    public static void registerInto(ActionRegistry registry, InstanceService instances) {
        InstanceActions a = new InstanceActions(instances);
        String v = EcsActions.PRODUCT.version();
        registry.action(v, "DescribeInstanceTypes", a::describeInstanceTypes)
                .action(v, "RunInstances", a::runInstances)
                .action(v, "DescribeInstances", a::describeInstances)
                .action(v, "DescribeInstanceStatus", a::describeInstanceStatus)
                .action(v, "StartInstance", (ctx, p) -> Responses.done(() -> {
                    noDryRun(p);
                    instances.startInstance(ctx, p.required("InstanceId"));
                }))
                .action(v, "StopInstance", (ctx, p) -> Responses.done(() -> {
                    noDryRun(p);
                    instances.stopInstance(ctx, p.required("InstanceId"), p.optionalBoolean("ForceStop"));
                }))
                .action(v, "RebootInstance", (ctx, p) -> Responses.done(() -> {
                    noDryRun(p);
                    instances.rebootInstance(ctx, p.required("InstanceId"), p.optionalBoolean("ForceStop"));
                }))
                .action(v, "DeleteInstance", (ctx, p) -> Responses.done(() -> {
                    noDryRun(p);
                    instances.deleteInstance(ctx, p.required("InstanceId"), p.optionalBoolean("Force"));
                }))
                .action(v, "AttachDisk", a::attachDisk)
                .action(v, "ReplaceSystemDisk", (ctx, p) -> JsonObject.of().put("DiskId", instances.replaceSystemDisk(
                        ctx, new ReplaceSystemDiskRequest(p.required("InstanceId"), p.optionalNonBlank("ImageId"),
                                p.optional("Password"), p.optionalBoolean("PasswordInherit"),
                                p.optionalNonBlank("KeyPairName"), p.optionalInt("SystemDisk.Size"),
                                p.optionalBoolean("Encrypted"), p.optionalNonBlank("KMSKeyId"),
                                p.optionalNonBlank("EncryptAlgorithm"),
                                p.optionalNonBlank("ClientToken", MAX_CLIENT_TOKEN_CHARS)))))
                .action(v, "DetachDisk", (ctx, p) -> Responses.done(() -> instances.detachDisk(ctx,
                        p.required("InstanceId"), p.required("DiskId"))))
                .action(v, "GetInstanceScreenshot", a::getInstanceScreenshot)
                .action(v, "GetInstanceConsoleOutput", a::getInstanceConsoleOutput)
                .action(v, "RunCommand", a::runCommand)
                .action(v, "DescribeInvocations", a::describeInvocations)
                .action(v, "DescribeInvocationResults", a::describeInvocationResults);
    }

    // ---- catalog ----

    private JsonObject describeInstanceTypes(CallContext ctx, RpcParams p) {
        String family = p.optionalNonBlank("InstanceTypeFamily");
        List<String> only = p.repeated("InstanceTypes", MAX_INSTANCE_TYPE_FILTERS);
        List<JsonObject> types = instances.describeInstanceTypes(ctx).stream()
                .filter(t -> family == null || t.family().equals(family.strip()))
                .filter(t -> only.isEmpty() || only.contains(t.instanceTypeId()))
                .map(InstanceActions::instanceType).toList();
        return JsonObject.of().putList("InstanceTypes", "InstanceType", types);
    }

    static JsonObject instanceType(InstanceType t) {
        return JsonObject.of()
                .put("InstanceTypeId", t.instanceTypeId())
                .put("InstanceTypeFamily", t.family())
                .put("CpuCoreCount", t.cpuCores())
                .put("MemorySize", t.memoryGiB());
    }

    // ---- instances ----

    private JsonObject runInstances(CallContext ctx, RpcParams p) {
        noDryRun(p);
        RunInstancesRequest.SystemDisk systemDisk = new RunInstancesRequest.SystemDisk(
                p.optionalNonBlank("SystemDisk.Category"), p.optionalInt("SystemDisk.Size"),
                p.optionalNonBlank("SystemDisk.PerformanceLevel"), p.optionalBoolean("SystemDisk.Encrypted"),
                p.optionalNonBlank("SystemDisk.KMSKeyId"));
        List<RunInstancesRequest.DataDisk> dataDisks = new ArrayList<>();
        for (int n : p.repeatedGroups("DataDisk", MAX_DATA_DISKS)) {
            String d = "DataDisk." + n + ".";
            dataDisks.add(new RunInstancesRequest.DataDisk(p.optionalNonBlank(d + "Category"),
                    p.optionalInt(d + "Size"), p.optionalNonBlank(d + "SnapshotId"),
                    p.optionalNonBlank(d + "PerformanceLevel"), p.optionalBoolean(d + "Encrypted"),
                    p.optionalNonBlank(d + "KMSKeyId"), p.optionalBoolean(d + "DeleteWithInstance")));
        }
        RunInstancesRequest request = new RunInstancesRequest(p.optionalNonBlank("ZoneId"),
                p.optionalNonBlank("InstanceType"), p.optionalNonBlank("ImageId"), systemDisk,
                List.copyOf(dataDisks), p.optionalInt("Amount"), p.optional("Password"),
                p.optionalNonBlank("InstanceName"), p.optionalNonBlank("HostName"),
                p.optionalNonBlank("ClientToken", MAX_CLIENT_TOKEN_CHARS));
        List<String> ids = instances.runInstances(ctx, request);
        return JsonObject.of().putList("InstanceIdSets", "InstanceIdSet", ids);
    }

    private JsonObject describeInstances(CallContext ctx, RpcParams p) {
        Page<Instance> page = instances.describeInstances(ctx, p.optionalStringList("InstanceIds", MAX_IDS),
                instanceStatus(p), p.optionalInt("PageNumber"), p.optionalInt("PageSize"));
        return Responses.paged(page, "Instances", "Instance", InstanceActions::instance);
    }

    /** An InstanceStatus as the API spells it (Running …), matched case-insensitively; null when absent. */
    private static String instanceStatus(RpcParams p) {
        String value = p.optionalNonBlank("Status");
        if (value == null) {
            return null;
        }
        for (InstanceStatus status : InstanceStatus.values()) {
            if (status.name().equalsIgnoreCase(value.strip())) {
                return status.name();
            }
        }
        throw ApiException.invalid("Status", "it must be one of Pending, Starting, Running, Stopping or Stopped.");
    }

    static JsonObject instance(Instance i) {
        List<String> privateIps = i.privateIpAddress() == null ? List.of() : List.of(i.privateIpAddress());
        return JsonObject.of()
                .put("InstanceId", i.instanceId())
                .put("InstanceName", i.instanceName())
                .put("HostName", i.hostName())
                .put("RegionId", i.regionId())
                .put("ZoneId", i.zoneId())
                .put("InstanceType", i.instanceType())
                .put("InstanceTypeFamily", Catalog.findInstanceType(i.instanceType()).map(InstanceType::family)
                        .orElse(null))
                .put("Cpu", i.cpu())
                // The real service writes Memory in MiB, as an integer.
                .put("Memory", (int) Math.round(i.memoryGiB() * 1024))
                .put("ImageId", i.imageId())
                .put("OSName", i.osName())
                .put("OSNameEn", i.osName())
                .put("OSType", i.osType())
                .put("Status", i.status().name())
                .put("InstanceNetworkType", "vpc")
                .put("InstanceChargeType", "PostPaid")
                .put("IoOptimized", true)
                .put("VpcAttributes", JsonObject.of().putList("PrivateIpAddress", "IpAddress", privateIps))
                .putList("PublicIpAddress", "IpAddress", List.of())
                .putList("InnerIpAddress", "IpAddress", List.of())
                .put("CreationTime", WireFormats.dateToMinute(i.creationTime()))
                // A simulator extension (the real item has no such field; SDKs ignore it): why the last start could
                // not read a disk, e.g. KMS Rejected.Disabled. Absent when the instance read all its disks.
                .put("BootFailure", i.bootFailure() == null ? null : JsonObject.of()
                        .put("Code", i.bootFailure().code())
                        .put("Message", i.bootFailure().message())
                        .put("Time", WireFormats.date(i.bootFailure().time())));
    }

    private JsonObject describeInstanceStatus(CallContext ctx, RpcParams p) {
        List<String> ids = p.repeated("InstanceId", MAX_IDS);
        Page<Instance> page = instances.describeInstances(ctx, ids.isEmpty() ? null : ids, null,
                p.optionalInt("PageNumber"), p.optionalInt("PageSize"));
        return Responses.paged(page, "InstanceStatuses", "InstanceStatus", i -> JsonObject.of()
                .put("InstanceId", i.instanceId())
                .put("Status", i.status().name()));
    }

    private JsonObject attachDisk(CallContext ctx, RpcParams p) {
        if (Boolean.TRUE.equals(p.optionalBoolean("Bootable"))) {
            // Attaching a disk as the system disk is not simulated; never pretend to have done it.
            throw ApiException.invalid("Bootable", "attaching a disk as the system disk is not simulated. Attach"
                    + " it as a data disk, or replace the system disk with ReplaceSystemDisk.");
        }
        instances.attachDisk(ctx, p.required("InstanceId"), p.required("DiskId"),
                p.optionalBoolean("DeleteWithInstance"));
        return JsonObject.of();
    }

    // ---- console ----

    private JsonObject getInstanceScreenshot(CallContext ctx, RpcParams p) {
        String instanceId = p.required("InstanceId");
        return JsonObject.of()
                .put("InstanceId", instanceId)
                .put("Screenshot", WireFormats.base64(instances.getInstanceScreenshot(ctx, instanceId)));
    }

    /** {@code {InstanceId, ConsoleOutput (base64), LastUpdateTime}}; no LastUpdateTime before the guest printed. */
    private JsonObject getInstanceConsoleOutput(CallContext ctx, RpcParams p) {
        String instanceId = p.required("InstanceId");
        String output = instances.getInstanceConsoleOutput(ctx, instanceId);
        Instant updated = instances.consoleOutputUpdated(ctx, instanceId);
        return JsonObject.of()
                .put("InstanceId", instanceId)
                .put("ConsoleOutput", WireFormats.base64Text(output == null ? "" : output))
                .put("LastUpdateTime", updated == null ? null : WireFormats.date(updated));
    }

    // ---- Cloud Assistant ----

    private JsonObject runCommand(CallContext ctx, RpcParams p) {
        String type = p.required("Type").strip();
        if (!type.equals(SHELL_SCRIPT)) {
            throw ApiException.invalid("Type", "\"" + type + "\" is not supported: the simulated guests are Linux"
                    + " and run " + SHELL_SCRIPT + " only.");
        }
        String encoding = contentEncoding(p, DEFAULT_COMMAND_ENCODING);
        String content = p.required("CommandContent");
        if (content.length() > MAX_COMMAND_CONTENT_CHARS) {
            throw ApiException.invalid("CommandContent", "it is longer than " + MAX_COMMAND_CONTENT_CHARS
                    + " characters.");
        }
        String script = encoding.equals("Base64") ? decodeBase64Text("CommandContent", content) : content;
        List<String> instanceIds = p.repeated("InstanceId", MAX_IDS);
        if (instanceIds.isEmpty()) {
            throw ApiException.missing("InstanceId.1");
        }
        String name = p.optionalNonBlank("Name", MAX_COMMAND_NAME_CHARS);
        String invokeId = instances.runCommand(ctx, instanceIds, script, name);
        String commandId = instances.describeInvocationResults(ctx, invokeId).stream()
                .map(Invocation::commandId).findFirst().orElse(null);
        return JsonObject.of().put("CommandId", commandId).put("InvokeId", invokeId);
    }

    /**
     * One invocation, with the state of each instance. (simulator's limit) The real action lists every invocation
     * when no InvokeId is given; the service answers by InvokeId only, so InvokeId is required here. Output is
     * included when IncludeOutput=true, as in the real API.
     */
    private JsonObject describeInvocations(CallContext ctx, RpcParams p) {
        String invokeId = p.required("InvokeId").strip();
        String instanceId = p.optionalNonBlank("InstanceId");
        boolean includeOutput = Boolean.TRUE.equals(p.optionalBoolean("IncludeOutput"));
        String encoding = contentEncoding(p, "Base64");
        int[] paging = Page.validate(p.optionalInt("PageNumber"), p.optionalInt("PageSize"), DEFAULT_PAGE_SIZE,
                MAX_INVOCATION_PAGE_SIZE);
        List<Invocation> perInstance = instances.describeInvocationResults(ctx, invokeId).stream()
                .filter(i -> instanceId == null || i.instanceId().equals(instanceId.strip())).toList();
        List<List<Invocation>> invocations = perInstance.isEmpty() ? List.of() : List.of(perInstance);
        return Responses.paged(Page.of(invocations, paging[0], paging[1]), "Invocations", "Invocation",
                all -> invocation(all, includeOutput, encoding));
    }

    private static JsonObject invocation(List<Invocation> all, boolean includeOutput, String encoding) {
        Invocation first = all.get(0);
        String status = overallStatus(all);
        List<JsonObject> invokeInstances = all.stream().map(i -> JsonObject.of()
                .put("InstanceId", i.instanceId())
                .put("InvocationStatus", i.status())
                .put("InstanceInvokeStatus", legacyInstanceStatus(i))
                .put("ExitCode", i.exitCode())
                .put("Output", includeOutput ? output(i, encoding) : null)
                .put("ErrorInfo", i.errorInfo())
                .put("Repeats", 1)
                .put("Dropped", 0)
                .put("Timed", false)
                .put("CreationTime", WireFormats.date(i.creationTime()))
                .put("StartTime", WireFormats.date(i.creationTime()))
                .put("FinishTime", WireFormats.date(i.finishedTime()))).toList();
        return JsonObject.of()
                .put("InvokeId", first.invokeId())
                .put("CommandId", first.commandId())
                .put("CommandType", SHELL_SCRIPT)
                .put("CommandContent", WireFormats.base64Text(first.commandContent()))
                .put("InvocationStatus", status)
                .put("InvokeStatus", legacyOverallStatus(status))
                .put("RepeatMode", "Once")
                .put("Timed", false)
                .put("Username", "root")
                .put("CreationTime", WireFormats.date(first.creationTime()))
                .putList("InvokeInstances", "InvokeInstance", invokeInstances);
    }

    /**
     * {@code {Invocation: {InvocationResults: {InvocationResult: [...]}, TotalCount, PageNumber, PageSize}}}, one
     * result per instance. (simulator's limit) InvokeId is required, as for DescribeInvocations.
     */
    private JsonObject describeInvocationResults(CallContext ctx, RpcParams p) {
        String invokeId = p.required("InvokeId").strip();
        String instanceId = p.optionalNonBlank("InstanceId");
        String encoding = contentEncoding(p, "Base64");
        int[] paging = Page.validate(p.optionalInt("PageNumber"), p.optionalInt("PageSize"), DEFAULT_PAGE_SIZE,
                MAX_INVOCATION_PAGE_SIZE);
        List<Invocation> results = instances.describeInvocationResults(ctx, invokeId).stream()
                .filter(i -> instanceId == null || i.instanceId().equals(instanceId.strip())).toList();
        JsonObject invocation = Responses.paged(Page.of(results, paging[0], paging[1]), "InvocationResults",
                "InvocationResult", i -> JsonObject.of()
                        .put("InstanceId", i.instanceId())
                        .put("InvokeId", i.invokeId())
                        .put("CommandId", i.commandId())
                        .put("InvocationStatus", i.status())
                        .put("InvokeRecordStatus", legacyInstanceStatus(i))
                        .put("ExitCode", i.exitCode())
                        .put("Output", output(i, encoding))
                        .put("ErrorInfo", i.errorInfo())
                        .put("Repeats", 1)
                        .put("Dropped", 0)
                        .put("Username", "root")
                        .put("StartTime", WireFormats.date(i.creationTime()))
                        .put("FinishedTime", WireFormats.date(i.finishedTime())));
        return JsonObject.of().put("Invocation", invocation);
    }

    private static String output(Invocation i, String encoding) {
        String text = i.output() == null ? "" : i.output();
        return encoding.equals("PlainText") ? text : WireFormats.base64Text(text);
    }

    /**
     * The invocation's status over its instances: Pending or Running while any is, Success or Failed when all are,
     * PartialFailed otherwise.
     */
    static String overallStatus(List<Invocation> all) {
        Set<String> statuses = new java.util.HashSet<>();
        all.forEach(i -> statuses.add(i.status()));
        if (statuses.size() == 1) {
            return statuses.iterator().next();
        }
        if (statuses.contains("Running") || statuses.contains("Pending")) {
            return "Running";
        }
        return "PartialFailed";
    }

    /** The older InvokeStatus: Running, Finished, Failed or PartialFinished. */
    private static String legacyOverallStatus(String status) {
        return switch (status) {
            case "Success" -> "Finished";
            case "Failed" -> "Failed";
            case "PartialFailed" -> "PartialFinished";
            default -> "Running";
        };
    }

    /**
     * The older per-instance state (InstanceInvokeStatus, InvokeRecordStatus): Finished once the script ran to an
     * exit code, whatever the code; Failed when it could not run at all.
     */
    private static String legacyInstanceStatus(Invocation i) {
        return switch (i.status()) {
            case "Pending", "Running" -> "Running";
            default -> i.exitCode() != null ? "Finished" : "Failed";
        };
    }

    // ---- helpers ----

    /** DryRun=true asks for a check without effect, which the services cannot do apart from the real call. */
    private static void noDryRun(RpcParams p) {
        if (Boolean.TRUE.equals(p.optionalBoolean("DryRun"))) {
            throw ApiException.invalid("DryRun", "a dry run is not simulated. Leave DryRun out or set it to false.");
        }
    }

    /** ContentEncoding (PlainText | Base64, case-insensitive) as the API spells it, or the default when absent. */
    private static String contentEncoding(RpcParams p, String defaultEncoding) {
        String value = p.optionalNonBlank("ContentEncoding");
        if (value == null) {
            return defaultEncoding;
        }
        String encoding = CONTENT_ENCODINGS.get(value.strip().toLowerCase(Locale.ROOT));
        if (encoding == null) {
            throw ApiException.invalid("ContentEncoding", "it must be PlainText or Base64.");
        }
        return encoding;
    }

    private static String decodeBase64Text(String name, String value) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(value.strip());
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(name, "it is not valid base64 (" + e.getMessage() + "). Encode the script"
                    + " in base64, or send it as is with ContentEncoding=PlainText.");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw ApiException.invalid(name, "it does not decode to UTF-8 text.");
        }
    }


}
