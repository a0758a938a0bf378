package dev.ecskms.sim.store;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecskms.sim.Simulator;
import dev.ecskms.sim.common.CallContext;
import dev.ecskms.sim.kms.CreateKeyRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data file stays near the size of its live data while the simulator runs. */
class StoreTest {
    @TempDir
    Path dataDir;

    @Test
    void aThousandUpdatesOfOneKeyGrowTheFileByLessThanFiveMegabytes() throws Exception {
        try (Simulator sim = Simulator.open(dataDir)) {
            CallContext ctx = CallContext.root(sim.accounts().rootAccountId(), "cn-hangzhou");
            String keyId = sim.kms().createKey(ctx, CreateKeyRequest.defaults("")).keyId();
            Path file = dataDir.resolve(Store.FILE_NAME);
            long before = Files.size(file);
            long peak = before;
            for (int i = 0; i < 1000; i++) {
                sim.kms().updateKeyDescription(ctx, keyId, "description " + i);
                peak = Math.max(peak, Files.size(file));
            }
            String sizes = "before " + before + ", peak " + peak + ", after " + Files.size(file);
            System.out.println("state.mv.db bytes: " + sizes);
            assertTrue(peak - before < 5_000_000, sizes);
        }
    }
}
