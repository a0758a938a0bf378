package dev.ecskms.ui;

import dev.ecskms.sim.ecs.ImageInfo;
import dev.ecskms.sim.ecs.Instance;
import dev.ecskms.sim.ecs.InstanceStatus;
import dev.ecskms.sim.ecs.RunInstancesRequest;
import dev.ecskms.ui.vnc.RemoteConsoleWindow;
import java.util.List;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableRow;
import javafx.scene.control.ToggleButton;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;

/** Instances, the purchase page and the remote console: look-ups and the moves a person makes. */
public abstract class InstanceTestSupport extends EcsTestSupport {
    protected static final String PASSWORD = "Faq-Test-2024!";

    protected List<Instance> instances() {
        return sim.instances().describeInstances(ctx(), null, null, 1, 100).items();
    }

    /** The status pill of the instance's row in the Instances table, or null if the row is not on screen. */
    protected String instanceStatus(String instanceId) {
        return onFx(() -> {
            Node table = lookup("#instanceTable").tryQuery().orElse(null);
            if (table == null) {
                return null;
            }
            for (Node node : table.lookupAll(".table-row-cell")) {
                if (node instanceof TableRow<?> row && row.getItem() instanceof Instance instance
                        && instance.instanceId().equals(instanceId)) {
                    Node tag = row.lookup(".instance-status");
                    return tag == null ? null : ((Label) tag).getText();
                }
            }
            return null;
        });
    }

    /** Top bar → Fast-forward → +1 hour, as a person would; waits until the clock has moved. */
    protected void fastForwardOneHour() {
        long before = sim.clock().millis();
        clickOn("#fastForwardMenu");
        clickOn("+1 hour");
        waitUntil("simulated time moved on", () -> sim.clock().millis() > before);
    }

    /** Fast-forwards (at most eight hours) until the table shows the instance with that status. */
    protected void fastForwardUntil(String instanceId, InstanceStatus status) {
        for (int i = 0; i < 8; i++) {
            if (sim.instances().describeInstance(ctx(), instanceId).status() == status) {
                break;
            }
            fastForwardOneHour();
        }
        waitUntil(instanceId + " shows " + status, () -> status.name().equals(instanceStatus(instanceId)));
    }

    /**
     * Buys an Alibaba Cloud Linux 3 instance in {@link #ZONE} behind the console, fast-forwards on the Instances page
     * until it is Running and waits until its guest has booted (the login prompt is on the serial console).
     */
    protected String runningInstance(String name) {
        String image = sim.instances().describeImages(ctx(), "system", null).stream()
                .filter(i -> i.osName().startsWith("Alibaba Cloud Linux 3")).findFirst().orElseThrow().imageId();
        String id = sim.instances().runInstances(ctx(), new RunInstancesRequest(ZONE, "ecs.g7.large", image,
                new RunInstancesRequest.SystemDisk("cloud_essd", 40, "PL0", null, null), List.of(), 1, PASSWORD,
                name, null, null)).get(0);
        if (onFx(() -> lookup("#instanceRefreshButton").tryQuery().isEmpty())) {
            navigateTo("navInstances");
        }
        clickOn("#instanceRefreshButton");
        fastForwardUntil(id, InstanceStatus.Running);
        waitUntil("the guest has booted", () -> sim.instances().getInstanceConsoleOutput(ctx(), id)
                .contains("login:"));
        return id;
    }

    /** Scrolls the purchase page so the node is in view, as a person scrolls before clicking. */
    protected Node inView(String id) {
        Node node = nodeWithId(id);
        onFx(() -> {
            ScrollPane scroll = (ScrollPane) lookup("#purchaseScroll").query();
            Node content = scroll.getContent();
            Bounds inContent = content.sceneToLocal(node.localToScene(node.getBoundsInLocal()));
            double viewport = scroll.getViewportBounds().getHeight();
            double range = content.getBoundsInLocal().getHeight() - viewport;
            if (range > 0) {
                double target = inContent.getMinY() - viewport / 3;
                scroll.setVvalue(Math.max(0, Math.min(1, target / range)));
            }
            return null;
        });
        waitForFx();
        return node;
    }

    protected void waitForFx() {
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
    }

    /** Opens the purchase page and waits until its options are loaded. */
    protected void openPurchase() {
        if (onFx(() -> lookup("#createInstanceButton").tryQuery().isEmpty())) {
            navigateTo("navInstances");
        }
        clickOn("#createInstanceButton");
        waitUntil("the purchase page has loaded", () -> lookup("#createOrderButton").tryQuery().isPresent()
                && !lookup("#createOrderButton").query().isDisabled());
    }

    protected void chooseType(String typeId) {
        clickOn(inView("type-" + typeId));
    }

    protected void chooseImage(String osNamePrefix) {
        String id = onFx(() -> lookup(".image-choice").queryAll().stream()
                .filter(n -> n.getUserData() instanceof ImageInfo i && i.osName().startsWith(osNamePrefix))
                .findFirst().orElseThrow().getId());
        clickOn(inView(id));
        waitUntil("the image is chosen", () -> ((ToggleButton) lookup((Node n) -> id.equals(n.getId())).query())
                .isSelected());
    }

    protected void setPassword(String password) {
        clickOn(inView("passwordField")).write(password);
        clickOn(inView("confirmPasswordField")).write(password);
    }

    protected String purchaseError() {
        return onFx(() -> {
            Label error = (Label) lookup("#purchaseError").query();
            return error.isVisible() ? error.getText() : null;
        });
    }

    // ---- the remote console ----

    protected RemoteConsoleWindow remote(String instanceId) {
        return onFx(() -> window.remoteConsoles().find(instanceId).orElse(null));
    }

    /** Every pixel of the picture as painted, or null before the first frame. */
    protected int[] picture(String instanceId) {
        return onFx(() -> {
            RemoteConsoleWindow remote = window.remoteConsoles().find(instanceId).orElse(null);
            WritableImage image = remote == null ? null : remote.image();
            if (image == null) {
                return null;
            }
            int w = (int) image.getWidth();
            int h = (int) image.getHeight();
            int[] out = new int[w * h];
            PixelReader reader = image.getPixelReader();
            reader.getPixels(0, 0, w, h, javafx.scene.image.PixelFormat.getIntArgbInstance(), out, 0, w);
            return out;
        });
    }

    protected static boolean allBlack(int[] pixels) {
        if (pixels == null) {
            return false;
        }
        for (int p : pixels) {
            if ((p & 0xFFFFFF) != 0) {
                return false;
            }
        }
        return true;
    }

    protected static long nonBlack(int[] pixels) {
        long n = 0;
        for (int p : pixels) {
            if ((p & 0xFFFFFF) != 0) {
                n++;
            }
        }
        return n;
    }

    protected String remoteStatus() {
        return text("#remoteStatus");
    }
}
