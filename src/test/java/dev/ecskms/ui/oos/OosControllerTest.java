package dev.ecskms.ui.oos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecskms.sim.ecs.DescribeDisksRequest;
import dev.ecskms.sim.ecs.Disk;
import dev.ecskms.sim.guest.OsImage;
import dev.ecskms.sim.ecs.RunInstancesRequest;
import dev.ecskms.sim.kms.CreateKeyRequest;
import dev.ecskms.sim.oos.Execution;
import dev.ecskms.ui.ControllerTestSupport;
import dev.ecskms.ui.oos.OosModel.InstanceProgress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The Operation Orchestration pages' controller and model against a real simulator, without a window. */
class OosControllerTest extends ControllerTestSupport {
    private final OosModel model = new OosModel();
    private OosController controller;
    private String cmk;

    @Override
    protected void opened() {
        super.opened();
        controller = new OosController(session, model);
        sim.ram().authorizeEcsDiskEncryption(ctx);
        cmk = sim.kms().createKey(ctx, CreateKeyRequest.defaults("fleet key")).keyId();
    }

    private String plainInstance() {
        return instance(null);
    }

    private String instance(Boolean encrypted) {
        String id = sim.instances().runInstances(ctx, new RunInstancesRequest("cn-hangzhou-i", "ecs.g7.large",
                OsImage.ALIYUN_3.imageId(), new RunInstancesRequest.SystemDisk("cloud_essd", 20, "PL0", encrypted,
                        encrypted == null ? null : cmk),
                List.of(), 1, "Lab-Passw0rd", "fleet", "fleet-host", null)).get(0);
        advance();
        return id;
    }

    private Disk systemDisk(String instanceId) {
        return sim.ecs().describeDisks(ctx, new DescribeDisksRequest(null, null, instanceId, "system", null, null,
                null, null, 1, 10)).items().get(0);
    }

    /** Opens the dialog's model as the Instances page would, with {@code ids} chosen, and starts the execution. */
    private Execution start(List<String> ids, String concurrency) {
        CreateExecutionModel dialog = new CreateExecutionModel(ids);
        controller.loadCandidates(dialog);
        dialog.concurrencyProperty().set(concurrency);
        AtomicReference<Execution> started = new AtomicReference<>();
        AtomicReference<Throwable> failed = new AtomicReference<>();
        controller.start(dialog, cmk, started::set, failed::set);
        assertNull(failed.get(), () -> "StartExecution failed: " + failed.get());
        return started.get();
    }

    /** Moves simulated time in 5 s steps, reloading the details as the change feed would, until the run ends. */
    private void untilFinished() {
        for (int i = 0; i < 1440 && !model.executionProperty().get().isFinished(); i++) {
            sim.clock().fastForward(Duration.ofSeconds(5));
            controller.loadDetails();
        }
    }

    @Test
    void theTemplateShowsItsDescriptionAndParameters() {
        controller.loadTemplate();

        assertEquals(OosController.TEMPLATE, model.templateProperty().get().templateName());
        assertEquals(List.of("regionId", "targets", "KMSKeyId", "rateControl", "OOSAssumeRole"),
                model.parameters().stream().map(OosModel.TemplateParameter::name).toList());
        OosModel.TemplateParameter rate = model.parameters().get(3);
        assertEquals("Json", rate.type());
        assertEquals("Mode: Concurrency, MaxErrors: 0, Concurrency: 10", rate.defaultValue());
        assertTrue(model.parameters().get(2).description().startsWith("The KMS key"));
    }

    @Test
    void theDialogListsTheInstancesWithTheirSystemDiskEncryptionAndKeepsThePreselection() {
        String a = plainInstance();
        String b = plainInstance();
        CreateExecutionModel dialog = new CreateExecutionModel(List.of(b, "i-gone"));

        controller.loadCandidates(dialog);

        assertEquals(2, dialog.candidates().size());
        assertTrue(dialog.candidates().stream().noneMatch(CreateExecutionModel.Candidate::encrypted));
        assertEquals(systemDisk(a).diskId(), dialog.candidates().stream()
                .filter(c -> c.instanceId().equals(a)).findFirst().orElseThrow().systemDiskId());
        assertEquals(java.util.Set.of(b), dialog.chosen(), "a preselected instance that is gone is dropped");
    }

    @Test
    void rateControlOutOfRangeIsRefusedNextToTheField() {
        CreateExecutionModel dialog = new CreateExecutionModel(List.of());
        dialog.concurrencyProperty().set("0");
        dialog.maxErrorsProperty().set("150%");

        assertFalse(controller.checkRateControl(dialog));
        assertEquals("Concurrency is a whole number of at least 1 or a percentage such as \"10%\", not \"0\".",
                dialog.concurrencyErrorProperty().get());
        assertTrue(dialog.maxErrorsErrorProperty().get().startsWith("MaxErrors is"));

        dialog.concurrencyProperty().set("50%");
        dialog.maxErrorsProperty().set("1");
        assertTrue(controller.checkRateControl(dialog));
        assertNull(dialog.concurrencyErrorProperty().get());
        assertNull(dialog.maxErrorsErrorProperty().get());
    }

    @Test
    void anExecutionOverTwoPlainInstancesShowsEachOnesProgressAndEndsInSuccess() {
        String a = plainInstance();
        String b = plainInstance();
        Execution started = start(List.of(a, b), "2");
        assertNotNull(started);

        controller.showExecution(started.executionId());
        controller.loadExecutions();
        assertEquals(List.of(started.executionId()), model.executions().stream().map(Execution::executionId)
                .toList());

        // move until both instances are under way, and check the bars only ever grow
        double[] last = {0, 0};
        boolean sawPartial = false;
        for (int i = 0; i < 1440 && !model.executionProperty().get().isFinished(); i++) {
            sim.clock().fastForward(Duration.ofSeconds(5));
            controller.loadDetails();
            for (int k = 0; k < model.instances().size(); k++) {
                InstanceProgress p = model.instances().get(k);
                assertTrue(p.progress() >= last[k], p.instanceId() + " went back: " + p);
                last[k] = p.progress();
                sawPartial |= p.progress() > 0 && p.progress() < 1 && p.stepsDone() > 0;
            }
        }
        assertTrue(sawPartial, "the bars showed progress between start and end");

        Execution done = model.executionProperty().get();
        assertEquals(Execution.SUCCESS, done.status(), done.statusMessage());
        assertEquals(java.util.Set.of(a, b), model.instances().stream().map(InstanceProgress::instanceId)
                .collect(java.util.stream.Collectors.toSet()));
        for (InstanceProgress p : model.instances()) {
            assertEquals(Execution.SUCCESS, p.status());
            assertEquals(1.0, p.progress());
            assertEquals(11, p.stepsDone());
            assertEquals(11, p.log().size());
            assertTrue(p.log().get(3).contains("createSnapshot  Success"), p.log().get(3));
            assertTrue(systemDisk(p.instanceId()).encrypted(), p.instanceId() + "'s system disk is encrypted");
            assertEquals(cmk, systemDisk(p.instanceId()).kmsKeyId());
        }
    }

    @Test
    void cancelStopsTheRunAndSaysWhatStays() {
        String a = plainInstance();
        String b = plainInstance();
        Execution started = start(List.of(a, b), "1");
        controller.showExecution(started.executionId());
        for (int i = 0; i < 3; i++) {
            sim.clock().fastForward(Duration.ofSeconds(5));
        }
        controller.loadDetails();
        assertEquals(Execution.RUNNING, model.executionProperty().get().status());

        AtomicReference<Throwable> failed = new AtomicReference<>();
        controller.cancel(started.executionId(), () -> { }, failed::set);
        assertNull(failed.get());
        untilFinished();

        assertEquals(Execution.CANCELLED, model.executionProperty().get().status());
        assertTrue(model.noticeProperty().get().contains("cancelled"));
        assertTrue(model.instances().stream().noneMatch(p -> Execution.SUCCESS.equals(p.status())),
                model.instances().toString());
        assertFalse(systemDisk(b).encrypted(), "the instance not started yet was left alone");
    }

    @Test
    void anInstanceEncryptedAlreadyIsShownSkipped() {
        String encrypted = instance(true);
        String diskBefore = systemDisk(encrypted).diskId();
        Execution started = start(List.of(encrypted), "1");
        controller.showExecution(started.executionId());
        untilFinished();

        assertEquals(Execution.SUCCESS, model.executionProperty().get().status());
        InstanceProgress p = model.instance(encrypted);
        assertEquals(Execution.SUCCESS, p.status());
        assertEquals(1.0, p.progress());
        assertEquals("Skipped: the system disk was encrypted already", p.progressText());
        assertEquals("whetherToEncrypt", p.currentStep());
        assertEquals(diskBefore, systemDisk(encrypted).diskId(), "its system disk was not replaced");
    }
}
