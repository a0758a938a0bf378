package dev.ecskms.bench;

import com.aliyuncs.DefaultAcsClient;
import com.aliyuncs.http.ProtocolType;
import com.aliyuncs.kms.model.v20160120.DecryptRequest;
import com.aliyuncs.kms.model.v20160120.GenerateDataKeyRequest;
import com.aliyuncs.profile.DefaultProfile;
import dev.ecskms.api.ApiServer;
import dev.ecskms.sim.Simulator;
import dev.ecskms.sim.common.CallContext;
import dev.ecskms.sim.kms.CreateKeyRequest;
import dev.ecskms.sim.kms.DecryptResponse;
import dev.ecskms.sim.kms.GenerateDataKeyResponse;
import dev.ecskms.sim.kms.KmsService;
import dev.ecskms.sim.ram.AccessKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
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

/** GenerateDataKey and Decrypt in-process (the service) and through the signed endpoint (the official SDK). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class KmsBenchmark {
    private static final Map<String, String> CONTEXT = Map.of("disk", "d-bench");

    private Path dataDir;
    private Simulator sim;
    private ApiServer api;
    private KmsService kms;
    private CallContext ctx;
    private String keyId;
    private String blob;
    private DefaultAcsClient client;
    private String endpoint;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dataDir = Files.createTempDirectory("kms-bench");
        sim = Simulator.open(dataDir);
        AccessKey ak = sim.accounts().ensureRootAccessKey(null, null).key();
        kms = sim.kms();
        ctx = CallContext.root(ak.accountId(), "cn-hangzhou");
        keyId = kms.createKey(ctx, CreateKeyRequest.defaults("bench")).keyId();
        blob = kms.generateDataKey(ctx, new dev.ecskms.sim.kms.GenerateDataKeyRequest(keyId, null, null, CONTEXT))
                .ciphertextBlob();
        api = new ApiServer(kms, sim.accounts());
        api.start("127.0.0.1", 0);
        endpoint = api.endpoint();
        client = new DefaultAcsClient(DefaultProfile.getProfile("cn-hangzhou", ak.accessKeyId(), ak.accessKeySecret()));
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        client.shutdown();
        api.stop();
        sim.close();
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Benchmark
    public GenerateDataKeyResponse generateDataKeyInProcess() {
        return kms.generateDataKey(ctx, new dev.ecskms.sim.kms.GenerateDataKeyRequest(keyId, null, null, CONTEXT));
    }

    @Benchmark
    public DecryptResponse decryptInProcess() {
        return kms.decrypt(ctx, blob, CONTEXT);
    }

    @Benchmark
    public Object generateDataKeyThroughEndpoint() throws Exception {
        GenerateDataKeyRequest request = new GenerateDataKeyRequest();
        request.setKeyId(keyId);
        request.setEncryptionContext("{\"disk\":\"d-bench\"}");
        request.setSysEndpoint(endpoint);
        request.setSysProtocol(ProtocolType.HTTP);
        return client.getAcsResponse(request);
    }

    @Benchmark
    public Object decryptThroughEndpoint() throws Exception {
        DecryptRequest request = new DecryptRequest();
        request.setCiphertextBlob(blob);
        request.setEncryptionContext("{\"disk\":\"d-bench\"}");
        request.setSysEndpoint(endpoint);
        request.setSysProtocol(ProtocolType.HTTP);
        return client.getAcsResponse(request);
    }
}
