package dev.ecskms.ui.disks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecskms.sim.ecs.CreateDiskRequest;
import dev.ecskms.sim.ecs.Disk;
import dev.ecskms.sim.kms.CreateKeyRequest;
import dev.ecskms.ui.ControllerTestSupport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javafx.collections.ListChangeListener;
import org.junit.jupiter.api.Test;

/** The Disks page's controller and model against a real ECS, without a window. */
class DisksControllerTest extends ControllerTestSupport {

    private String disk(Boolean encrypted, String name) {
        return disk(encrypted, null, name);
    }

    private String disk(Boolean encrypted, String keyId, String name) {
        String id = sim.ecs().createDisk(ctx, new CreateDiskRequest("cn-hangzhou-h", "cloud_essd", 40, null, "PL1",
                encrypted, keyId, null, name, null, null));
        sim.clock().fastForward(Duration.ofMinutes(1));
        return id;
    }

    private static List<String> ids(List<Disk> disks) {
        return disks.stream().map(Disk::diskId).toList();
    }

    /** Was a TestFX test: the Encrypted filter is DescribeDisks' Encrypted parameter. */
    @Test
    void theEncryptionFilterReloadsWithOnlyTheMatchingDisks() {
        String secret = disk(true, "secret");
        String open = disk(null, "open");
        DisksModel model = new DisksModel();
        new DisksController(session, model, () -> { }).load();
        assertEquals(2, model.rows().totalCountProperty().get());

        model.encryptionFilterProperty().set(DisksModel.EncryptionFilter.NOT_ENCRYPTED);
        assertEquals(List.of(open), ids(model.rows().pageRows()));

        model.encryptionFilterProperty().set(DisksModel.EncryptionFilter.ENCRYPTED);
        assertEquals(List.of(secret), ids(model.rows().pageRows()));
        assertEquals("alias/acs/ecs", model.keyName(model.disks().get(0).kmsKeyId()),
                "the service key is named by its alias");
    }

    @Test
    void aFailedListingEmptiesTheTableAndSaysWhy() {
        disk(null, "shown-before");
        DisksModel model = new DisksModel();
        DisksController controller = new DisksController(session, model, () -> { });
        controller.load();
        assertEquals(1, model.disks().size());

        sim.close(); // the store is gone: a failure that is not the service's answer
        controller.load();

        assertEquals(List.of(), model.disks(), "no rows of a listing that failed");
        assertEquals(0, model.rows().totalCountProperty().get());
        assertFalse(model.loadingProperty().get());
        String error = model.errorProperty().get();
        assertTrue(error.startsWith("The disks could not be listed: The request processing has failed"), error);
        assertTrue(error.endsWith("Error code: InternalError"), error);
    }

    /** 25 plain disks, newest first: names disk-25 … disk-01. */
    private List<String> twentyFiveDisks() {
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= 25; i++) {
            ids.add(0, disk(null, String.format("disk-%02d", i)));
        }
        return ids;
    }

    private static List<String> names(List<Disk> disks) {
        return disks.stream().map(Disk::diskName).toList();
    }

    @Test
    void onlyTheShownPageIsLoadedWithTheServicesTotal() {
        List<String> newestFirst = twentyFiveDisks();
        DisksModel model = new DisksModel();
        new DisksController(session, model, () -> { }).load();
        assertEquals(newestFirst.subList(0, 10), ids(model.disks()), "page 1 holds only its 10 rows");
        assertEquals(25, model.rows().totalCountProperty().get());
        assertEquals(3, model.rows().pageCountProperty().get());

        model.rows().pageIndexProperty().set(1); // the user clicks ›
        assertEquals(newestFirst.subList(10, 20), ids(model.disks()), "page 2 shows disks 11-20");
        assertEquals(25, model.rows().totalCountProperty().get());

        model.rows().pageSizeProperty().set(20);
        assertEquals(0, model.rows().pageIndexProperty().get(), "a new page size starts at the first page");
        assertEquals(newestFirst.subList(0, 20), ids(model.disks()));
        assertEquals(2, model.rows().pageCountProperty().get());
        model.rows().pageIndexProperty().set(1);
        assertEquals(newestFirst.subList(20, 25), ids(model.disks()));
    }

    @Test
    void theSearchIsAnsweredByTheServiceAcrossAllPages() {
        twentyFiveDisks();
        DisksModel model = new DisksModel();
        new DisksController(session, model, () -> { }).load();
        model.rows().pageIndexProperty().set(2);

        model.rows().queryProperty().set("  DISK-0");
        assertEquals(0, model.rows().pageIndexProperty().get(), "a new search starts at the first page");
        assertEquals(9, model.rows().totalCountProperty().get(), "disk-01 … disk-09, most not loaded before");
        assertEquals(List.of("disk-09", "disk-08", "disk-07", "disk-06", "disk-05", "disk-04", "disk-03", "disk-02",
                "disk-01"), names(model.disks()));

        model.rows().queryProperty().set("disk_1"); // '_' is a character, not LIKE's wildcard
        assertEquals(0, model.rows().totalCountProperty().get());
    }

    @Test
    void theSearchFindsDisksByKeyAliasAndIdAndNamesOnlyThePagesKeys() {
        sim.ram().authorizeEcsDiskEncryption(ctx); // the console's Authorize button: ECS may use the keys
        String keyA = sim.kms().createKey(ctx, CreateKeyRequest.defaults("a")).keyId();
        String keyB = sim.kms().createKey(ctx, CreateKeyRequest.defaults("b")).keyId();
        sim.kms().createAlias(ctx, "alias/payroll-disks", keyA);
        sim.kms().createAlias(ctx, "alias/other", keyB);
        String payroll = disk(true, keyA, "one");
        String other = disk(true, keyB, "two");
        disk(null, "plain");
        DisksModel model = new DisksModel();
        new DisksController(session, model, () -> { }).load();
        assertEquals(3, model.rows().totalCountProperty().get());
        assertEquals(Set.of(keyA, keyB), model.keys().keySet(), "the keys of the shown disks, named");

        model.rows().queryProperty().set("PAYROLL");
        assertEquals(List.of(payroll), ids(model.disks()), "found by its key's alias");
        assertEquals(Set.of(keyA), model.keys().keySet(), "only the keys on the page are looked up");
        assertEquals("alias/payroll-disks", model.keyName(keyA));

        model.rows().queryProperty().set(keyB.substring(4, 16));
        assertEquals(List.of(other), ids(model.disks()), "found by part of its key id");
    }

    @Test
    void aReloadWithEqualRowsLeavesTheTableAlone() {
        twentyFiveDisks();
        DisksModel model = new DisksModel();
        DisksController controller = new DisksController(session, model, () -> { });
        controller.load();
        model.rows().pageIndexProperty().set(1);
        int[] changes = {0};
        model.disks().addListener((ListChangeListener<Disk>) change -> changes[0]++);

        controller.load(); // what the change feed does on any change
        assertEquals(0, changes[0], "nothing new: the rows stay as they are");
        assertEquals(1, model.rows().pageIndexProperty().get(), "the reload keeps the current page");

        sim.ecs().createDisk(ctx, new CreateDiskRequest("cn-hangzhou-h", "cloud_essd", 40, null, "PL1", null, null,
                null, "newest", null, null));
        controller.load();
        assertEquals(1, changes[0], "a new disk shifts page 2 by one row");
        assertEquals(26, model.rows().totalCountProperty().get());
    }

    @Test
    void aPagePastTheLastAfterDisksWentAwayMovesToTheLastPage() {
        List<String> newestFirst = twentyFiveDisks();
        DisksModel model = new DisksModel();
        DisksController controller = new DisksController(session, model, () -> { });
        controller.load();
        model.rows().pageIndexProperty().set(2);
        assertEquals(newestFirst.subList(20, 25), ids(model.disks()));

        for (String id : newestFirst.subList(15, 25)) {
            sim.ecs().deleteDisk(ctx, id);
        }
        controller.load();
        assertEquals(1, model.rows().pageIndexProperty().get());
        assertEquals(newestFirst.subList(10, 15), ids(model.disks()));
        assertEquals(15, model.rows().totalCountProperty().get());
    }
}
