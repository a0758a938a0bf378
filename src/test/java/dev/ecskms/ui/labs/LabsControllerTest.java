package dev.ecskms.ui.labs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecskms.sim.kms.CreateKeyRequest;
import dev.ecskms.ui.ControllerTestSupport;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Labs page's controller on a real simulator, with the direct task runner: no window. */
class LabsControllerTest extends ControllerTestSupport {
    private LabsModel model;
    private LabsController controller;

    @BeforeEach
    void load() {
        model = new LabsModel();
        controller = new LabsController(session, model);
        controller.load();
    }

    @Test
    void listsTheLabsAndShowsTheFirstUntilAnotherIsChosen() {
        assertEquals(4, model.labs().size());
        assertEquals("bulk-encrypt-system-disks-with-oos", model.selectedIdProperty().get());
        controller.select("faq-verification");
        assertEquals("Verify what a disabled key does to an encrypted instance", model.labProperty().get().title());
        assertNull(model.startedProperty().get());
        assertEquals("Not started: 0 of 6 steps done", model.progressText());
    }

    @Test
    void startingCountsOnlyWhatIsDoneSinceAndAResetStartsOver() {
        controller.select("bulk-encrypt-system-disks-with-oos");
        sim.kms().createKey(ctx, CreateKeyRequest.defaults("before the start"));
        sim.clock().fastForward(Duration.ofSeconds(1));
        controller.start(() -> { }, e -> { throw new AssertionError(e); });
        assertNotNull(model.startedProperty().get());
        assertEquals("0 of 4 steps done", model.progressText(), "a key from before the start does not count");
        sim.clock().fastForward(Duration.ofSeconds(1));
        sim.kms().createKey(ctx, CreateKeyRequest.defaults("the fleet's"));
        controller.load();
        assertEquals("1 of 4 steps done", model.progressText());
        assertTrue(model.progressProperty().get().steps().get(0).evidence().get(0).endsWith("created"));
        sim.clock().fastForward(Duration.ofSeconds(1));
        controller.start(() -> { }, e -> { throw new AssertionError(e); });
        assertEquals("0 of 4 steps done", model.progressText());
    }

    @Test
    void aMalformedUserLabShowsItsErrorInsteadOfSteps() throws Exception {
        Files.createDirectories(dataDir.resolve("labs"));
        Files.writeString(dataDir.resolve("labs/mine.lab"), "title: Mine\nstep: S\ncheck: key-created colour=red\n");
        controller.select("mine");
        assertNull(model.labProperty().get());
        assertTrue(model.fileErrorProperty().get().startsWith("mine.lab line 3: check 'key-created' has no"
                + " parameter 'colour'"), model.fileErrorProperty().get());
        assertEquals(5, model.labs().size());
    }

    /** Lab (c) has the learner act as a RAM user who may not read RAM or the trail: the ticks still light. */
    @Test
    void theTicksLightWhileTheConsoleActsAsARamUserWithoutRights() {
        controller.select("restrict-ram-user-to-encrypted-disks");
        controller.start(() -> { }, e -> { throw new AssertionError(e); });
        sim.clock().fastForward(Duration.ofSeconds(1));
        sim.ram().createUser(ctx, "alice", null, null);
        session.principalProperty().set("alice"); // the identity switcher; alice has no policy at all
        controller.load();
        assertNull(model.errorProperty().get(), model.errorProperty().get());
        assertEquals("1 of 4 steps done", model.progressText());
    }
}
