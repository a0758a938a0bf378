package dev.ecskms.bench;

import dev.ecskms.sim.Simulator;
import dev.ecskms.sim.common.CallContext;
import dev.ecskms.sim.ecs.DiskVolumes;
import dev.ecskms.sim.ecs.Snapshot;
import dev.ecskms.sim.ecs.VolumeCopyAccess;
import dev.ecskms.sim.kms.CreateKeyRequest;
import dev.ecskms.sim.kms.GenerateDataKeyRequest;
import dev.ecskms.sim.kms.GenerateDataKeyResponse;
import dev.ecskms.sim.kms.KmsService;
import dev.ecskms.sim.ram.AccessKey;
import dev.ecskms.sim.storage.BlockDevice;
import dev.ecskms.sim.storage.VolumeKeyInfo;
import dev.ecskms.sim.storage.Volumes;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
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
 * A conversion copy — CopyImage with Encrypted: the image's snapshot volume re-encrypted under a new data key from
 * KMS, through the very code CopyImage runs ({@code DiskVolumes.copySnapshotVolume}) — against {@code cp
 * --sparse=always} of the source volume's file on the same file system, side by side in one run (goal: plain copy
 * time ÷ re-encrypting copy time ≥ 0.5).
 *
 * <p>The source is an 8 GiB snapshot volume with 2 GiB written: 1 MiB of data, then a 1 MiB hole, over its first
 * 4 GiB; the last 4 GiB were never written. Both copies skip the holes and end with an fsync of what they wrote
 * (the volume copy forces its files; after {@code cp} the benchmark forces the copied file), so both put the same
 * 2 GiB on the device. The source stays in the page cache for both. Single shot: one copy per iteration.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
public class ReEncryptingCopyBenchmark {
    private static final long MIB = 1L << 20;
    private static final long VOLUME_BYTES = 8L << 30;
    private static final long WRITTEN_BYTES = 2L << 30;
    private static final String SOURCE_ID = "s-benchsource";
    private static final String COPY_ID = "s-benchcopy";

    /** The image's snapshot: encrypted under its own data key (re-encrypted: decrypt, then encrypt), or plain. */
    @Param({"encrypted", "plain"})
    public String source;

    private Path dataDir;
    private Simulator sim;
    private DiskVolumes volumes;
    private CallContext ctx;
    private String copyKeyId;
    private Snapshot snapshot;
    private Path sourceVolume;
    private Path copyDir;

    @Setup(Level.Trial)
    public void writeSource() throws IOException {
        dataDir = Files.createTempDirectory("copy-bench");
        sim = Simulator.open(dataDir);
        AccessKey ak = sim.accounts().ensureRootAccessKey(null, null).key();
        KmsService kms = sim.kms();
        ctx = CallContext.root(ak.accountId(), "cn-hangzhou");
        String sourceKeyId = kms.createKey(ctx, CreateKeyRequest.defaults("image")).keyId();
        copyKeyId = kms.createKey(ctx, CreateKeyRequest.defaults("copy")).keyId();
        volumes = sim.volumes();
        sourceVolume = volumes.snapshotVolume(SOURCE_ID);
        Files.createDirectories(sourceVolume.getParent());
        boolean encrypted = source.equals("encrypted");
        byte[] key = null;
        String keyVersionId = null;
        if (encrypted) {
            GenerateDataKeyResponse dataKey = kms.generateDataKey(ctx,
                    new GenerateDataKeyRequest(sourceKeyId, null, 64, VolumeCopyAccess.dataKeyContext()));
            key = dataKey.plaintext();
            keyVersionId = dataKey.keyVersionId();
            Volumes.createEncrypted(sourceVolume, VOLUME_BYTES,
                    new VolumeKeyInfo(dataKey.ciphertextBlob(), dataKey.keyId(), dataKey.keyVersionId()), key);
        } else {
            Volumes.createPlain(sourceVolume, VOLUME_BYTES);
        }
        SplittableRandom random = new SplittableRandom(10);
        byte[] chunk = new byte[(int) MIB];
        try (BlockDevice device = Volumes.open(sourceVolume, key)) {
            int sectorsPerChunk = (int) (MIB / device.sectorSize());
            for (long pos = 0; pos < 2 * WRITTEN_BYTES; pos += 2 * MIB) {
                random.nextBytes(chunk);
                device.write(pos / device.sectorSize(), sectorsPerChunk, chunk, 0);
            }
            device.flush();
        } finally {
            if (key != null) {
                Arrays.fill(key, (byte) 0);
            }
        }
        snapshot = new Snapshot(SOURCE_ID, "bench", null, "cn-hangzhou", "d-bench", (int) (VOLUME_BYTES >> 30),
                "system", "cloud_essd", "accomplished", "100%", encrypted, encrypted ? sourceKeyId : null,
                Instant.now(), ak.accountId(), keyVersionId, null);
        copyDir = Files.createDirectories(dataDir.resolve("cp"));
    }

    @TearDown(Level.Invocation)
    public void deleteCopies() throws IOException {
        Volumes.delete(volumes.snapshotVolume(COPY_ID));
        try (Stream<Path> files = Files.list(copyDir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.delete(f);
            }
        }
    }

    @TearDown(Level.Trial)
    public void deleteAll() throws IOException {
        sim.close();
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** CopyImage with Encrypted: every written sector decrypted (if need be) and encrypted under a new data key. */
    @Benchmark
    public String reEncryptingCopy() throws IOException {
        return VolumeCopyAccess.copySnapshotVolume(volumes, ctx, snapshot, COPY_ID, copyKeyId);
    }

    /** {@code cp --sparse=always} of the source volume's files (the same written bytes), then fsync of the copies. */
    @Benchmark
    public int plainCp() throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("cp", "--sparse=always"));
        List<Path> files = Volumes.files(sourceVolume);
        for (Path f : files) {
            command.add(f.toString());
        }
        command.add(copyDir.toString());
        Process cp = new ProcessBuilder(command).inheritIO().start();
        int status = cp.waitFor();
        if (status != 0) {
            throw new IOException(command + " exited with " + status);
        }
        for (Path f : files) {
            try (FileChannel ch = FileChannel.open(copyDir.resolve(f.getFileName()), StandardOpenOption.WRITE)) {
                ch.force(true);
            }
        }
        return status;
    }
}
