package dev.ecskms.ui.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecskms.sim.Simulator;
import dev.ecskms.sim.ram.AccessKey;
import dev.ecskms.ui.ConsoleServices;
import dev.ecskms.ui.ConsoleTestSupport;
import dev.ecskms.ui.MainWindow;
import java.nio.file.Files;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The status bar names the identity the console acts as and that identity's own AccessKey, never the root's. */
@ExtendWith(ApplicationExtension.class)
class StatusBarIdentityTest extends ConsoleTestSupport {
    private AccessKey rootKey;
    private String peer;

    @Start
    void start(Stage stage) throws Exception {
        dataDir = Files.createTempDirectory("status-bar-test");
        sim = Simulator.open(dataDir);
        accountId = sim.accounts().rootAccountId();
        rootKey = sim.accounts().ensureRootAccessKey(null, null).key();
        peer = sim.accounts().peerAccountId();
        // as `gui` with an endpoint: the root AccessKey is the one the endpoint was started with
        window = MainWindow.open(new ConsoleServices(sim.kms(), sim.ecs(), sim.instances(), sim.ram(),
                sim.accounts(), sim.clock(), accountId, "127.0.0.1:8123", rootKey.accessKeyId(), false,
                "cn-hangzhou", sim.changes()), stage);
    }

    @AfterEach
    void tearDown() throws Exception {
        closeConsole();
    }

    @Test
    void showsTheRootAccountAndItsKeyThenThePeerAndItsOwnKey() {
        waitUntil("the root identity is shown", () -> ("Root account " + accountId).equals(text("#identityLabel"))
                && rootKey.accessKeyId().equals(text("#accessKeyIdLabel")));

        clickOn("#identitySelector");
        clickOn("#account-" + peer);
        waitUntil("the console acts as the peer", () -> peer.equals(window.session().accountId()));

        String peerKey = sim.accounts().accessKeysOf(peer, null).get(0).accessKeyId();
        waitUntil("the peer's identity is shown", () -> ("Peer account " + peer).equals(text("#identityLabel")));
        waitUntil("the peer's own AccessKey is shown", () -> peerKey.equals(text("#accessKeyIdLabel")));
        assertTrue(!peerKey.equals(rootKey.accessKeyId()));
        assertEquals(false, onFx(() -> lookup("#noAccessKeyLabel").query().isVisible()));
    }
}
