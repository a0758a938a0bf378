package dev.ecskms.ui.instances;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecskms.sim.ecs.Instance;
import dev.ecskms.sim.ecs.InstanceStatus;
import dev.ecskms.sim.ecs.RunInstancesRequest;
import dev.ecskms.sim.guest.OsImage;
import dev.ecskms.ui.ControllerTestSupport;
import dev.ecskms.ui.vnc.RemoteConsoles;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Instances page's controller without a window: the listing and "Stop and release". */
class InstancesControllerTest extends ControllerTestSupport {

    private String runningInstance(String name) {
        String id = sim.instances().runInstances(ctx, new RunInstancesRequest("cn-hangzhou-i", "ecs.g7.large",
                OsImage.ALIYUN_3.imageId(), new RunInstancesRequest.SystemDisk("cloud_essd", 20, "PL0", null, null),
                List.of(), 1, "Lab-Passw0rd", name, null, null)).get(0);
        advance();
        return id;
    }

    @Test
    void loadListsTheRegionsInstances() {
        String id = runningInstance("listed");
        InstancesModel model = new InstancesModel();

        new InstancesController(session, model, new RemoteConsoles(), () -> { }).load();

        assertEquals(List.of(id), model.instances().stream().map(Instance::instanceId).toList());
        assertEquals(InstanceStatus.Running, model.instances().get(0).status());
        assertFalse(model.loadingProperty().get());
    }

    @Test
    void stopAndReleaseReleasesTheInstanceOnceALoadSeesItStopped() {
        String id = runningInstance("short-lived");
        InstancesModel model = new InstancesModel();
        InstancesController controller = new InstancesController(session, model, new RemoteConsoles(), () -> { });
        controller.load();

        controller.releaseWhenStopped(id);
        sim.instances().stopInstance(ctx, id, false);
        assertTrue(controller.releasePending(id));
        assertTrue(model.noticeProperty().get().contains("is stopping"), model.noticeProperty().get());

        advance(); // Stopping → Stopped
        controller.load(); // sees it Stopped, releases it, and loads again

        assertEquals(List.of(), model.instances());
        assertEquals(0, sim.instances().describeInstances(ctx, null, null, 1, 10).totalCount());
        assertEquals("Instance " + id + " was released.", model.noticeProperty().get());
        assertFalse(controller.releasePending(id));
    }
}
