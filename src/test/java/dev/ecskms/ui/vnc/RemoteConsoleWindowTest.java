package dev.ecskms.ui.vnc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecskms.ui.InstanceTestSupport;
import java.time.Duration;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The remote connection window next to the main one: the main window's pop-up menus still act after it was
 * opened and closed, and the guest's shell recalls earlier lines with Up and Down typed on its screen.
 */
@ExtendWith(ApplicationExtension.class)
class RemoteConsoleWindowTest extends InstanceTestSupport {
    private Stage main;

    @Start
    void start(Stage stage) throws Exception {
        main = stage;
        openEcsConsole(stage);
    }

    @AfterEach
    void tearDown() throws Exception {
        closeConsole();
    }

    @Test
    void aPopupMenuOfTheMainWindowActsAfterTheRemoteConsoleWasOpenedAndClosed() {
        String id = runningInstance("popup-check");
        clickOn(nodeWithId("connect-" + id));
        waitUntil("the remote console shows the login prompt", () -> remote(id) != null
                && remoteStatus().contains("login"));
        clickOn("#remoteScreenPane");
        clickOn("#closeRemoteButton");
        waitUntil("the remote console closed", () -> remote(id) == null);
        waitUntil("the main window has the keyboard again", main::isFocused);

        long before = sim.clock().millis();
        clickOn("#fastForwardMenu");
        clickOn("#fastForward1d");
        waitUntil("simulated time moved a day", () -> sim.clock().millis() - before >= Duration.ofDays(1).toMillis());
        waitUntil("the top bar shows the day", () -> text("#clockOffset").startsWith("+1d"));
    }

    @Test
    void aPopupMenuOfTheMainWindowActsWhileTheRemoteConsoleIsOpen() {
        String id = runningInstance("popup-open");
        clickOn(nodeWithId("connect-" + id));
        waitUntil("the remote console is open", () -> remote(id) != null && remoteStatus().contains("login"));
        clickOn("#remoteScreenPane");

        long before = sim.clock().millis();
        clickOn("#fastForwardMenu");
        clickOn("#fastForward7d");
        waitUntil("simulated time moved a week", () -> sim.clock().millis() - before >= Duration.ofDays(7).toMillis());
        assertTrue(onFx(main::isFocused), "the click on the main window focused it");
    }

    @Test
    void upAndDownOnTheScreenRecallEarlierCommandLines() {
        String id = runningInstance("history");
        clickOn(nodeWithId("connect-" + id));
        waitUntil("the console shows the login prompt", () -> remote(id) != null
                && remoteStatus().contains("login"));
        clickOn("#remoteScreenPane");
        write("root");
        type(KeyCode.ENTER);
        write(PASSWORD);
        type(KeyCode.ENTER);
        waitUntil("root has a shell", () -> remoteStatus().contains("shell"));
        write("echo first-line");
        type(KeyCode.ENTER);
        write("hostname");
        type(KeyCode.ENTER);

        type(KeyCode.UP);
        type(KeyCode.UP);
        type(KeyCode.ENTER);
        waitUntil("Up, Up ran the first line again", () -> count(consoleOutput(id), "\nfirst-line\n") == 2);
        // history: echo, hostname, echo. Up, Up, Down, Up: hostname
        type(KeyCode.UP);
        type(KeyCode.UP);
        type(KeyCode.DOWN);
        type(KeyCode.UP);
        type(KeyCode.ENTER);
        waitUntil("hostname ran again", () -> count(consoleOutput(id), "]# hostname\n") == 2);
        assertEquals(2, count(consoleOutput(id), "\nfirst-line\n"));
    }

    private static int count(String text, String part) {
        return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
    }

    private String consoleOutput(String instanceId) {
        return sim.instances().getInstanceConsoleOutput(ctx(), instanceId);
    }
}
