package dev.ecskms.app;

import dev.ecskms.sim.store.DataDir;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options shared by the console window and the headless server. */
public final class SimulatorOptions {
    public static final int DEFAULT_PORT = 8181;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Where the simulator keeps its state (default: ${DEFAULT-VALUE}).")
    Path dataDir = DataDir.defaultLocation();

    @Option(names = "--port", paramLabel = "N", description = "API endpoint port, 0 for any free port (default: ${DEFAULT-VALUE}).")
    int port = DEFAULT_PORT;

    @Option(names = "--bind", paramLabel = "ADDR", description = "API endpoint address (default: ${DEFAULT-VALUE}).")
    String bind = "127.0.0.1";

    @Option(names = "--access-key-id", paramLabel = "ID", description = "Seed the root account's AccessKey id (with --access-key-secret).")
    String accessKeyId;

    @Option(names = "--access-key-secret", paramLabel = "SECRET", description = "Seed the root account's AccessKey secret.")
    String accessKeySecret;
}
