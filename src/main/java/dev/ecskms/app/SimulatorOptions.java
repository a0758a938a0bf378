package dev.ecskms.app;

import dev.ecskms.sim.ecs.Catalog;
import dev.ecskms.sim.store.DataDir;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
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

    @Option(names = "--region", paramLabel = "REGION",
            description = "The API endpoint's default region, for calls that name none by RegionId or by a host name"
                    + " such as kms.cn-shanghai.aliyuncs.com (default: ${DEFAULT-VALUE}).")
    String region = Catalog.DEFAULT_REGION;

    /** Read where no option gives the secret, so that it need not appear in the process list. */
    public static final String SECRET_ENV = "ECS_KMS_ACCESS_KEY_SECRET";

    @Option(names = "--access-key-id", paramLabel = "ID",
            description = "Seed the root account's AccessKey id (with a secret from --access-key-secret-file, $"
                    + SECRET_ENV + " or --access-key-secret).")
    String accessKeyId;

    @Option(names = "--access-key-secret", paramLabel = "SECRET",
            description = "Seed the root account's AccessKey secret. Every local user can read a command line: prefer"
                    + " --access-key-secret-file or $" + SECRET_ENV + ".")
    String accessKeySecret;

    @Option(names = "--access-key-secret-file", paramLabel = "FILE",
            description = "Read the root account's AccessKey secret from the first line of FILE.")
    Path accessKeySecretFile;

    @Option(names = "--tls", description = "Serve HTTPS, with a certificate made once in the data dir's tls/ folder"
            + " (clients trust tls/ca.crt).")
    boolean tls;

    /** The secret from whichever single source gives it: the option, the file, or the environment; else null. */
    String accessKeySecret(Map<String, String> environment) {
        if (accessKeySecret != null && accessKeySecretFile != null) {
            throw new IllegalArgumentException("Give the secret once: --access-key-secret or --access-key-secret-file.");
        }
        if (accessKeySecretFile != null) {
            try {
                String secret = Files.readAllLines(accessKeySecretFile, StandardCharsets.UTF_8).stream().findFirst()
                        .orElse("").strip();
                if (secret.isEmpty()) {
                    throw new IllegalArgumentException("The secret file " + accessKeySecretFile + " is empty.");
                }
                return secret;
            } catch (IOException e) {
                throw new IllegalArgumentException("Cannot read the secret file " + accessKeySecretFile + ": "
                        + e.getMessage());
            }
        }
        if (accessKeySecret != null) {
            return accessKeySecret;
        }
        if (accessKeyId == null) {
            return null; // the environment's secret seeds a key only together with its id
        }
        String fromEnvironment = environment.get(SECRET_ENV);
        return fromEnvironment == null || fromEnvironment.isBlank() ? null : fromEnvironment.strip();
    }
}
