package dev.ecskms.ui;

import dev.ecskms.sim.Simulator;
import dev.ecskms.sim.common.CallContext;
import dev.ecskms.sim.ecs.Catalog;
import dev.ecskms.sim.kms.CreateKeyRequest;
import dev.ecskms.sim.kms.KeyMetadata;
import dev.ecskms.sim.kms.KmsService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.animation.PauseTransition;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.ButtonBase;
import javafx.stage.Stage;
import javafx.util.Duration;

/**
 * Throwaway preview for screenshots: opens the console on a temporary data dir with a few keys, then clicks through
 * to the view named by the first argument (keys, create, disable, schedule, details, defaults).
 */
public class UiPreviewMain {
    private static Simulator sim;
    private static String view;

    public static void main(String[] args) throws Exception {
        view = args.length > 0 ? args[0] : "keys";
        Path dir = Files.createTempDirectory("ui-preview");
        sim = Simulator.open(dir);
        String account = sim.accounts().rootAccountId();
        KmsService kms = sim.kms();
        CallContext ctx = CallContext.root(account, Catalog.DEFAULT_REGION);
        KeyMetadata disks = kms.createKey(ctx, new CreateKeyRequest("Aliyun_AES_256", null, null, "HSM",
                "Production data disks", true, "365d"));
        kms.createAlias(ctx, "alias/prod-disks", disks.keyId());
        KeyMetadata backup = kms.createKey(ctx, CreateKeyRequest.defaults("Backup snapshots"));
        kms.createAlias(ctx, "alias/backup", backup.keyId());
        kms.disableKey(ctx, backup.keyId());
        KeyMetadata old = kms.createKey(ctx, new CreateKeyRequest("Aliyun_SM4", null, null, null, "Old test key",
                null, null));
        kms.scheduleKeyDeletion(ctx, old.keyId(), 14);
        kms.createKey(ctx, new CreateKeyRequest(null, null, "EXTERNAL", null, "BYOK key", null, null));
        kms.serviceKey(ctx, "ecs");
        Application.launch(PreviewApp.class, args);
        sim.close();
    }

    /** Separate from the main class: the java launcher refuses a main class that extends Application. */
    public static class PreviewApp extends Application {
    @Override
    public void start(Stage stage) {
        MainWindow window = MainWindow.open(new ConsoleServices(sim.kms(), sim.clock(),
                sim.accounts().rootAccountId(), "127.0.0.1:8123", "LTAI5tPreviewAccessKey01"), stage);
        after(1.5, () -> {
            switch (view) {
                case "create" -> click(window, "#createKeyButton");
                case "create-error" -> {
                    click(window, "#createKeyButton");
                    ((javafx.scene.control.TextField) find(window.root(), "aliasNameField")).setText("backup");
                    click(window, "#dialogConfirmButton");
                }
                case "regions" -> ((javafx.scene.control.ComboBox<?>) find(window.root(), "regionSelector")).show();
                case "disable" -> click(window, firstAction(window, "action-disable"));
                case "schedule" -> click(window, firstAction(window, "action-schedule-deletion"));
                case "details" -> click(window, firstAction(window, "action-disable").replace("#disable-", "#details-"));
                case "service-details" -> click(window, firstAction(window, "action-details"));
                case "defaults" -> window.root().lookupAll("#keyTabs").forEach(tabs ->
                        ((javafx.scene.control.TabPane) tabs).getSelectionModel().select(1));
                default -> { }
            }
        });
    }
    }

    private static String firstAction(MainWindow window, String styleClass) {
        List<Node> links = List.copyOf(window.root().lookupAll("." + styleClass));
        return links.isEmpty() ? null : "#" + links.get(0).getId();
    }

    /** By id through a predicate: ids made of key UUIDs are not valid CSS selectors. */
    private static void click(MainWindow window, String selector) {
        String id = selector == null ? null : selector.substring(1);
        Node node = find(window.root(), id);
        if (node instanceof ButtonBase button) {
            button.fire();
        } else {
            System.err.println("not found: " + selector);
        }
    }

    private static Node find(Node node, String id) {
        if (id == null) {
            return null;
        }
        if (id.equals(node.getId())) {
            return node;
        }
        if (node instanceof javafx.scene.Parent parent) {
            for (Node child : parent.getChildrenUnmodifiable()) {
                Node found = find(child, id);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static void after(double seconds, Runnable action) {
        PauseTransition pause = new PauseTransition(Duration.seconds(seconds));
        pause.setOnFinished(event -> Platform.runLater(action));
        pause.play();
    }
}
