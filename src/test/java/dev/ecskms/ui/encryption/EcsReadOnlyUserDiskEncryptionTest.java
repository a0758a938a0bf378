package dev.ecskms.ui.encryption;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.ecskms.ui.ControllerTestSupport;
import org.junit.jupiter.api.Test;

/** A RAM user under AliyunECSReadOnlyAccess only sees the default-encryption setting; its key is not "deleted". */
class EcsReadOnlyUserDiskEncryptionTest extends ControllerTestSupport {

    @Test
    void theSettingLoadsAndTheKeySaysWhichReadWasRefused() {
        sim.ram().createUser(ctx, "reader", null, null);
        sim.ram().attachPolicyToUser(ctx, "System", "AliyunECSReadOnlyAccess", "reader");
        session.principalProperty().set("reader");

        DiskEncryptionController controller = new DiskEncryptionController(session);
        controller.load();

        assertNull(controller.errorProperty().get(), controller.errorProperty().get());
        DiskEncryptionController.State state = controller.stateProperty().get();
        assertEquals("kms:DescribeKey", state.keyDenied());
        assertFalse(state.options().isEmpty(), "the service key is still offered");
        assertFalse(state.options().get(state.options().size() - 1).selectable(), "with the keys-not-listed line");
    }
}
