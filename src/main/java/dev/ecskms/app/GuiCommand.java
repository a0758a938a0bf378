package dev.ecskms.app;

import dev.ecskms.ui.ConsoleApplication;
import dev.ecskms.ui.ConsoleServices;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** The console window; it also serves the API endpoint so scripts and clicks act on the same state. */
@Command(name = "gui", mixinStandardHelpOptions = true, description = "Open the console window (the default).")
final class GuiCommand implements Runnable {
    @Mixin
    SimulatorOptions options;

    GuiCommand() {
        this(new SimulatorOptions());
    }

    GuiCommand(SimulatorOptions options) {
        this.options = options;
    }

    @Override
    public void run() {
        RunningSimulator running = RunningSimulator.start(options, true, System.out);
        Runtime.getRuntime().addShutdownHook(new Thread(running::close, "gui-shutdown"));
        try {
            ConsoleApplication.launchWith(new ConsoleServices(running.simulator.kms(), running.simulator.ecs(),
                    running.simulator.instances(), running.simulator.ram(), running.simulator.accounts(), running.simulator.clock(),
                    running.accessKey.accountId(), running.api.endpoint(), running.accessKey.accessKeyId(),
                    running.api.isTls(), running.api.defaultRegion(), running.simulator.changes(),
                    running.simulator.trail(), running.simulator.oos()));
        } finally {
            running.close();
        }
    }
}
