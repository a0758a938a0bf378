package dev.ecskms.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aliyuncs.ecs.model.v20140526.AttachDiskRequest;
import com.aliyuncs.ecs.model.v20140526.CreateDiskRequest;
import com.aliyuncs.ecs.model.v20140526.DeleteInstanceRequest;
import com.aliyuncs.ecs.model.v20140526.DescribeDisksRequest;
import com.aliyuncs.ecs.model.v20140526.DescribeDisksResponse;
import com.aliyuncs.ecs.model.v20140526.DescribeImagesRequest;
import com.aliyuncs.ecs.model.v20140526.DescribeImagesResponse;
import com.aliyuncs.ecs.model.v20140526.DescribeInstanceStatusRequest;
import com.aliyuncs.ecs.model.v20140526.DescribeInstanceTypesRequest;
import com.aliyuncs.ecs.model.v20140526.DescribeInstanceTypesResponse;
import com.aliyuncs.ecs.model.v20140526.DescribeInstancesRequest;
import com.aliyuncs.ecs.model.v20140526.DescribeInstancesResponse;
import com.aliyuncs.ecs.model.v20140526.DescribeInvocationResultsRequest;
import com.aliyuncs.ecs.model.v20140526.DescribeInvocationResultsResponse;
import com.aliyuncs.ecs.model.v20140526.DescribeInvocationsRequest;
import com.aliyuncs.ecs.model.v20140526.DescribeInvocationsResponse;
import com.aliyuncs.ecs.model.v20140526.DetachDiskRequest;
import com.aliyuncs.ecs.model.v20140526.GetInstanceConsoleOutputRequest;
import com.aliyuncs.ecs.model.v20140526.GetInstanceConsoleOutputResponse;
import com.aliyuncs.ecs.model.v20140526.GetInstanceScreenshotRequest;
import com.aliyuncs.ecs.model.v20140526.GetInstanceScreenshotResponse;
import com.aliyuncs.ecs.model.v20140526.RebootInstanceRequest;
import com.aliyuncs.ecs.model.v20140526.RunCommandRequest;
import com.aliyuncs.ecs.model.v20140526.RunInstancesRequest;
import com.aliyuncs.ecs.model.v20140526.StartInstanceRequest;
import com.aliyuncs.ecs.model.v20140526.StopInstanceRequest;
import com.aliyuncs.exceptions.ClientException;
import com.aliyuncs.kms.model.v20160120.CreateKeyRequest;
import com.aliyuncs.kms.model.v20160120.DisableKeyRequest;
import com.aliyuncs.kms.model.v20160120.EnableKeyRequest;
import dev.ecskms.sim.Simulator;
import dev.ecskms.testing.HostFiles;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * Instances, their console and Cloud Assistant through the endpoint, driven by the official SDK (aliyun-java-sdk-ecs
 * 5.11.7, typed requests). The simulator runs on a fixed base clock: only {@code fastForward} moves its time, so every
 * state an instance passes through is the test's doing.
 */
class InstanceApiSdkTest extends ApiTestBase {
    static final String ZONE = REGION + "-h";
    static final String IMAGE = "aliyun_3_x64_20G_alibase_20240819.vhd";
    static final String TYPE = "ecs.g7.large";
    static final String LIMITED_TYPE = "ecs.ebmg5.24xlarge";
    static final String PASSWORD = "Simul4ted!pass";
    private static final Pattern ISO_MINUTES = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\dZ");
    private static final Pattern ISO_SECONDS = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
    /** Simulated time per step while waiting for a state; an instance starts within a few seconds. */
    static final Duration STEP = Duration.ofSeconds(5);

    @Override
    Simulator openSimulator(Path dir) {
        return Simulator.open(dir, Clock.fixed(Instant.parse("2026-03-02T08:00:00Z"), ZoneOffset.UTC));
    }

    // ---- the FAQ's procedure, by the SDK ----

    /**
     * An instance on a CMK-encrypted system disk runs; with the key disabled it keeps running, but its next boot
     * cannot read the disk (black screen, no login prompt, Cloud Assistant cannot answer); with the key enabled it
     * boots again and finds the file written before. The file never reaches the data dir in plaintext.
     */
    @Test
    void disabledKeyStopsTheNextBootAndEnablingItBringsTheInstanceBack() throws Exception {
        String keyId = createKey();
        authorizeEcs();
        RunInstancesRequest run = runRequest(TYPE);
        RunInstancesRequest.SystemDisk systemDisk = new RunInstancesRequest.SystemDisk();
        systemDisk.setEncrypted("true");
        systemDisk.setKMSKeyId(keyId);
        run.setSystemDisk(systemDisk);
        String instanceId = single(call(run).getInstanceIdSets());

        DescribeDisksResponse.Disk system = disksOf(instanceId).get(0);
        assertEquals("system", system.getType());
        assertTrue(system.getEncrypted());
        assertEquals(keyId, system.getKMSKeyId());

        waitFor(instanceId, "Running");
        assertFalse(allBlack(screenshot(instanceId)), "a booted guest shows its console");
        assertTrue(consoleOutput(instanceId).contains("login:"), () -> consoleOutput(instanceId));

        String marker = "MARKER-xyz-" + UUID.randomUUID().toString().substring(0, 8);
        // The script names the marker split by quotes and does not print it, so that neither the script nor its
        // output (both kept by Cloud Assistant in the database) carries the marker's bytes: only the file does.
        String split = marker.substring(0, 4) + "''" + marker.substring(4);
        String write = runShell(instanceId, "echo " + split + " > /root/marker.txt && sync && ls /root");
        DescribeInvocationResultsResponse.Invocation.InvocationResult written = result(write);
        assertEquals("Success", written.getInvocationStatus(), written::getErrorInfo);
        assertEquals(0L, written.getExitCode());
        assertTrue(decode(written.getOutput()).contains("marker.txt"), () -> decode(written.getOutput()));
        assertNoFileContains(marker);

        DisableKeyRequest disable = new DisableKeyRequest();
        disable.setKeyId(keyId);
        call(disable);
        // A running instance keeps its decrypted data key.
        assertEquals("Success", result(runShell(instanceId, "ls /root")).getInvocationStatus());

        reboot(instanceId);
        waitFor(instanceId, "Running");
        assertTrue(allBlack(screenshot(instanceId)), "the boot sectors cannot be decrypted: the screen stays black");
        assertFalse(consoleOutput(instanceId).contains("login:"), () -> consoleOutput(instanceId));
        DescribeInvocationResultsResponse.Invocation.InvocationResult hung = result(runShell(instanceId,
                "cat /root/marker.txt"));
        assertEquals("Failed", hung.getInvocationStatus());
        assertNull(hung.getExitCode());
        assertNotNull(hung.getErrorInfo());
        assertNoFileContains(marker);

        EnableKeyRequest enable = new EnableKeyRequest();
        enable.setKeyId(keyId);
        call(enable);
        reboot(instanceId);
        waitFor(instanceId, "Running");
        assertFalse(allBlack(screenshot(instanceId)));
        assertTrue(consoleOutput(instanceId).contains("login:"));
        DescribeInvocationResultsResponse.Invocation.InvocationResult read = result(runShell(instanceId,
                "cat /root/marker.txt"));
        assertEquals("Success", read.getInvocationStatus(), read::getErrorInfo);
        assertTrue(decode(read.getOutput()).contains(marker), () -> decode(read.getOutput()));

        StopInstanceRequest stop = new StopInstanceRequest();
        stop.setInstanceId(instanceId);
        call(stop);
        waitFor(instanceId, "Stopped");
        DeleteInstanceRequest delete = new DeleteInstanceRequest();
        delete.setInstanceId(instanceId);
        call(delete);
        assertEquals(0, instanceCount());
        assertEquals(0, diskCount(), "the system disk goes with its instance");
        assertSdkError("InvalidInstanceId.NotFound", () -> call(delete));
    }

    // ---- the seed's limited families ----

    @Test
    void limitedFamilyTakesOnlyAPlainSystemDiskButAnEncryptedEmptyDataDisk() throws Exception {
        RunInstancesRequest encryptedSystem = runRequest(LIMITED_TYPE);
        RunInstancesRequest.SystemDisk systemDisk = new RunInstancesRequest.SystemDisk();
        systemDisk.setEncrypted("true");
        encryptedSystem.setSystemDisk(systemDisk);
        assertSdkError("InvalidInstanceType.ValueNotSupported", () -> call(encryptedSystem));
        assertError(ecsRaw("RunInstances", Map.of("ZoneId", ZONE, "InstanceType", LIMITED_TYPE, "ImageId", IMAGE,
                "SystemDisk.Encrypted", "true")), 400, "InvalidInstanceType.ValueNotSupported");
        assertEquals(0, instanceCount());
        assertEquals(0, diskCount());

        RunInstancesRequest plainSystem = runRequest(LIMITED_TYPE);
        RunInstancesRequest.DataDisk data = new RunInstancesRequest.DataDisk();
        data.setCategory("cloud_essd");
        data.setSize(20);
        data.setEncrypted("true");
        data.setDeleteWithInstance(true);
        plainSystem.setDataDisks(List.of(data));
        String instanceId = single(call(plainSystem).getInstanceIdSets());
        List<DescribeDisksResponse.Disk> disks = disksOf(instanceId);
        assertEquals(List.of("system", "data"), disks.stream().map(DescribeDisksResponse.Disk::getType).toList());
        assertFalse(disks.get(0).getEncrypted());
        assertTrue(disks.get(1).getEncrypted());
        assertEquals(20, disks.get(1).getSize());
        assertTrue(disks.get(1).getDeleteWithInstance());
        assertEquals(LIMITED_TYPE, instance(instanceId).getInstanceType());

        // The control for the at-rest scan: on a plain system disk the file's bytes are found.
        waitFor(instanceId, "Running");
        String marker = "PLAIN-xyz-" + UUID.randomUUID().toString().substring(0, 8);
        String split = marker.substring(0, 4) + "''" + marker.substring(4);
        assertEquals("Success", result(runShell(instanceId, "echo " + split + " > /root/plain.txt && sync"))
                .getInvocationStatus());
        assertFalse(filesContaining(marker).isEmpty(), "a plain disk keeps the file in plaintext");
    }

    // ---- RunInstances and the listings ----

    @Test
    void amountTwoMakesTwoInstancesThatDescribeInstancesLists() throws Exception {
        RunInstancesRequest run = runRequest(TYPE);
        run.setAmount(2);
        run.setInstanceName("web");
        List<String> ids = call(run).getInstanceIdSets();
        assertEquals(2, ids.size());
        assertNotEquals(ids.get(0), ids.get(1));
        assertEquals(2, instanceCount());
        assertEquals(2, diskCount());

        DescribeInstancesResponse.Instance instance = instance(ids.get(0));
        assertEquals(REGION, instance.getRegionId());
        assertEquals(ZONE, instance.getZoneId());
        assertEquals(TYPE, instance.getInstanceType());
        assertEquals("ecs.g7", instance.getInstanceTypeFamily());
        assertEquals(2, instance.getCpu());
        assertEquals(8192, instance.getMemory());
        assertEquals(IMAGE, instance.getImageId());
        assertEquals("linux", instance.getOSType());
        assertNotNull(instance.getOSName());
        assertNotNull(instance.getHostName());
        assertTrue(instance.getInstanceName().startsWith("web"), instance.getInstanceName());
        assertTrue(ISO_MINUTES.matcher(instance.getCreationTime()).matches(), instance.getCreationTime());
        assertEquals(1, instance.getVpcAttributes().getPrivateIpAddress().size());
        assertTrue(Set.of("Pending", "Starting").contains(instance.getStatus()), instance.getStatus());

        waitFor(ids.get(0), "Running");
        waitFor(ids.get(1), "Running");
        DescribeInstancesRequest running = new DescribeInstancesRequest();
        running.setStatus("Running");
        running.setPageSize(1);
        DescribeInstancesResponse page = call(running);
        assertEquals(2, page.getTotalCount());
        assertEquals(1, page.getInstances().size());
        assertEquals(1, page.getPageSize());
        DescribeInstancesRequest stopped = new DescribeInstancesRequest();
        stopped.setStatus("Stopped");
        assertEquals(0, call(stopped).getTotalCount());

        DescribeInstanceStatusRequest statuses = new DescribeInstanceStatusRequest();
        statuses.setInstanceIds(List.of(ids.get(1)));
        List<com.aliyuncs.ecs.model.v20140526.DescribeInstanceStatusResponse.InstanceStatus> one =
                call(statuses).getInstanceStatuses();
        assertEquals(1, one.size());
        assertEquals(ids.get(1), one.get(0).getInstanceId());
        assertEquals("Running", one.get(0).getStatus());

        assertError(ecsRaw("DescribeInstances", Map.of("Status", "Sleeping")), 400, "InvalidParameter");
        assertError(ecsRaw("DescribeInstances", Map.of("InstanceIds", "i-1,i-2")), 400, "InvalidParameter");
        assertError(ecsRaw("DescribeInstances", Map.of("PageSize", "101")), 400, "InvalidParameter");
    }

    @Test
    void clientTokenMakesRunInstancesIdempotent() throws Exception {
        RunInstancesRequest run = runRequest(TYPE);
        run.setClientToken("run-once-" + UUID.randomUUID());
        List<String> first = call(run).getInstanceIdSets();
        assertEquals(first, call(run).getInstanceIdSets(), "the same ClientToken runs the instance once");
        assertEquals(1, instanceCount());
        assertEquals(1, diskCount());
    }

    @Test
    void instanceTypesAndImagesComeFromTheCatalog() throws Exception {
        List<DescribeInstanceTypesResponse.InstanceType> types = call(new DescribeInstanceTypesRequest())
                .getInstanceTypes();
        DescribeInstanceTypesResponse.InstanceType g7 = types.stream()
                .filter(t -> t.getInstanceTypeId().equals(TYPE)).findFirst().orElseThrow();
        assertEquals("ecs.g7", g7.getInstanceTypeFamily());
        assertEquals(2, g7.getCpuCoreCount());
        assertEquals(8.0f, g7.getMemorySize());
        assertTrue(types.stream().anyMatch(t -> t.getInstanceTypeId().equals(LIMITED_TYPE)));
        DescribeInstanceTypesRequest family = new DescribeInstanceTypesRequest();
        family.setInstanceTypeFamily("ecs.ebmg5");
        assertEquals(List.of(LIMITED_TYPE), call(family).getInstanceTypes().stream()
                .map(DescribeInstanceTypesResponse.InstanceType::getInstanceTypeId).toList());

        DescribeImagesRequest system = new DescribeImagesRequest();
        system.setImageOwnerAlias("system");
        DescribeImagesResponse images = call(system);
        assertTrue(images.getTotalCount() >= 2);
        DescribeImagesResponse.Image aliyun = images.getImages().stream()
                .filter(i -> i.getImageId().equals(IMAGE)).findFirst().orElseThrow();
        assertEquals("linux", aliyun.getOSType());
        assertEquals("system", aliyun.getImageOwnerAlias());
        assertEquals(20, aliyun.getSize());
        assertNotNull(aliyun.getOSName());
        assertNotNull(aliyun.getPlatform());
        DescribeImagesRequest windows = new DescribeImagesRequest();
        windows.setOSType("windows");
        call(windows).getImages().forEach(i -> assertEquals("windows", i.getOSType()));
        DescribeImagesRequest paged = new DescribeImagesRequest();
        paged.setPageSize(1);
        DescribeImagesResponse first = call(paged);
        assertEquals(1, first.getImages().size());
        assertEquals(1, first.getPageNumber());
        assertEquals(images.getTotalCount(), first.getTotalCount());
        assertError(ecsRaw("DescribeImages", Map.of("ImageOwnerAlias", "everyone")), 400, "InvalidParameter");
        assertError(ecsRaw("DescribeImages", Map.of("OSType", "beos")), 400, "InvalidParameter");
    }

    // ---- mistakes ----

    @Test
    void callerMistakesAreRefusedBeforeAnythingIsCreated() throws Exception {
        RunInstancesRequest badPassword = runRequest(TYPE);
        badPassword.setPassword("short");
        assertSdkError("InvalidPassword.Malformed", () -> call(badPassword));
        RunInstancesRequest unknownImage = runRequest(TYPE);
        unknownImage.setImageId("m-doesnotexist");
        assertSdkError("InvalidImageId.NotFound", () -> call(unknownImage));
        RunInstancesRequest unknownType = runRequest(TYPE);
        unknownType.setInstanceType("ecs.x99.huge");
        assertSdkError("InvalidInstanceType.ValueNotSupported", () -> call(unknownType));

        Map<String, String> base = Map.of("ZoneId", ZONE, "InstanceType", TYPE, "ImageId", IMAGE);
        assertError(ecsRaw("RunInstances", with(base, "Password", "short")), 400, "InvalidPassword.Malformed");
        assertError(ecsRaw("RunInstances", with(base, "ImageId", "m-doesnotexist")), 404, "InvalidImageId.NotFound");
        assertError(ecsRaw("RunInstances", with(base, "Amount", "two")), 400, "InvalidParameter");
        assertError(ecsRaw("RunInstances", with(base, "Amount", "0")), 400, "InvalidParameter");
        assertError(ecsRaw("RunInstances", with(base, "SystemDisk.Encrypted", "yes")), 400, "InvalidParameter");
        assertError(ecsRaw("RunInstances", with(base, "DataDisk.17.Size", "20")), 400, "InvalidParameter");
        assertError(ecsRaw("RunInstances", with(base, "DataDisk.x.Size", "20")), 400, "InvalidParameter");
        assertError(ecsRaw("RunInstances", with(base, "DataDisk.1", "20")), 400, "InvalidParameter");
        assertError(ecsRaw("RunInstances", with(base, "DataDisk.1.Size", "big")), 400, "InvalidParameter");
        assertError(ecsRaw("RunInstances", with(base, "DryRun", "true")), 400, "InvalidParameter");
        assertError(ecsRaw("RunInstances", with(base, "SystemDisk.KMSKeyId",
                "00000000-0000-0000-0000-000000000000")), 400, "InvalidParameter.EncryptedIllegal");
        assertError(ecsRaw("RunInstances", with(with(base, "SystemDisk.Encrypted", "true"), "SystemDisk.KMSKeyId",
                "00000000-0000-0000-0000-000000000000")), 404, "InvalidParameter.KMSKeyId.NotFound");
        String keyId = createKey();
        assertError(ecsRaw("RunInstances", with(with(base, "SystemDisk.Encrypted", "true"), "SystemDisk.KMSKeyId",
                keyId)), 403, "InvalidParameter.KMSKeyId.KMSUnauthorized");
        assertError(ecsRaw("RunInstances", with(base, "InstanceType", "")), 400, "MissingParameter");
        assertEquals(0, instanceCount());
        assertEquals(0, diskCount());

        assertError(ecsRaw("StartInstance", Map.of("InstanceId", "i-unknown")), 404, "InvalidInstanceId.NotFound");
        assertError(ecsRaw("GetInstanceScreenshot", Map.of()), 400, "MissingParameter");
        assertError(ecsRaw("DescribeInvocationResults", Map.of("InvokeId", "t-unknown")), 404,
                "InvalidInvokeId.NotFound");
    }

    @Test
    void runningInstanceIsReleasedOnlyWithForce() throws Exception {
        String instanceId = single(call(runRequest(TYPE)).getInstanceIdSets());
        waitFor(instanceId, "Running");
        DeleteInstanceRequest delete = new DeleteInstanceRequest();
        delete.setInstanceId(instanceId);
        assertSdkError("IncorrectInstanceStatus", () -> call(delete));
        assertError(ecsRaw("DeleteInstance", Map.of("InstanceId", instanceId)), 403, "IncorrectInstanceStatus");
        assertEquals(1, instanceCount());
        StartInstanceRequest start = new StartInstanceRequest();
        start.setInstanceId(instanceId);
        assertSdkError("IncorrectInstanceStatus", () -> call(start));

        delete.setForce(true);
        call(delete);
        assertEquals(0, instanceCount());
        assertEquals(0, diskCount());
    }

    @Test
    void standaloneDiskAttachesAndDetaches() throws Exception {
        String instanceId = single(call(runRequest(TYPE)).getInstanceIdSets());
        CreateDiskRequest create = new CreateDiskRequest();
        create.setZoneId(ZONE);
        create.setDiskCategory("cloud_essd");
        create.setSize(20);
        create.setEncrypted(true);
        String diskId = call(create).getDiskId();
        simulator.clock().fastForward(Duration.ofMinutes(10));
        waitFor(instanceId, "Running");

        AttachDiskRequest attach = new AttachDiskRequest();
        attach.setInstanceId(instanceId);
        attach.setDiskId(diskId);
        call(attach);
        DescribeDisksResponse.Disk attached = disk(diskId);
        assertEquals("In_use", attached.getStatus());
        assertEquals(instanceId, attached.getInstanceId());
        assertSdkError("IncorrectDiskStatus", () -> call(attach));
        assertEquals(2, disksOf(instanceId).size());
        assertTrue(decode(result(runShell(instanceId, "lsblk")).getOutput()).contains("vdb"));

        DetachDiskRequest detach = new DetachDiskRequest();
        detach.setInstanceId(instanceId);
        detach.setDiskId(diskId);
        call(detach);
        DescribeDisksResponse.Disk detached = disk(diskId);
        assertEquals("Available", detached.getStatus());
        assertEquals("", detached.getInstanceId());
        assertSdkError("IncorrectDiskStatus", () -> call(detach));
        assertError(ecsRaw("AttachDisk", Map.of("InstanceId", instanceId, "DiskId", diskId, "Bootable", "true")),
                400, "InvalidParameter");
        assertEquals("Available", disk(diskId).getStatus());
        assertSdkError("InvalidDiskId.NotFound", () -> {
            AttachDiskRequest unknown = new AttachDiskRequest();
            unknown.setInstanceId(instanceId);
            unknown.setDiskId("d-unknown");
            call(unknown);
        });
    }

    // ---- console and Cloud Assistant shapes ----

    @Test
    void cloudAssistantAnswersInTheRealShapes() throws Exception {
        String instanceId = single(call(runRequest(TYPE)).getInstanceIdSets());
        GetInstanceScreenshotRequest early = new GetInstanceScreenshotRequest();
        early.setInstanceId(instanceId);
        assertSdkError("IncorrectInstanceStatus", () -> call(early));
        waitFor(instanceId, "Running");

        GetInstanceConsoleOutputRequest console = new GetInstanceConsoleOutputRequest();
        console.setInstanceId(instanceId);
        GetInstanceConsoleOutputResponse output = call(console);
        assertEquals(instanceId, output.getInstanceId());
        assertTrue(decode(output.getConsoleOutput()).contains("login:"));
        assertTrue(output.getLastUpdateTime().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"),
                output.getLastUpdateTime());

        // PlainText is RunCommand's default encoding; Base64 must be asked for.
        RunCommandRequest plain = new RunCommandRequest();
        plain.setType("RunShellScript");
        plain.setCommandContent("echo hello-plain");
        plain.setInstanceIds(List.of(instanceId));
        plain.setName("greeting");
        com.aliyuncs.ecs.model.v20140526.RunCommandResponse ran = call(plain);
        assertTrue(ran.getInvokeId().startsWith("t-"), ran.getInvokeId());
        assertTrue(ran.getCommandId().startsWith("c-"), ran.getCommandId());

        DescribeInvocationsRequest invocations = new DescribeInvocationsRequest();
        invocations.setInvokeId(ran.getInvokeId());
        invocations.setIncludeOutput(true);
        DescribeInvocationsResponse listed = call(invocations);
        assertEquals(1, listed.getTotalCount());
        DescribeInvocationsResponse.Invocation invocation = listed.getInvocations().get(0);
        assertEquals(ran.getInvokeId(), invocation.getInvokeId());
        assertEquals(ran.getCommandId(), invocation.getCommandId());
        assertEquals("Success", invocation.getInvocationStatus());
        assertEquals("Finished", invocation.getInvokeStatus());
        assertEquals("RunShellScript", invocation.getCommandType());
        assertEquals("echo hello-plain", decode(invocation.getCommandContent()));
        assertTrue(ISO_SECONDS.matcher(invocation.getCreationTime()).matches(), invocation.getCreationTime());
        DescribeInvocationsResponse.Invocation.InvokeInstance on = invocation.getInvokeInstances().get(0);
        assertEquals(instanceId, on.getInstanceId());
        assertEquals("Success", on.getInvocationStatus());
        assertEquals(0L, on.getExitCode());
        assertEquals("hello-plain\n", decode(on.getOutput()));
        invocations.setIncludeOutput(false);
        assertNull(call(invocations).getInvocations().get(0).getInvokeInstances().get(0).getOutput());

        DescribeInvocationResultsRequest results = new DescribeInvocationResultsRequest();
        results.setInvokeId(ran.getInvokeId());
        results.setContentEncoding("PlainText");
        DescribeInvocationResultsResponse.Invocation.InvocationResult r = call(results).getInvocation()
                .getInvocationResults().get(0);
        assertEquals("hello-plain\n", r.getOutput());
        assertEquals(ran.getCommandId(), r.getCommandId());
        assertEquals(instanceId, r.getInstanceId());
        assertEquals("Finished", r.getInvokeRecordStatus());
        assertTrue(ISO_SECONDS.matcher(r.getStartTime()).matches(), r.getStartTime());
        assertTrue(ISO_SECONDS.matcher(r.getFinishedTime()).matches(), r.getFinishedTime());

        DescribeInvocationResultsResponse.Invocation.InvocationResult failing = result(runShell(instanceId,
                "cat /no/such/file"));
        assertEquals("Failed", failing.getInvocationStatus());
        assertNotEquals(0L, failing.getExitCode());
        assertEquals("Finished", failing.getInvokeRecordStatus(), "the script ran, to a non-zero exit code");

        RunCommandRequest bat = new RunCommandRequest();
        bat.setType("RunBatScript");
        bat.setCommandContent(base64("dir"));
        bat.setContentEncoding("Base64");
        bat.setInstanceIds(List.of(instanceId));
        assertSdkError("InvalidParameter", () -> call(bat));
        Map<String, String> command = Map.of("Type", "RunShellScript", "InstanceId.1", instanceId);
        assertError(ecsRaw("RunCommand", with(with(command, "CommandContent", "%%%"), "ContentEncoding", "Base64")),
                400, "InvalidParameter");
        assertError(ecsRaw("RunCommand", with(with(command, "CommandContent", "ls"), "ContentEncoding", "Hex")), 400,
                "InvalidParameter");
        assertError(ecsRaw("RunCommand", with(Map.of("Type", "RunShellScript"), "CommandContent", "ls")), 400,
                "MissingParameter");
        assertError(ecsRaw("RunCommand", with(command, "CommandContent", "")), 400, "MissingParameter");
        assertError(ecsRaw("RunCommand", Map.of("CommandContent", "ls", "InstanceId.1", instanceId)), 400,
                "MissingParameter");
        assertError(ecsRaw("RunCommand", with(Map.of("Type", "RunShellScript", "CommandContent", "ls"),
                "InstanceId.1", "i-unknown")), 404, "InvalidInstanceId.NotFound");
        assertError(ecsRaw("DescribeInvocations", Map.of()), 400, "MissingParameter");
    }

    // ---- helpers ----

    RunInstancesRequest runRequest(String type) {
        RunInstancesRequest request = new RunInstancesRequest();
        request.setZoneId(ZONE);
        request.setInstanceType(type);
        request.setImageId(IMAGE);
        request.setPassword(PASSWORD);
        return request;
    }

    static String single(List<String> ids) {
        assertEquals(1, ids.size(), ids::toString);
        return ids.get(0);
    }

    /** Moves simulated time until DescribeInstanceStatus reports the status. */
    void waitFor(String instanceId, String status) throws ClientException {
        String now = null;
        for (int step = 0; step < 24; step++) {
            now = status(instanceId);
            if (now.equals(status)) {
                return;
            }
            simulator.clock().fastForward(STEP);
        }
        throw new AssertionError(instanceId + " is still " + now + ", not " + status);
    }

    String status(String instanceId) throws ClientException {
        DescribeInstanceStatusRequest request = new DescribeInstanceStatusRequest();
        request.setInstanceIds(List.of(instanceId));
        var statuses = call(request).getInstanceStatuses();
        assertEquals(1, statuses.size());
        return statuses.get(0).getStatus();
    }

    void reboot(String instanceId) throws ClientException {
        RebootInstanceRequest reboot = new RebootInstanceRequest();
        reboot.setInstanceId(instanceId);
        call(reboot);
        assertNotEquals("Running", status(instanceId), "a reboot goes through Stopping and Starting");
    }

    DescribeInstancesResponse.Instance instance(String instanceId) throws ClientException {
        DescribeInstancesRequest request = new DescribeInstancesRequest();
        request.setInstanceIds("[\"" + instanceId + "\"]");
        List<DescribeInstancesResponse.Instance> instances = call(request).getInstances();
        assertEquals(1, instances.size());
        return instances.get(0);
    }

    int instanceCount() throws ClientException {
        return call(new DescribeInstancesRequest()).getTotalCount();
    }

    int diskCount() throws ClientException {
        return call(new DescribeDisksRequest()).getTotalCount();
    }

    /** The instance's disks, the system disk first. */
    List<DescribeDisksResponse.Disk> disksOf(String instanceId) throws ClientException {
        DescribeDisksRequest request = new DescribeDisksRequest();
        request.setInstanceId(instanceId);
        List<DescribeDisksResponse.Disk> disks = new ArrayList<>(call(request).getDisks());
        disks.sort((a, b) -> a.getType().equals(b.getType()) ? 0 : a.getType().equals("system") ? -1 : 1);
        return disks;
    }

    DescribeDisksResponse.Disk disk(String diskId) throws ClientException {
        DescribeDisksRequest request = new DescribeDisksRequest();
        request.setDiskIds("[\"" + diskId + "\"]");
        List<DescribeDisksResponse.Disk> disks = call(request).getDisks();
        assertEquals(1, disks.size());
        return disks.get(0);
    }

    BufferedImage screenshot(String instanceId) throws ClientException, IOException {
        GetInstanceScreenshotRequest request = new GetInstanceScreenshotRequest();
        request.setInstanceId(instanceId);
        GetInstanceScreenshotResponse response = call(request);
        assertEquals(instanceId, response.getInstanceId());
        byte[] png = Base64.getDecoder().decode(response.getScreenshot());
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertNotNull(image, "the screenshot is a PNG");
        return image;
    }

    static boolean allBlack(BufferedImage image) {
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xFFFFFF) != 0) {
                    return false;
                }
            }
        }
        return true;
    }

    String consoleOutput(String instanceId) {
        GetInstanceConsoleOutputRequest request = new GetInstanceConsoleOutputRequest();
        request.setInstanceId(instanceId);
        try {
            return decode(call(request).getConsoleOutput());
        } catch (ClientException e) {
            throw new AssertionError(e.getErrCode() + ": " + e.getErrMsg(), e);
        }
    }

    /** RunCommand with a base64 script, as scripts for the cloud send it; returns the InvokeId. */
    String runShell(String instanceId, String script) throws ClientException {
        RunCommandRequest request = new RunCommandRequest();
        request.setType("RunShellScript");
        request.setContentEncoding("Base64");
        request.setCommandContent(base64(script));
        request.setInstanceIds(List.of(instanceId));
        return call(request).getInvokeId();
    }

    DescribeInvocationResultsResponse.Invocation.InvocationResult result(String invokeId) throws ClientException {
        DescribeInvocationResultsRequest request = new DescribeInvocationResultsRequest();
        request.setInvokeId(invokeId);
        List<DescribeInvocationResultsResponse.Invocation.InvocationResult> results = call(request).getInvocation()
                .getInvocationResults();
        assertEquals(1, results.size());
        return results.get(0);
    }

    static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    static String decode(String base64) {
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    }

    void assertNoFileContains(String marker) {
        assertEquals(List.of(), filesContaining(marker), "the marker is in plaintext at rest");
    }

    /** Every file under the data dir whose bytes contain the text (UTF-8); volumes are read where they hold data. */
    List<Path> filesContaining(String text) {
        try {
            return HostFiles.containing(simulator.dataDir(), text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, String> with(Map<String, String> base, String name, String value) {
        Map<String, String> out = new java.util.LinkedHashMap<>(base);
        out.put(name, value);
        return out;
    }

    String createKey() throws ClientException {
        return call(new CreateKeyRequest()).getKeyMetadata().getKeyId();
    }

    /** A hand-signed ECS request, to see the HTTP status the SDK hides. */
    RawResponse ecsRaw(String action, Map<String, String> params) throws Exception {
        Map<String, String> p = rpcRequest(ECS_VERSION, action);
        p.putAll(params);
        return getSigned(p);
    }
}
