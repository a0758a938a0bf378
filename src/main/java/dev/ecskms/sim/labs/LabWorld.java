package dev.ecskms.sim.labs;

import dev.ecskms.sim.ecs.Disk;
import dev.ecskms.sim.ecs.Instance;
import dev.ecskms.sim.ecs.Snapshot;
import dev.ecskms.sim.ram.AttachedPolicy;
import dev.ecskms.sim.ram.User;
import dev.ecskms.sim.ram.policy.AccessRequest;
import dev.ecskms.sim.trail.TrailEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What the checks of one evaluation look at, read once from the services: the audit trail's writes since the lab's
 * start (oldest first) — the evidence of what was done and when — and the current resources of the account and
 * region.
 * Every check reads only this; nothing here is set by the lab itself.
 *
 * @param serviceKeyId the region's ECS service key (alias/acs/ecs), to tell customer keys from it
 */
public record LabWorld(String accountId, String regionId, Instant start, Instant now, List<TrailEvent> events,
        Map<String, Instance> instances, List<Disk> disks, List<Snapshot> snapshots, String serviceKeyId,
        GuestFiles guestFiles, RamView ram, DiskHost diskHost) {

    public LabWorld {
        events = List.copyOf(events);
        instances = Map.copyOf(instances);
        disks = List.copyOf(disks);
        snapshots = List.copyOf(snapshots);
    }

    /** A disk's volume on the host, as the checks read it: whether it holds a text in the clear. */
    @FunctionalInterface
    public interface DiskHost {
        DiskHost NONE = (diskId, text) -> false;

        boolean holds(String diskId, byte[] text);
    }

    /** RAM as the checks read it (the users, what is attached to them and the documents in force). */
    public interface RamView {
        RamView NONE = new RamView() {
            @Override
            public List<User> users() {
                return List.of();
            }

            @Override
            public List<AttachedPolicy> policiesOf(String userName) {
                return List.of();
            }

            @Override
            public boolean allowed(String userName, AccessRequest request) {
                return false;
            }
        };

        List<User> users();

        List<AttachedPolicy> policiesOf(String userName);

        /** Whether the policies in force for the user allow the request (RAM's own evaluation). */
        boolean allowed(String userName, AccessRequest request);
    }

    public static Map<String, Instance> byId(List<Instance> instances) {
        return instances.stream().collect(Collectors.toMap(Instance::instanceId, Function.identity(), (a, b) -> a));
    }

    public Optional<Disk> disk(String diskId) {
        return disks.stream().filter(d -> d.diskId().equals(diskId)).findFirst();
    }

    public Optional<Disk> systemDisk(String instanceId) {
        return disks.stream().filter(d -> instanceId.equals(d.instanceId()) && "system".equals(d.type()))
                .findFirst();
    }

    /** Successful or failed events of one action, oldest first. */
    public List<TrailEvent> events(String eventName) {
        return events.stream().filter(e -> e.eventName().equals(eventName)).toList();
    }

    /** Whether an event names the resource among its comma-separated resource ids. */
    public static boolean names(TrailEvent e, String resourceId) {
        if (e.resourceName() == null || resourceId == null) {
            return false;
        }
        for (String id : e.resourceName().split(",")) {
            if (id.trim().equals(resourceId)) {
                return true;
            }
        }
        return false;
    }

    public boolean isServiceKey(String keyId) {
        return keyId != null && keyId.equals(serviceKeyId);
    }
}
