package dev.ecskms.bench;

import dev.ecskms.sim.Simulator;
import dev.ecskms.sim.common.CallContext;
import dev.ecskms.sim.ecs.InstanceService;
import dev.ecskms.sim.ecs.RunInstancesRequest;
import dev.ecskms.sim.guest.OsImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * RunInstances to the login prompt at the default time scale (simulated time runs with real time): what a user
 * waits between Create Order and a console that answers. Dominated by the simulated Pending and Starting phases.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 1)
@Measurement(iterations = 5)
public class InstanceLaunchBenchmark {
    private Path dir;
    private Simulator sim;
    private InstanceService instances;
    private CallContext ctx;

    @Setup(Level.Trial)
    public void open() throws IOException {
        dir = Files.createTempDirectory("launch-bench");
        sim = Simulator.open(dir);
        instances = sim.instances();
        ctx = CallContext.root(sim.accounts().rootAccountId(), "cn-hangzhou");
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        sim.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Benchmark
    public String runInstancesToLogin() throws InterruptedException {
        String id = instances.runInstances(ctx, new RunInstancesRequest("cn-hangzhou-i", "ecs.g7.large",
                OsImage.ALIYUN_3.imageId(), new RunInstancesRequest.SystemDisk("cloud_essd", 20, "PL0", true, null),
                List.of(), 1, "Bench-Passw0rd", "bench", null, null)).get(0);
        while (!instances.getInstanceConsoleOutput(ctx, id).contains("login:")) {
            Thread.sleep(20);
        }
        return id;
    }
}
