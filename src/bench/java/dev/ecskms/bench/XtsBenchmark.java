package dev.ecskms.bench;

import dev.ecskms.sim.storage.Xts;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * AES-256-XTS on one 4 KiB sector per operation, as a volume does it. Compare with
 * {@code openssl speed -evp aes-256-xts -bytes 4096} (bytes/s ÷ 4096 = sectors/s).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class XtsBenchmark {
    private static final int SECTOR = 4096;

    private Xts xts;
    private final byte[] plain = new byte[SECTOR];
    private final byte[] cipher = new byte[SECTOR];
    private final byte[] out = new byte[SECTOR];
    private long sector;

    @Setup
    public void setUp() {
        Random random = new Random(1);
        byte[] key = new byte[Xts.KEY_BYTES];
        random.nextBytes(key);
        random.nextBytes(plain);
        xts = new Xts(key);
        xts.encrypt(0, plain, 0, SECTOR, cipher, 0);
    }

    @Benchmark
    public byte[] encryptSector() {
        xts.encrypt(sector++, plain, 0, SECTOR, out, 0);
        return out;
    }

    @Benchmark
    public byte[] decryptSector() {
        xts.decrypt(sector++, cipher, 0, SECTOR, out, 0);
        return out;
    }
}
