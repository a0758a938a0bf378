package dev.ecskms.ui;

import dev.ecskms.ui.common.ConsoleSession;
import dev.ecskms.ui.common.DirectTaskRunner;
import dev.ecskms.testing.SimulatorTest;

/**
 * Base of the fast controller tests: a real simulator on a fresh data dir and a console session whose task runner
 * is the direct one, so a controller's load has filled its model when the call returns. No window, no TestFX:
 * what only clicks can show stays with the TestFX tests.
 */
public abstract class ControllerTestSupport extends SimulatorTest {
    protected DirectTaskRunner tasks;
    protected ConsoleSession session;

    @Override
    protected void opened() {
        tasks = new DirectTaskRunner();
        // No dialog layer: these tests call what the dialogs would, never open one.
        session = new ConsoleSession(ConsoleTestSupport.services(sim, sim.accounts().rootAccountId()), tasks, null);
    }
}
