package dev.ecskms.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecskms.sim.ecs.CreateDiskRequest;
import dev.ecskms.sim.ecs.Disk;
import dev.ecskms.sim.kms.KeyMetadata;
import dev.ecskms.sim.kms.KeySummary;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableRow;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * An open page shows a change made behind its back (as an SDK script's call would) without a click and without
 * polling: the change feed tells it to reload.
 *
 * <p>The latency is measured from the service call's return (test thread) to the first layout pulse in which the
 * label on screen shows the new state (a post-layout pulse listener on the FX thread), so the test thread's own
 * scheduling while it waits does not count. A shared 2-core machine can stall any single run, so each test measures
 * three changes after a warm-up one, prints them, and asserts the median under 200 ms and each under 1 s.
 */
@ExtendWith(ApplicationExtension.class)
class LiveUpdatesTest extends EcsTestSupport {
    private static final long BOUND_MILLIS = 200;

    @Start
    void start(Stage stage) throws Exception {
        openEcsConsole(stage);
    }

    @AfterEach
    void tearDown() throws Exception {
        closeConsole();
    }

    @Test
    void aKeyDisabledThroughTheServiceShowsDisabledOnTheOpenKeysPage() {
        KeyMetadata key = cmk(ctx(), "alias/live");
        navigateTo("navKeys");
        waitForStatus("#cmkTable", key.keyId(), "Enabled");

        List<Long> latencies = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            boolean disable = i % 2 == 0;
            String expected = disable ? "Disabled" : "Enabled";
            long millis = millisUntilShown(() -> expected.equals(keyStatusOnScreen(key.keyId())), () -> {
                if (disable) {
                    sim.kms().disableKey(ctx(), key.keyId());
                } else {
                    sim.kms().enableKey(ctx(), key.keyId());
                }
            });
            if (i > 0) {
                latencies.add(millis); // the first change warms up the classes on its path
            }
        }
        assertWithinBound("key state → Keys page", latencies);
    }

    @Test
    void aDiskCreatedThroughTheServiceAppearsOnTheOpenDisksPage() {
        navigateTo("navDisks");
        waitUntil("the disks page has loaded", () -> !window.disksPage().model().loadingProperty().get());

        List<Long> latencies = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String name = "live-" + i;
            long millis = millisUntilShown(() -> diskRowOnScreen(name), () -> sim.ecs().createDisk(ctx(),
                    new CreateDiskRequest(ZONE, "cloud_essd", 40, null, "PL1", false, null, null, name, null,
                            null)));
            if (i > 0) {
                latencies.add(millis);
            }
        }
        assertWithinBound("new disk → Disks page", latencies);
    }

    @Test
    void aPageNoLongerShownStopsListening() {
        navigateTo("navKeys");
        navigateTo("navDisks");
        waitUntil("the disks page has loaded", () -> !window.disksPage().model().loadingProperty().get());
        int keysBefore = onFx(() -> window.keysPage().model().keys().size());

        cmk(ctx(), "alias/unseen");
        sim.changes().awaitDelivered(java.time.Duration.ofSeconds(5));
        WaitForAsyncUtils.sleep(300, TimeUnit.MILLISECONDS);

        assertEquals(keysBefore, onFx(() -> window.keysPage().model().keys().size()),
                "the Keys page, no longer shown, did not reload");
    }

    private static void assertWithinBound(String what, List<Long> latencies) {
        List<Long> sorted = latencies.stream().sorted().toList();
        long median = sorted.get(sorted.size() / 2);
        System.out.println("Live update latency, " + what + " (service call return → label on screen), ms: "
                + latencies + ", median " + median);
        assertTrue(median <= BOUND_MILLIS, what + " took " + latencies + " ms; median over " + BOUND_MILLIS);
        assertTrue(sorted.get(sorted.size() - 1) <= 1000, what + " took " + latencies + " ms");
    }

    /**
     * Runs {@code change} on this thread and returns the milliseconds from its return to the first layout pulse in
     * which {@code shown} (evaluated on the FX thread) holds; fails after 2 s.
     */
    private long millisUntilShown(BooleanSupplier shown, Runnable change) {
        Scene scene = onFx(() -> window.root().getScene());
        AtomicLong shownAt = new AtomicLong();
        CountDownLatch seen = new CountDownLatch(1);
        Runnable check = () -> {
            if (seen.getCount() > 0 && shown.getAsBoolean()) {
                shownAt.set(System.nanoTime());
                seen.countDown();
            }
        };
        onFx(() -> {
            scene.addPostLayoutPulseListener(check);
            return null;
        });
        try {
            change.run();
            long returned = System.nanoTime();
            assertTrue(seen.await(2, TimeUnit.SECONDS), "the change did not show within 2 s");
            return Math.max(0, TimeUnit.NANOSECONDS.toMillis(shownAt.get() - returned));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } finally {
            onFx(() -> {
                scene.removePostLayoutPulseListener(check);
                return null;
            });
        }
    }

    /** On the FX thread: the status pill of the key's row in the CMK table. */
    private String keyStatusOnScreen(String keyId) {
        Node table = window.root().lookup("#cmkTable");
        if (table == null) {
            return null;
        }
        for (Node node : table.lookupAll(".table-row-cell")) {
            if (node instanceof TableRow<?> row && row.getItem() instanceof KeySummary summary
                    && summary.metadata().keyId().equals(keyId)) {
                Node tag = row.lookup(".status-tag");
                return tag == null ? null : ((Label) tag).getText();
            }
        }
        return null;
    }

    /** On the FX thread: whether a row of the disk table shows the disk named {@code name}. */
    private boolean diskRowOnScreen(String name) {
        Node table = window.root().lookup("#diskTable");
        if (table == null) {
            return false;
        }
        for (Node node : table.lookupAll(".table-row-cell")) {
            if (node instanceof TableRow<?> row && row.getItem() instanceof Disk disk && name.equals(disk.diskName())
                    && row.isVisible()) {
                return true;
            }
        }
        return false;
    }
}
