package dev.ecskms.ui.instances;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecskms.sim.common.ApiException;
import dev.ecskms.sim.ecs.DescribeDisksRequest;
import dev.ecskms.sim.ecs.Disk;
import dev.ecskms.sim.ecs.Instance;
import dev.ecskms.sim.ecs.InstancePasswordRule;
import dev.ecskms.sim.ecs.InstanceType;
import dev.ecskms.sim.ecs.PriceRequest;
import dev.ecskms.sim.ecs.RunInstancesRequest;
import dev.ecskms.sim.kms.KeyMetadata;
import dev.ecskms.ui.InstanceTestSupport;
import dev.ecskms.ui.common.EncryptionLock;
import dev.ecskms.ui.common.Formats;
import dev.ecskms.ui.common.KeyOption;
import dev.ecskms.ui.purchase.PurchasePage;
import java.util.List;
import java.util.stream.Collectors;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.Spinner;
import javafx.scene.input.KeyCode;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The purchase page: the seed's limited families, encrypted empty data disks, the service's password and size rules
 * refused next to their fields, and the key each disk will really get.
 */
@ExtendWith(ApplicationExtension.class)
class PurchasePageTest extends InstanceTestSupport {

    @Start
    void start(Stage stage) throws Exception {
        openEcsConsole(stage);
    }

    @AfterEach
    void tearDown() throws Exception {
        closeConsole();
    }

    @SuppressWarnings("unchecked")
    private InstanceType chosenType() {
        return onFx(() -> ((TableView<InstanceType>) lookup("#instanceTypeTable").query()).getSelectionModel()
                .getSelectedItem());
    }

    @Test
    void encryptingTheSystemDiskFlagsTheLimitedFamiliesAsNotSelectable() {
        openPurchase();
        clickOn(inView("familyFilter"));
        clickOn((Node node) -> node instanceof javafx.scene.control.ListCell<?> cell && cell.getText() != null
                && cell.getText().startsWith("ecs.ebmg5 "));
        chooseType("ecs.ebmg5.24xlarge");
        waitUntil("the bare-metal type is chosen", () -> chosenType() != null
                && chosenType().instanceTypeId().equals("ecs.ebmg5.24xlarge"));

        clickOn(inView("systemDiskEncryptedCheck"));
        waitUntil("the type is flagged", () -> lookup((Node n) -> "limitedTag-ecs.ebmg5.24xlarge".equals(n.getId()))
                .tryQuery().isPresent());
        Node tag = nodeWithId("limitedTag-ecs.ebmg5.24xlarge");
        assertEquals(PurchasePage.LIMITED_TYPE_TAG, onFx(() -> ((javafx.scene.control.Label) tag).getText()));
        assertNull(chosenType(), "encryption took the limited type out of the choice");
        assertTrue(onFx(() -> lookup("#limitedFamiliesNote").query().isVisible()));
        assertTrue(text("#limitedFamiliesNote").contains("ecs.ebmg5"), text("#limitedFamiliesNote"));

        chooseType("ecs.ebmg5.24xlarge");
        waitForFx();
        assertNull(chosenType(), "a limited type cannot be chosen while the system disk is encrypted");

        clickOn(inView("systemDiskEncryptedCheck"));
        waitUntil("the flag goes away", () -> lookup((Node n) -> "limitedTag-ecs.ebmg5.24xlarge".equals(n.getId()))
                .tryQuery().isEmpty());
        chooseType("ecs.ebmg5.24xlarge");
        waitUntil("without encryption the type can be chosen", () -> chosenType() != null);
    }

    @Test
    void aLimitedFamilyMayHaveAnEncryptedEmptyDataDisk() {
        openPurchase();
        clickOn(inView("familyFilter"));
        clickOn((Node node) -> node instanceof javafx.scene.control.ListCell<?> cell && cell.getText() != null
                && cell.getText().startsWith("ecs.ebmg5 "));
        chooseType("ecs.ebmg5.24xlarge");
        chooseImage("Alibaba Cloud Linux 3");
        clickOn(inView("addDataDiskButton"));
        clickOn(inView("dataDiskEncrypted-1"));
        setPassword(PASSWORD);
        clickOn("#createOrderButton");
        waitUntil("the Instances page is back", () -> lookup("#instanceTable").tryQuery().isPresent()
                || purchaseError() != null);
        assertNull(onFx(() -> lookup("#purchaseError").tryQuery().isPresent() ? purchaseError() : null));
        List<Instance> bought = instances();
        assertEquals(1, bought.size());
        assertEquals("ecs.ebmg5.24xlarge", bought.get(0).instanceType());
        List<Disk> disks = sim.ecs().describeDisks(ctx(), new DescribeDisksRequest(null, null,
                bought.get(0).instanceId(), null, null, null, null, null, 1, 100)).items();
        Disk data = disks.stream().filter(d -> "data".equals(d.type())).findFirst().orElseThrow();
        Disk system = disks.stream().filter(d -> "system".equals(d.type())).findFirst().orElseThrow();
        assertTrue(data.encrypted(), "the empty data disk is encrypted");
        assertFalse(system.encrypted());
        assertTrue(data.deleteWithInstance());
        waitUntil("the new instance is listed", () -> instanceStatus(bought.get(0).instanceId()) != null);
    }

    /** What the service answers to this password: the page must show exactly this next to the field. */
    private String serviceRefusal(String password) {
        ApiException refused = assertThrows(ApiException.class, () -> sim.instances().runInstances(ctx(),
                new RunInstancesRequest(ZONE, "ecs.g7.large", image("Alibaba Cloud Linux 3"), null, List.of(), 1,
                        password, null, null, null)));
        assertEquals("InvalidPassword.Malformed", refused.code());
        return refused.getMessage() + "\nError code: " + refused.code();
    }

    private String image(String osNamePrefix) {
        return sim.instances().describeImages(ctx(), "system", null).stream()
                .filter(i -> i.osName().startsWith(osNamePrefix)).findFirst().orElseThrow().imageId();
    }

    private boolean createOrderDisabled() {
        return onFx(() -> lookup("#createOrderButton").query().isDisabled());
    }

    /** Every text the key selector shows when closed: the key's name and its tags. */
    private String selectorShows(String id) {
        return onFx(() -> lookup("#" + id).query().lookupAll(".label").stream()
                .map(n -> ((Label) n).getText()).filter(t -> t != null && !t.isBlank())
                .collect(Collectors.joining(" | ")));
    }

    private void typeInto(String spinnerId, String text) {
        Spinner<?> spinner = lookup("#" + spinnerId).queryAs(Spinner.class);
        clickOn(inView(spinnerId)).clickOn(spinner.getEditor()).push(KeyCode.CONTROL, KeyCode.A).write(text);
    }

    @Test
    void tickingEncryptionLeavesTheOrdersPriceAsItIs() {
        openPurchase();
        chooseType("ecs.g7.large");
        chooseImage("Alibaba Cloud Linux 3");
        clickOn(inView("addDataDiskButton"));
        waitUntil("DescribePrice answered", () -> text("#totalPriceLabel").startsWith("Total: $")
                && text("#priceDataDisks").contains("$"));
        String total = text("#totalPriceLabel");
        String system = text("#priceSystemDisk");
        String data = text("#priceDataDisks");
        boolean systemWas = lookup("#systemDiskEncryptedCheck").queryAs(CheckBox.class).isSelected();
        clickOn(inView("systemDiskEncryptedCheck"));
        clickOn(inView("dataDiskEncrypted-1"));
        assertTrue(lookup("#dataDiskEncrypted-1").queryAs(CheckBox.class).isSelected());
        assertEquals(!systemWas, lookup("#systemDiskEncryptedCheck").queryAs(CheckBox.class).isSelected());
        // a new question to DescribePrice with both disks encrypted: one instance more, then one again
        typeInto("quantitySpinner", "2");
        waitUntil("the price of two", () -> text("#totalPriceLabel").contains("(2 instances)"));
        typeInto("quantitySpinner", "1");
        waitUntil("the price of one", () -> !text("#totalPriceLabel").contains("instances)"));
        assertEquals(total, text("#totalPriceLabel"), "encryption is free");
        assertEquals(system, text("#priceSystemDisk"));
        assertEquals(data, text("#priceDataDisks"));
        assertEquals(EncryptionLock.FREE, text("#priceEncryption"));
        double hourly = sim.ecs().describePrice(ctx(), PriceRequest.instance("ecs.g7.large",
                new PriceRequest.DiskSpec("cloud_essd", 40, "PL1"), List.of(), 1)).tradePriceOf("instanceType");
        assertTrue(text("#priceInstanceType").contains(Formats.usd(hourly)), text("#priceInstanceType"));
    }

    @Test
    void aPasswordWithANonAsciiLetterIsRefusedOnThePageExactlyLikeTheService() {
        openPurchase();
        chooseType("ecs.g7.large");
        chooseImage("Alibaba Cloud Linux 3");
        assertEquals(InstancePasswordRule.DESCRIPTION, text("#passwordHint"), "the rule is stated");
        setPassword("Pässwort-2024"); // "ä" is a lowercase letter to Java, not to ECS
        waitUntil("the refusal is shown next to the field", () -> !text("#passwordError").isEmpty());
        assertEquals(serviceRefusal("Pässwort-2024"), text("#passwordError"));
        assertTrue(createOrderDisabled(), "Create Order waits for a valid password");
        assertTrue(text("#orderBlockedReason").contains("logon password"), text("#orderBlockedReason"));

        clickOn(inView("passwordField")).push(KeyCode.CONTROL, KeyCode.A).write("simple");
        waitUntil("a short password is refused the same way", () -> text("#passwordError").equals(
                serviceRefusal("simple")));
        assertTrue(createOrderDisabled());
        assertTrue(instances().isEmpty());

        clickOn(inView("passwordField")).push(KeyCode.CONTROL, KeyCode.A).write(PASSWORD);
        clickOn(inView("confirmPasswordField")).push(KeyCode.CONTROL, KeyCode.A).write(PASSWORD);
        waitUntil("a valid password clears the refusal", () -> text("#passwordError").isEmpty()
                && !createOrderDisabled());
    }

    @Test
    void anOutOfRangeSizeIsRefusedNextToTheFieldAndKeepsCreateOrderDisabled() {
        openPurchase();
        chooseType("ecs.g7.large");
        chooseImage("Alibaba Cloud Linux 3");
        setPassword(PASSWORD);
        clickOn(inView("addDataDiskButton"));
        assertTrue(text("#dataDiskSizeHint-1").startsWith("20–65,536 GiB for ESSD PL1"), text("#dataDiskSizeHint-1"));
        typeInto("dataDiskSize-1", "0");
        clickOn(inView("instanceNameField")); // leaving the field used to put 20 back in it without a word
        waitUntil("the size is refused next to the field", () -> lookup("#dataDiskSizeError-1").query().isVisible());
        assertEquals("0", onFx(() -> lookup("#dataDiskSize-1").queryAs(Spinner.class).getEditor().getText()),
                "the typed size stays as typed");
        assertTrue(text("#dataDiskSizeError-1").contains("0 GiB was asked"), text("#dataDiskSizeError-1"));
        assertTrue(text("#dataDiskSizeError-1").contains("InvalidDiskSize.ValueNotSupported"));
        assertTrue(createOrderDisabled());
        assertTrue(text("#orderBlockedReason").contains("data disk 1"), text("#orderBlockedReason"));

        typeInto("systemDiskSizeSpinner", "3000"); // an ESSD data disk may be this large, a system disk may not
        waitUntil("the system disk's size is refused", () -> lookup("#systemDiskSizeError").query().isVisible());
        assertTrue(text("#systemDiskSizeError").contains("InvalidSystemDiskSize.ValueNotSupported"),
                text("#systemDiskSizeError"));
        waitUntil("no price for a disk that will not be ordered", () -> text("#priceSystemDisk").contains("no price"));

        typeInto("quantitySpinner", "0"); // used to become 1 without a word when the field was left
        waitUntil("the quantity is refused next to the field", () -> lookup("#quantityError").query().isVisible());
        assertTrue(text("#quantityError").contains("between 1 and 100"), text("#quantityError"));
        assertTrue(text("#orderBlockedReason").contains("quantity"), text("#orderBlockedReason"));
        typeInto("quantitySpinner", "1");

        typeInto("systemDiskSizeSpinner", "60");
        typeInto("dataDiskSize-1", "100");
        waitUntil("valid sizes enable Create Order", () -> !createOrderDisabled());
        waitUntil("the 60 GiB system disk is priced", () -> text("#priceSystemDisk").contains("60 GiB"));
        clickOn("#createOrderButton");
        waitUntil("the Instances page is back", () -> lookup("#instanceTable").tryQuery().isPresent());
        List<Disk> disks = sim.ecs().describeDisks(ctx(), new DescribeDisksRequest(null, null,
                instances().get(0).instanceId(), null, null, null, null, null, 1, 100)).items();
        assertEquals(List.of(60, 100), disks.stream().sorted((a, b) -> a.type().compareTo(b.type()) * -1)
                .map(Disk::size).toList(), "system then data, as typed");
    }

    @Test
    void withDefaultEncryptionOnTheSelectorsShowTheAccountsDefaultCmk() {
        KeyMetadata key = cmk(ctx(), "alias/account-default");
        sim.ram().authorizeEcsDiskEncryption(ctx());
        sim.ecs().enableDiskEncryptionByDefault(ctx());
        sim.ecs().modifyDiskDefaultKmsKeyId(ctx(), key.keyId());
        openPurchase();
        waitUntil("the system disk's selector shows the default CMK",
                () -> selectorShows("systemDiskKeySelector").contains("alias/account-default"));
        assertTrue(selectorShows("systemDiskKeySelector").contains("Account default"));
        assertFalse(selectorShows("systemDiskKeySelector").contains(KeyOption.SERVICE_KEY_ALIAS));
        waitUntil("the key used agrees", () -> text("#systemDiskEffectiveKey").contains("alias/account-default"));

        clickOn(inView("addDataDiskButton"));
        waitUntil("the data disk shows the key it will get", () -> onFx(() -> lookup("#dataDiskEffectiveKey-1")
                .query().isVisible()) && text("#dataDiskEffectiveKey-1").contains("alias/account-default"));
        assertTrue(selectorShows("dataDiskKey-1").contains("alias/account-default"), selectorShows("dataDiskKey-1"));
        assertTrue(text("#dataDiskExplanation-1").contains("Account-level default encryption"));

        chooseType("ecs.g7.large");
        chooseImage("Alibaba Cloud Linux 3");
        setPassword(PASSWORD);
        clickOn("#createOrderButton");
        waitUntil("the Instances page is back", () -> lookup("#instanceTable").tryQuery().isPresent());
        List<Disk> disks = sim.ecs().describeDisks(ctx(), new DescribeDisksRequest(null, null,
                instances().get(0).instanceId(), null, null, null, null, null, 1, 100)).items();
        assertEquals(2, disks.size());
        assertTrue(disks.stream().allMatch(d -> key.keyId().equals(d.kmsKeyId())), "what the page said happened");
    }

    @Test
    void aDataDiskRowShowsTheKeyUsedAndTheChosenCmk() {
        KeyMetadata key = cmk(ctx(), "alias/row-key");
        sim.ram().authorizeEcsDiskEncryption(ctx());
        openPurchase();
        clickOn(inView("addDataDiskButton"));
        clickOn(inView("dataDiskEncrypted-1"));
        waitUntil("the row shows the service key as the key used", () -> text("#dataDiskEffectiveKey-1")
                .startsWith("Key used: " + KeyOption.SERVICE_KEY_ALIAS));
        clickOn(inView("dataDiskKey-1"));
        clickOn(keyCell("alias/row-key"));
        waitUntil("the row shows the chosen CMK", () -> text("#dataDiskEffectiveKey-1").contains("alias/row-key"));
        assertTrue(text("#dataDiskExplanation-1").contains("the key you chose"), text("#dataDiskExplanation-1"));
        assertTrue(selectorShows("dataDiskKey-1").contains("alias/row-key"));
        assertTrue(text("#dataDiskEffectiveKey-1").contains(key.keyId()));
    }

    @Test
    void aDataDiskFromTheUsersEncryptedSnapshotShowsTheSnapshotsKeyFixed() {
        KeyMetadata key = cmk(ctx(), "alias/snap-key");
        String snapshot = snapshotOf(ctx(), encryptedDisk(ctx(), key.keyId(), "source"));
        openPurchase();
        clickOn(inView("addDataDiskButton"));
        clickOn(inView("dataDiskSnapshot-1"));
        clickOn((Node node) -> node instanceof ListCell<?> cell && cell.getText() != null
                && cell.getText().startsWith(snapshot));
        waitUntil("the selector shows the snapshot's key", () -> selectorShows("dataDiskKey-1")
                .contains("alias/snap-key"));
        assertTrue(selectorShows("dataDiskKey-1").contains("Snapshot's key"), selectorShows("dataDiskKey-1"));
        assertTrue(onFx(() -> lookup("#dataDiskKey-1").query().isDisabled()), "the snapshot fixes the key");
        assertTrue(onFx(() -> lookup("#dataDiskEncrypted-1").queryAs(CheckBox.class).isSelected()
                && lookup("#dataDiskEncrypted-1").query().isDisabled()));
        waitUntil("the key used is the snapshot's", () -> text("#dataDiskEffectiveKey-1").contains("alias/snap-key"));
    }
}
