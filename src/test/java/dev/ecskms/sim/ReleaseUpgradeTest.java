package dev.ecskms.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ecskms.sim.common.CallContext;
import dev.ecskms.sim.kms.KeyState;
import java.io.IOException;
import java.io.Reader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A data dir made by release 0.1 (H2 2.3.232, schema V1–V5, one KEK per key; in src/test/resources/datadirs, made
 * with that release's own services) opens with this one: H2's newer file format reads it, Flyway migrates it, and
 * what was encrypted then decrypts now.
 */
class ReleaseUpgradeTest {
    @TempDir
    Path dataDir;

    @Test
    void aDataDirOfRelease01OpensAndItsCiphertextsDecrypt() throws IOException, URISyntaxException {
        Path fixture = Path.of(getClass().getResource("/datadirs/release-0.1").toURI());
        try (Stream<Path> files = Files.walk(fixture)) {
            for (Path from : files.toList()) {
                Path to = dataDir.resolve(fixture.relativize(from).toString());
                if (Files.isDirectory(from)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(from, to);
                }
            }
        }
        Properties made = new Properties();
        try (Reader in = Files.newBufferedReader(dataDir.resolve("fixture.properties"), StandardCharsets.UTF_8)) {
            made.load(in);
        }
        for (int open = 0; open < 2; open++) { // the migrated data dir opens again
            try (Simulator sim = Simulator.open(dataDir)) {
                CallContext ctx = CallContext.root(sim.accounts().rootAccountId(), "cn-hangzhou");
                assertEquals("written by release 0.1", new String(sim.kms().decrypt(ctx, made.getProperty("ciphertext"),
                        Map.of("purpose", "upgrade-test")).plaintext(), StandardCharsets.UTF_8));
                assertEquals("under the service key", new String(sim.kms().decrypt(ctx,
                        made.getProperty("serviceCiphertext"), Map.of()).plaintext(), StandardCharsets.UTF_8));
                assertEquals(KeyState.Disabled, sim.kms().describeKey(ctx, made.getProperty("disabledKeyId")).keyState());
                assertEquals(made.getProperty("keyId"), sim.kms().describeKey(ctx, "alias/release-fixture").keyId());
                assertEquals("LTAIreleaseFixture01", sim.accounts().ensureRootAccessKey(null, null).key().accessKeyId());
            }
        }
    }
}
