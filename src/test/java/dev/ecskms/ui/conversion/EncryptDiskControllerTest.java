package dev.ecskms.ui.conversion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecskms.sim.conversion.ConversionListener.StepState;
import dev.ecskms.sim.conversion.ConversionResult;
import dev.ecskms.sim.conversion.EncryptionPlan.Step;
import dev.ecskms.sim.ecs.CreateDiskRequest;
import dev.ecskms.sim.ecs.DescribeDisksRequest;
import dev.ecskms.sim.ecs.DescribeSnapshotsRequest;
import dev.ecskms.sim.ecs.Disk;
import dev.ecskms.sim.kms.CreateKeyRequest;
import dev.ecskms.ui.ControllerTestSupport;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The "Encrypt this disk" dialog's controller and model without a window: the plan (or the service's refusal) for
 * the choices, then the steps, the log and the ending. Simulated time moves forward where the console would wait.
 */
class EncryptDiskControllerTest extends ControllerTestSupport {
    private String key;
    private Disk disk;
    private Runnable onPause = () -> { };

    private EncryptDiskController controller(EncryptDiskModel model) {
        return new EncryptDiskController(session, model, () -> new EncryptDiskController.RunPause() {
            @Override
            public void await() {
                onPause.run();
                sim.clock().fastForward(Duration.ofSeconds(5));
            }

            @Override
            public void close() {
            }
        });
    }

    private void plainDiskAndKey() {
        sim.ram().authorizeEcsDiskEncryption(ctx);
        key = sim.kms().createKey(ctx, CreateKeyRequest.defaults("controller")).keyId();
        sim.kms().createAlias(ctx, "alias/ctl", key);
        String id = sim.ecs().createDisk(ctx, new CreateDiskRequest("cn-hangzhou-h", "cloud_essd", 20, null, "PL0",
                false, null, null, "loose", null, null));
        sim.clock().fastForward(Duration.ofMinutes(1));
        disk = sim.ecs().describeDisk(ctx, id);
    }

    @Test
    void theChoicesArePlannedThenTheRunFillsEveryStepAndTheEnding() {
        plainDiskAndKey();
        EncryptDiskModel model = new EncryptDiskModel(disk);
        EncryptDiskController controller = controller(model);
        controller.plan(key, true, false);
        assertEquals(List.of(Step.CREATE_SNAPSHOT, Step.CREATE_DISK, Step.DELETE_SNAPSHOT, Step.RELEASE_OLD),
                model.planProperty().get().steps(), "a disk on no instance is neither detached nor attached");
        assertTrue(model.planProperty().get().detaches().get(0).contains("released"));

        int[] ended = {0};
        controller.start(() -> ended[0]++);

        assertEquals(EncryptDiskModel.Phase.SUCCEEDED, model.phaseProperty().get());
        assertEquals(1, ended[0], "the page is told once");
        assertTrue(model.steps().stream().allMatch(row -> row.stateProperty().get() == StepState.DONE
                && row.progressProperty().get() == 1.0));
        assertTrue(model.log().stream().anyMatch(line -> line.startsWith("CreateDisk → d-")), model.log().toString());
        ConversionResult result = model.resultProperty().get();
        Disk encrypted = sim.ecs().describeDisk(ctx, result.newDiskId());
        assertTrue(encrypted.encrypted());
        assertEquals(key, encrypted.kmsKeyId());
        assertEquals(List.of(result.newDiskId()), sim.ecs().describeDisks(ctx, DescribeDisksRequest.all()).items()
                .stream().map(Disk::diskId).toList(), "the old disk released, as chosen");
    }

    @Test
    void aDisabledKeyIsRefusedAtPlanningWithTheServicesCode() {
        plainDiskAndKey();
        sim.kms().disableKey(ctx, key);
        EncryptDiskModel model = new EncryptDiskModel(disk);
        controller(model).plan(key, false, false);
        assertNull(model.planProperty().get());
        String refusal = model.planRefusalProperty().get();
        assertTrue(refusal.endsWith("Error code: InvalidParameter.KMSKeyId.CMKNotEnabled"), refusal);
        assertEquals(EncryptDiskModel.Phase.CHOOSING, model.phaseProperty().get());
    }

    @Test
    void aRunThatFailsShowsTheCodeAndTheUndoneSteps() {
        plainDiskAndKey();
        EncryptDiskModel model = new EncryptDiskModel(disk);
        EncryptDiskController controller = controller(model);
        controller.plan(key, false, true);
        onPause = () -> sim.kms().disableKey(ctx, key); // while the snapshot is taken

        controller.start(() -> { });

        assertEquals(EncryptDiskModel.Phase.FAILED, model.phaseProperty().get());
        String failure = model.failureProperty().get();
        assertTrue(failure.endsWith("Error code: InvalidParameter.KMSKeyId.CMKNotEnabled"), failure);
        assertEquals(StepState.UNDONE, model.steps().get(0).stateProperty().get());
        assertEquals(StepState.FAILED, model.steps().get(1).stateProperty().get());
        assertTrue(model.log().stream().anyMatch(line -> line.startsWith("Undo: DeleteSnapshot")));
        assertEquals(0, sim.ecs().describeSnapshots(ctx, DescribeSnapshotsRequest.own()).totalCount(),
                "even the snapshot the user wanted to keep: a failed run leaves nothing");
        assertEquals(List.of(disk.diskId()), sim.ecs().describeDisks(ctx, DescribeDisksRequest.all()).items()
                .stream().map(Disk::diskId).toList());
    }
}
