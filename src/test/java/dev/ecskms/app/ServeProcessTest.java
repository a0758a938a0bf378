package dev.ecskms.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aliyuncs.DefaultAcsClient;
import com.aliyuncs.http.ProtocolType;
import com.aliyuncs.kms.model.v20160120.CreateKeyRequest;
import com.aliyuncs.kms.model.v20160120.CreateKeyResponse;
import com.aliyuncs.kms.model.v20160120.DecryptRequest;
import com.aliyuncs.kms.model.v20160120.DisableKeyRequest;
import com.aliyuncs.kms.model.v20160120.DescribeKeyRequest;
import com.aliyuncs.kms.model.v20160120.EncryptRequest;
import com.aliyuncs.profile.DefaultProfile;
import com.aliyuncs.AcsRequest;
import com.aliyuncs.AcsResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve} as a real process: it prints its endpoint, answers the official SDK, refuses a second owner of its
 * data dir, survives kill -9 with every acknowledged change, and stops cleanly on SIGTERM.
 */
class ServeProcessTest {
    private static final String ID = "LTAIserveProcessTest";
    private static final String SECRET = "serve-process-test-secret";
    private static final Pattern ENDPOINT = Pattern.compile("Endpoint:\\s+http://(\\S+)");

    @TempDir
    Path dataDir;

    /** A running serve process; its output keeps being collected until it exits. */
    record Served(Process process, String endpoint, List<String> output, Thread drain) {
        String outputAfterExit() throws InterruptedException {
            drain.join(30_000); // the pipe closes when the process exits
            return String.join("\n", output);
        }
    }

    private Served serve() throws IOException {
        Process p = new ProcessBuilder(javaBin(), "-cp", System.getProperty("java.class.path"), Launcher.class.getName(),
                "serve", "--data-dir", dataDir.toString(), "--port", "0", "--access-key-id", ID,
                "--access-key-secret", SECRET).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        List<String> lines = new CopyOnWriteArrayList<>();
        String endpoint = null;
        for (String line; (line = out.readLine()) != null; ) {
            lines.add(line);
            Matcher m = ENDPOINT.matcher(line);
            if (m.find()) {
                endpoint = m.group(1);
            }
            if (line.startsWith("Serving.")) {
                break;
            }
        }
        assertTrue(endpoint != null, "serve printed no endpoint: " + lines);
        Thread drain = new Thread(() -> out.lines().forEach(lines::add));
        drain.setDaemon(true);
        drain.start();
        return new Served(p, endpoint, lines, drain);
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static <T extends AcsResponse> T call(String endpoint, AcsRequest<T> request) throws Exception {
        request.setSysEndpoint(endpoint);
        request.setSysProtocol(ProtocolType.HTTP);
        return new DefaultAcsClient(DefaultProfile.getProfile("cn-hangzhou", ID, SECRET)).getAcsResponse(request);
    }

    @Test
    void acknowledgedChangesSurviveKillDashNineAndSigtermStopsCleanly() throws Exception {
        Served first = serve();
        CreateKeyResponse key = call(first.endpoint(), new CreateKeyRequest());
        String keyId = key.getKeyMetadata().getKeyId();
        EncryptRequest encrypt = new EncryptRequest();
        encrypt.setKeyId(keyId);
        encrypt.setPlaintext(Base64.getEncoder().encodeToString("survives kill -9".getBytes(StandardCharsets.UTF_8)));
        String blob = call(first.endpoint(), encrypt).getCiphertextBlob();
        DisableKeyRequest disable = new DisableKeyRequest();
        disable.setKeyId(keyId);
        call(first.endpoint(), disable);

        // A second owner is refused while the first lives, and says who holds the data dir.
        Process second = new ProcessBuilder(javaBin(), "-cp", System.getProperty("java.class.path"),
                Launcher.class.getName(), "serve", "--data-dir", dataDir.toString(), "--port", "0")
                .redirectErrorStream(true).start();
        String refused = new String(second.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(second.waitFor(60, TimeUnit.SECONDS));
        assertEquals(2, second.exitValue(), refused);
        assertTrue(refused.contains("is in use by process"), refused);

        first.process().destroyForcibly(); // SIGKILL: no shutdown hook runs
        first.process().waitFor(30, TimeUnit.SECONDS);

        Served again = serve();
        DescribeKeyRequest describe = new DescribeKeyRequest();
        describe.setKeyId(keyId);
        assertEquals("Disabled", call(again.endpoint(), describe).getKeyMetadata().getKeyState());
        com.aliyuncs.kms.model.v20160120.EnableKeyRequest enable = new com.aliyuncs.kms.model.v20160120.EnableKeyRequest();
        enable.setKeyId(keyId);
        call(again.endpoint(), enable);
        DecryptRequest decrypt = new DecryptRequest();
        decrypt.setCiphertextBlob(blob);
        String plaintext = call(again.endpoint(), decrypt).getPlaintext();
        assertEquals("survives kill -9", new String(Base64.getDecoder().decode(plaintext), StandardCharsets.UTF_8));

        // SIGTERM from outside: Process.destroy() would also close our end of its output pipe.
        new ProcessBuilder("kill", "-TERM", Long.toString(again.process().pid())).start().waitFor();
        assertTrue(again.process().waitFor(60, TimeUnit.SECONDS), "serve did not stop on SIGTERM");
        String output = again.outputAfterExit();
        assertTrue(output.contains("Stopped; state saved"), output);
    }
}
