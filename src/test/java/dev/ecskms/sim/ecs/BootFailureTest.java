package dev.ecskms.sim.ecs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecskms.sim.guest.OsImage;
import dev.ecskms.sim.kms.CreateKeyRequest;
import dev.ecskms.testing.SimulatorTest;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** A start that cannot read a disk: the screen stays black, and the reason is on the instance, not in a log. */
class BootFailureTest extends SimulatorTest {
    InstanceService instances;

    @Override
    protected void opened() {
        instances = sim.instances();
    }

    private String run(String kmsKeyId) {
        String id = instances.runInstances(ctx, new RunInstancesRequest("cn-hangzhou-i", "ecs.g7.large",
                OsImage.ALIYUN_3.imageId(), new RunInstancesRequest.SystemDisk("cloud_essd", 20, "PL0", true,
                        kmsKeyId), List.of(), 1, "Lab-Passw0rd", "boot", "boot-host", null)).get(0);
        advance();
        assertNull(instances.describeInstance(ctx, id).bootFailure());
        return id;
    }

    private String systemDisk(String instanceId) {
        return sim.ecs().describeDisks(ctx, new DescribeDisksRequest(null, null, instanceId, null, null, null, null,
                null, 1, 10)).items().stream().filter(d -> d.type().equals("system")).findFirst().orElseThrow()
                .diskId();
    }

    private String probe(String id) {
        String invoke = instances.runCommand(ctx, List.of(id), "hostname", "probe");
        Invocation result = instances.describeInvocationResults(ctx, invoke).get(0);
        assertEquals("Failed", result.status());
        return result.errorInfo();
    }

    private boolean black(String id) {
        return Arrays.stream(instances.connect(ctx, id).pixels()).allMatch(p -> p == 0xFF000000);
    }

    @Test
    void aDisabledKeyIsRecordedOnTheInstanceAndClearedByTheNextGoodStart() {
        sim.ram().authorizeEcsDiskEncryption(ctx);
        String key = sim.kms().createKey(ctx, CreateKeyRequest.defaults("boot")).keyId();
        String id = run(key);
        sim.kms().disableKey(ctx, key);
        instances.rebootInstance(ctx, id, false);
        advance();
        Instance i = instances.describeInstance(ctx, id);
        assertEquals(InstanceStatus.Running, i.status(), "as the real service shows it");
        assertTrue(black(id));
        BootFailure failure = i.bootFailure();
        assertNotNull(failure);
        assertEquals("Rejected.Disabled", failure.code());
        assertTrue(failure.message().contains(systemDisk(id)) && failure.message().contains(key), failure.message());
        String error = probe(id);
        assertTrue(error.startsWith("ClientNotResponse:") && error.contains("Rejected.Disabled"), error);

        sim.kms().enableKey(ctx, key);
        instances.rebootInstance(ctx, id, false);
        advance();
        assertNull(instances.describeInstance(ctx, id).bootFailure());
        assertFalse(black(id));
    }

    @Test
    void aDamagedVolumeHeaderIsRecordedOnTheInstance() throws IOException {
        String id = run(null);
        instances.stopInstance(ctx, id, false);
        advance();
        Path volume = sim.volumes().diskVolume(systemDisk(id));
        try (RandomAccessFile raf = new RandomAccessFile(volume.toFile(), "rw")) {
            raf.write("garbage!".getBytes()); // the magic
        }
        instances.startInstance(ctx, id);
        advance();
        Instance i = instances.describeInstance(ctx, id);
        assertEquals(InstanceStatus.Running, i.status());
        assertTrue(black(id));
        assertEquals(BootFailure.VOLUME_DAMAGED, i.bootFailure().code());
        assertTrue(i.bootFailure().message().contains("magic"), i.bootFailure().message());
        assertTrue(probe(id).contains(BootFailure.VOLUME_DAMAGED), probe(id));
    }

    /** Case 7: key material the host lost made the start throw on every tick, and RunCommand say "Running". */
    @Test
    void keyMaterialTheHostLostIsRecordedOnceAndRunCommandSaysWhy() throws IOException {
        sim.ram().authorizeEcsDiskEncryption(ctx);
        String key = sim.kms().createKey(ctx, CreateKeyRequest.defaults("lost")).keyId();
        String id = run(key);
        sim.close();
        try (Stream<Path> files = Files.walk(dataDir.resolve("hsm"))) {
            for (Path kek : files.filter(f -> f.getFileName().toString().startsWith(key)).toList()) {
                Files.delete(kek);
            }
        }
        reopen();
        sim.clock().fastForward(Duration.ofSeconds(1));
        Instance i = instances.describeInstance(ctx, id);
        assertEquals(InstanceStatus.Running, i.status());
        assertNotNull(i.bootFailure(), "the reason is on the instance");
        String error = probe(id);
        assertFalse(error.contains("the instance is Running"), error);
        assertTrue(error.startsWith("ClientNotResponse:") && error.contains(i.bootFailure().code()), error);
        assertTrue(black(id));
    }
}
