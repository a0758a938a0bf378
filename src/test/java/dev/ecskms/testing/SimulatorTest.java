package dev.ecskms.testing;

import dev.ecskms.sim.Simulator;
import dev.ecskms.sim.common.CallContext;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * A simulator on a fresh data dir for service tests, with the root account's context in cn-hangzhou. Its base clock
 * is stopped, so simulated time moves only when a test fast-forwards it.
 */
public abstract class SimulatorTest {
    @TempDir
    protected Path dataDir;
    protected Simulator sim;
    protected CallContext ctx;

    /** The real clock the simulated one runs on: stopped, unless a test class needs time to pass by itself. */
    protected Clock baseClock() {
        return Clock.fixed(Instant.parse("2026-11-28T00:00:00Z"), ZoneOffset.UTC);
    }

    /** Called after every open, also after {@link #reopen}: take the services the test uses from {@link #sim}. */
    protected void opened() {
    }

    @BeforeEach
    final void openSimulator() {
        sim = Simulator.open(dataDir, baseClock());
        ctx = CallContext.root(sim.accounts().rootAccountId(), "cn-hangzhou");
        opened();
    }

    @AfterEach
    final void closeSimulator() {
        sim.close();
    }

    /** Closes the simulator (it may be closed already) and opens it again on the same data dir. */
    protected void reopen() {
        sim.close();
        openSimulator();
    }

    /** Four 5 s steps of simulated time: an instance goes Pending → Starting → Running, a guest boots. */
    protected void advance() {
        for (int i = 0; i < 4; i++) {
            sim.clock().fastForward(Duration.ofSeconds(5));
        }
    }
}
