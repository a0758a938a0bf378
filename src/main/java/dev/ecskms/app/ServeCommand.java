package dev.ecskms.app;

import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** The simulator and its endpoint without a window, for scripts, CI and classrooms. Stops on SIGTERM / Ctrl+C. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the simulator and its API endpoint without a window.")
final class ServeCommand implements Runnable {
    @Mixin
    SimulatorOptions options = new SimulatorOptions();

    @Override
    public void run() {
        RunningSimulator running = RunningSimulator.start(options, false, System.out);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            running.close();
            System.out.println("Stopped; state saved in " + running.simulator.dataDir());
            System.out.flush();
            stopped.countDown();
        }, "serve-shutdown"));
        System.out.println("Serving. Press Ctrl+C to stop.");
        System.out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
