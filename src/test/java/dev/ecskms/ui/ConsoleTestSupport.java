package dev.ecskms.ui;

import static org.junit.jupiter.api.Assertions.fail;

import dev.ecskms.sim.Simulator;
import dev.ecskms.sim.common.CallContext;
import dev.ecskms.sim.ecs.Catalog;
import dev.ecskms.sim.kms.KeySummary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Base of the console's TestFX tests: a real simulator on a fresh data dir, the main window on the TestFX stage,
 * and look-ups that read the screen on the FX thread.
 */
public abstract class ConsoleTestSupport extends FxRobot {
    protected static final long TIMEOUT_SECONDS = 20;

    protected Path dataDir;
    protected Simulator sim;
    protected MainWindow window;
    protected String accountId;

    /** Call from the test's {@code @Start} method. */
    protected void openConsole(Stage stage) throws IOException {
        openConsole(stage, Clock.systemUTC());
    }

    /**
     * Opens the console on a simulator whose clock runs on {@code base}: with a fixed base, simulated time moves
     * only when the test (or the user) fast-forwards it, so "Creating" stays Creating until then.
     */
    protected void openConsole(Stage stage, Clock base) throws IOException {
        dataDir = Files.createTempDirectory("console-test");
        sim = Simulator.open(dataDir, base);
        accountId = sim.accounts().rootAccountId();
        window = MainWindow.open(services(sim, accountId), stage);
    }

    public static ConsoleServices services(Simulator sim, String accountId) {
        return new ConsoleServices(sim.kms(), sim.ecs(), sim.instances(), sim.ram(), sim.accounts(), sim.clock(), accountId, null,
                null, false, null, sim.changes(), sim.trail(), sim.oos(), sim.labs());
    }

    /** Clicks a left-navigation entry, e.g. "navKeys", and waits for its page. */
    protected void navigateTo(String navigationId) {
        onFx(() -> {
            window.revealNavigation(navigationId); // the navigation scrolls in a low window
            return null;
        });
        clickOn("#" + navigationId);
    }

    /** Call from {@code @AfterEach}. */
    protected void closeConsole() throws Exception {
        if (window != null) {
            WaitForAsyncUtils.asyncFx(() -> window.close()).get();
        }
        if (sim != null) {
            sim.close();
        }
        if (dataDir != null) {
            try (Stream<Path> files = Files.walk(dataDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    protected CallContext ctx() {
        return CallContext.root(accountId, Catalog.DEFAULT_REGION);
    }

    /** Runs on the FX thread and returns the result, so tests read the screen as it is rendered. */
    protected static <T> T onFx(Callable<T> read) {
        try {
            return WaitForAsyncUtils.asyncFx(read).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("reading the screen failed", e);
        }
    }

    /** Polls (on the FX thread) until the condition holds; background service calls finish in their own time. */
    protected static void waitUntil(String what, Callable<Boolean> condition) {
        try {
            WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS, () -> onFx(condition));
        } catch (TimeoutException e) {
            fail("Timed out waiting until " + what);
        }
    }

    /** Waits for the node, since table cells render on the pulse after their items change. */
    protected Node nodeWithId(String id) {
        waitUntil("#" + id + " is on screen", () -> lookup((Node node) -> id.equals(node.getId())).tryQuery()
                .isPresent());
        return onFx(() -> lookup((Node node) -> id.equals(node.getId())).query());
    }

    protected boolean dialogOpen() {
        return onFx(() -> lookup("#consoleDialog").tryQuery().isPresent());
    }

    protected void waitForDialogClosed() {
        waitUntil("the dialog closes", () -> lookup("#consoleDialog").tryQuery().isEmpty());
    }

    protected void waitForDialogOpen() {
        waitUntil("a dialog opens", () -> lookup("#consoleDialog").tryQuery().isPresent());
    }

    @SuppressWarnings("unchecked")
    protected List<KeySummary> rows(String tableId) {
        return onFx(() -> List.copyOf(((TableView<KeySummary>) lookup(tableId).query()).getItems()));
    }

    protected Optional<KeySummary> row(String tableId, String keyId) {
        return rows(tableId).stream().filter(summary -> summary.metadata().keyId().equals(keyId)).findFirst();
    }

    /** The text of the status pill in the key's row, or null if the row is not on screen. */
    protected String statusTag(String tableId, String keyId) {
        return onFx(() -> {
            for (Node node : lookup(tableId).query().lookupAll(".table-row-cell")) {
                if (node instanceof TableRow<?> row && row.getItem() instanceof KeySummary summary
                        && summary.metadata().keyId().equals(keyId)) {
                    Node tag = row.lookup(".status-tag");
                    return tag == null ? null : ((Label) tag).getText();
                }
            }
            return null;
        });
    }

    protected void waitForStatus(String tableId, String keyId, String expected) {
        waitUntil("the key's status shows " + expected, () -> expected.equals(statusTag(tableId, keyId)));
    }

    protected String text(String selector) {
        return onFx(() -> ((javafx.scene.control.Labeled) lookup(selector).query()).getText());
    }
}
