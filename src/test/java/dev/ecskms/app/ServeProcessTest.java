package dev.ecskms.app;

import static dev.ecskms.app.ServeProcesses.call;
import static dev.ecskms.app.ServeProcesses.serve;
import static dev.ecskms.app.ServeProcesses.serveCommand;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aliyuncs.kms.model.v20160120.CreateKeyRequest;
import com.aliyuncs.kms.model.v20160120.CreateKeyResponse;
import com.aliyuncs.kms.model.v20160120.DecryptRequest;
import com.aliyuncs.kms.model.v20160120.DisableKeyRequest;
import com.aliyuncs.kms.model.v20160120.DescribeKeyRequest;
import com.aliyuncs.kms.model.v20160120.EncryptRequest;
import dev.ecskms.app.ServeProcesses.Served;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve} as a real process: it prints its endpoint, answers the official SDK, refuses a second owner of its
 * data dir, survives kill -9 with every acknowledged change, and stops cleanly on SIGTERM.
 */
class ServeProcessTest {
    private static final String ID = ServeProcesses.ID;
    private static final String SECRET = ServeProcesses.SECRET;

    @TempDir
    Path dataDir;

    @Test
    void acknowledgedChangesSurviveKillDashNineAndSigtermStopsCleanly() throws Exception {
        Served first = serve(dataDir);
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
        Process second = new ProcessBuilder(ServeProcesses.javaBin(), "-cp", System.getProperty("java.class.path"),
                Launcher.class.getName(), "serve", "--data-dir", dataDir.toString(), "--port", "0")
                .redirectErrorStream(true).start();
        String refused = new String(second.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(second.waitFor(60, TimeUnit.SECONDS));
        assertEquals(2, second.exitValue(), refused);
        assertTrue(refused.contains("is in use by process"), refused);

        first.process().destroyForcibly(); // SIGKILL: no shutdown hook runs
        first.process().waitFor(30, TimeUnit.SECONDS);

        Served again = serve(dataDir);
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
            Served served = serve(serveCommand(dataDir, "--access-key-id", ID, "--access-key-secret-file", secretFile.toString()));
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
        Served first = serve(dataDir);
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
        Served again = serve(dataDir);
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
