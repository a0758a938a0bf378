package dev.ecskms.ui.kms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecskms.sim.ecs.RunInstancesRequest;
import dev.ecskms.sim.guest.OsImage;
import dev.ecskms.sim.kms.CreateKeyRequest;
import dev.ecskms.sim.ram.RamService;
import dev.ecskms.sim.trail.TrailEvent;
import dev.ecskms.sim.trail.TrailFilter;
import dev.ecskms.ui.ControllerTestSupport;
import dev.ecskms.ui.common.ConsoleSession;
import dev.ecskms.ui.trail.TrailText;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** A key's Recent Use on its details page, from the audit trail, without a screen. */
class KeyRecentUseTest extends ControllerTestSupport {
    private final AtomicReference<TrailFilter> opened = new AtomicReference<>();
    private KeyDetailsController controller;
    private KeyDetailsModel model;
    private String keyId;

    @Override
    protected void opened() {
        super.opened();
        session.setNavigator(new ConsoleSession.Navigator() {
            @Override
            public void openKey(String id) {
            }

            @Override
            public void openDisk(String diskId) {
            }

            @Override
            public void createDiskFromSnapshot(String snapshotId) {
            }

            @Override
            public void openTrail(TrailFilter filter) {
                opened.set(filter);
            }
        });
        keyId = sim.kms().createKey(ctx, CreateKeyRequest.defaults("recent use")).keyId();
        model = new KeyDetailsModel(keyId);
        controller = new KeyDetailsController(session, model);
    }

    @Test
    void listsTheEcsRoleDecryptingTheDataKeysOfAStartingInstanceButNotReads() {
        sim.ram().authorizeEcsDiskEncryption(ctx);
        String instance = sim.instances().runInstances(ctx, new RunInstancesRequest("cn-hangzhou-i", "ecs.g7.large",
                OsImage.ALIYUN_3.imageId(), new RunInstancesRequest.SystemDisk("cloud_essd", 20, "PL0", true, keyId),
                List.of(), 1, "Lab-Passw0rd", "recent", "recent-host", null)).get(0);
        advance();
        sim.kms().describeKey(ctx, keyId); // what the details page itself reads

        controller.loadRecentUse();
        List<TrailEvent> recent = List.copyOf(model.recentUse());
        assertTrue(recent.size() <= KeyDetailsController.RECENT_USE);
        assertTrue(recent.stream().noneMatch(TrailEvent::readOnly), recent.toString());
        TrailEvent newest = recent.get(0);
        assertEquals("Decrypt", newest.eventName());
        assertEquals(RamService.ECS_DISK_ENCRYPTION_ROLE + " (for " + instance + ")", TrailText.identity(newest));
        assertEquals(sim.kms().describeKey(ctx, keyId).primaryKeyVersion(), newest.kmsKeyVersionId());
        assertTrue(recent.stream().anyMatch(e -> "GenerateDataKey".equals(e.eventName())), "RunInstances' new key");
        assertEquals("CreateKey", recent.get(recent.size() - 1).eventName());
        assertNull(model.recentUseErrorProperty().get());
    }

    @Test
    void viewAllOpensTheTrailFilteredByTheKeyWithItsReads() {
        controller.openTrail();
        assertEquals(keyId, opened.get().kmsKeyId());
        assertNull(opened.get().readOnly());
        assertNull(opened.get().startTime());
    }
}
