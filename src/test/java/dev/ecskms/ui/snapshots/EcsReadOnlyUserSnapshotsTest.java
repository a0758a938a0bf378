package dev.ecskms.ui.snapshots;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecskms.sim.ecs.CreateDiskRequest;
import dev.ecskms.sim.kms.CreateKeyRequest;
import dev.ecskms.ui.ControllerTestSupport;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A RAM user under AliyunECSReadOnlyAccess only still sees the snapshots; only the key names are left out. */
class EcsReadOnlyUserSnapshotsTest extends ControllerTestSupport {

    @Test
    void theSnapshotsLoadWithTheKeyByItsId() {
        sim.ram().authorizeEcsDiskEncryption(ctx);
        String keyId = sim.kms().createKey(ctx, CreateKeyRequest.defaults("payroll")).keyId();
        sim.kms().createAlias(ctx, "alias/payroll-disks", keyId);
        String diskId = sim.ecs().createDisk(ctx, new CreateDiskRequest("cn-hangzhou-h", "cloud_essd", 40, null,
                "PL1", true, keyId, null, "payroll-data", null, null));
        sim.clock().fastForward(Duration.ofMinutes(1));
        String snapshotId = sim.ecs().createSnapshot(ctx, diskId, "nightly", null);
        sim.ram().createUser(ctx, "reader", null, null);
        sim.ram().attachPolicyToUser(ctx, "System", "AliyunECSReadOnlyAccess", "reader");
        session.principalProperty().set("reader");

        SnapshotsModel model = new SnapshotsModel();
        new SnapshotsController(session, model).load();

        assertNull(model.errorProperty().get(), "no access-denied panel in place of the table");
        assertEquals(snapshotId, model.ownRows().pageRows().get(0).snapshotId());
        assertEquals(keyId, model.keyName(keyId), "by its id: the alias could not be read");
        assertTrue(model.keyNames().denied());
    }
}
