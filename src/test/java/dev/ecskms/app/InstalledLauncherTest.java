package dev.ecskms.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.aliyuncs.DefaultAcsClient;
import com.aliyuncs.IAcsClient;
import com.aliyuncs.http.HttpClientConfig;
import com.aliyuncs.http.ProtocolType;
import com.aliyuncs.kms.model.v20160120.CreateKeyRequest;
import com.aliyuncs.kms.model.v20160120.CreateKeyResponse;
import com.aliyuncs.profile.DefaultProfile;
import dev.ecskms.app.ServeProcesses.Served;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The installed package (packaging/test-deb.sh unpacks the .deb into a scratch root and names it in
 * {@code -Decskms.installed.root}): its launcher serves, on its own trimmed runtime, a call of the official SDK over
 * HTTPS (the TLS CA's EC keys need the runtime's jdk.crypto.ec); its desktop entry and icon are there; the tree fits
 * in 80 MB. Skipped without the property, i.e. in a plain {@code mvn verify}.
 */
class InstalledLauncherTest {
    static final String ROOT_PROPERTY = "ecskms.installed.root";
    static final long MAX_INSTALLED_BYTES = 80L * 1024 * 1024;

    @TempDir
    Path dataDir;

    private Path app;

    @BeforeEach
    void installedTree() {
        String root = System.getProperty(ROOT_PROPERTY);
        assumeTrue(root != null && !root.isBlank(), "no installed package to test: packaging/test-deb.sh unpacks the"
                + " .deb and runs this test with -D" + ROOT_PROPERTY + "=<root>");
        app = Path.of(root, "opt", "ecs-kms-console");
        assertTrue(Files.isDirectory(app), app + " is missing: is " + root + " an unpacked ecs-kms-console package?");
    }

    @Test
    void theInstalledLauncherServesASignedCallOverHttpsAndStopsOnSigterm() throws Exception {
        Path launcher = app.resolve("bin/ecs-kms-console");
        assertTrue(Files.isExecutable(launcher), launcher + " is not executable");
        ProcessBuilder command = new ProcessBuilder(launcher.toString(), "serve", "--data-dir", dataDir.toString(),
                "--port", "0", "--tls", "--access-key-id", ServeProcesses.ID).redirectErrorStream(true);
        command.environment().put(SimulatorOptions.SECRET_ENV, ServeProcesses.SECRET);
        Served served = ServeProcesses.serve(command);
        try {
            X509Certificate ca;
            try (InputStream in = Files.newInputStream(dataDir.resolve("tls/ca.crt"))) {
                ca = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            }
            IAcsClient sdk = sdkTrusting(ca);
            try {
                CreateKeyRequest create = new CreateKeyRequest();
                create.setSysEndpoint(served.endpoint());
                create.setSysProtocol(ProtocolType.HTTPS);
                CreateKeyResponse key = sdk.getAcsResponse(create);
                assertEquals("Enabled", key.getKeyMetadata().getKeyState());
                assertEquals("ENCRYPT/DECRYPT", key.getKeyMetadata().getKeyUsage());
            } finally {
                sdk.shutdown();
            }
        } finally {
            new ProcessBuilder("kill", "-TERM", Long.toString(served.process().pid())).start().waitFor();
            boolean stopped = served.process().waitFor(60, TimeUnit.SECONDS);
            if (!stopped) {
                served.process().destroyForcibly();
            }
            assertTrue(stopped, "the installed serve did not stop on SIGTERM");
        }
        String output = served.outputAfterExit();
        assertTrue(output.contains("Stopped; state saved"), output);
    }

    @Test
    void theDesktopEntryNamesTheConsoleItsCategoriesAndAnIconThatIsInstalled() throws IOException {
        Path desktop;
        try (Stream<Path> files = Files.list(app.resolve("lib"))) {
            desktop = files.filter(f -> f.toString().endsWith(".desktop")).findFirst()
                    .orElseThrow(() -> new AssertionError("no .desktop file in " + app.resolve("lib")));
        }
        Map<String, String> entry = new LinkedHashMap<>();
        for (String line : Files.readAllLines(desktop, StandardCharsets.UTF_8)) {
            int eq = line.indexOf('=');
            if (eq > 0 && !line.startsWith("#")) {
                entry.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        for (String key : List.of("Name", "Comment", "Categories", "Icon", "Exec")) {
            assertTrue(!entry.getOrDefault(key, "").isBlank(), key + " is missing from " + desktop + ": " + entry);
        }
        assertEquals("Application", entry.get("Type"));
        assertTrue(entry.get("Exec").startsWith("/opt/ecs-kms-console/bin/ecs-kms-console"), entry.get("Exec"));
        Path root = Path.of(System.getProperty(ROOT_PROPERTY));
        Path icon = root.resolve(entry.get("Icon").replaceFirst("^/", ""));
        assertTrue(Files.isRegularFile(icon), "the desktop entry's icon " + entry.get("Icon") + " is not installed");
    }

    @Test
    void theInstalledTreeFitsInEightyMegabytes() throws IOException {
        long bytes;
        try (Stream<Path> files = Files.walk(app)) {
            bytes = files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
        assertTrue(bytes <= MAX_INSTALLED_BYTES, app + " holds " + bytes / (1024 * 1024) + " MB, more than 80 MB:"
                + " did the runtime grow (packaging/build.sh, jlink's modules) or a jar get in twice?");
    }

    /** The older official SDK trusting the data dir's own CA and nothing else. */
    private static IAcsClient sdkTrusting(X509Certificate ca) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ecs-kms-console-ca", ca);
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        HttpClientConfig config = HttpClientConfig.getDefault();
        config.setCompatibleMode(true);
        config.setX509TrustManagers(new X509TrustManager[] {(X509TrustManager) factory.getTrustManagers()[0]});
        DefaultProfile profile = DefaultProfile.getProfile("cn-hangzhou", ServeProcesses.ID, ServeProcesses.SECRET);
        profile.setHttpClientConfig(config);
        return new DefaultAcsClient(profile);
    }
}
