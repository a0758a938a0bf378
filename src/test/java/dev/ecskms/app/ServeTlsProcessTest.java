package dev.ecskms.app;

import static dev.ecskms.app.ServeProcesses.serve;
import static dev.ecskms.app.ServeProcesses.serveCommand;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aliyuncs.DefaultAcsClient;
import com.aliyuncs.IAcsClient;
import com.aliyuncs.http.HttpClientConfig;
import com.aliyuncs.http.ProtocolType;
import com.aliyuncs.kms.model.v20160120.CreateKeyRequest;
import com.aliyuncs.profile.DefaultProfile;
import dev.ecskms.app.ServeProcesses.Served;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve --tls} as a real process: an https endpoint, the CA file to trust and its fingerprint, kept across starts. */
class ServeTlsProcessTest {
    private static final Pattern CA_FILE = Pattern.compile("TLS CA:\\s+(\\S+)");
    private static final Pattern CA_FINGERPRINT = Pattern.compile("CA SHA-256:\\s+([0-9A-F:]{95})");

    @TempDir
    Path dataDir;

    @Test
    void serveTlsPrintsTheHttpsEndpointAndTheCaToTrustWhichStaysTheSameAcrossStarts() throws Exception {
        Served first = serveTls();
        String out = String.join("\n", first.output());
        assertTrue(out.contains("Endpoint:      https://127.0.0.1:"), out);
        assertTrue(out.contains("(new: trust it once)"), out);
        assertFalse(out.contains("PRIVATE KEY"), out);
        Path caFile = Path.of(group(CA_FILE, out));
        assertEquals(dataDir.resolve("tls/ca.crt").toAbsolutePath(), caFile.toAbsolutePath());
        X509Certificate ca;
        try (InputStream in = Files.newInputStream(caFile)) {
            ca = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        String fingerprint = group(CA_FINGERPRINT, out);
        assertEquals(HexFormat.ofDelimiter(":").withUpperCase()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(ca.getEncoded())), fingerprint);

        // The older official SDK, trusting the printed CA file, calls over HTTPS.
        IAcsClient sdk = sdkTrusting(ca);
        CreateKeyRequest create = new CreateKeyRequest();
        create.setSysEndpoint(first.endpoint());
        create.setSysProtocol(ProtocolType.HTTPS);
        assertFalse(sdk.getAcsResponse(create).getKeyMetadata().getKeyId().isEmpty());
        stop(first);

        Served second = serveTls();
        String again = String.join("\n", second.output());
        assertEquals(fingerprint, group(CA_FINGERPRINT, again));
        assertFalse(again.contains("(new: trust it once)"), again);
        CreateKeyRequest another = new CreateKeyRequest();
        another.setSysEndpoint(second.endpoint());
        another.setSysProtocol(ProtocolType.HTTPS);
        sdk.getAcsResponse(another);
        sdk.shutdown();
        stop(second);
    }

    private Served serveTls() throws Exception {
        ProcessBuilder builder = serveCommand(dataDir, "--access-key-id", ServeProcesses.ID, "--tls");
        builder.environment().put(SimulatorOptions.SECRET_ENV, ServeProcesses.SECRET);
        return serve(builder);
    }

    private static void stop(Served served) throws Exception {
        new ProcessBuilder("kill", "-TERM", Long.toString(served.process().pid())).start().waitFor();
        assertTrue(served.process().waitFor(60, TimeUnit.SECONDS), "serve did not stop on SIGTERM");
    }

    private static String group(Pattern pattern, String output) {
        Matcher m = pattern.matcher(output);
        assertTrue(m.find(), pattern + " not in: " + output);
        return m.group(1);
    }

    /** The SDK's per-client HttpURLConnection client, trusting the CA (its Apache client is one per JVM). */
    private static IAcsClient sdkTrusting(X509Certificate ca) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", ca);
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        DefaultProfile profile = DefaultProfile.getProfile("cn-hangzhou", ServeProcesses.ID, ServeProcesses.SECRET);
        HttpClientConfig config = HttpClientConfig.getDefault();
        config.setCompatibleMode(true);
        config.setX509TrustManagers(List.of(factory.getTrustManagers()).toArray(X509TrustManager[]::new));
        profile.setHttpClientConfig(config);
        return new DefaultAcsClient(profile);
    }
}
