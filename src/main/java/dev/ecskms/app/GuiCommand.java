package dev.ecskms.app;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;
import dev.ecskms.ui.ConsoleApplication;
import dev.ecskms.ui.ConsoleServices;
import dev.ecskms.ui.welcome.WelcomeFacts;
import java.lang.management.ManagementFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * The console window; it also serves the API endpoint so scripts and clicks act on the same state. The window shows
 * first and the data dir opens behind it; a failure to open it is shown there and, once the window is closed, ends
 * the process with the same error and exit status as {@code serve}'s.
 */
@Command(name = "gui", mixinStandardHelpOptions = true, description = "Open the console window (the default).")
final class GuiCommand implements Runnable {
    @Mixin
    SimulatorOptions options;

    private RunningSimulator running; // guarded by this
    private boolean closed; // guarded by this

    GuiCommand() {
        this(new SimulatorOptions());
    }

    GuiCommand(SimulatorOptions options) {
        this.options = options;
    }

    @Override
    public void run() {
        RunningSimulator.checkOptions(options); // a mistyped option needs no window
        returnIdleMemory();
        Runtime.getRuntime().addShutdownHook(new Thread(this::close, "gui-shutdown"));
        Throwable failure;
        try {
            failure = ConsoleApplication.launchWith(new ConsoleApplication.Opening(
                    "data dir " + options.dataDir.toAbsolutePath(), this::open, this::welcome));
        } finally {
            close();
        }
        if (failure instanceof RuntimeException e) {
            throw e;
        }
        if (failure != null) {
            throw new IllegalStateException(failure.getMessage(), failure);
        }
    }

    /**
     * The console idles between clicks: a collection every few idle seconds lets G1 give the heap a page load grew
     * back to the system (with 10,000 disks: about 390 instead of 500-600 MB resident). Set here, as manageable
     * flags, so that java -jar, mvn javafx:run and the packaged launcher all get them; a -XX option given on the
     * command line wins.
     */
    static void returnIdleMemory() {
        try {
            HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            for (String[] flag : new String[][] {{"G1PeriodicGCInterval", "3000"}, {"MinHeapFreeRatio", "10"},
                    {"MaxHeapFreeRatio", "30"}}) {
                if (vm.getVMOption(flag[0]).getOrigin() == VMOption.Origin.DEFAULT) {
                    vm.setVMOption(flag[0], flag[1]);
                }
            }
        } catch (RuntimeException | LinkageError e) {
            // another VM, or a runtime without jdk.management: the defaults then apply
        }
    }

    /** Runs off the FX thread while the window shows progress. */
    private ConsoleServices open() {
        RunningSimulator opened = RunningSimulator.start(options, true, System.out);
        synchronized (this) {
            if (closed) {
                opened.close(); // the window was closed while the data dir opened
                throw new IllegalStateException("The console window was closed while the data dir opened.");
            }
            running = opened;
        }
        return new ConsoleServices(opened.simulator.kms(), opened.simulator.ecs(), opened.simulator.instances(),
                opened.simulator.ram(), opened.simulator.accounts(), opened.simulator.clock(),
                opened.accessKey.accountId(), opened.api.endpoint(), opened.accessKey.accessKeyId(),
                opened.api.isTls(), opened.api.defaultRegion(), opened.simulator.changes(), opened.simulator.trail(),
                opened.simulator.oos(), opened.simulator.labs());
    }

    /** What the first-run welcome tells; asked once the services are open. */
    private synchronized WelcomeFacts welcome() {
        return new WelcomeFacts(running.simulator.dataDir().toAbsolutePath().toString(), running.generatedSecret,
                running.secretGiven);
    }

    private synchronized void close() {
        closed = true;
        if (running != null) {
            running.close();
        }
    }
}
