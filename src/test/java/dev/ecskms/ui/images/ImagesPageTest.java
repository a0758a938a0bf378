package dev.ecskms.ui.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecskms.sim.ecs.CreateImageRequest;
import dev.ecskms.sim.ecs.DescribeImagesRequest;
import dev.ecskms.sim.ecs.Image;
import dev.ecskms.sim.kms.KeyMetadata;
import dev.ecskms.sim.storage.Volumes;
import dev.ecskms.ui.InstanceTestSupport;
import java.time.Duration;
import java.util.List;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The Images page by clicks: an encrypted copy becomes Available with its Encrypted tag; an empty page says why. */
@ExtendWith(ApplicationExtension.class)
class ImagesPageTest extends InstanceTestSupport {

    @Start
    void start(Stage stage) throws Exception {
        openEcsConsole(stage);
    }

    @AfterEach
    void tearDown() throws Exception {
        closeConsole();
    }

    private List<Image> ownImages() {
        return sim.ecs().describeImages(ctx(), new DescribeImagesRequest("self", null, List.of("Creating",
                "Available"), null, 1, 100)).items();
    }

    @Test
    void copyAnImageWithEncryptionAndSeeTheCopyBecomeAvailableWithTheEncryptedTag() {
        KeyMetadata key = cmk(ctx(), "alias/images");
        sim.ram().authorizeEcsDiskEncryption(ctx());
        String instance = runningInstance("web");
        String source = sim.ecs().createImage(ctx(), new CreateImageRequest(instance, null, "web-base", null));
        sim.clock().fastForward(Duration.ofMinutes(2));

        navigateTo("navImages");
        waitUntil("the source image is Available", () -> lookup("#imageStatus-" + source).tryQuery()
                .map(n -> ((Label) n).getText().equals("Available")).orElse(false));
        clickOn(nodeWithId("copy-image-" + source));
        waitForDialogOpen();
        waitUntil("the keys are loaded", () -> !lookup("#dialogConfirmButton").query().isDisabled());
        doubleClickOn("#copyNameField").eraseText(20).write("web-encrypted");
        clickOn("#copyEncryptedCheck");
        clickOn("#kmsKeySelector");
        clickOn(keyCell("alias/images"));
        waitUntil("the hint names the key", () -> text("#copyKeyHint").contains("alias/images"));
        clickOn("#dialogConfirmButton");
        waitForDialogClosed();

        Image copy = ownImages().stream().filter(i -> i.imageName().equals("web-encrypted")).findFirst()
                .orElseThrow();
        waitUntil("the copy shows Creating", () -> lookup("#imageStatus-" + copy.imageId()).tryQuery()
                .map(n -> ((Label) n).getText().startsWith("Creating")).orElse(false));
        assertTrue(text("#imagesNoticeText").contains(copy.imageId()));

        sim.clock().fastForward(Duration.ofMinutes(2)); // the change feed moves the page, nobody clicks refresh
        waitUntil("the copy shows Available", () -> lookup("#imageStatus-" + copy.imageId()).tryQuery()
                .map(n -> ((Label) n).getText().equals("Available")).orElse(false));
        assertEquals("Encrypted", text("#imageEncrypted-" + copy.imageId()));
        assertEquals("alias/images", text("#imageKey-" + copy.imageId()));
        Image listed = ownImages().stream().filter(i -> i.imageId().equals(copy.imageId())).findFirst().orElseThrow();
        assertTrue(listed.encrypted());
        assertEquals(key.keyId(), listed.kmsKeyId());
        try {
            assertEquals(key.keyId(), Volumes.readHeader(sim.volumes().snapshotVolume(listed.snapshotId())).keyInfo()
                    .kmsKeyId(), "the copy's data key is wrapped by the chosen key");
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void anEmptyTabSaysWhatToDoAndDeleteNamesWhatIsAtStake() {
        navigateTo("navImages");
        waitUntil("the empty state is shown", () -> lookup(".table-placeholder").queryAll().stream()
                .anyMatch(n -> n.isVisible() && ((Label) n).getText().contains("Create Custom Image")));
        String instance = runningInstance("web");
        String image = sim.ecs().createImage(ctx(), new CreateImageRequest(instance, null, "to-delete", null));
        sim.clock().fastForward(Duration.ofMinutes(2));
        sim.ecs().modifyImageSharePermission(ctx(), image, List.of(sim.accounts().peerAccountId()), List.of());
        navigateTo("navImages");
        clickOn(nodeWithId("delete-image-" + image));
        waitForDialogOpen();
        waitUntil("the stake is named", () -> text("#deleteImageWarning").contains(sim.accounts().peerAccountId()));
        clickOn("#dialogConfirmButton");
        waitUntil("the refusal is shown", () -> text("#dialogError").contains("ImageUseShared"));
        assertEquals(1, ownImages().size(), "the image is still there");
    }

    @Test
    void anEncryptedCustomImageIsOfferedOnThePurchasePageWithItsTag() {
        sim.ram().authorizeEcsDiskEncryption(ctx());
        KeyMetadata key = cmk(ctx(), "alias/buy");
        String instance = runningInstance("web");
        String plain = sim.ecs().createImage(ctx(), new CreateImageRequest(instance, null, "web-plain", null));
        sim.clock().fastForward(Duration.ofMinutes(2));
        String encrypted = sim.ecs().copyImage(ctx(), new dev.ecskms.sim.ecs.CopyImageRequest(plain, null,
                "web-secure", null, true, key.keyId(), null));
        sim.clock().fastForward(Duration.ofMinutes(2));

        openPurchase();
        assertEquals("Encrypted", text("#imageEncryptedTag-" + encrypted));
        assertTrue(onFx(() -> lookup("#imageEncryptedTag-" + plain).tryQuery().isEmpty()), "the plain one has none");
        chooseImage("Alibaba Cloud Linux 3"); // the public image is still there, and chosen first
        clickOn(inView("image-" + encrypted));
        waitUntil("the custom image is chosen", () -> ((javafx.scene.control.ToggleButton) lookup("#image-"
                + encrypted).query()).isSelected());
    }
}
