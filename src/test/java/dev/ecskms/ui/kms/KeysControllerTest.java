package dev.ecskms.ui.kms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecskms.sim.common.CallContext;
import dev.ecskms.sim.common.ChangeFeed;
import dev.ecskms.sim.ecs.Catalog;
import dev.ecskms.sim.kms.CreateKeyRequest;
import dev.ecskms.sim.kms.KeyMetadata;
import dev.ecskms.sim.kms.KeyState;
import dev.ecskms.sim.kms.KeySummary;
import dev.ecskms.ui.ControllerTestSupport;
import dev.ecskms.ui.common.ConsoleSession;
import dev.ecskms.ui.common.LiveReload;
import dev.ecskms.ui.common.ManualTaskRunner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Keys page's controller and model against a real KMS, without a window. */
class KeysControllerTest extends ControllerTestSupport {

    private KeyMetadata key(String alias) {
        KeyMetadata key = sim.kms().createKey(ctx, CreateKeyRequest.defaults("key " + alias));
        sim.kms().createAlias(ctx, alias, key.keyId());
        sim.clock().fastForward(Duration.ofMinutes(1)); // distinct creation times
        return key;
    }

    private static List<String> ids(List<KeySummary> rows) {
        return rows.stream().map(summary -> summary.metadata().keyId()).toList();
    }

    @Test
    void loadFillsTheCustomerKeysNewestFirstAndTheServiceKeyInItsOwnTab() {
        KeyMetadata older = key("alias/older");
        KeyMetadata newer = key("alias/newer");
        sim.ecs().describeDiskDefaultKmsKeyId(ctx); // creates the region's service key alias/acs/ecs
        KeysModel model = new KeysModel();

        new KeysController(session, model).load();

        assertEquals(List.of(newer.keyId(), older.keyId()), ids(model.customerKeys().pageRows()));
        assertEquals(1, model.defaultKeys().pageRows().size());
        assertTrue(model.defaultKeys().pageRows().get(0).metadata().isServiceKey());
        assertFalse(model.loadingProperty().get());
        assertNull(model.errorProperty().get());
    }

    /** Was a TestFX test: the search box filters by alias, description and key id. */
    @Test
    void searchFiltersByAliasDescriptionAndKeyId() {
        KeyMetadata alpha = key("alias/alpha-disks");
        KeyMetadata beta = key("alias/beta-backups");
        KeysModel model = new KeysModel();
        new KeysController(session, model).load();

        model.customerKeys().queryProperty().set("beta");
        assertEquals(List.of(beta.keyId()), ids(model.customerKeys().pageRows()));
        assertEquals(1, model.customerKeys().totalCountProperty().get());

        model.customerKeys().queryProperty().set(alpha.keyId().substring(0, 8));
        assertEquals(List.of(alpha.keyId()), ids(model.customerKeys().pageRows()));

        model.customerKeys().queryProperty().set("key alias/beta");
        assertEquals(List.of(beta.keyId()), ids(model.customerKeys().pageRows()), "the description matches too");
    }

    /** Was a TestFX test: ten keys a page, the rest on the next. */
    @Test
    void tenKeysAPage() {
        for (int i = 0; i < 12; i++) {
            sim.kms().createKey(ctx, CreateKeyRequest.defaults("bulk key " + i));
        }
        KeysModel model = new KeysModel();
        new KeysController(session, model).load();

        assertEquals(10, model.customerKeys().pageRows().size());
        assertEquals(12, model.customerKeys().totalCountProperty().get());
        assertEquals(2, model.customerKeys().pageCountProperty().get());
        model.customerKeys().pageIndexProperty().set(1);
        assertEquals(2, model.customerKeys().pageRows().size());
    }

    @Test
    void aRegionChangeShowsOnlyTheOtherRegionsKeys() {
        KeyMetadata hangzhou = key("alias/hangzhou-only");
        KeysModel model = new KeysModel();
        KeysController controller = new KeysController(session, model);
        controller.load();
        assertEquals(List.of(hangzhou.keyId()), ids(model.customerKeys().pageRows()));

        session.regionProperty().set(Catalog.requireRegion("ap-southeast-1"));
        controller.load();

        assertEquals(List.of(), model.keys());
    }

    @Test
    void aSlowAnswerForThePreviousRegionDoesNotOverwriteTheNewRegionsKeys() {
        KeyMetadata hangzhou = key("alias/hangzhou");
        KeyMetadata singapore = sim.kms().createKey(CallContext.root(sim.accounts().rootAccountId(),
                "ap-southeast-1"), CreateKeyRequest.defaults("singapore key"));
        ManualTaskRunner slow = new ManualTaskRunner();
        ConsoleSession manual = new ConsoleSession(session.services(), slow, null);
        KeysModel model = new KeysModel();
        KeysController controller = new KeysController(manual, model);

        controller.load(); // Hangzhou, still running when the user picks Singapore
        manual.regionProperty().set(Catalog.requireRegion("ap-southeast-1"));
        controller.load();
        slow.finish(1); // Singapore answers first
        assertEquals(List.of(singapore.keyId()), ids(model.keys()));
        assertFalse(model.loadingProperty().get());

        slow.finish(0); // the Hangzhou answer arrives late and is dropped
        assertEquals(List.of(singapore.keyId()), ids(model.keys()));
        assertFalse(ids(model.keys()).contains(hangzhou.keyId()));
    }

    @Test
    void aFailedListingEmptiesTheTableAndSaysWhyWithTheServicesCode() {
        key("alias/shown-before");
        KeysModel model = new KeysModel();
        KeysController controller = new KeysController(session, model);
        controller.load();
        assertEquals(1, model.keys().size());

        sim.close(); // the store is gone: a failure that is not the service's answer
        controller.load();

        assertEquals(List.of(), model.keys(), "no rows of a listing that failed");
        assertFalse(model.loadingProperty().get());
        assertTrue(model.errorProperty().get().startsWith("The keys could not be listed: The request processing"
                + " has failed due to some unknown error. Try again"), model.errorProperty().get());
        assertTrue(model.errorProperty().get().endsWith("Error code: InternalError"), model.errorProperty().get());
        controller.dismissError();
        assertNull(model.errorProperty().get());
    }

    @Test
    void aKeyDisabledByAScriptShowsDisabledAfterTheChangeFeedReloads() throws Exception {
        KeyMetadata key = key("alias/scripted");
        KeysModel model = new KeysModel();
        KeysController controller = new KeysController(session, model);
        controller.load();
        try (LiveReload reload = LiveReload.start(sim.changes(), EnumSet.of(ChangeFeed.Topic.KMS_KEYS), tasks,
                controller::load)) {
            sim.kms().disableKey(ctx, key.keyId()); // as an SDK script would, behind the console's back

            tasks.awaitUiWork(Duration.ofSeconds(10));
        }
        assertEquals(KeyState.Disabled, model.keys().get(0).metadata().keyState());
    }

    @Test
    void enablingFromThePageReloadsIt() {
        KeyMetadata key = key("alias/enable-me");
        sim.kms().disableKey(ctx, key.keyId());
        KeysModel model = new KeysModel();
        KeysController controller = new KeysController(session, model);
        controller.load();

        controller.actions().enable(key.keyId());

        assertEquals(KeyState.Enabled, model.keys().get(0).metadata().keyState());
        assertEquals(KeyState.Enabled, sim.kms().describeKey(ctx, key.keyId()).keyState());
    }

    @Test
    void onlyTheShownPageIsAskedForAndTheSearchAndPageSizeGoToKms() {
        List<String> newestFirst = new ArrayList<>();
        for (int i = 1; i <= 25; i++) {
            newestFirst.add(0, key(String.format("alias/bulk-%02d", i)).keyId());
        }
        KeysModel model = new KeysModel();
        new KeysController(session, model).load();
        model.customerKeys().pageIndexProperty().set(1);
        assertEquals(newestFirst.subList(10, 20), ids(model.keys()), "page 2 holds keys 11-20");
        assertEquals(25, model.customerKeys().totalCountProperty().get());

        model.customerKeys().pageSizeProperty().set(20);
        assertEquals(newestFirst.subList(0, 20), ids(model.keys()));
        assertEquals(2, model.customerKeys().pageCountProperty().get());

        model.customerKeys().queryProperty().set("BULK-0"); // alias match, across pages never loaded before
        assertEquals(newestFirst.subList(16, 25), ids(model.keys()));
        assertEquals(9, model.customerKeys().totalCountProperty().get());
        model.customerKeys().queryProperty().set("bulk_0"); // '_' is a character, not LIKE's wildcard
        assertEquals(0, model.customerKeys().totalCountProperty().get());
    }
}
