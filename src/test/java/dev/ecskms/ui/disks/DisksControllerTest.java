package dev.ecskms.ui.disks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecskms.sim.ecs.CreateDiskRequest;
import dev.ecskms.sim.ecs.Disk;
import dev.ecskms.ui.ControllerTestSupport;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Disks page's controller and model against a real ECS, without a window. */
class DisksControllerTest extends ControllerTestSupport {

    private String disk(Boolean encrypted, String name) {
        String id = sim.ecs().createDisk(ctx, new CreateDiskRequest("cn-hangzhou-h", "cloud_essd", 40, null, "PL1",
                encrypted, null, null, name, null, null));
        sim.clock().fastForward(Duration.ofMinutes(1));
        return id;
    }

    private static List<String> ids(List<Disk> disks) {
        return disks.stream().map(Disk::diskId).toList();
    }

    /** Was a TestFX test: the Encrypted filter is DescribeDisks' Encrypted parameter. */
    @Test
    void theEncryptionFilterReloadsWithOnlyTheMatchingDisks() {
        String secret = disk(true, "secret");
        String open = disk(null, "open");
        DisksModel model = new DisksModel();
        new DisksController(session, model, () -> { }).load();
        assertEquals(2, model.rows().totalCountProperty().get());

        model.encryptionFilterProperty().set(DisksModel.EncryptionFilter.NOT_ENCRYPTED);
        assertEquals(List.of(open), ids(model.rows().pageRows()));

        model.encryptionFilterProperty().set(DisksModel.EncryptionFilter.ENCRYPTED);
        assertEquals(List.of(secret), ids(model.rows().pageRows()));
        assertEquals("alias/acs/ecs", model.keyName(model.disks().get(0).kmsKeyId()),
                "the service key is named by its alias");
    }

    @Test
    void aFailedListingEmptiesTheTableAndSaysWhy() {
        disk(null, "shown-before");
        DisksModel model = new DisksModel();
        DisksController controller = new DisksController(session, model, () -> { });
        controller.load();
        assertEquals(1, model.disks().size());

        sim.close(); // the store is gone: a failure that is not the service's answer
        controller.load();

        assertEquals(List.of(), model.disks(), "no rows of a listing that failed");
        assertFalse(model.loadingProperty().get());
        String error = model.errorProperty().get();
        assertTrue(error.startsWith("The disks could not be listed: The request processing has failed"), error);
        assertTrue(error.endsWith("Error code: InternalError"), error);
    }
}
