package dev.ecskms.ui.disks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecskms.sim.common.CallContext;
import dev.ecskms.sim.ecs.Catalog;
import dev.ecskms.sim.ecs.DescribeDisksRequest;
import dev.ecskms.sim.ecs.Disk;
import dev.ecskms.sim.ecs.PriceRequest;
import dev.ecskms.sim.ecs.Pricing;
import dev.ecskms.sim.kms.KeyMetadata;
import dev.ecskms.ui.EcsTestSupport;
import dev.ecskms.ui.common.EncryptionLock;
import dev.ecskms.ui.common.Formats;
import dev.ecskms.ui.common.KeyOption;
import dev.ecskms.ui.common.KeySelector;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Spinner;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The Create Disk wizard: the line under the key selector explains the default key as ECS decides it (one test per
 * rule), the limitations show before Confirm, and choosing a CMK the first time asks to authorize ECS.
 */
@ExtendWith(ApplicationExtension.class)
class CreateDiskWizardTest extends EcsTestSupport {

    @Start
    void start(Stage stage) throws Exception {
        openEcsConsole(stage);
    }

    @AfterEach
    void tearDown() throws Exception {
        closeConsole();
    }

    private CheckBox encryptedCheck() {
        return lookup("#encryptedCheck").queryAs(CheckBox.class);
    }

    @Test
    void encryptionWithoutAKeyExplainsTheServiceKey() {
        openWizard();
        waitForExplanation("will not be encrypted");
        assertEquals(KeyOption.SERVICE_KEY_TEXT, onFx(() -> lookup("#kmsKeySelector").queryAs(ComboBox.class)
                .getValue().toString()), "the service key is the first, default choice");
        clickOn("#encryptedCheck");
        waitForExplanation("No key chosen: encrypted with the region's service key alias/acs/ecs.");
        assertTrue(text("#encryptionWarning").contains("Encryption cannot be disabled after the disk is created."));
        assertTrue(onFx(() -> lookup("#encryptionWarning").query().isVisible()));
        waitUntil("DescribePrice answered", () -> text("#diskPriceLabel").startsWith("$6.00 / month"));
    }

    @Test
    void tickingEncryptionLeavesThePriceAsItIs() {
        openWizard();
        waitForExplanation("will not be encrypted");
        waitUntil("DescribePrice answered", () -> text("#diskPriceLabel").startsWith("$"));
        String plain = text("#diskPriceLabel");
        double hourly = sim.ecs().describePrice(ctx(), PriceRequest.disk("cloud_essd", 40, "PL1")).tradePrice();
        assertEquals(Formats.usd(hourly * Pricing.HOURS_PER_MONTH) + " / month  (" + Formats.usd(hourly)
                + " / hour, pay-as-you-go)", plain, "the wizard shows DescribePrice's price");
        clickOn("#encryptedCheck");
        waitForExplanation("No key chosen: encrypted with the region's service key alias/acs/ecs.");
        // new questions to DescribePrice, now with Encryption ticked: another level, then PL1 again
        ComboBox<String> level = lookup("#performanceLevelChoice").queryAs(ComboBox.class);
        interact(() -> level.setValue("PL0"));
        waitUntil("the PL0 price", () -> !text("#diskPriceLabel").equals(plain));
        interact(() -> level.setValue("PL1"));
        waitUntil("the encrypted PL1 disk's price", () -> text("#diskPriceLabel").startsWith("$6.00"));
        assertTrue(encryptedCheck().isSelected());
        assertEquals(plain, text("#diskPriceLabel"), "encryption is free");
        assertEquals(EncryptionLock.FREE, text("#encryptionPriceLabel"));
    }

    @Test
    void fromOwnEncryptedSnapshotExplainsTheSnapshotsKey() {
        KeyMetadata key = cmk(ctx(), "alias/snap-key");
        String snapshot = snapshotOf(ctx(), encryptedDisk(ctx(), key.keyId(), "source"));

        navigateTo("navSnapshots");
        clickOn(nodeWithId("create-disk-from-" + snapshot));
        waitForDialogOpen();
        waitForExplanation("the snapshot's key");
        assertTrue(explanation().contains(snapshot), explanation());
        assertTrue(onFx(() -> encryptedCheck().isSelected() && encryptedCheck().isDisabled()),
                "encryption is checked and locked for an encrypted snapshot");
        assertTrue(text("#effectiveKeyLabel").contains("alias/snap-key"), text("#effectiveKeyLabel"));
        assertTrue(selectorShows().contains("alias/snap-key"), "the selector shows the same key: " + selectorShows());
        assertTrue(selectorShows().contains(KeySelector.SNAPSHOT_KEY_TAG), selectorShows());
        assertTrue(onFx(() -> lookup("#kmsKeySelector").query().isDisabled()), "the snapshot fixes the key");
    }

    /** Every text the closed key selector shows: the key's name and its tags. */
    private String selectorShows() {
        return onFx(() -> lookup("#kmsKeySelector").query().lookupAll(".label").stream()
                .map(n -> ((javafx.scene.control.Label) n).getText()).filter(t -> t != null && !t.isBlank())
                .collect(java.util.stream.Collectors.joining(" | ")));
    }

    @Test
    void withDefaultEncryptionOnAndACmkTheSelectorShowsThatCmk() {
        KeyMetadata key = cmk(ctx(), "alias/account-default");
        sim.ram().authorizeEcsDiskEncryption(ctx());
        sim.ecs().enableDiskEncryptionByDefault(ctx());
        sim.ecs().modifyDiskDefaultKmsKeyId(ctx(), key.keyId());
        openWizard();
        waitForExplanation("Account-level default encryption is on in this region");
        // the explanation and the key list arrive in two answers: wait for the list too
        waitUntil("the selector shows the account's default key", () -> selectorShows()
                .contains("alias/account-default"));
        assertTrue(selectorShows().contains(KeySelector.ACCOUNT_DEFAULT_TAG), selectorShows());
        assertFalse(selectorShows().contains(KeyOption.SERVICE_KEY_ALIAS), "not the service key: " + selectorShows());
        waitUntil("the key used is the same", () -> text("#effectiveKeyLabel").contains("alias/account-default"));

        clickOn("#dialogConfirmButton");
        waitForDialogClosed();
        List<Disk> disks = sim.ecs().describeDisks(ctx(), DescribeDisksRequest.all()).items();
        assertEquals(key.keyId(), disks.get(0).kmsKeyId(), "the disk got the key the selector showed");
    }

    @Test
    void fromASnapshotSharedByTheOtherAccountExplainsTheServiceKey() {
        String snapshot = snapshotOf(ctx(), encryptedDisk(ctx(), null, "shared-source"));
        String peer = sim.accounts().peerAccountId();
        sim.ecs().modifySnapshotSharePermission(ctx(), snapshot, List.of(peer), List.of());

        clickOn("#identitySelector");
        clickOn("#account-" + peer);
        waitUntil("the console acts as the peer", () -> peer.equals(window.session().accountId()));
        navigateTo("navSnapshots");
        clickOn("#sharedSnapshotsTab .tab-label");
        clickOn(nodeWithId("create-disk-from-" + snapshot));
        waitForDialogOpen();
        waitForExplanation("shared by account " + accountId);
        assertTrue(explanation().contains("service key alias/acs/ecs"), explanation());
        assertTrue(onFx(() -> encryptedCheck().isSelected() && encryptedCheck().isDisabled()));
    }

    @Test
    void withDefaultEncryptionOnExplainsTheAccountDefaultKey() {
        navigateTo("navDiskEncryption");
        clickOn(nodeWithId("enableDefaultEncryptionButton")); // the page fills in from a background task
        waitUntil("default encryption shows Enabled", () -> "Enabled".equals(text("#defaultEncryptionStatus")));
        assertTrue(sim.ecs().describeDiskEncryptionByDefaultStatus(ctx()).enabled());

        navigateTo("navDisks");
        openWizard();
        waitForExplanation("Account-level default encryption is on in this region");
        assertTrue(explanation().contains("account's default key"), explanation());
        assertTrue(onFx(() -> encryptedCheck().isSelected() && encryptedCheck().isDisabled()));
        assertEquals(CreateDiskWizard.DEFAULT_LOCK, text("#encryptionReason"));
    }

    @Test
    void aNonEssdCategoryDisablesEncryptionWithTheReason() {
        openWizard();
        clickOn("#encryptedCheck");
        waitForExplanation("service key");
        selectCategory("Standard SSD");
        waitUntil("encryption is unchecked and disabled", () -> encryptedCheck().isDisabled()
                && !encryptedCheck().isSelected());
        assertTrue(text("#encryptionReason").startsWith("Standard SSD disks cannot be encrypted: only ESSD-series"
                + " disks can"), text("#encryptionReason"));
        waitForExplanation("will not be encrypted");
        assertTrue(onFx(() -> lookup("#kmsKeySelector").query().isDisabled()));
    }

    @Test
    void aNonEssdCategoryWithDefaultEncryptionShowsTheServicesRefusalInRed() {
        sim.ecs().enableDiskEncryptionByDefault(ctx());
        openWizard();
        selectCategory("Ultra Disk");
        waitUntil("the preview's refusal is shown in red", () -> lookup("#encryptionExplanation").query()
                .getStyleClass().contains("explanation-error"));
        assertTrue(explanation().contains("InvalidParameter.EncryptedNotSupported"), explanation());
    }

    @Test
    void seoulDisablesTheEncryptionCheckbox() {
        selectRegion("South Korea (Seoul)");
        openWizard();
        String note = Catalog.requireRegion("ap-northeast-2").note();
        assertTrue(onFx(() -> encryptedCheck().isDisabled() && !encryptedCheck().isSelected()));
        assertEquals(note, text("#encryptionReason"));
        assertTrue(text("#regionEncryptionNote").contains(note), text("#regionEncryptionNote"));
        waitForExplanation("will not be encrypted");
    }

    @Test
    void bangkokOffersOnlyTheServiceKey() {
        CallContext bangkok = CallContext.root(accountId, "ap-southeast-7");
        cmk(bangkok, "alias/bangkok-cmk");
        selectRegion("Thailand (Bangkok)");
        openWizard();
        clickOn("#encryptedCheck");
        waitForExplanation("service key");
        assertTrue(onFx(() -> lookup("#kmsKeyNote").query().isVisible()));
        assertTrue(text("#kmsKeyNote").contains(Catalog.requireRegion("ap-southeast-7").note()));

        List<KeyOption> options = keyOptions();
        assertEquals(2, options.size(), options.toString());
        assertTrue(options.get(0).serviceKey() && options.get(0).selectable());
        assertFalse(options.get(1).selectable(), "the CMK is listed but cannot be chosen");

        clickOn("#kmsKeySelector");
        Node cmkCell = keyCell("alias/bangkok-cmk");
        assertTrue(onFx(cmkCell::isDisabled), "the CMK's row is greyed out");
        clickOn(cmkCell);
        waitUntil("the service key stays chosen", () -> ((KeyOption) lookup("#kmsKeySelector")
                .queryAs(ComboBox.class).getValue()).serviceKey());
    }

    @Test
    void aSizeOutsideTheCategoryRangeIsRefusedNextToTheFieldNotClamped() {
        openWizard();
        waitUntil("the options are loaded", () -> !lookup("#dialogConfirmButton").query().isDisabled());
        assertTrue(text("#diskSizeHint").startsWith("20–65,536 GiB for ESSD"), text("#diskSizeHint"));
        Spinner<?> size = lookup("#diskSizeSpinner").queryAs(Spinner.class);
        clickOn(size.getEditor()).push(KeyCode.CONTROL, KeyCode.A).write("0");
        clickOn("#diskNameField"); // leaving the field used to put 20 back in it without a word
        waitUntil("the size is refused next to the field", () -> lookup("#diskSizeError").query().isVisible());
        assertEquals("0", onFx(() -> size.getEditor().getText()), "the typed size stays as typed");
        assertTrue(text("#diskSizeError").contains("InvalidDiskSize.ValueNotSupported"), text("#diskSizeError"));
        assertTrue(text("#diskSizeError").contains("0 GiB was asked"), text("#diskSizeError"));
        assertTrue(lookup("#dialogConfirmButton").query().isDisabled(), "Confirm waits for a valid size");
        assertTrue(sim.ecs().describeDisks(ctx(), DescribeDisksRequest.all()).items().isEmpty());

        clickOn(size.getEditor()).push(KeyCode.CONTROL, KeyCode.A).write("70000");
        waitUntil("too large is refused too", () -> text("#diskSizeError").contains("70000 GiB was asked"));
        assertTrue(lookup("#dialogConfirmButton").query().isDisabled());

        clickOn(size.getEditor()).push(KeyCode.CONTROL, KeyCode.A).write("40");
        waitUntil("a valid size clears the error", () -> !lookup("#diskSizeError").query().isVisible());
        assertFalse(lookup("#dialogConfirmButton").query().isDisabled());
        clickOn("#dialogConfirmButton");
        waitForDialogClosed();
        List<Disk> disks = sim.ecs().describeDisks(ctx(), DescribeDisksRequest.all()).items();
        assertEquals(1, disks.size());
        assertEquals(40, disks.get(0).size());
    }

    @Test
    void choosingACmkAsksToAuthorizeEcsThenCreatesTheDiskWithIt() {
        KeyMetadata key = cmk(ctx(), "alias/orders");
        assertFalse(sim.ram().ecsMayUseCustomerKeys(accountId));
        openWizard();
        clickOn("#encryptedCheck");
        clickOn("#kmsKeySelector");
        clickOn(keyCell("alias/orders"));
        waitUntil("the authorization prompt opens", () -> lookup("#authorizeDialog").tryQuery().isPresent());
        assertTrue(text("#authorizeText").startsWith("ECS needs permission to use your KMS keys"));
        clickOn("#authorizeButton");
        waitUntil("the prompt closes", () -> lookup("#authorizeDialog").tryQuery().isEmpty());
        assertTrue(sim.ram().ecsMayUseCustomerKeys(accountId));
        waitForExplanation("Encrypted with the key you chose.");

        clickOn("#diskNameField").write("orders-db");
        clickOn("#dialogConfirmButton");
        waitForDialogClosed();
        List<Disk> disks = sim.ecs().describeDisks(ctx(), DescribeDisksRequest.all()).items();
        assertEquals(1, disks.size());
        Disk disk = disks.get(0);
        assertTrue(disk.encrypted());
        assertEquals(key.keyId(), disk.kmsKeyId());
        assertEquals("orders-db", disk.diskName());
        waitUntil("the disk is listed", () -> diskStatus(disk.diskId()) != null);
        assertEquals("alias/orders", text("#diskKey-" + disk.diskId()));
    }

    @Test
    void cancellingTheAuthorizationReturnsToTheServiceKey() {
        cmk(ctx(), "alias/not-yet");
        openWizard();
        clickOn("#encryptedCheck");
        clickOn("#kmsKeySelector");
        clickOn(keyCell("alias/not-yet"));
        waitUntil("the authorization prompt opens", () -> lookup("#authorizeDialog").tryQuery().isPresent());
        clickOn("#authorizeCancelButton");
        waitUntil("the service key is chosen again", () -> ((KeyOption) lookup("#kmsKeySelector")
                .queryAs(ComboBox.class).getValue()).serviceKey());
        assertFalse(sim.ram().ecsMayUseCustomerKeys(accountId));
        waitForExplanation("service key");
    }
}
