package dev.ecskms.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aliyun.oos20190601.models.CancelExecutionRequest;
import com.aliyun.oos20190601.models.GetTemplateRequest;
import com.aliyun.oos20190601.models.GetTemplateResponseBody;
import com.aliyun.oos20190601.models.ListExecutionsRequest;
import com.aliyun.oos20190601.models.ListExecutionsResponseBody.ListExecutionsResponseBodyExecutions;
import com.aliyun.oos20190601.models.ListTaskExecutionsRequest;
import com.aliyun.oos20190601.models.ListTaskExecutionsResponseBody.ListTaskExecutionsResponseBodyTaskExecutions;
import com.aliyun.oos20190601.models.ListTemplatesRequest;
import com.aliyun.oos20190601.models.StartExecutionRequest;
import com.aliyun.tea.TeaException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ecskms.sim.Simulator;
import dev.ecskms.sim.common.CallContext;
import dev.ecskms.sim.ecs.DescribeDisksRequest;
import dev.ecskms.sim.ecs.Disk;
import dev.ecskms.sim.ecs.RunInstancesRequest;
import dev.ecskms.sim.guest.OsImage;
import dev.ecskms.sim.kms.CreateKeyRequest;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * OOS 2019-06-01 through the endpoint with both official SDK generations: the older one's CommonRequest (its
 * generation has no typed OOS requests here) and the current oos20190601 2.0.0 client (signature V3). The simulated
 * clock stands still unless the test moves it, so "wait until Success" is a loop of ListExecutions and fast-forwards.
 */
class OosApiSdkTest extends ApiTestBase {
    static final String OOS_VERSION = "2019-06-01";
    static final String TEMPLATE = "ACS-ECS-BulkyEncryptSystemDisk";

    @Override
    Simulator openSimulator(Path dir) {
        return Simulator.open(dir, Clock.fixed(Instant.parse("2026-03-02T08:00:00Z"), ZoneOffset.UTC));
    }

    private CallContext console() {
        return CallContext.root(simulator.accounts().rootAccountId(), REGION);
    }

    private String cmk() throws Exception {
        authorizeEcs();
        return simulator.kms().createKey(console(), CreateKeyRequest.defaults("oos sdk")).keyId();
    }

    private List<String> instances(int n) {
        List<String> ids = simulator.instances().runInstances(console(), new RunInstancesRequest(REGION + "-i",
                "ecs.g7.large", OsImage.ALIYUN_3.imageId(), new RunInstancesRequest.SystemDisk("cloud_essd", 20,
                "PL0", null, null), List.of(), n, "Lab-Passw0rd", "sdk", "sdk-host", null));
        for (int i = 0; i < 4; i++) {
            simulator.clock().fastForward(Duration.ofSeconds(5));
        }
        return ids;
    }

    private Disk systemDisk(String instanceId) {
        return simulator.ecs().describeDisks(console(), new DescribeDisksRequest(null, null, instanceId, "system",
                null, null, null, null, 1, 10)).items().get(0);
    }

    private static String parameters(List<String> instanceIds, String kmsKeyId) throws Exception {
        return JSON.writeValueAsString(Map.of("targets", Map.of("Type", "ResourceIds", "ResourceIds", instanceIds),
                "KMSKeyId", kmsKeyId, "rateControl", Map.of("Mode", "Concurrency", "Concurrency", 10,
                        "MaxErrors", 0)));
    }

    @Test
    void olderSdkCommonRequestRunsTheTemplateAndListsItsProgress() throws Exception {
        String key = cmk();
        List<String> ids = instances(2);
        JsonNode started = common(sdk, OOS_VERSION, "StartExecution", REGION, Map.of("TemplateName", TEMPLATE,
                "Parameters", parameters(ids, key)));
        String executionId = started.path("Execution").path("ExecutionId").asText();
        assertTrue(executionId.startsWith("exec-"), started.toString());
        assertEquals("Started", started.path("Execution").path("Status").asText());
        assertEquals(key, started.path("Execution").path("Parameters").path("KMSKeyId").asText(),
                "Parameters is a JSON object with the template's defaults filled in");
        assertEquals(10, started.path("Execution").path("Parameters").path("rateControl").path("Concurrency")
                .asInt());

        JsonNode execution = null;
        boolean sawRunning = false;
        for (int i = 0; i < 400; i++) {
            execution = common(sdk, OOS_VERSION, "ListExecutions", REGION, Map.of("ExecutionId", executionId))
                    .path("Executions").get(0);
            String status = execution.path("Status").asText();
            sawRunning |= status.equals("Running");
            if (status.equals("Success") || status.equals("Failed")) {
                break;
            }
            simulator.clock().fastForward(Duration.ofSeconds(5));
        }
        assertTrue(sawRunning);
        assertEquals("Success", execution.path("Status").asText(), execution.toString());
        assertEquals(2, execution.path("Counters").path("Success").asInt());
        assertEquals("[]", JSON.readTree(execution.path("Outputs").asText()).path("systemDiskEncryptedInstances")
                .toString(), "Outputs is JSON text; no instance was encrypted before");
        assertFalse(execution.path("EndDate").asText().isEmpty());

        JsonNode tasks = common(sdk, OOS_VERSION, "ListTaskExecutions", REGION, Map.of("ExecutionId", executionId,
                "IncludeChildTaskExecution", "true")).path("TaskExecutions");
        assertEquals(4, tasks.size(), "getInstance, the loop task and one item per instance: " + tasks);
        JsonNode item = tasks.get(2);
        assertEquals(ids.get(0), item.path("LoopItem").asText());
        assertEquals("Success", item.path("Status").asText());
        JsonNode steps = common(sdk, OOS_VERSION, "ListTaskExecutions", REGION, Map.of("ExecutionId",
                item.path("ChildExecutionId").asText())).path("TaskExecutions");
        assertEquals(11, steps.size());
        assertEquals("copyImage", steps.get(6).path("TaskName").asText());
        assertEquals(key, JSON.readTree(steps.get(6).path("Properties").asText()).path("KMSKeyId").asText());
        for (String id : ids) {
            Disk disk = systemDisk(id);
            assertTrue(disk.encrypted());
            assertEquals(key, disk.kmsKeyId());
        }

        JsonNode trail = common(sdk, "2020-07-06", "LookupEvents", REGION, Map.of("LookupAttribute.1.Key",
                "EventName", "LookupAttribute.1.Value", "CopyImage")).path("Events");
        assertEquals(2, trail.size(), "OOS called CopyImage once per instance, as the caller: " + trail);
        assertEquals("simulator", trail.get(0).path("additionalEventData").path("CallSource").asText());
    }

    @Test
    void olderSdkGetsTheRealErrorCodes() throws Exception {
        String key = cmk();
        List<String> ids = instances(1);
        assertSdkError("EntityNotExists.Template", () -> common(sdk, OOS_VERSION, "StartExecution", REGION,
                Map.of("TemplateName", "ACS-ECS-NoSuchTemplate", "Parameters", parameters(ids, key))));
        assertSdkError("MissingParameter", () -> common(sdk, OOS_VERSION, "StartExecution", REGION,
                Map.of("TemplateName", TEMPLATE, "Parameters", "{\"targets\":{\"Type\":\"ResourceIds\","
                        + "\"ResourceIds\":[\"" + ids.get(0) + "\"]}}")));
        assertSdkError("InvalidParameter", () -> common(sdk, OOS_VERSION, "StartExecution", REGION,
                Map.of("TemplateName", TEMPLATE, "Parameters", "not json")));
        assertSdkError("EntityNotExists.Execution", () -> common(sdk, OOS_VERSION, "CancelExecution", REGION,
                Map.of("ExecutionId", "exec-nosuchexecution00000")));
        RawResponse raw = raw(OOS_VERSION, "GetTemplate", Map.of("TemplateName", "ACS-ECS-NoSuchTemplate"));
        assertError(raw, 404, "EntityNotExists.Template");
        assertEquals(0, common(sdk, OOS_VERSION, "ListExecutions", REGION, Map.of()).path("Executions").size(),
                "no refused request started anything");
    }

    @Test
    void currentSdkStartsListsAndCancels() throws Exception {
        com.aliyun.oos20190601.Client oos = new com.aliyun.oos20190601.Client(currentSdkConfig());
        String key = cmk();
        List<String> ids = instances(2);

        assertEquals(List.of(TEMPLATE), oos.listTemplates(new ListTemplatesRequest()).getBody().getTemplates()
                .stream().map(t -> t.getTemplateName()).toList());
        GetTemplateResponseBody template = oos.getTemplate(new GetTemplateRequest().setTemplateName(TEMPLATE))
                .getBody();
        assertTrue(template.getContent().contains("OOSAssumeRole"));
        assertEquals("YAML", template.getTemplate().getTemplateFormat());

        String executionId = oos.startExecution(new StartExecutionRequest().setTemplateName(TEMPLATE)
                .setParameters(parameters(ids, key))).getBody().getExecution().getExecutionId();
        ListExecutionsResponseBodyExecutions execution = null;
        for (int i = 0; i < 400; i++) {
            execution = oos.listExecutions(new ListExecutionsRequest().setExecutionId(executionId)).getBody()
                    .getExecutions().get(0);
            if (List.of("Success", "Failed", "Cancelled").contains(execution.getStatus())) {
                break;
            }
            simulator.clock().fastForward(Duration.ofSeconds(5));
        }
        assertEquals("Success", execution.getStatus(), execution.getStatusMessage());
        assertEquals(2, ((Number) execution.getCounters().get("Total")).intValue());
        assertEquals(key, execution.getParameters().get("KMSKeyId"));

        List<ListTaskExecutionsResponseBodyTaskExecutions> tasks = oos.listTaskExecutions(
                new ListTaskExecutionsRequest().setExecutionId(executionId)).getBody().getTaskExecutions();
        assertEquals(List.of("getInstance", "encryptSystemDisk"), tasks.stream().map(t -> t.getTaskName()).toList());
        assertTrue(tasks.stream().allMatch(t -> t.getStatus().equals("Success")));
        List<ListExecutionsResponseBodyExecutions> children = oos.listExecutions(new ListExecutionsRequest()
                .setParentExecutionId(executionId)).getBody().getExecutions();
        assertEquals(2, children.size());
        assertTrue(children.stream().allMatch(c -> c.getTemplateName().equals("ACS::ECS::EncryptSystemDisk")));

        // a second run, cancelled while it works: nothing more happens
        String second = oos.startExecution(new StartExecutionRequest().setTemplateName(TEMPLATE)
                .setParameters(parameters(List.of(instances(1).get(0)), key))).getBody().getExecution()
                .getExecutionId();
        simulator.clock().fastForward(Duration.ofSeconds(5));
        oos.cancelExecution(new CancelExecutionRequest().setExecutionId(second));
        assertEquals("Cancelled", oos.listExecutions(new ListExecutionsRequest().setExecutionId(second)).getBody()
                .getExecutions().get(0).getStatus());

        TeaException missing = assertThrows(TeaException.class, () -> oos.getTemplate(new GetTemplateRequest()
                .setTemplateName("ACS-ECS-NoSuchTemplate")));
        assertEquals("EntityNotExists.Template", missing.getCode());
    }
}
