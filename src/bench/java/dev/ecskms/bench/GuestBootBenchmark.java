package dev.ecskms.bench;

import dev.ecskms.sim.guest.AttachedDevice;
import dev.ecskms.sim.guest.GuestHost;
import dev.ecskms.sim.guest.GuestImages;
import dev.ecskms.sim.guest.GuestMachine;
import dev.ecskms.sim.guest.OsImage;
import dev.ecskms.sim.storage.BlockDevice;
import dev.ecskms.sim.storage.VolumeKeyInfo;
import dev.ecskms.sim.storage.Volumes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A guest boot — open the system volume, boot to the login prompt, stop — from an encrypted system disk versus
 * the same boot from a plain one (goal: encrypted ≤ 1.5× plain). The KMS call that unwraps the data key is left
 * out; KmsBenchmark measures it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class GuestBootBenchmark {
    private static final GuestHost NO_HOST = new GuestHost() {
        @Override
        public void requestReboot() {
        }

        @Override
        public void requestPowerOff() {
        }
    };

    @Param({"plain", "encrypted"})
    public String systemDisk;

    private Path dir;
    private Path volume;
    private byte[] key;

    @Setup(Level.Trial)
    public void install() throws IOException {
        dir = Files.createTempDirectory("boot-bench");
        volume = dir.resolve("d-bench.img");
        long size = 20L << 30;
        if (systemDisk.equals("encrypted")) {
            key = new byte[64];
            new SecureRandom().nextBytes(key);
            Volumes.createEncrypted(volume, size, new VolumeKeyInfo("wrapped-by-kms", "key", "version"), key);
        } else {
            Volumes.createPlain(volume, size);
        }
        try (BlockDevice device = Volumes.open(volume, key)) {
            GuestImages.install(device, OsImage.ALIYUN_3, "bench", "Bench-Passw0rd");
            device.flush();
        }
    }

    @TearDown(Level.Trial)
    public void delete() throws IOException {
        Files.deleteIfExists(volume);
        Files.deleteIfExists(dir);
    }

    @Benchmark
    public String bootToLogin() throws IOException {
        try (BlockDevice device = Volumes.open(volume, key)) {
            GuestMachine machine = new GuestMachine("i-bench", "bench", OsImage.ALIYUN_3,
                    List.of(new AttachedDevice("/dev/vda", "d-bench", device, null, true)), NO_HOST, Clock.systemUTC());
            machine.boot();
            String state = machine.state();
            machine.stop();
            if (!state.equals("login")) {
                throw new IllegalStateException("the boot ended in " + state);
            }
            return state;
        }
    }
}
