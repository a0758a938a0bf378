package dev.ecskms.ui.disks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecskms.sim.common.ChangeFeed;
import dev.ecskms.sim.ecs.CreateDiskRequest;
import dev.ecskms.sim.kms.CreateKeyRequest;
import dev.ecskms.sim.kms.KeyMetadata;
import dev.ecskms.sim.kms.KeyState;
import dev.ecskms.ui.ControllerTestSupport;
import dev.ecskms.ui.common.LiveReload;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A disk's details page without a window: its key chain read live, reloaded on a change, its errors. */
class DiskDetailsControllerTest extends ControllerTestSupport {

    private KeyMetadata cmk(String alias) {
        KeyMetadata key = sim.kms().createKey(ctx, CreateKeyRequest.defaults("disk key"));
        sim.kms().createAlias(ctx, alias, key.keyId());
        sim.ram().authorizeEcsDiskEncryption(ctx);
        return key;
    }

    private String encryptedDisk(String keyId) {
        String id = sim.ecs().createDisk(ctx, new CreateDiskRequest("cn-hangzhou-h", "cloud_essd", 40, null, "PL1",
                true, keyId, null, "chained", null, null));
        sim.clock().fastForward(Duration.ofMinutes(1));
        return id;
    }

    @Test
    void loadReadsTheDiskItsWrappedDataKeyAndTheKmsKey() {
        KeyMetadata key = cmk("alias/chain");
        String diskId = encryptedDisk(key.keyId());
        DiskDetailsModel model = new DiskDetailsModel(diskId);

        new DiskDetailsController(session, model).load();

        KeyChain chain = model.chainProperty().get();
        assertEquals(diskId, chain.disk().diskId());
        assertTrue(chain.encrypted());
        assertEquals(KeyState.Enabled, chain.key().keyState());
        assertEquals(List.of("alias/chain"), chain.aliases());
        assertEquals(sim.ecs().describeDisk(ctx, diskId).kmsKeyVersionId(), chain.keyVersionId());
        assertNotNull(chain.keyVersionId(), "the volume header records the wrapping key version");
        assertFalse(model.loadingProperty().get());
        assertNull(model.errorProperty().get());
    }

    @Test
    void aKeyDisabledBehindTheConsoleTurnsTheChainBrokenWhenTheFeedReloads() throws Exception {
        KeyMetadata key = cmk("alias/live");
        String diskId = encryptedDisk(key.keyId());
        DiskDetailsModel model = new DiskDetailsModel(diskId);
        DiskDetailsController controller = new DiskDetailsController(session, model);
        controller.load();
        int reads = tasks.started();

        try (LiveReload reload = LiveReload.start(sim.changes(), EnumSet.of(ChangeFeed.Topic.KMS_KEYS), tasks,
                controller::load)) {
            sim.kms().disableKey(ctx, key.keyId()); // as a script would
            tasks.awaitUiWork(Duration.ofSeconds(10));
        }

        assertEquals(reads + 1, tasks.started(), "one coalesced reload");
        assertEquals(KeyState.Disabled, model.chainProperty().get().key().keyState());
    }

    @Test
    void aDeletedKeyIsShownAsMissingNotAsAnError() {
        KeyMetadata key = cmk("alias/doomed");
        String diskId = encryptedDisk(key.keyId());
        sim.kms().scheduleKeyDeletion(ctx, key.keyId(), 7);
        sim.clock().fastForward(Duration.ofDays(8));
        DiskDetailsModel model = new DiskDetailsModel(diskId);

        new DiskDetailsController(session, model).load();

        assertTrue(model.chainProperty().get().keyMissing());
        assertNull(model.errorProperty().get());
    }

    @Test
    void aDiskThatDoesNotExistGetsEcsOwnErrorAndNoChain() {
        DiskDetailsModel model = new DiskDetailsModel("d-doesnotexist0000001");
        DiskDetailsController controller = new DiskDetailsController(session, model);

        controller.load();

        assertNull(model.chainProperty().get());
        String error = model.errorProperty().get();
        assertTrue(error.startsWith("The disk could not be loaded: "), error);
        assertTrue(error.contains("\nError code: InvalidDiskId.NotFound"), error);
        controller.dismissError();
        assertNull(model.errorProperty().get());
    }
}
