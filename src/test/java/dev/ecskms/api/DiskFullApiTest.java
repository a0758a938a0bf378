package dev.ecskms.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aliyuncs.ecs.model.v20140526.CreateDiskRequest;
import com.aliyuncs.ecs.model.v20140526.DescribeDisksRequest;
import com.aliyuncs.kms.model.v20160120.CreateKeyRequest;
import com.aliyuncs.kms.model.v20160120.DecryptRequest;
import com.aliyuncs.kms.model.v20160120.EncryptRequest;
import com.aliyuncs.kms.model.v20160120.ListKeysRequest;
import com.aliyuncs.kms.model.v20160120.UpdateKeyDescriptionRequest;
import dev.ecskms.sim.Simulator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A full disk under the data dir: reads and authentication keep working, every write is refused with an error that
 * names the cause, and nothing is left half-written. The free space is probed through the store's own hook.
 */
class DiskFullApiTest extends ApiTestBase {
    private final AtomicLong freeBytes = new AtomicLong(Long.MAX_VALUE);

    @Override
    Simulator openSimulator(Path dir) {
        return Simulator.open(dir, Clock.systemUTC(), freeBytes::get);
    }

    @Test
    void readsGoOnAndWritesAreRefusedWithTheCauseWhileTheDiskIsFull() throws Exception {
        String keyId = call(new CreateKeyRequest()).getKeyMetadata().getKeyId();
        EncryptRequest encrypt = new EncryptRequest();
        encrypt.setKeyId(keyId);
        encrypt.setPlaintext(Base64.getEncoder().encodeToString("kept".getBytes(StandardCharsets.UTF_8)));
        String blob = call(encrypt).getCiphertextBlob();
        List<String> filesBefore = files();

        freeBytes.set(1024 * 1024);

        var refused = assertSdkError("ServiceUnavailable.DiskFull", () -> call(new CreateKeyRequest()));
        assertTrue(refused.getErrMsg().contains("1 MiB free") && refused.getErrMsg().contains("Nothing was changed"),
                refused.getErrMsg());
        UpdateKeyDescriptionRequest update = new UpdateKeyDescriptionRequest();
        update.setKeyId(keyId);
        update.setDescription("not now");
        assertSdkError("ServiceUnavailable.DiskFull", () -> call(update));
        CreateDiskRequest disk = new CreateDiskRequest();
        disk.setZoneId("cn-hangzhou-h");
        disk.setDiskCategory("cloud_essd");
        disk.setSize(40);
        assertSdkError("ServiceUnavailable.DiskFull", () -> call(disk));

        // Reads, signature checks and cryptographic use go on; nothing was half-written.
        assertEquals(1, call(new ListKeysRequest()).getTotalCount());
        DecryptRequest decrypt = new DecryptRequest();
        decrypt.setCiphertextBlob(blob);
        assertArrayEquals("kept".getBytes(StandardCharsets.UTF_8),
                Base64.getDecoder().decode(call(decrypt).getPlaintext()));
        assertEquals(0, call(new DescribeDisksRequest()).getTotalCount());
        assertEquals(filesBefore, files());

        freeBytes.set(Long.MAX_VALUE);
        call(update);
        call(disk);
        assertEquals(1, call(new DescribeDisksRequest()).getTotalCount());
    }

    /** The files of the data dir that hold resources (the database changes its own file in place). */
    private List<String> files() throws IOException {
        try (Stream<Path> files = Files.walk(dataDir)) {
            return files.filter(Files::isRegularFile).map(f -> dataDir.relativize(f).toString())
                    .filter(n -> !n.startsWith("state.")).sorted().toList();
        }
    }
}
