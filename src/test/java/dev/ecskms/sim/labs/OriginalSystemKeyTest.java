package dev.ecskms.sim.labs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ecskms.sim.common.CallContext;
import dev.ecskms.sim.trail.TrailEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What an instance's system disk was when it was made, once it is replaced or released: its first boot's Decrypt,
 * in the order the trail really records calls (an outer call after the inner calls it made).
 */
class OriginalSystemKeyTest {
    private static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");
    private final List<TrailEvent> events = new ArrayList<>();

    private void event(long millis, TrailEvent.IdentityType who, String session, String action, String resource,
            String keyId) {
        events.add(new TrailEvent(events.size() + 1, "e" + events.size(), T0.plusMillis(millis), "1", "cn-hangzhou",
                who, who == TrailEvent.IdentityType.ASSUMED_ROLE ? "AliyunECSDiskEncryptDefaultRole" : "root",
                session, CallContext.Source.CONSOLE, "Ecs", action, false, null, resource, keyId, null, null, null,
                "r"));
    }

    private Checks.SystemKey key(String instanceId) {
        LabWorld world = new LabWorld("1", "cn-hangzhou", T0, T0.plusSeconds(600), events, Map.of(), List.of(),
                List.of(), "service-key", GuestFiles.NONE, LabWorld.RamView.NONE,
                LabWorld.DiskHost.NONE);
        return Checks.originalSystemKey(world, instanceId);
    }

    @Test
    void aPlainSystemDiskReplacedByAnEncryptedOneWasPlain() {
        event(0, TrailEvent.IdentityType.ROOT_ACCOUNT, null, "RunInstances", "i-1", null);
        event(5_000, TrailEvent.IdentityType.ROOT_ACCOUNT, null, "StopInstance", "i-1", null);
        // ReplaceSystemDisk decrypts the new disk's data key for the instance, and is recorded after it returns
        event(9_998, TrailEvent.IdentityType.ASSUMED_ROLE, "i-1", "Decrypt", "cmk", "cmk");
        event(10_000, TrailEvent.IdentityType.ROOT_ACCOUNT, null, "ReplaceSystemDisk", "i-1,d-new", null);
        assertEquals(new Checks.SystemKey(true, null), key("i-1"));
    }

    @Test
    void aReleasedInstanceKeepsTheKeyOfItsFirstBoot() {
        event(0, TrailEvent.IdentityType.ROOT_ACCOUNT, null, "RunInstances", "i-2", null);
        event(3_000, TrailEvent.IdentityType.ASSUMED_ROLE, "i-2", "Decrypt", "cmk", "cmk");
        event(5_000, TrailEvent.IdentityType.ROOT_ACCOUNT, null, "RebootInstance", "i-2", null);
        event(8_000, TrailEvent.IdentityType.ASSUMED_ROLE, "i-2", "Decrypt", "other", "other");
        event(9_000, TrailEvent.IdentityType.ROOT_ACCOUNT, null, "DeleteInstance", "i-2", null);
        assertEquals(new Checks.SystemKey(true, "cmk"), key("i-2"));
    }
}
