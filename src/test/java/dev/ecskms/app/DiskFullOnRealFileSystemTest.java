package dev.ecskms.app;

import static dev.ecskms.app.ServeProcesses.call;
import static dev.ecskms.app.ServeProcesses.serve;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.aliyuncs.exceptions.ServerException;
import com.aliyuncs.kms.model.v20160120.CreateKeyRequest;
import com.aliyuncs.kms.model.v20160120.DecryptRequest;
import com.aliyuncs.kms.model.v20160120.EncryptRequest;
import com.aliyuncs.kms.model.v20160120.ListKeysRequest;
import dev.ecskms.app.ServeProcesses.Served;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * {@code serve} on a real, small file system that fills up: reads and signatures keep working, writes get
 * ServiceUnavailable.DiskFull, and everything works again once space is freed. Needs a small mounted file system
 * (scripts/diskfull.sh mounts a 64 MiB tmpfs and passes it as {@code -Ddiskfull.dir}); skipped otherwise.
 */
@EnabledIfSystemProperty(named = "diskfull.dir", matches = ".+")
class DiskFullOnRealFileSystemTest {
    @Test
    void aFullDiskRefusesWritesAndKeepsReadsUntilSpaceIsFreed() throws Exception {
        Path mount = Path.of(System.getProperty("diskfull.dir"));
        Path dataDir = Files.createTempDirectory(mount, "data");
        Path filler = mount.resolve("filler");
        Served served = serve(dataDir);
        try {
            String keyId = call(served.endpoint(), new CreateKeyRequest()).getKeyMetadata().getKeyId();
            EncryptRequest encrypt = new EncryptRequest();
            encrypt.setKeyId(keyId);
            encrypt.setPlaintext(Base64.getEncoder().encodeToString("kept".getBytes(StandardCharsets.UTF_8)));
            String blob = call(served.endpoint(), encrypt).getCiphertextBlob();

            fill(filler);
            ServerException refused = assertThrows(ServerException.class,
                    () -> call(served.endpoint(), new CreateKeyRequest()));
            assertEquals("ServiceUnavailable.DiskFull", refused.getErrCode(), refused.getErrMsg());
            assertEquals(1, call(served.endpoint(), new ListKeysRequest()).getTotalCount());
            DecryptRequest decrypt = new DecryptRequest();
            decrypt.setCiphertextBlob(blob);
            assertArrayEquals("kept".getBytes(StandardCharsets.UTF_8),
                    Base64.getDecoder().decode(call(served.endpoint(), decrypt).getPlaintext()));
            Thread.sleep(2500); // the simulated clock's ticks meet the full disk too

            Files.delete(filler);
            call(served.endpoint(), new CreateKeyRequest());
            assertEquals(2, call(served.endpoint(), new ListKeysRequest()).getTotalCount());
        } finally {
            Files.deleteIfExists(filler);
            served.process().destroyForcibly();
            served.process().waitFor(30, TimeUnit.SECONDS);
        }
        System.out.println("disk full on " + mount + ": writes refused, reads kept; log:\n" + served.outputAfterExit());
    }

    private static void fill(Path filler) throws IOException {
        byte[] block = new byte[1024 * 1024];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(block);
            }
        } catch (IOException full) {
            // no space left: as intended
        }
    }
}
