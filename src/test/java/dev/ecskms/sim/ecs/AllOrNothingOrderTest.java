package dev.ecskms.sim.ecs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecskms.sim.common.ApiException;
import dev.ecskms.sim.guest.OsImage;
import dev.ecskms.sim.store.Store;
import dev.ecskms.testing.SimulatorTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** A failed order leaves nothing behind, and disks attached to instances that never existed are repaired on open. */
class AllOrNothingOrderTest extends SimulatorTest {

    private LocalEcsService local() {
        return sim.localEcs();
    }

    private List<String> volumeFiles() throws IOException {
        Path dir = dataDir.resolve("volumes");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    private List<String> rows(String sql) {
        return local().store().query(sql, rs -> rs.getString(1));
    }

    private RunInstancesRequest twoInstances(String clientToken) {
        return new RunInstancesRequest("cn-hangzhou-i", "ecs.g7.large", OsImage.ALIYUN_3.imageId(),
                new RunInstancesRequest.SystemDisk("cloud_essd", 20, "PL0", true, null),
                List.of(new RunInstancesRequest.DataDisk("cloud_essd", 20, null, "PL0", true, null, true)), 2,
                "Lab-Passw0rd", "order", null, clientToken);
    }

    @Test
    void aRunInstancesThatFailsOnTheSecondInstancesDiskLeavesNothing() throws IOException {
        // the host takes three volumes: both disks of the first instance and the second's system disk
        local().volumes().fillHostAfter(3);
        ApiException e = assertThrows(ApiException.class, () -> sim.instances().runInstances(ctx,
                twoInstances("order-1")));
        assertEquals(HostStorage.CODE, e.code());
        assertTrue(!e.getMessage().contains("Exception"), e.getMessage());

        assertEquals(List.of(), rows("select disk_id from ecs_disks"));
        assertEquals(List.of(), rows("select instance_id from ecs_instances"));
        assertEquals(List.of(), rows("select volume_id from ecs_volume_journal"));
        assertEquals(List.of(), volumeFiles());

        // the ClientToken was not taken by the failed order: the same order again, on a host with room, is new
        local().volumes().fillHostAfter(-1);
        List<String> ids = sim.instances().runInstances(ctx, twoInstances("order-1"));
        assertEquals(2, ids.size());
        assertEquals(4, rows("select disk_id from ecs_disks").size());
        advance();
        for (String id : ids) {
            assertEquals(InstanceStatus.Running, sim.instances().describeInstance(ctx, id).status());
        }
        assertEquals(List.of(), rows("select volume_id from ecs_volume_journal"));
    }

    @Test
    void aFailedCreateDiskFromASnapshotLeavesNothing() throws IOException {
        String disk = sim.ecs().createDisk(ctx, new CreateDiskRequest("cn-hangzhou-i", "cloud_essd", 20, null, null,
                true, null, null, null, null, null));
        sim.clock().fastForward(Duration.ofMinutes(1));
        String snapshot = sim.ecs().createSnapshot(ctx, disk, "snap", null);
        sim.clock().fastForward(Duration.ofHours(1));
        List<String> before = volumeFiles();
        local().volumes().fillHostAfter(0);
        assertEquals(HostStorage.CODE, assertThrows(ApiException.class, () -> sim.ecs().createDisk(ctx,
                new CreateDiskRequest("cn-hangzhou-i", "cloud_essd", 20, snapshot, null, true, null, null, null,
                        null, null))).code());
        assertEquals(List.of(disk), rows("select disk_id from ecs_disks"));
        assertEquals(List.of(), rows("select volume_id from ecs_volume_journal"));
        assertEquals(before, volumeFiles());
    }

    @Test
    void disksOfAnInstanceThatDoesNotExistAreRepairedWhenTheDataDirOpens() throws IOException {
        List<String> ids = sim.instances().runInstances(ctx, new RunInstancesRequest("cn-hangzhou-i", "ecs.g7.large",
                OsImage.ALIYUN_3.imageId(), new RunInstancesRequest.SystemDisk("cloud_essd", 20, "PL0", null, null),
                List.of(new RunInstancesRequest.DataDisk("cloud_essd", 20, null, "PL0", null, null, true)), 1,
                "Lab-Passw0rd", "debris", null, null));
        String instance = ids.get(0);
        List<Disk> disks = sim.ecs().describeDisks(ctx, new DescribeDisksRequest(null, null, instance, null, null,
                null, null, null, 1, 10)).items();
        String system = disks.stream().filter(d -> d.type().equals("system")).findFirst().orElseThrow().diskId();
        String data = disks.stream().filter(d -> d.type().equals("data")).findFirst().orElseThrow().diskId();
        // what a failed order of an earlier release left: the disks, In_use by an instance that is not there
        Store store = local().store();
        store.txRun(c -> Store.update(c, "delete from ecs_instances where instance_id = ?", instance));

        reopen();

        assertEquals(List.of(data), rows("select disk_id from ecs_disks"));
        Disk kept = sim.ecs().describeDisk(ctx, data);
        assertEquals(DiskStatus.Available, kept.status());
        assertEquals(null, kept.instanceId());
        assertEquals(List.of(data + ".img"), volumeFiles().stream().filter(f -> f.endsWith(".img")).toList());
        assertEquals(List.of(), rows("select volume_id from ecs_volume_journal"));
        sim.ecs().deleteDisk(ctx, data); // the owner can release it now
        assertTrue(!Files.exists(sim.volumes().diskVolume(system)));
    }
}
