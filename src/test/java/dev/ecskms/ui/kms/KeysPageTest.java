package dev.ecskms.ui.kms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecskms.sim.common.ApiException;
import dev.ecskms.sim.kms.CreateKeyRequest;
import dev.ecskms.sim.kms.KeyMetadata;
import dev.ecskms.sim.kms.KeyState;
import dev.ecskms.sim.kms.KeySummary;
import dev.ecskms.sim.kms.KmsService;
import dev.ecskms.ui.ConsoleTestSupport;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import javafx.scene.Node;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Spinner;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The KMS Keys page clicked through as a person would, checked on screen and against KMS itself. */
@ExtendWith(ApplicationExtension.class)
class KeysPageTest extends ConsoleTestSupport {
    private static final String CMK_TABLE = "#cmkTable";
    private static final String DEFAULT_KEYS_TABLE = "#defaultKeysTable";

    @Start
    void start(Stage stage) throws Exception {
        openConsole(stage);
    }

    @BeforeEach
    void showKeysPage() {
        navigateTo("navKeys");
    }

    @AfterEach
    void tearDown() throws Exception {
        closeConsole();
    }

    private KmsService kms() {
        return sim.kms();
    }

    /** A key created behind the console's back, then shown by clicking Refresh. */
    private KeyMetadata keyShownInTable(String alias) {
        KeyMetadata key = kms().createKey(ctx(), CreateKeyRequest.defaults("created by the test"));
        kms().createAlias(ctx(), alias, key.keyId());
        clickOn("#cmkRefreshButton");
        waitUntil("the key is listed", () -> statusTag(CMK_TABLE, key.keyId()) != null);
        return key;
    }

    @Test
    void createKeyDialogCreatesAnEnabledKeyWithItsAlias() {
        clickOn("#createKeyButton");
        waitForDialogOpen();
        clickOn("#keyDescriptionField").write("Disk key from the UI test");
        clickOn("#aliasNameField").write("ui-test");
        clickOn("#dialogConfirmButton");
        waitForDialogClosed();

        waitUntil("the new key is listed", () -> rows(CMK_TABLE).stream()
                .anyMatch(summary -> summary.aliases().contains("alias/ui-test")));
        KeySummary created = rows(CMK_TABLE).stream()
                .filter(summary -> summary.aliases().contains("alias/ui-test")).findFirst().orElseThrow();
        String keyId = created.metadata().keyId();
        waitForStatus(CMK_TABLE, keyId, "Enabled");

        KeyMetadata stored = kms().describeKey(ctx(), "alias/ui-test");
        assertEquals(keyId, stored.keyId());
        assertEquals(KeyState.Enabled, stored.keyState());
        assertEquals("Disk key from the UI test", stored.description());
        assertEquals("Aliyun_AES_256", stored.keySpec());
    }

    @Test
    void createKeyDialogStaysOpenWithTheServiceErrorAndRetriesOnlyTheAlias() {
        keyShownInTable("alias/taken");
        int keysBefore = kms().listKeySummaries(ctx()).size();

        clickOn("#createKeyButton");
        waitForDialogOpen();
        clickOn("#aliasNameField").write("taken");
        clickOn("#dialogConfirmButton");
        waitUntil("the dialog shows the error", () -> lookup("#dialogError").query().isVisible());
        assertTrue(dialogOpen(), "the dialog stays open on an error");
        assertTrue(text("#dialogError").contains("AliasAlreadyExists"), text("#dialogError"));

        // The key itself was created; a second OK must only add the corrected alias to it.
        clickOn("#aliasNameField").push(KeyCode.CONTROL, KeyCode.A).write("free");
        clickOn("#dialogConfirmButton");
        waitForDialogClosed();
        assertEquals(keysBefore + 1, kms().listKeySummaries(ctx()).size());
        assertEquals(KeyState.Enabled, kms().describeKey(ctx(), "alias/free").keyState());
    }

    @Test
    void createKeyDialogRefusesABadAliasBeforeCreatingAnything() {
        int keysBefore = kms().listKeySummaries(ctx()).size();
        clickOn("#createKeyButton");
        waitForDialogOpen();
        clickOn("#aliasNameField").write("bad alias!");
        waitUntil("the alias is refused next to the field", () -> lookup("#aliasNameError").query().isVisible());
        assertTrue(text("#aliasNameError").contains("InvalidParameter"), text("#aliasNameError"));
        assertTrue(text("#aliasNameError").contains("\"AliasName\""), text("#aliasNameError"));
        assertTrue(lookup("#dialogConfirmButton").query().isDisabled(), "OK waits for a valid alias");
        assertEquals(keysBefore, kms().listKeySummaries(ctx()).size(), "no key was created");

        clickOn("#aliasNameField").push(KeyCode.CONTROL, KeyCode.A).write("good-alias");
        waitUntil("a valid alias clears the error", () -> !lookup("#aliasNameError").query().isVisible());
        clickOn("#dialogConfirmButton");
        waitForDialogClosed();
        assertEquals(keysBefore + 1, kms().listKeySummaries(ctx()).size());
        assertEquals(KeyState.Enabled, kms().describeKey(ctx(), "alias/good-alias").keyState());
    }

    @Test
    void createKeyDialogRefusesARotationIntervalOutsideSevenTo730DaysInsteadOfClampingIt() {
        int keysBefore = kms().listKeySummaries(ctx()).size();
        clickOn("#createKeyButton");
        waitForDialogOpen();
        clickOn("#automaticRotationCheck");
        Spinner<?> interval = lookup("#rotationIntervalSpinner").queryAs(Spinner.class);
        clickOn(interval.getEditor()).push(KeyCode.CONTROL, KeyCode.A).write("3");
        clickOn("#keyDescriptionField");
        waitUntil("3 days is refused", () -> lookup("#rotationIntervalError").query().isVisible());
        assertTrue(text("#rotationIntervalError").contains("RotationInterval"), text("#rotationIntervalError"));
        assertEquals("3", onFx(() -> interval.getEditor().getText()));
        assertTrue(lookup("#dialogConfirmButton").query().isDisabled());
        clickOn("#automaticRotationCheck");
        waitUntil("without rotation the interval is not sent, nor checked",
                () -> !lookup("#rotationIntervalError").query().isVisible());
        assertFalse(lookup("#dialogConfirmButton").query().isDisabled());
        assertEquals(keysBefore, kms().listKeySummaries(ctx()).size());
    }

    @Test
    void scheduleDeletionRefusesAWindowOutsideSevenTo366DaysAndNeverPreviewsAnotherDate() {
        KeyMetadata key = keyShownInTable("alias/three-days");
        clickOn(nodeWithId("schedule-deletion-" + key.keyId()));
        waitForDialogOpen();
        String thirtyDays = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC)
                .format(sim.clock().instant().plus(Duration.ofDays(30)));
        assertTrue(text("#deletionDateLabel").contains(thirtyDays), text("#deletionDateLabel"));
        Spinner<?> window = lookup("#pendingWindowSpinner").queryAs(Spinner.class);
        clickOn(window.getEditor()).push(KeyCode.CONTROL, KeyCode.A).write("3");
        waitUntil("3 days is refused next to the field", () -> lookup("#pendingWindowError").query().isVisible());
        assertTrue(text("#pendingWindowError").contains("PendingWindowInDays"), text("#pendingWindowError"));
        assertTrue(lookup("#dialogConfirmButton").query().isDisabled(), "Confirm waits for a valid window");
        assertFalse(text("#deletionDateLabel").contains(thirtyDays), "no date of a window that will not be sent");
        clickOn("#deletionWarning"); // leaving the field changes nothing either
        assertEquals("3", onFx(() -> window.getEditor().getText()));
        assertTrue(lookup("#dialogConfirmButton").query().isDisabled());

        clickOn(window.getEditor()).push(KeyCode.CONTROL, KeyCode.A).write("367");
        waitUntil("367 days is refused", () -> text("#pendingWindowError").contains("between 7 and 366"));
        assertTrue(lookup("#dialogConfirmButton").query().isDisabled());

        clickOn(window.getEditor()).push(KeyCode.CONTROL, KeyCode.A).write("7");
        String sevenDays = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC)
                .format(sim.clock().instant().plus(Duration.ofDays(7)));
        waitUntil("the preview is the 7 days that will be sent", () -> text("#deletionDateLabel").contains(sevenDays));
        assertFalse(lookup("#pendingWindowError").query().isVisible());
        clickOn("#dialogConfirmButton");
        waitForDialogClosed();
        KeyMetadata pending = kms().describeKey(ctx(), key.keyId());
        assertEquals(KeyState.PendingDeletion, pending.keyState());
        assertEquals(sevenDays, DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC)
                .format(pending.deleteDate()), "the key is deleted on the date the dialog showed");
    }

    @Test
    void disableDialogNamesTheKeyAndConfirmDisablesIt() {
        KeyMetadata key = keyShownInTable("alias/to-disable");
        waitForStatus(CMK_TABLE, key.keyId(), "Enabled");

        clickOn(nodeWithId("disable-" + key.keyId()));
        waitForDialogOpen();
        String title = text("#dialogTitle");
        assertTrue(title.contains("alias/to-disable") && title.contains(key.keyId()), title);
        assertTrue(text("#disableWarning").contains("can no longer be decrypted"));
        waitUntil("the resources are listed", () -> "No cloud resources currently use this key.".equals(
                ((javafx.scene.control.Label) ((javafx.scene.control.TableView<?>) lookup("#disableResourcesTable")
                        .query()).getPlaceholder()).getText()));

        clickOn("#dialogConfirmButton");
        waitForDialogClosed();
        waitForStatus(CMK_TABLE, key.keyId(), "Disabled");
        assertEquals(KeyState.Disabled, kms().describeKey(ctx(), key.keyId()).keyState());
        assertNotNull(nodeWithId("enable-" + key.keyId()), "a disabled key offers Enable");
    }

    @Test
    void cancellingTheDisableDialogChangesNothing() {
        KeyMetadata key = keyShownInTable("alias/keep-enabled");

        clickOn(nodeWithId("disable-" + key.keyId()));
        waitForDialogOpen();
        clickOn("#dialogCancelButton");
        waitForDialogClosed();

        waitForStatus(CMK_TABLE, key.keyId(), "Enabled");
        assertEquals(KeyState.Enabled, kms().describeKey(ctx(), key.keyId()).keyState());
        assertNotNull(nodeWithId("disable-" + key.keyId()));
    }

    @Test
    void scheduledDeletionHappensAfterFastForwardAndCiphertextsBecomeUndecryptable() {
        KeyMetadata key = keyShownInTable("alias/short-lived");
        String ciphertext = kms().encrypt(ctx(), key.keyId(), "disk data key".getBytes(StandardCharsets.UTF_8),
                Map.of()).ciphertextBlob();

        clickOn(nodeWithId("schedule-deletion-" + key.keyId()));
        waitForDialogOpen();
        Spinner<?> window = lookup("#pendingWindowSpinner").queryAs(Spinner.class);
        assertEquals(30, window.getValue(), "the pending window defaults to 30 days");
        clickOn(window.getEditor()).push(KeyCode.CONTROL, KeyCode.A).write("7");
        String expectedDate = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC)
                .format(sim.clock().instant().plus(Duration.ofDays(7)));
        waitUntil("the deletion date follows the pending window",
                () -> text("#deletionDateLabel").contains(expectedDate));
        clickOn("#dialogConfirmButton");
        waitForDialogClosed();

        waitForStatus(CMK_TABLE, key.keyId(), "Pending Deletion");
        KeyMetadata pending = kms().describeKey(ctx(), key.keyId());
        assertEquals(KeyState.PendingDeletion, pending.keyState());
        assertNotNull(pending.deleteDate());
        assertNotNull(nodeWithId("cancel-deletion-" + key.keyId()));

        clickOn("#fastForwardMenu");
        clickOn("+30 days");
        waitUntil("the deleted key leaves the table", () -> row(CMK_TABLE, key.keyId()).isEmpty());
        // the top bar's clock and the table reload on their own turns: wait for the clock too
        waitUntil("the top bar shows the 30 days", () -> text("#clockOffset").startsWith("+30d"));

        ApiException failure = assertThrows(ApiException.class, () -> kms().decrypt(ctx(), ciphertext, Map.of()));
        assertEquals("Forbidden.KeyNotFound", failure.code());
    }

    @Test
    void cancelDeletionReturnsTheKeyToUse() {
        KeyMetadata key = keyShownInTable("alias/reprieved");
        kms().scheduleKeyDeletion(ctx(), key.keyId(), 7);
        clickOn("#cmkRefreshButton");
        waitForStatus(CMK_TABLE, key.keyId(), "Pending Deletion");

        clickOn(nodeWithId("cancel-deletion-" + key.keyId()));
        waitForDialogOpen();
        clickOn("#dialogConfirmButton");
        waitForDialogClosed();

        waitForStatus(CMK_TABLE, key.keyId(), "Enabled");
        assertEquals(KeyState.Enabled, kms().describeKey(ctx(), key.keyId()).keyState());
    }

    @Test
    void defaultKeysTabListsTheEcsServiceKeyWithoutDisableOrDelete() {
        KeyMetadata serviceKey = kms().serviceKey(ctx(), "ecs");
        clickOn("#cmkRefreshButton");
        clickOn("Default Keys");
        waitForStatus(DEFAULT_KEYS_TABLE, serviceKey.keyId(), "Enabled");

        KeySummary summary = row(DEFAULT_KEYS_TABLE, serviceKey.keyId()).orElseThrow();
        assertTrue(summary.aliases().contains("alias/acs/ecs"));
        List<String> links = onFx(() -> lookup(DEFAULT_KEYS_TABLE).query().lookupAll(".hyperlink").stream()
                .map(node -> ((Hyperlink) node).getText()).toList());
        assertTrue(links.contains("Details"), links.toString());
        assertFalse(links.contains("Disable"), links.toString());
        assertFalse(links.contains("Schedule Deletion"), links.toString());
        assertTrue(row(CMK_TABLE, serviceKey.keyId()).isEmpty(), "service keys are not customer master keys");
    }

    @Test
    void regionChangeShowsTheKeysOfTheOtherRegion() {
        KeyMetadata key = keyShownInTable("alias/hangzhou-only");
        clickOn("#regionSelector");
        clickOn((Node node) -> node instanceof javafx.scene.control.ListCell<?> cell && cell.getText() != null
                && cell.getText().startsWith("Singapore"));
        waitUntil("the Hangzhou key disappears", () -> row(CMK_TABLE, key.keyId()).isEmpty()
                && text("#cmkTotalLabel").equals("Total: 0"));
        assertEquals("ap-southeast-1", window.session().regionId());
    }

    /** The left navigation opens a page's list, never the details page left open there. */
    @Test
    void theLeftNavigationReturnsFromAKeysDetailsToTheList() {
        KeyMetadata key = keyShownInTable("alias/navigated");
        clickOn(nodeWithId("details-" + key.keyId()));
        waitUntil("the key's details open", () -> lookup("#keyDetailsPage").tryQuery().isPresent());

        navigateTo("navDisks");
        navigateTo("navKeys");
        waitUntil("the key list shows", () -> lookup("#keyDetailsPage").tryQuery().isEmpty()
                && statusTag(CMK_TABLE, key.keyId()) != null);

        clickOn(nodeWithId("details-" + key.keyId()));
        waitUntil("the key's details open", () -> lookup("#keyDetailsPage").tryQuery().isPresent());
        navigateTo("navKeys"); // a click on the page's own entry, too
        waitUntil("the key list shows", () -> lookup("#keyDetailsPage").tryQuery().isEmpty()
                && statusTag(CMK_TABLE, key.keyId()) != null);
    }
}
