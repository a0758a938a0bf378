package dev.ecskms.ui.trail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecskms.sim.ecs.InstanceStatus;
import dev.ecskms.sim.ecs.RunInstancesRequest;
import dev.ecskms.sim.kms.KeyMetadata;
import dev.ecskms.sim.ram.RamService;
import dev.ecskms.sim.trail.TrailEvent;
import dev.ecskms.ui.InstanceTestSupport;
import java.util.List;
import java.util.Optional;
import javafx.scene.Node;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The two-tier scheme made visible: an instance whose system disk is encrypted with a CMK starts, and ActionTrail's
 * Event Query shows ECS's service role decrypting the disk's data key with that key; the key's details list it under
 * Recent Use, whose link leads back to the trail filtered by the key; a filter narrows the table.
 */
@ExtendWith(ApplicationExtension.class)
class AuditTrailPageTest extends InstanceTestSupport {
    private static final String ROLE = RamService.ECS_DISK_ENCRYPTION_ROLE;

    @Start
    void start(Stage stage) throws Exception {
        openEcsConsole(stage);
    }

    @AfterEach
    void tearDown() throws Exception {
        closeConsole();
    }

    @SuppressWarnings("unchecked")
    private List<TrailEvent> events(String tableId) {
        return onFx(() -> List.copyOf(((TableView<TrailEvent>) lookup(tableId).query()).getItems()));
    }

    /** The rendered row of the table whose event matches, if it is on screen. */
    private Optional<Node> rowOf(String tableId, java.util.function.Predicate<TrailEvent> which) {
        return onFx(() -> lookup(tableId).query().lookupAll(".table-row-cell").stream()
                .filter(node -> node instanceof TableRow<?> row && row.getItem() instanceof TrailEvent e
                        && which.test(e)).findFirst());
    }

    /** The texts of the labels and links of a rendered row, in order. */
    private List<String> texts(Node row) {
        return onFx(() -> {
            List<String> texts = new java.util.ArrayList<>();
            collect(row, texts);
            return texts;
        });
    }

    private static void collect(Node node, List<String> texts) {
        if (node instanceof Labeled labeled && labeled.getText() != null && !labeled.getText().isBlank()) {
            texts.add(labeled.getText());
        }
        if (node instanceof javafx.scene.Parent parent) {
            parent.getChildrenUnmodifiable().forEach(child -> collect(child, texts));
        }
    }

    private static boolean startDecrypt(TrailEvent e, String instanceId) {
        return "Decrypt".equals(e.eventName()) && instanceId.equals(e.sessionName());
    }

    @Test
    void anInstanceStartShowsTheEcsRoleDecryptingItsDisksDataKey() {
        KeyMetadata key = cmk(ctx(), "alias/trail-disks");
        sim.ram().authorizeEcsDiskEncryption(ctx());
        String image = sim.instances().describeImages(ctx(), "system", null).stream()
                .filter(i -> i.osName().startsWith("Alibaba Cloud Linux 3")).findFirst().orElseThrow().imageId();
        String id = sim.instances().runInstances(ctx(), new RunInstancesRequest(ZONE, "ecs.g7.large", image,
                new RunInstancesRequest.SystemDisk("cloud_essd", 40, "PL0", true, key.keyId()), List.of(), 1,
                PASSWORD, "trail-demo", null, null)).get(0);
        navigateTo("navInstances");
        clickOn("#instanceRefreshButton");
        fastForwardUntil(id, InstanceStatus.Running);

        // ActionTrail → Event Query: the ECS role's Decrypt of the disk's data key, with the disk's key
        navigateTo("navTrail");
        waitUntil("the start's Decrypt is listed", () -> rowOf("#trailTable", e -> startDecrypt(e, id)).isPresent());
        List<String> decrypt = texts(rowOf("#trailTable", e -> startDecrypt(e, id)).orElseThrow());
        assertTrue(decrypt.containsAll(List.of(ROLE, "for " + id, "Decrypt", key.keyId(), "Success", "via Simulator")),
                decrypt.toString());

        // its details: the full record, and what it means
        clickOn(rowOf("#trailTable", e -> startDecrypt(e, id)).orElseThrow().lookup(".trail-event-link"));
        waitForDialogOpen();
        assertEquals(ROLE + " (for " + id + ")", text("#eventDetailIdentity"));
        assertEquals(key.keyId(), text("#eventDetailKeyId"));
        assertTrue(text("#eventDetailExplanation").contains("decrypt a disk's data key"));
        clickOn("#dialogConfirmButton");
        waitForDialogClosed();

        // a filter narrows the table: only what the role did for this instance
        int before = events("#trailTable").size();
        assertTrue(events("#trailTable").stream().anyMatch(e -> !id.equals(e.sessionName())), "others are listed too");
        clickOn("#trailIdentity").write(id);
        clickOn("#trailSearchButton");
        waitUntil("only the instance's events are listed", () -> !events("#trailTable").isEmpty()
                && events("#trailTable").stream().allMatch(e -> id.equals(e.sessionName())));
        assertTrue(events("#trailTable").size() < before);
        assertTrue(text("#trailTotalLabel").startsWith("Total: "));
        clickOn("#trailErrorsOnly");
        waitUntil("errors only: the start had none", () -> events("#trailTable").isEmpty());
        assertTrue(text("#trailPlaceholder").startsWith("No events match these filters"));
        clickOn("#trailResetLink");
        waitUntil("the filters are cleared", () -> events("#trailTable").size() == before);

        // the choices apply at once: an event name typed and entered, the last hour's five-minute bars
        clickOn("#trailEventName").write("Decrypt").type(KeyCode.ENTER);
        waitUntil("only Decrypt is listed", () -> !events("#trailTable").isEmpty()
                && events("#trailTable").stream().allMatch(e -> "Decrypt".equals(e.eventName())));
        clickOn("#trailTimeRange");
        clickOn("Last 1 hour");
        waitUntil("the timeline has the last hour's twelve bars", () -> window.trailPage().model().timeline()
                .size() == 12);
        clickOn("#trailResetLink");
        waitUntil("the filters are cleared again", () -> events("#trailTable").size() == before);

        // the key's link opens its details; Recent Use lists the role's Decrypt
        clickOn(rowOf("#trailTable", e -> startDecrypt(e, id)).orElseThrow().lookup(".trail-key-link"));
        waitUntil("the key's details are loaded", () -> lookup("#detailKeyState").tryQuery().isPresent());
        clickOn("Recent Use");
        waitUntil("Recent Use lists the start's Decrypt", () -> rowOf("#recentUseTable", e -> startDecrypt(e, id))
                .isPresent());
        List<String> recent = texts(rowOf("#recentUseTable", e -> startDecrypt(e, id)).orElseThrow());
        assertTrue(recent.containsAll(List.of(ROLE + " (for " + id + ")", "Decrypt", "Success")), recent.toString());
        assertTrue(events("#recentUseTable").stream().noneMatch(TrailEvent::readOnly), "uses and changes, not reads");
        // live: an Encrypt by a script changes no key, only the trail, and still shows without a refresh
        sim.kms().encrypt(ctx(), key.keyId(), new byte[] {1, 2, 3}, null);
        waitUntil("Recent Use lists the Encrypt", () -> events("#recentUseTable").stream()
                .anyMatch(e -> "Encrypt".equals(e.eventName())));

        // View all in ActionTrail: the trail filtered by the key, reads included
        clickOn("#viewKeyTrailLink");
        waitUntil("the trail shows the key's events", () -> !events("#trailTable").isEmpty()
                && events("#trailTable").stream().allMatch(e -> key.keyId().equals(e.kmsKeyId())));
        assertEquals(key.keyId(), onFx(() -> ((javafx.scene.control.TextField) lookup("#trailKeyId").query())
                .getText()));
        assertTrue(events("#trailTable").stream().anyMatch(TrailEvent::readOnly), "the details page's own reads");

        // live: a call made behind the console appears without a refresh
        int shown = events("#trailTable").size();
        sim.kms().disableKey(ctx(), key.keyId());
        waitUntil("the DisableKey appears", () -> events("#trailTable").stream()
                .anyMatch(e -> "DisableKey".equals(e.eventName())));
        assertFalse(events("#trailTable").size() < shown);
    }
}
