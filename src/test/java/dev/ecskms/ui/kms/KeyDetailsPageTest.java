package dev.ecskms.ui.kms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecskms.sim.kms.CreateKeyRequest;
import dev.ecskms.sim.kms.KeyMetadata;
import dev.ecskms.sim.kms.KeyState;
import dev.ecskms.sim.kms.Tag;
import dev.ecskms.ui.ConsoleTestSupport;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The key details page: metadata, versions, aliases and tags, and its actions. */
@ExtendWith(ApplicationExtension.class)
class KeyDetailsPageTest extends ConsoleTestSupport {

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

    private KeyMetadata openDetailsOfNewKey() {
        KeyMetadata key = sim.kms().createKey(ctx(), CreateKeyRequest.defaults("details test key"));
        sim.kms().createAlias(ctx(), "alias/details", key.keyId());
        clickOn("#cmkRefreshButton");
        waitForStatus("#cmkTable", key.keyId(), "Enabled");
        clickOn(nodeWithId("details-" + key.keyId()));
        waitUntil("the details are loaded", () -> lookup("#detailKeyState").tryQuery().isPresent());
        return key;
    }

    private int tableSize(String id) {
        return onFx(() -> ((TableView<?>) lookup(id).query()).getItems().size());
    }

    @Test
    void showsTheMetadataAndCreatesKeyVersions() {
        KeyMetadata key = openDetailsOfNewKey();
        assertEquals("alias/details", text("#detailTitle"));
        assertEquals(key.keyId(), text("#detailKeyId"));
        assertEquals(key.arn(), text("#detailArn"));
        assertEquals("Enabled", text("#detailKeyState"));
        assertEquals("details test key", text("#detailDescription"));
        assertEquals(1, tableSize("#versionsTable"));

        clickOn("#createKeyVersionButton");
        waitUntil("a second version is listed", () -> tableSize("#versionsTable") == 2);
        assertEquals(2, sim.kms().listKeyVersions(ctx(), key.keyId(), 1, 10).totalCount());
    }

    @Test
    void addsAliasesAndTags() {
        KeyMetadata key = openDetailsOfNewKey();
        clickOn("Aliases");
        clickOn("#newAliasField").write("second-name");
        clickOn("#addAliasButton");
        waitUntil("the alias is listed", () -> tableSize("#aliasesTable") == 2);
        assertEquals(key.keyId(), sim.kms().describeKey(ctx(), "alias/second-name").keyId());

        clickOn("Tags");
        clickOn("#newTagKeyField").write("team");
        clickOn("#newTagValueField").write("storage");
        clickOn("#addTagButton");
        waitUntil("the tag is listed", () -> tableSize("#tagsTable") == 1);
        assertTrue(sim.kms().listResourceTags(ctx(), key.keyId()).contains(new Tag("team", "storage")));
    }

    @Test
    void associatedResourcesSayWhenNoResourceUsesTheKey() {
        openDetailsOfNewKey();
        clickOn("Associated Resources");
        waitUntil("the empty state is shown", () -> "No cloud resources use this key.".equals(
                ((javafx.scene.control.Label) ((TableView<?>) lookup("#detailResourcesTable").query())
                        .getPlaceholder()).getText()));
    }

    @Test
    void disableFromTheDetailsPageAndGoBack() {
        KeyMetadata key = openDetailsOfNewKey();
        clickOn("#detailDisableButton");
        waitForDialogOpen();
        clickOn("#dialogConfirmButton");
        waitForDialogClosed();
        waitUntil("the details show Disabled", () -> "Disabled".equals(text("#detailKeyState")));
        assertEquals(KeyState.Disabled, sim.kms().describeKey(ctx(), key.keyId()).keyState());

        clickOn("#backToKeysLink");
        waitForStatus("#cmkTable", key.keyId(), "Disabled");
    }
}
