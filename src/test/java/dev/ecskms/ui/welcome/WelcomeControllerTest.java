package dev.ecskms.ui.welcome;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecskms.sim.ram.AccountService;
import dev.ecskms.testing.SimulatorTest;
import dev.ecskms.ui.ConsoleServices;
import dev.ecskms.ui.common.ConsoleSession;
import dev.ecskms.ui.common.DirectTaskRunner;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The first-run welcome without a window: shown on a fresh data dir with its facts, not after a dismissal, and the
 * dismissal kept by the data dir across a reopen of the simulator. The direct task runner answers before a call
 * returns.
 */
class WelcomeControllerTest extends SimulatorTest {
    private AccountService.Provisioned rootKey;
    private WelcomeModel model;
    private WelcomeController controller;

    @Override
    protected void opened() {
        rootKey = sim.accounts().ensureRootAccessKey(null, null);
        model = new WelcomeModel();
        controller = new WelcomeController(session(ConsoleSession.Navigator.NONE), model);
    }

    /** As the console's launcher makes it: serving on an endpoint with the root AccessKey. */
    private ConsoleSession session(ConsoleSession.Navigator navigator) {
        ConsoleSession session = new ConsoleSession(new ConsoleServices(sim.kms(), sim.ecs(), sim.instances(),
                sim.ram(), sim.accounts(), sim.clock(), sim.accounts().rootAccountId(), "127.0.0.1:8181",
                rootKey.key().accessKeyId(), false, "cn-hangzhou", sim.changes(), sim.trail(), sim.oos()),
                new DirectTaskRunner(), null);
        session.setNavigator(navigator);
        return session;
    }

    private WelcomeFacts firstStart() {
        assertTrue(rootKey.created(), "this data dir's first start made the AccessKey");
        return new WelcomeFacts(dataDir.toString(), rootKey.key().accessKeySecret(), false);
    }

    @Test
    void aFreshDataDirShowsTheWelcomeWithItsPathTheEndpointAndTheNewAccessKey() {
        controller.open(firstStart());

        assertTrue(model.showingProperty().get());
        assertEquals(dataDir.toString(), model.dataDirProperty().get());
        assertEquals("http://127.0.0.1:8181", model.endpointProperty().get());
        assertEquals(rootKey.key().accessKeyId(), model.accessKeyIdProperty().get());
        assertEquals(rootKey.key().accessKeySecret(), model.accessKeySecretProperty().get());
        assertEquals(WelcomeController.SECRET_SHOWN_ONCE, model.secretNoteProperty().get());
        assertFalse(model.labsAvailableProperty().get(), "no labs page: no labs button");
    }

    @Test
    void aDismissedWelcomeDoesNotReturnNotEvenAfterTheSimulatorIsReopened() {
        controller.open(firstStart());
        controller.dismiss();
        assertFalse(model.showingProperty().get());
        assertNull(model.errorProperty().get());
        assertTrue(sim.accounts().welcomeDismissed());

        reopen(); // a later start of the same data dir: the AccessKey exists, its secret is no longer shown
        assertFalse(rootKey.created());
        controller.open(new WelcomeFacts(dataDir.toString(), null, false));
        assertFalse(model.showingProperty().get(), "dismissed once, never shown again");
    }

    @Test
    void aWelcomeClosedWithoutDismissalComesBackWithoutTheSecretAndSaysWhereItWas() {
        controller.open(firstStart());
        reopen();

        controller.open(new WelcomeFacts(dataDir.toString(), null, false));
        assertTrue(model.showingProperty().get());
        assertNull(model.accessKeySecretProperty().get());
        assertEquals(WelcomeController.SECRET_PRINTED_BEFORE, model.secretNoteProperty().get());
        assertTrue(model.secretNoteProperty().get().contains("--access-key-id"));
    }

    @Test
    void aSecretGivenOnTheCommandLineIsNotShownButNamed() {
        controller.open(new WelcomeFacts(dataDir.toString(), null, true));

        assertNull(model.accessKeySecretProperty().get());
        assertEquals(WelcomeController.SECRET_GIVEN, model.secretNoteProperty().get());
    }

    @Test
    void theLabsButtonIsOfferedWhenTheConsoleHasLabsAndOpensThemAfterTheDismissal() {
        AtomicInteger opened = new AtomicInteger();
        controller = new WelcomeController(session(new ConsoleSession.Navigator() {
            @Override
            public void openKey(String keyId) {
            }

            @Override
            public void openDisk(String diskId) {
            }

            @Override
            public void createDiskFromSnapshot(String snapshotId) {
            }

            @Override
            public Runnable labs() {
                return opened::incrementAndGet;
            }
        }), model);

        controller.open(firstStart());
        assertTrue(model.labsAvailableProperty().get());
        controller.openLabs();

        assertEquals(1, opened.get());
        assertFalse(model.showingProperty().get());
        assertTrue(sim.accounts().welcomeDismissed(), "opening the labs dismisses the welcome");
    }

    @Test
    void aDismissalThatCannotBeStoredKeepsTheWelcomeWithTheReason() {
        controller.open(firstStart());
        sim.close(); // the store is gone: the setting cannot be written

        controller.dismiss();

        assertTrue(model.showingProperty().get());
        assertNotNull(model.errorProperty().get());
    }
}
