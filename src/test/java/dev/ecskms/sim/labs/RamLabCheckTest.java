package dev.ecskms.sim.labs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ecskms.sim.common.CallContext;
import dev.ecskms.sim.ecs.Disk;
import dev.ecskms.sim.ecs.DiskStatus;
import dev.ecskms.sim.ram.AttachedPolicy;
import dev.ecskms.sim.ram.User;
import dev.ecskms.sim.ram.policy.AccessRequest;
import dev.ecskms.sim.trail.TrailEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Lab (c)'s checks against RAM's contract (users, attachments, the policies' decision), on a small fake of it: RAM's
 * implementation lands separately. The trail events and disks are what the simulator records and lists.
 */
class RamLabCheckTest {
    private static final Instant START = Instant.parse("2026-11-28T10:00:00Z");
    private static final String ACCOUNT = "1234567890123456";
    private final List<TrailEvent> events = new ArrayList<>();
    private final List<Disk> disks = new ArrayList<>();
    private final List<User> users = new ArrayList<>();
    private final List<AttachedPolicy> attached = new ArrayList<>();
    /** The fake RAM's decision: whether the user's policies require encrypted disks. */
    private boolean requiresEncryption;
    /** When set, the decision is RAM's own policy language on these documents instead. */
    private List<dev.ecskms.sim.ram.policy.PolicyDocument> documents;

    private static Instant at(int seconds) {
        return START.plusSeconds(seconds);
    }

    private void event(int seconds, String user, String action, String resource, String errorCode) {
        events.add(new TrailEvent(events.size() + 1, "e" + events.size(), at(seconds), ACCOUNT, "cn-hangzhou",
                TrailEvent.IdentityType.RAM_USER, user, null, CallContext.Source.API, "Ecs", action, false,
                "ACS::ECS::Disk", resource, null, null, errorCode, null, "r" + events.size()));
    }

    private void disk(String id, int seconds, boolean encrypted) {
        disks.add(new Disk(id, "", "", "cn-hangzhou", "cn-hangzhou-i", "cloud_essd", "PL0", 20, "data",
                DiskStatus.Available, encrypted, encrypted ? "key-1" : null, null, null, false, at(seconds), null));
    }

    private List<Boolean> lit() {
        Lab lab = LabParser.parse("restrict-ram-user-to-encrypted-disks.lab", LabCatalog.BUILT_IN,
                LabCatalog.builtInFiles().get("restrict-ram-user-to-encrypted-disks.lab"));
        LabWorld.RamView ram = new LabWorld.RamView() {
            @Override
            public List<User> users() {
                return users;
            }

            @Override
            public List<AttachedPolicy> policiesOf(String userName) {
                return attached;
            }

            @Override
            public boolean allowed(String userName, AccessRequest request) {
                if (documents != null) {
                    return dev.ecskms.sim.ram.policy.PolicyDocument.evaluate(documents, request).allowed();
                }
                boolean encrypted = request.context().getOrDefault("ecs:IsDiskEncrypted", List.of()).contains("true");
                return !requiresEncryption || encrypted;
            }
        };
        LabWorld world = new LabWorld(ACCOUNT, "cn-hangzhou", START, at(600), events, Map.of(), disks, List.of(),
                "service-key", GuestFiles.NONE, ram, LabWorld.DiskHost.NONE);
        return LabEvaluator.evaluate(lab, world).steps().stream().map(LabProgress.StepState::lit).toList();
    }

    @Test
    void theStepsLightInOrderAsRamAndTheTrailShowThem() {
        users.add(new User("old", "u0", "old", "", START.minusSeconds(60), null, null));
        assertEquals(List.of(false, false, false, false), lit(), "a user from before the start does not count");
        users.add(new User("alice", "u1", "Alice", "", at(10), null, null));
        assertEquals(List.of(true, false, false, false), lit());
        attached.add(new AttachedPolicy("System", "AliyunECSFullAccess", at(20)));
        assertEquals(List.of(true, false, false, false), lit(), "full access alone lets plain disks through");
        attached.add(new AttachedPolicy("Custom", "EncryptedDisksOnly", at(30)));
        requiresEncryption = true;
        assertEquals(List.of(true, true, false, false), lit());
        event(40, "bob", "CreateDisk", null, "Forbidden.RAM");
        assertEquals(List.of(true, true, false, false), lit(), "another user's refusal is not alice's");
        event(50, "alice", "CreateDisk", null, "Forbidden.RAM");
        assertEquals(List.of(true, true, true, false), lit());
        disk("d-root", 55, true);
        event(55, "root", "CreateDisk", "d-root", null);
        assertEquals(List.of(true, true, true, false), lit(), "the root account's disk is not alice's");
        disk("d-alice", 60, true);
        event(60, "alice", "CreateDisk", "d-alice", null);
        assertEquals(List.of(true, true, true, true), lit());
    }

    @Test
    void aRefusalBeforeThePolicyDoesNotLightTheRefusalStep() {
        users.add(new User("alice", "u1", "Alice", "", at(10), null, null));
        event(20, "alice", "CreateDisk", null, "Forbidden.RAM"); // refused for lack of any permission
        attached.add(new AttachedPolicy("Custom", "EncryptedDisksOnly", at(30)));
        requiresEncryption = true;
        assertEquals(List.of(true, true, false, false), lit());
    }

    /** The lab's hint policy in RAM's policy language, with ECS full access: plain refused, encrypted allowed. */
    @Test
    void theHintsPolicyWithFullAccessRequiresEncryptedDisksInRamsOwnEvaluation() {
        users.add(new User("alice", "u1", "Alice", "", at(10), null, null));
        attached.add(new AttachedPolicy("System", "AliyunECSFullAccess", at(20)));
        attached.add(new AttachedPolicy("Custom", "EncryptedDisksOnly", at(30)));
        String fullAccess = dev.ecskms.sim.ram.policy.SystemPolicies.find("AliyunECSFullAccess").orElseThrow()
                .document();
        documents = List.of(dev.ecskms.sim.ram.policy.PolicyDocument.parse(fullAccess));
        assertEquals(List.of(true, false, false, false), lit(), "full access alone lets plain disks through");
        documents = List.of(dev.ecskms.sim.ram.policy.PolicyDocument.parse(fullAccess),
                dev.ecskms.sim.ram.policy.PolicyDocument.parse("{\"Version\":\"1\",\"Statement\":[{\"Effect\":"
                        + "\"Deny\",\"Action\":[\"ecs:CreateDisk\",\"ecs:RunInstances\"],\"Resource\":\"*\","
                        + "\"Condition\":{\"Bool\":{\"ecs:IsDiskEncrypted\":[\"false\"]}}}]}"));
        assertEquals(List.of(true, true, false, false), lit());
    }
}
