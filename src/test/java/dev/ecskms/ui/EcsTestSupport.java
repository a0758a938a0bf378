package dev.ecskms.ui;

import dev.ecskms.sim.common.CallContext;
import dev.ecskms.sim.ecs.CreateDiskRequest;
import dev.ecskms.sim.ecs.Disk;
import dev.ecskms.sim.kms.CreateKeyRequest;
import dev.ecskms.sim.kms.KeyMetadata;
import dev.ecskms.ui.common.KeyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.TableRow;
import javafx.stage.Stage;

/** ECS pages: a simulator on a fixed base clock (time moves only on fast-forward) and ECS look-ups. */
public abstract class EcsTestSupport extends ConsoleTestSupport {
    protected static final Clock FIXED = Clock.fixed(Instant.parse("2026-11-27T08:00:00Z"), ZoneOffset.UTC);
    protected static final String ZONE = "cn-hangzhou-h";

    protected void openEcsConsole(Stage stage) throws Exception {
        openConsole(stage, FIXED);
    }

    protected KeyMetadata cmk(CallContext ctx, String alias) {
        KeyMetadata key = sim.kms().createKey(ctx, CreateKeyRequest.defaults("test key " + alias));
        sim.kms().createAlias(ctx, alias, key.keyId());
        return key;
    }

    /** An Available ESSD disk encrypted with {@code keyId} (null: the service key), created behind the console. */
    protected String encryptedDisk(CallContext ctx, String keyId, String name) {
        if (keyId != null) {
            sim.ram().authorizeEcsDiskEncryption(ctx);
        }
        String id = sim.ecs().createDisk(ctx, new CreateDiskRequest(ZONE, "cloud_essd", 40, null, "PL1", true, keyId,
                null, name, null, null));
        sim.clock().fastForward(Duration.ofMinutes(1));
        return id;
    }

    /** An accomplished snapshot of the disk. */
    protected String snapshotOf(CallContext ctx, String diskId) {
        String id = sim.ecs().createSnapshot(ctx, diskId, "snap-" + diskId.substring(2, 8), null);
        sim.clock().fastForward(Duration.ofMinutes(10));
        return id;
    }

    protected CallContext peerCtx() {
        return CallContext.root(sim.accounts().peerAccountId(), ctx().regionId());
    }

    /** The status pill of the disk's row in the Disks table, or null if the row is not on screen. */
    protected String diskStatus(String diskId) {
        return onFx(() -> {
            for (Node node : lookup("#diskTable").query().lookupAll(".table-row-cell")) {
                if (node instanceof TableRow<?> row && row.getItem() instanceof Disk disk
                        && disk.diskId().equals(diskId)) {
                    Node tag = row.lookup(".disk-status");
                    return tag == null ? null : ((Label) tag).getText();
                }
            }
            return null;
        });
    }

    protected void openWizard() {
        if (onFx(() -> lookup("#createDiskButton").tryQuery().isEmpty())) {
            navigateTo("navDisks"); // the console opens on ECS → Instances
        }
        clickOn("#createDiskButton");
        waitForDialogOpen();
        waitUntil("the wizard has loaded its keys", () -> !lookup("#dialogConfirmButton").query().isDisabled());
    }

    protected String explanation() {
        return text("#encryptionExplanation");
    }

    protected void waitForExplanation(String part) {
        waitUntil("the explanation says \"" + part + "\"", () -> explanation().contains(part)
                && !lookup("#encryptionExplanation").query().getStyleClass().contains("explanation-error"));
    }

    /** Picks a region from the top bar's drop-down as a person would. */
    protected void selectRegion(String localNamePrefix) {
        clickOn("#regionSelector");
        clickOn((Node node) -> node instanceof ListCell<?> cell && cell.getText() != null
                && cell.getText().startsWith(localNamePrefix));
    }

    protected void selectCategory(String displayNamePrefix) {
        clickOn("#categoryChoice");
        clickOn((Node node) -> node instanceof ListCell<?> cell && cell.getText() != null
                && cell.getText().startsWith(displayNamePrefix));
    }

    /** The key options of the open key selector's drop-down, as rendered. */
    @SuppressWarnings("unchecked")
    protected List<KeyOption> keyOptions() {
        return onFx(() -> List.copyOf(((ComboBox<KeyOption>) lookup("#kmsKeySelector").query()).getItems()));
    }

    protected Node keyCell(String alias) {
        waitUntil("the key " + alias + " is in the drop-down", () -> lookup(".key-option-cell").queryAll().stream()
                .anyMatch(n -> n.getUserData() instanceof KeyOption o && alias.equals(o.alias())));
        return onFx(() -> lookup(".key-option-cell").queryAll().stream()
                .filter(n -> n.getUserData() instanceof KeyOption o && alias.equals(o.alias())).findFirst()
                .orElseThrow());
    }
}
