package dev.ecskms.ui.snapshots;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecskms.sim.kms.KeyMetadata;
import dev.ecskms.ui.EcsTestSupport;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Sharing a snapshot with the peer account, and the Disk Encryption page's default key and limits. */
@ExtendWith(ApplicationExtension.class)
class SnapshotsAndDefaultEncryptionTest extends EcsTestSupport {

    @Start
    void start(Stage stage) throws Exception {
        openEcsConsole(stage);
    }

    @AfterEach
    void tearDown() throws Exception {
        closeConsole();
    }

    @Test
    void shareAndStopSharingASnapshotWithThePeerAccount() {
        String snapshot = snapshotOf(ctx(), encryptedDisk(ctx(), null, "to-share"));
        String peer = sim.accounts().peerAccountId();
        navigateTo("navSnapshots");
        waitUntil("the snapshot is listed as Completed, not shared", () -> lookup("#share-" + snapshot).tryQuery()
                .isPresent() && lookup(".status-success").queryAll().stream()
                .anyMatch(n -> "Completed".equals(((Label) n).getText())) && sharedTag(snapshot) == null);
        clickOn(nodeWithId("share-" + snapshot));
        waitForDialogOpen();
        clickOn(nodeWithId("share-" + peer));
        clickOn("#dialogConfirmButton");
        waitForDialogClosed();
        assertEquals(List.of(peer), sim.ecs().snapshotSharedWith(ctx(), snapshot));
        waitUntil("the row is tagged Shared", () -> sharedTag(snapshot) != null);
        assertEquals("Shared", onFx(() -> sharedTag(snapshot).getText()));
        assertEquals("Shared with account " + peer, onFx(() -> sharedTag(snapshot).getTooltip().getText()));

        clickOn(nodeWithId("share-" + snapshot));
        waitForDialogOpen();
        clickOn(nodeWithId("share-" + peer));
        clickOn("#dialogConfirmButton");
        waitForDialogClosed();
        assertEquals(List.of(), sim.ecs().snapshotSharedWith(ctx(), snapshot));
        waitUntil("the Shared tag is gone", () -> sharedTag(snapshot) == null);
    }

    /** The "Shared" tag of an own snapshot's row, or null when the row has none. */
    private Label sharedTag(String snapshotId) {
        return (Label) lookup((Node n) -> ("sharedTag-" + snapshotId).equals(n.getId())).tryQuery().orElse(null);
    }

    @Test
    void modifyTheDefaultKeyToACmkAfterAuthorizingThenReset() {
        KeyMetadata key = cmk(ctx(), "alias/default-cmk");
        navigateTo("navDiskEncryption");
        waitUntil("the default key is shown", () -> text("#defaultKeyLabel").startsWith("Service key alias/acs/ecs"));
        clickOn("#modifyDefaultKeyButton");
        waitForDialogOpen();
        clickOn("#defaultKeySelector");
        clickOn(keyCell("alias/default-cmk"));
        waitUntil("the authorization prompt opens", () -> lookup("#authorizeDialog").tryQuery().isPresent());
        clickOn("#authorizeButton");
        waitUntil("the prompt closes", () -> lookup("#authorizeDialog").tryQuery().isEmpty());
        clickOn("#dialogConfirmButton");
        waitForDialogClosed();
        waitUntil("the CMK is the default key", () -> text("#defaultKeyLabel").startsWith("alias/default-cmk"));
        assertEquals(key.keyId(), sim.ecs().describeDiskDefaultKmsKeyId(ctx()));

        clickOn("#resetDefaultKeyButton");
        waitUntil("the service key is back", () -> text("#defaultKeyLabel").startsWith("Service key"));
        assertEquals(null, sim.ecs().describeDiskEncryptionByDefaultStatus(ctx()).kmsKeyId());
    }

    @Test
    void seoulCannotEnableDefaultEncryption() {
        selectRegion("South Korea (Seoul)");
        navigateTo("navDiskEncryption");
        waitUntil("the region's limit is explained", () -> lookup("#regionLimitNote").tryQuery().isPresent());
        assertTrue(text("#regionLimitNote").contains("Default encryption cannot be enabled"));
        assertTrue(onFx(() -> lookup("#enableDefaultEncryptionButton").query().isDisabled()));
    }
}
