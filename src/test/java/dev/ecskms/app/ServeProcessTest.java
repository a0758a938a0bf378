package dev.ecskms.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
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

    /** serve with the secret in its environment, where other local users cannot read it. */
    private Served serve() throws IOException {
        ProcessBuilder builder = serveCommand("--access-key-id", ID);
        builder.environment().put(SimulatorOptions.SECRET_ENV, SECRET);
        return serve(builder);
    }

    private ProcessBuilder serveCommand(String... options) {
        List<String> command = new ArrayList<>(List.of(javaBin(), "-cp", System.getProperty("java.class.path"),
                Launcher.class.getName(), "serve", "--data-dir", dataDir.toString(), "--port", "0"));
        command.addAll(List.of(options));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove(SimulatorOptions.SECRET_ENV);
        return builder;
    }

    private Served serve(ProcessBuilder builder) throws IOException {
        Process p = builder.start();
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

    @Test
    void theSecretComesFromAFileOutOfSightOfOtherUsersAndTheDataDirIsOwnerOnly() throws Exception {
        Path secretFile = Files.writeString(dataDir.resolveSibling(dataDir.getFileName() + ".secret"), SECRET + "\n");
        Path data = dataDir;
        try {
            Served served = serve(serveCommand("--access-key-id", ID, "--access-key-secret-file", secretFile.toString()));
            call(served.endpoint(), new CreateKeyRequest()); // signed with the secret from the file
            Path cmdline = Path.of("/proc", Long.toString(served.process().pid()), "cmdline");
            if (Files.exists(cmdline)) {
                assertFalse(new String(Files.readAllBytes(cmdline), StandardCharsets.UTF_8).contains(SECRET));
            }
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(data)));
            for (String file : List.of("state.mv.db", "lock", "hsm/master.key")) {
                assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve(file))),
                        file);
            }
            served.process().destroyForcibly();
            served.process().waitFor(30, TimeUnit.SECONDS);
        } finally {
            Files.deleteIfExists(secretFile);
        }
    }

    /** H2 keeps the file near its live data while running, and shrinks what a kill -9 left at the next start. */
    @Test
    void thousandUpdatesOfOneKeyGrowTheDataFileByAtMostFiveMegabytesAlsoAcrossKillDashNine() throws Exception {
        Served first = serve();
        String keyId = call(first.endpoint(), new CreateKeyRequest()).getKeyMetadata().getKeyId();
        Path db = dataDir.resolve("state.mv.db");
        long before = Files.size(db);
        com.aliyuncs.kms.model.v20160120.UpdateKeyDescriptionRequest update =
                new com.aliyuncs.kms.model.v20160120.UpdateKeyDescriptionRequest();
        update.setKeyId(keyId);
        for (int i = 0; i < 1000; i++) {
            update.setDescription("description number " + i);
            call(first.endpoint(), update);
        }
        long whileRunning = Files.size(db);
        first.process().destroyForcibly();
        first.process().waitFor(30, TimeUnit.SECONDS);
        long afterKill = Files.size(db);
        Served again = serve();
        long afterRestart = Files.size(db);
        DescribeKeyRequest describe = new DescribeKeyRequest();
        describe.setKeyId(keyId);
        assertEquals("description number 999", call(again.endpoint(), describe).getKeyMetadata().getDescription());
        String sizes = "before " + before + ", running " + whileRunning + ", after kill -9 " + afterKill
                + ", after restart " + afterRestart;
        System.out.println("state.mv.db bytes: " + sizes);
        assertTrue(whileRunning - before <= 5_000_000, sizes);
        assertTrue(afterKill - before <= 5_000_000, sizes);
        assertTrue(afterRestart - before <= 5_000_000, sizes);
        again.process().destroyForcibly();
        again.process().waitFor(30, TimeUnit.SECONDS);
    }
}
