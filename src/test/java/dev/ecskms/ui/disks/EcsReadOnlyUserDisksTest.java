package dev.ecskms.ui.disks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.ecskms.sim.common.AccessDeniedException;
import dev.ecskms.sim.ecs.Catalog;
import dev.ecskms.sim.ecs.CreateDiskRequest;
import dev.ecskms.sim.kms.CreateKeyRequest;
import dev.ecskms.ui.ControllerTestSupport;
import dev.ecskms.ui.common.KeyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A RAM user under AliyunECSReadOnlyAccess only may read ECS but not KMS. Like the real console, the Disks page
 * still lists the disks and leaves out only the key names it may not read; the key selector says why its keys
 * are missing instead of failing the wizard.
 */
class EcsReadOnlyUserDisksTest extends ControllerTestSupport {
    private String keyId;
    private String encryptedDiskId;
    private String plainDiskId;

    @BeforeEach
    void rootMadeAKeyAndTwoDisksAndAReader() {
        sim.ram().authorizeEcsDiskEncryption(ctx); // the role ECS needs to use a CMK
        keyId = sim.kms().createKey(ctx, CreateKeyRequest.defaults("payroll")).keyId();
        sim.kms().createAlias(ctx, "alias/payroll-disks", keyId);
        encryptedDiskId = disk(true, keyId, "payroll-data");
        plainDiskId = disk(null, null, "scratch");
        sim.ram().createUser(ctx, "reader", null, null);
        sim.ram().attachPolicyToUser(ctx, "System", "AliyunECSReadOnlyAccess", "reader");
        session.principalProperty().set("reader"); // what the identity switcher does
        // the premise: the guard refuses this user the key read the page used to fail on
        assertThrows(AccessDeniedException.class, () -> sim.kms().listKeySummaries(session.context()));
    }

    private String disk(Boolean encrypted, String kmsKeyId, String name) {
        String id = sim.ecs().createDisk(ctx, new CreateDiskRequest("cn-hangzhou-h", "cloud_essd", 40, null, "PL1",
                encrypted, kmsKeyId, null, name, null, null));
        sim.clock().fastForward(Duration.ofMinutes(1));
        return id;
    }

    @Test
    void theDisksLoadWithTheKeyByItsIdAndTheRefusedActionInItsNote() {
        DisksModel model = new DisksModel();
        new DisksController(session, model, () -> { }).load();

        assertNull(model.errorProperty().get(), "no access-denied panel in place of the table");
        assertEquals(2, model.rows().totalCountProperty().get());
        assertEquals(List.of(plainDiskId, encryptedDiskId).stream().sorted().toList(),
                model.disks().stream().map(d -> d.diskId()).sorted().toList());
        assertEquals(keyId, model.keyName(keyId), "the key by its id: its alias could not be read");
        assertTrue(model.keyNames().denied());
        String note = model.keyNames().deniedNote(keyId);
        assertTrue(note.contains(keyId) && note.contains("kms:ListKeys not allowed"), note);
    }

    @Test
    void aSearchStillFindsByNameWhenAliasesMayNotBeRead() {
        DisksModel model = new DisksModel();
        DisksController controller = new DisksController(session, model, () -> { });
        model.rows().queryProperty().set("payroll");
        assertNull(model.errorProperty().get(), model.errorProperty().get());
        assertEquals(List.of(encryptedDiskId), model.disks().stream().map(d -> d.diskId()).toList());
        controller.dismissError();
    }

    @Test
    void theDiskDetailsShowTheDiskAndSayWhichKeyReadWasRefused() {
        DiskDetailsModel model = new DiskDetailsModel(encryptedDiskId);
        new DiskDetailsController(session, model).load();

        assertNull(model.errorProperty().get());
        KeyChain chain = model.chainProperty().get();
        assertEquals(encryptedDiskId, chain.disk().diskId());
        assertFalse(chain.keyMissing(), "a key the user may not read is not called missing");
        assertEquals("kms:DescribeKey not allowed", chain.keyError());
    }

    @Test
    void theWizardsKeySelectorOffersTheServiceKeyAndSaysWhyTheOthersAreMissing() {
        AtomicReference<CreateDiskController.Options> loaded = new AtomicReference<>();
        new CreateDiskController(session).loadOptions(Catalog.requireRegion("cn-hangzhou"), loaded::set,
                failure -> fail("the wizard failed: " + failure));

        List<KeyOption> keys = loaded.get().keys();
        assertEquals(2, keys.size(), keys.toString());
        assertTrue(keys.get(0).serviceKey() && keys.get(0).selectable());
        assertFalse(keys.get(1).selectable());
        assertEquals("Your KMS keys are not listed", keys.get(1).text());
        assertTrue(keys.get(1).note().startsWith("kms:ListKeys is not allowed"), keys.get(1).note());
    }
}
