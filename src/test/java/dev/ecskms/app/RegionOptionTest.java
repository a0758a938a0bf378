package dev.ecskms.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** --region: the endpoint's default region, printed at start-up; an unknown one is refused before anything opens. */
class RegionOptionTest {
    @TempDir
    Path dataDir;

    @Test
    void theDefaultRegionIsPrintedAndUsed() {
        SimulatorOptions options = CommandLine.populateCommand(new SimulatorOptions(), "--data-dir",
                dataDir.toString(), "--port", "0", "--region", "cn-shanghai");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (RunningSimulator running = RunningSimulator.start(options, false,
                new PrintStream(out, true, StandardCharsets.UTF_8))) {
            assertEquals("cn-shanghai", running.api.defaultRegion());
            assertTrue(out.toString(StandardCharsets.UTF_8).contains("Region:        cn-shanghai"), out::toString);
        }
        assertEquals("cn-hangzhou", new SimulatorOptions().region);
    }

    @Test
    void anUnknownRegionIsRefused() {
        SimulatorOptions options = CommandLine.populateCommand(new SimulatorOptions(), "--data-dir",
                dataDir.resolve("never").toString(), "--port", "0", "--region", "mars-north-1");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RunningSimulator.start(options, false, System.out));
        assertTrue(e.getMessage().contains("mars-north-1"), e.getMessage());
        assertTrue(!dataDir.resolve("never").toFile().exists(), "nothing was opened");
    }
}
