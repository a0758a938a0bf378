package dev.ecskms.bench;

import dev.ecskms.sim.Simulator;
import dev.ecskms.sim.common.CallContext;
import dev.ecskms.sim.ecs.InstanceStatus;
import dev.ecskms.sim.ecs.RunInstancesRequest;
import dev.ecskms.sim.guest.OsImage;
import dev.ecskms.sim.kms.CreateKeyRequest;
import dev.ecskms.sim.oos.Execution;
import dev.ecskms.sim.oos.ListExecutionsRequest;
import dev.ecskms.sim.oos.OosService;
import dev.ecskms.sim.oos.StartExecutionRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
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
 * ACS-ECS-BulkyEncryptSystemDisk over a fleet at the default time scale (simulated time runs with real time), from
 * StartExecution to Success: one instance, and 20 at Concurrency 10. The target is 20 in at most 2.5 times the time of
 * one. Each measurement runs on a fresh data dir with the instances Running and a CMK; it takes minutes, so there is
 * one measurement and no warm-up: run {@code java -jar target/benchmarks.jar OosFleetBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
public class OosFleetBenchmark {
    @Param({"1", "20"})
    public int instances;

    private Path dir;
    private Simulator sim;
    private OosService oos;
    private CallContext ctx;
    private String parameters;

    @Setup(Level.Iteration)
    public void fleet() throws IOException, InterruptedException {
        dir = Files.createTempDirectory("oos-bench");
        sim = Simulator.open(dir);
        oos = sim.oos();
        ctx = CallContext.root(sim.accounts().rootAccountId(), "cn-hangzhou");
        sim.ram().authorizeEcsDiskEncryption(ctx);
        String key = sim.kms().createKey(ctx, CreateKeyRequest.defaults("fleet")).keyId();
        List<String> ids = sim.instances().runInstances(ctx, new RunInstancesRequest("cn-hangzhou-i", "ecs.g7.large",
                OsImage.ALIYUN_3.imageId(), new RunInstancesRequest.SystemDisk("cloud_essd", 20, "PL0", null, null),
                List.of(), instances, "Bench-Passw0rd", "fleet", null, null));
        for (String id : ids) {
            while (sim.instances().describeInstance(ctx, id).status() != InstanceStatus.Running) {
                Thread.sleep(100);
            }
        }
        parameters = "{\"targets\":{\"Type\":\"ResourceIds\",\"ResourceIds\":["
                + ids.stream().map(id -> "\"" + id + "\"").collect(Collectors.joining(",")) + "]},\"KMSKeyId\":\""
                + key + "\",\"rateControl\":{\"Mode\":\"Concurrency\",\"Concurrency\":10,\"MaxErrors\":0}}";
    }

    @TearDown(Level.Iteration)
    public void close() throws IOException {
        sim.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Benchmark
    public Execution encryptFleet() throws InterruptedException {
        String id = oos.startExecution(ctx, StartExecutionRequest.of("ACS-ECS-BulkyEncryptSystemDisk", parameters))
                .executionId();
        while (true) {
            Execution e = oos.listExecutions(ctx, ListExecutionsRequest.one(id)).items().get(0);
            if (e.isFinished()) {
                if (!e.status().equals(Execution.SUCCESS)) {
                    throw new IllegalStateException("the execution ended " + e.status() + ": " + e.statusMessage());
                }
                return e;
            }
            Thread.sleep(100);
        }
    }
}
