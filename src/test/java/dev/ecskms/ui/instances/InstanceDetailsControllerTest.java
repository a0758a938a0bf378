package dev.ecskms.ui.instances;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecskms.sim.common.ChangeFeed;
import dev.ecskms.sim.ecs.BootFailure;
import dev.ecskms.sim.ecs.Disk;
import dev.ecskms.sim.ecs.InstanceStatus;
import dev.ecskms.sim.ecs.RunInstancesRequest;
import dev.ecskms.sim.guest.OsImage;
import dev.ecskms.sim.kms.CreateKeyRequest;
import dev.ecskms.sim.kms.KeyMetadata;
import dev.ecskms.ui.ControllerTestSupport;
import dev.ecskms.ui.common.BootFailures;
import dev.ecskms.ui.common.LiveReload;
import dev.ecskms.ui.vnc.RemoteConsoles;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An instance's details page without a window: instance, disks, keys, its boot failure, reload on a change. */
class InstanceDetailsControllerTest extends ControllerTestSupport {
    private KeyMetadata key;
    private String instanceId;

    /** A running instance whose system disk is encrypted with a CMK, and a plain data disk. */
    private void runningInstance() {
        key = sim.kms().createKey(ctx, CreateKeyRequest.defaults("boot key"));
        sim.kms().createAlias(ctx, "alias/boot", key.keyId());
        sim.ram().authorizeEcsDiskEncryption(ctx);
        instanceId = sim.instances().runInstances(ctx, new RunInstancesRequest("cn-hangzhou-i", "ecs.g7.large",
                OsImage.ALIYUN_3.imageId(), new RunInstancesRequest.SystemDisk("cloud_essd", 20, "PL0", true,
                key.keyId()), List.of(new RunInstancesRequest.DataDisk("cloud_essd", 20, null, "PL0", null, null,
                true)), 1, "Lab-Passw0rd", "details", null, null)).get(0);
        advance();
        assertEquals(InstanceStatus.Running, sim.instances().describeInstance(ctx, instanceId).status());
    }

    private InstanceDetailsController controller(InstanceDetailsModel model) {
        InstancesController list = new InstancesController(session, new InstancesModel(), new RemoteConsoles(),
                () -> { });
        return new InstanceDetailsController(session, model, list);
    }

    @Test
    void loadFillsTheInstanceItsDisksSystemDiskFirstAndTheKeysThatNameThem() {
        runningInstance();
        InstanceDetailsModel model = new InstanceDetailsModel(instanceId);

        controller(model).load();

        assertEquals(InstanceStatus.Running, model.instanceProperty().get().status());
        assertNull(model.instanceProperty().get().bootFailure());
        List<Disk> disks = model.disks();
        assertEquals(List.of("system", "data"), disks.stream().map(Disk::type).toList());
        assertEquals(key.keyId(), disks.get(0).kmsKeyId());
        assertEquals(List.of("alias/boot"), model.keys().get(key.keyId()).aliases());
        assertFalse(model.loadingProperty().get());
    }

    @Test
    void aRebootWithTheKeyDisabledShowsTheBootFailureThatNamesTheKey() {
        runningInstance();
        InstanceDetailsModel model = new InstanceDetailsModel(instanceId);
        InstanceDetailsController controller = controller(model);
        controller.load();

        sim.kms().disableKey(ctx, key.keyId());
        sim.instances().rebootInstance(ctx, instanceId, false);
        advance();
        controller.load();

        BootFailure failure = model.instanceProperty().get().bootFailure();
        assertNotNull(failure, "the start could not decrypt the system disk's data key");
        assertEquals("Rejected.Disabled", failure.code());
        assertEquals(key.keyId(), BootFailures.keyId(failure).orElseThrow());
    }

    @Test
    void aStopByAScriptShowsOnTheOpenPageWhenTheFeedReloads() throws Exception {
        runningInstance();
        InstanceDetailsModel model = new InstanceDetailsModel(instanceId);
        InstanceDetailsController controller = controller(model);
        controller.load();

        try (LiveReload reload = LiveReload.start(sim.changes(), EnumSet.of(ChangeFeed.Topic.INSTANCES), tasks,
                controller::load)) {
            sim.instances().stopInstance(ctx, instanceId, true);
            tasks.awaitUiWork(Duration.ofSeconds(10));
        }

        InstanceStatus shown = model.instanceProperty().get().status();
        assertTrue(shown == InstanceStatus.Stopping || shown == InstanceStatus.Stopped, shown.name());
    }

    @Test
    void anInstanceThatDoesNotExistGetsEcsOwnError() {
        InstanceDetailsModel model = new InstanceDetailsModel("i-doesnotexist000001");

        controller(model).load();

        assertNull(model.instanceProperty().get());
        String error = model.errorProperty().get();
        assertTrue(error.startsWith("The instance could not be loaded: "), error);
        assertTrue(error.contains("\nError code: InvalidInstanceId.NotFound"), error);
    }
}
