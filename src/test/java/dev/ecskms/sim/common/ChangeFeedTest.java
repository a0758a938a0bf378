package dev.ecskms.sim.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecskms.sim.common.ChangeFeed.Change;
import dev.ecskms.sim.common.ChangeFeed.Topic;
import dev.ecskms.sim.ecs.InstanceStatus;
import dev.ecskms.sim.ecs.RunInstancesRequest;
import dev.ecskms.sim.guest.OsImage;
import dev.ecskms.sim.kms.CreateKeyRequest;
import dev.ecskms.sim.kms.KeyState;
import dev.ecskms.testing.SimulatorTest;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Every committed write, by any face or the simulated clock, is published once on the change feed. */
class ChangeFeedTest extends SimulatorTest {
    /**
     * Everything but the audit trail, which records every call, reads and refusals included: a subscriber that
     * reads on a trail event would feed itself.
     */
    private static final Set<Topic> RESOURCES = EnumSet.complementOf(EnumSet.of(Topic.TRAIL));

    private static final Duration DELIVERY = Duration.ofSeconds(5);

    private List<Change> record(Set<Topic> topics) {
        List<Change> changes = new CopyOnWriteArrayList<>();
        sim.changes().subscribe(topics, changes::add);
        return changes;
    }

    private void delivered() {
        sim.changes().awaitDelivered(DELIVERY);
    }

    @Test
    void aServiceWriteIsPublishedOnceAfterItCommitsUnderItsTopic() {
        String keyId = sim.kms().createKey(ctx, CreateKeyRequest.defaults("feed")).keyId();
        delivered();
        List<KeyState> stateSeenBySubscriber = new CopyOnWriteArrayList<>();
        List<Change> changes = new CopyOnWriteArrayList<>();
        sim.changes().subscribe(RESOURCES, change -> {
            changes.add(change);
            stateSeenBySubscriber.add(sim.kms().describeKey(ctx, keyId).keyState());
        });

        sim.kms().disableKey(ctx, keyId); // what an SDK script's DisableKey ends in
        delivered();

        assertEquals(1, changes.size(), changes.toString());
        assertEquals(Set.of(Topic.KMS_KEYS), changes.get(0).topics());
        assertTrue(changes.get(0).tables().contains("kms_keys"), changes.toString());
        assertEquals(List.of(KeyState.Disabled), stateSeenBySubscriber, "published after the commit");
    }

    @Test
    void aRefusedCallPublishesNothing() {
        List<Change> changes = record(RESOURCES);
        refused(() -> sim.kms().disableKey(ctx, "no-such-key")); // on the audit trail, as a failed call; nothing else
        delivered();
        assertEquals(List.of(), changes);
    }

    @Test
    void aFailingSubscriberBreaksNeitherTheWriteNorTheOtherSubscribers() {
        String keyId = sim.kms().createKey(ctx, CreateKeyRequest.defaults("feed")).keyId();
        delivered();
        sim.changes().subscribe(EnumSet.allOf(Topic.class), change -> {
            throw new IllegalStateException("a broken page");
        });
        List<Change> changes = record(EnumSet.of(Topic.KMS_KEYS));

        sim.kms().disableKey(ctx, keyId);
        sim.kms().enableKey(ctx, keyId);
        delivered();

        assertEquals(KeyState.Enabled, sim.kms().describeKey(ctx, keyId).keyState());
        assertEquals(2, changes.size(), changes.toString());
    }

    @Test
    void aClosedSubscriptionHearsNothingMore() {
        List<Change> changes = new CopyOnWriteArrayList<>();
        ChangeFeed.Subscription subscription = sim.changes().subscribe(EnumSet.allOf(Topic.class), changes::add);
        subscription.close();
        sim.kms().createKey(ctx, CreateKeyRequest.defaults("unheard"));
        delivered();
        assertEquals(List.of(), changes);
    }

    @Test
    void aKeyDeletionWindowPassingIsPublished() {
        String keyId = sim.kms().createKey(ctx, CreateKeyRequest.defaults("doomed")).keyId();
        sim.kms().scheduleKeyDeletion(ctx, keyId, 7);
        delivered();
        List<Change> changes = record(EnumSet.of(Topic.KMS_KEYS, Topic.CLOCK));

        sim.clock().fastForward(Duration.ofDays(8));
        delivered();

        assertTrue(changes.stream().anyMatch(c -> c.topics().contains(Topic.KMS_KEYS)), changes.toString());
        assertTrue(changes.stream().anyMatch(c -> c.topics().contains(Topic.CLOCK)), changes.toString());
        assertFalse(sim.kms().listKeySummaries(ctx).stream().anyMatch(k -> k.metadata().keyId().equals(keyId)));
    }

    @Test
    void anInstanceStartingOnTheClockIsPublished() {
        String id = sim.instances().runInstances(ctx, new RunInstancesRequest("cn-hangzhou-i", "ecs.g7.large",
                OsImage.ALIYUN_3.imageId(), new RunInstancesRequest.SystemDisk("cloud_essd", 20, "PL0", null, null),
                List.of(), 1, "Lab-Passw0rd", "feed", "feed-host", null)).get(0);
        delivered();
        List<Change> changes = record(EnumSet.of(Topic.INSTANCES));

        advance(); // Pending → Starting → Running, by the clock's due events
        delivered();

        assertEquals(InstanceStatus.Running, sim.instances().describeInstance(ctx, id).status());
        assertTrue(changes.size() >= 2, "each step is a write of its own: " + changes);
    }

    @Test
    void aCoalescingSubscriberGetsOneCallForABurst() throws InterruptedException {
        List<Change> changes = new CopyOnWriteArrayList<>();
        sim.changes().subscribe(EnumSet.of(Topic.KMS_KEYS, Topic.KMS_ALIASES), Duration.ofMillis(200), changes::add);
        for (int i = 0; i < 5; i++) {
            sim.kms().createKey(ctx, CreateKeyRequest.defaults("burst " + i));
        }
        sim.kms().createAlias(ctx, "alias/burst", sim.kms().listKeySummaries(ctx).get(0).metadata().keyId());
        long deadline = System.currentTimeMillis() + 5000;
        while (changes.isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
        Thread.sleep(300);
        assertEquals(1, changes.size(), changes.toString());
        assertEquals(Set.of(Topic.KMS_KEYS, Topic.KMS_ALIASES), changes.get(0).topics());
    }

    private static void refused(Runnable call) {
        try {
            call.run();
        } catch (ApiException expected) {
            return;
        }
        throw new AssertionError("the call should have been refused");
    }
}
