package dev.ecskms.sim.labs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecskms.sim.common.ApiException;
import dev.ecskms.sim.common.CallContext;
import dev.ecskms.sim.ecs.CreateDiskRequest;
import dev.ecskms.testing.SimulatorTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Lab (c) on a real simulator, by service calls as a script would: a RAM user, ECS full access plus a policy that
 * denies unencrypted disks, the user's plain disk refused by RAM's access guard (Forbidden.RAM), the user's encrypted
 * disk made. (It aborts with the reason on a simulator whose RAM has no users or guard.)
 */
class RamLabOnSimulatorTest extends SimulatorTest {
    private static final String LAB = "restrict-ram-user-to-encrypted-disks";
    private static final String DENY_PLAIN = "{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":"
            + "[\"ecs:CreateDisk\",\"ecs:RunInstances\"],\"Resource\":\"*\",\"Condition\":{\"Bool\":"
            + "{\"ecs:IsDiskEncrypted\":[\"false\"]}}}]}";

    private List<Boolean> lit() {
        return sim.labs().evaluate(ctx, LAB).steps().stream().map(LabProgress.StepState::lit).toList();
    }

    private CreateDiskRequest disk(boolean encrypted) {
        return new CreateDiskRequest("cn-hangzhou-i", "cloud_essd", 20, null, "PL0", encrypted, null, null, null, null,
                null);
    }

    @Test
    void theRamLabLightsAsTheUserIsRestrictedAndTriesBothDisks() {
        sim.clock().fastForward(Duration.ofSeconds(1));
        sim.labs().start(ctx, LAB);
        sim.clock().fastForward(Duration.ofSeconds(1));
        try {
            sim.ram().createUser(ctx, "alice", "Alice", "lab (c)");
        } catch (UnsupportedOperationException notYet) {
            Assumptions.abort("RAM users are not implemented yet: " + notYet.getMessage());
        }
        assertEquals(List.of(true, false, false, false), lit());
        sim.ram().attachPolicyToUser(ctx, "System", "AliyunECSFullAccess", "alice");
        sim.ram().createPolicy(ctx, "EncryptedDisksOnly", DENY_PLAIN, "lab (c)");
        sim.ram().attachPolicyToUser(ctx, "Custom", "EncryptedDisksOnly", "alice");
        assertEquals(List.of(true, true, false, false), lit());

        CallContext alice = new CallContext(ctx.accountId(), "alice", ctx.regionId(), CallContext.newRequestId(),
                CallContext.Source.API);
        ApiException refused;
        try {
            refused = assertThrows(ApiException.class, () -> sim.ecs().createDisk(alice, disk(false)));
        } catch (AssertionError guardNotThereYet) {
            Assumptions.abort("RAM's request guard does not refuse ECS calls yet");
            return;
        }
        assertEquals("Forbidden.RAM", refused.code());
        assertEquals(List.of(true, true, true, false), lit());
        String id = sim.ecs().createDisk(alice, disk(true));
        assertTrue(sim.labs().evaluate(ctx, LAB).complete(), id);
    }
}
