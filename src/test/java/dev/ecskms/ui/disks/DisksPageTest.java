package dev.ecskms.ui.disks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecskms.sim.ecs.CreateDiskRequest;
import dev.ecskms.sim.ecs.DescribeDisksRequest;
import dev.ecskms.sim.ecs.DiskStatus;
import dev.ecskms.sim.kms.KeyMetadata;
import dev.ecskms.sim.kms.KeyState;
import dev.ecskms.sim.kms.ProtectedResource;
import dev.ecskms.ui.EcsTestSupport;
import java.util.List;
import javafx.scene.control.Spinner;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The Disks page: status over simulated time, the encrypted column's key, the key chain, and KMS's view of disks. */
@ExtendWith(ApplicationExtension.class)
class DisksPageTest extends EcsTestSupport {

    @Start
    void start(Stage stage) throws Exception {
        openEcsConsole(stage);
    }

    @BeforeEach
    void showDisksPage() {
        navigateTo("navDisks");
    }

    @AfterEach
    void tearDown() throws Exception {
        closeConsole();
    }

    @Test
    void aNewDiskShowsCreatingThenAvailableAfterFastForward() {
        openWizard();
        clickOn("#diskNameField").write("scratch");
        clickOn("#dialogConfirmButton");
        waitForDialogClosed();
        String diskId = sim.ecs().describeDisks(ctx(), DescribeDisksRequest.all()).items().get(0).diskId();
        waitUntil("the disk shows Creating", () -> "Creating".equals(diskStatus(diskId)));
        assertEquals(DiskStatus.Creating, sim.ecs().describeDisk(ctx(), diskId).status());
        assertEquals("Not encrypted", text("#diskEncryption-" + diskId));

        clickOn("#fastForwardMenu");
        clickOn("+1 hour");
        waitUntil("the disk shows Available", () -> "Available".equals(diskStatus(diskId)));
    }

    @Test
    void theEncryptedColumnLinksToTheKeysKmsPage() {
        KeyMetadata key = cmk(ctx(), "alias/linked");
        String diskId = encryptedDisk(ctx(), key.keyId(), "linked-disk");
        clickOn("#diskRefreshButton");
        waitUntil("the disk is listed", () -> "Available".equals(diskStatus(diskId)));
        assertEquals("alias/linked", text("#diskKey-" + diskId));

        clickOn(nodeWithId("diskKey-" + diskId));
        waitUntil("the key's details open", () -> lookup("#detailKeyId").tryQuery().isPresent()
                && key.keyId().equals(text("#detailKeyId")));
        assertEquals("alias/linked", text("#detailTitle"));
    }

    @Test
    void theDisableKeyDialogListsTheDiskAndItsSnapshot() {
        KeyMetadata key = cmk(ctx(), "alias/in-use");
        String diskId = encryptedDisk(ctx(), key.keyId(), "protected");
        String snapshotId = snapshotOf(ctx(), diskId);

        navigateTo("navKeys");
        clickOn(nodeWithId("disable-" + key.keyId()));
        waitForDialogOpen();
        waitUntil("the disk and its snapshot are listed", () -> resources().stream().map(ProtectedResource::id)
                .toList().containsAll(List.of(diskId, snapshotId)));
        ProtectedResource disk = resources().stream().filter(r -> r.id().equals(diskId)).findFirst().orElseThrow();
        assertEquals("Disk", disk.type());
        assertEquals("protected", disk.name());
        assertTrue(text("#disableWarning").contains("can no longer be decrypted"));
    }

    @SuppressWarnings("unchecked")
    private List<ProtectedResource> resources() {
        return onFx(() -> List.copyOf(((TableView<ProtectedResource>) lookup("#disableResourcesTable").query())
                .getItems()));
    }

    @Test
    void theKeyChainTurnsRedOnceTheKeyIsDisabled() {
        KeyMetadata key = cmk(ctx(), "alias/chain");
        String diskId = encryptedDisk(ctx(), key.keyId(), "chained");
        clickOn("#diskRefreshButton");
        clickOn(nodeWithId("diskLink-" + diskId));
        waitUntil("the key chain is drawn green", () -> lookup("#keyChainKeyBox").tryQuery()
                .map(box -> box.getStyleClass().contains("chain-ok")).orElse(false));
        assertEquals(DiskDetailsView.ENABLED_CONSEQUENCE, text("#keyChainConsequence"));
        assertEquals("alias/chain", text("#keyChainKeyBoxText"));

        // Disable the key where a person would: its KMS page, reached from the chain.
        clickOn("#keyChainOpenKey");
        waitUntil("the key's details open", () -> lookup("#detailDisableButton").tryQuery().isPresent());
        clickOn("#detailDisableButton");
        waitForDialogOpen();
        clickOn("#dialogConfirmButton");
        waitForDialogClosed();
        assertEquals(KeyState.Disabled, sim.kms().describeKey(ctx(), key.keyId()).keyState());

        // Back on Disks the list shows (not the details page left open there); the disk's details read the key's
        // live state.
        navigateTo("navDisks");
        waitUntil("the disk list shows", () -> lookup("#diskDetailsPage").tryQuery().isEmpty()
                && lookup((javafx.scene.Node node) -> ("diskLink-" + diskId).equals(node.getId())).tryQuery()
                        .isPresent());
        clickOn(nodeWithId("diskLink-" + diskId));
        waitUntil("the key chain is drawn red", () -> lookup("#keyChainKeyBox").tryQuery()
                .map(box -> box.getStyleClass().contains("chain-broken")).orElse(false));
        assertTrue(onFx(() -> lookup("#keyChainDataKeyBox").query().getStyleClass().contains("chain-broken")));
        assertEquals("The data key cannot be decrypted: this disk cannot be read until key alias/chain ("
                + key.keyId() + ") is enabled.", text("#keyChainConsequence"));
    }

    @Test
    void aPlainDiskSaysNotEncrypted() {
        String diskId = sim.ecs().createDisk(ctx(), new dev.ecskms.sim.ecs.CreateDiskRequest(ZONE, "cloud_ssd", 40,
                null, null, null, null, null, "plain", null, null));
        clickOn("#diskRefreshButton");
        clickOn(nodeWithId("diskLink-" + diskId));
        waitUntil("the chain is drawn", () -> lookup("#keyChainPlainBox").tryQuery().isPresent());
        assertEquals("Not encrypted", onFx(() -> ((javafx.scene.control.Label) lookup("#keyChainPlainBox .chain-heading")
                .query()).getText()));
        assertEquals("No", text("#diskDetailEncrypted"));
    }

    @Test
    void theResizeDialogRefusesASizeThatDoesNotGrowTheDiskInsteadOfClampingIt() {
        String diskId = encryptedDisk(ctx(), null, "grow-me");
        clickOn("#diskRefreshButton");
        waitUntil("the disk is listed", () -> "Available".equals(diskStatus(diskId)));
        clickOn(nodeWithId("diskLink-" + diskId));
        waitUntil("the details page offers Resize", () -> lookup("#detailResizeButton").tryQuery().isPresent());
        clickOn("#detailResizeButton");
        waitForDialogOpen();
        Spinner<?> size = lookup("#newSizeSpinner").queryAs(Spinner.class);
        clickOn(size.getEditor()).push(KeyCode.CONTROL, KeyCode.A).write("40");
        waitUntil("the same size is refused", () -> lookup("#newSizeError").query().isVisible());
        assertTrue(text("#newSizeError").contains("InvalidDiskSize.TooSmall"), text("#newSizeError"));
        assertTrue(onFx(() -> lookup("#dialogConfirmButton").query().isDisabled()));
        clickOn(size.getEditor()).push(KeyCode.CONTROL, KeyCode.A).write("70000");
        waitUntil("too large is refused", () -> text("#newSizeError").contains("InvalidDiskSize.ValueNotSupported"));
        assertEquals("70000", onFx(() -> size.getEditor().getText()));
        clickOn(size.getEditor()).push(KeyCode.CONTROL, KeyCode.A).write("50");
        waitUntil("a larger size is accepted", () -> !lookup("#newSizeError").query().isVisible());
        clickOn("#dialogConfirmButton");
        waitForDialogClosed();
        assertEquals(50, sim.ecs().describeDisk(ctx(), diskId).size());
    }

    /** Only clicks show it: the pager's page-size chooser asks for bigger pages, and › for the rest. */
    @Test
    void thePageSizeChooserShowsTwentyRowsAPage() {
        for (int i = 0; i < 25; i++) {
            sim.ecs().createDisk(ctx(), new CreateDiskRequest(ZONE, "cloud_essd", 20, null, "PL0", null, null, null,
                    "bulk-" + i, null, null));
        }
        clickOn("#diskRefreshButton");
        waitUntil("the first page of 10", () -> rows() == 10 && "Total: 25".equals(text("#diskTotalLabel")));

        clickOn("#diskPageSize");
        clickOn("20 / page");
        waitUntil("a page of 20", () -> rows() == 20 && "1 / 2".equals(text("#diskPageLabel")));
        clickOn("#diskNextPage");
        waitUntil("the last 5 on page 2", () -> rows() == 5 && "2 / 2".equals(text("#diskPageLabel")));
    }

    private int rows() {
        return lookup("#diskTable").<TableView<?>>query().getItems().size();
    }
}
