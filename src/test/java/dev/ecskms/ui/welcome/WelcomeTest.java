package dev.ecskms.ui.welcome;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecskms.api.ApiServer;
import dev.ecskms.sim.Simulator;
import dev.ecskms.sim.ram.AccountService;
import dev.ecskms.ui.ConsoleServices;
import dev.ecskms.ui.ConsoleTestSupport;
import dev.ecskms.ui.MainWindow;
import java.nio.file.Files;
import javafx.scene.input.Clipboard;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The first-run welcome over the console, as the launcher opens it on a data dir's first start with a running
 * endpoint: it shows the endpoint, Copy puts the AccessKey id on the clipboard, and Got it closes it for good.
 */
@ExtendWith(ApplicationExtension.class)
class WelcomeTest extends ConsoleTestSupport {
    private ApiServer api;
    private AccountService.Provisioned rootKey;

    @Start
    void start(Stage stage) throws Exception {
        dataDir = Files.createTempDirectory("welcome-test");
        sim = Simulator.open(dataDir);
        accountId = sim.accounts().rootAccountId();
        rootKey = sim.accounts().ensureRootAccessKey(null, null);
        api = new ApiServer(sim.kms(), sim.ecs(), sim.instances(), sim.ram(), sim.trail(), sim.oos(),
                sim.accounts());
        api.start("127.0.0.1", 0);
        window = MainWindow.open(new ConsoleServices(sim.kms(), sim.ecs(), sim.instances(), sim.ram(),
                sim.accounts(), sim.clock(), accountId, api.endpoint(), rootKey.key().accessKeyId(), false,
                "cn-hangzhou", sim.changes(), sim.trail(), sim.oos()), stage);
        window.showWelcome(new WelcomeFacts(dataDir.toString(), rootKey.key().accessKeySecret(), false));
    }

    @AfterEach
    void tearDown() throws Exception {
        api.stop();
        closeConsole();
    }

    @Test
    void showsTheEndpointAndCopiesTheAccessKeyIdThenGotItDismissesItForGood() {
        nodeWithId("welcomeDialog");
        assertEquals(api.url(), text("#welcomeEndpoint"));
        assertEquals(dataDir.toString(), text("#welcomeDataDir"));
        assertEquals(rootKey.key().accessKeySecret(), text("#welcomeAccessKeySecret"));
        assertFalse(onFx(() -> lookup("#welcomeLabs").query().isVisible()), "this console has no labs page");

        clickOn("#welcomeAccessKeyIdCopyButton");
        assertEquals(rootKey.key().accessKeyId(), onFx(() -> Clipboard.getSystemClipboard().getString()));
        clickOn("#welcomeEndpointCopyButton");
        assertEquals(api.url(), onFx(() -> Clipboard.getSystemClipboard().getString()));

        clickOn("#dialogConfirmButton");
        waitUntil("the welcome closes", () -> lookup("#welcomeDialog").tryQuery().isEmpty());
        assertTrue(sim.accounts().welcomeDismissed());

        // the next start of this data dir: nothing is shown
        onFx(() -> window.showWelcome(new WelcomeFacts(dataDir.toString(), null, false)));
        waitUntil("the console is idle", () -> window.session().tasks().runningProperty().get() == 0);
        assertFalse(dialogOpen());
    }
}
