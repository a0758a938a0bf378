package dev.ecskms.sim.common;

import java.time.Duration;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one change feed of the simulator: every committed write, whichever face caused it (a click, an SDK call, the
 * simulated clock's due events), is published once as a {@link Change} naming the {@link Topic}s it touched, so that
 * whoever shows state (the console's pages) can decide to reload instead of polling.
 *
 * <p>The store reports the tables each committed transaction wrote ({@link #publishTables}); the one table → topic
 * mapping is {@link #topicOf}. Changes that write no table but show (the clock moving forward, snapshot progress
 * that is computed from the clock) are published directly ({@link #publish}).
 *
 * <p>Publishing only enqueues: subscribers run later on the feed's own thread, never inside the publisher's
 * transaction or under its locks, in publication order. A subscriber that throws is logged and the others still
 * run; it cannot break the write that caused the change.
 */
public final class ChangeFeed implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ChangeFeed.class);

    /** What changed, one topic per kind of resource (or concern) a page shows. */
    public enum Topic {
        KMS_KEYS, KMS_ALIASES, DISKS, SNAPSHOTS, IMAGES, INSTANCES, DEFAULT_ENCRYPTION, RAM_ROLES, ACCOUNTS,
        /** RAM users, groups and memberships (a user's AccessKeys are {@link #ACCOUNTS}). */
        RAM_USERS,
        /** RAM custom policies, their versions, and the attachments of policies to users and groups. */
        RAM_POLICIES,
        /** OOS executions and their task executions: an execution's live progress. */
        OOS_EXECUTIONS,
        /** Simulated time moved forward (fast-forward); a plain tick of real time is not published. */
        CLOCK,
        /**
         * The audit trail. Pages whose own reads are recorded must not reload on it: each reload would record an
         * event and so trigger the next.
         */
        TRAIL,
        /** Stored settings (the clock offset, generated credentials). */
        SETTINGS,
        /** Bookkeeping no page shows (the volume journal, the key-shred queue). */
        INTERNAL,
        /** A table this mapping does not know yet; {@link Change#tables()} names it. */
        OTHER
    }

    /**
     * One published change.
     *
     * @param sequence increases by one per publication, so a subscriber can tell it missed nothing
     * @param topics   what changed
     * @param tables   the store tables written (lower case); empty for changes that wrote none
     */
    public record Change(long sequence, Set<Topic> topics, Set<String> tables) {
        public Change {
            topics = Set.copyOf(topics);
            tables = Set.copyOf(tables);
        }
    }

    /** Ends a subscription; closing twice does nothing. */
    public interface Subscription extends AutoCloseable {
        @Override
        void close();
    }

    private static final Map<String, Topic> TOPICS = Map.ofEntries(
            Map.entry("kms_keys", Topic.KMS_KEYS), Map.entry("kms_key_versions", Topic.KMS_KEYS),
            Map.entry("kms_tags", Topic.KMS_KEYS), Map.entry("kms_import_tokens", Topic.KMS_KEYS),
            Map.entry("kms_aliases", Topic.KMS_ALIASES),
            Map.entry("kms_shred_queue", Topic.INTERNAL), Map.entry("ecs_volume_journal", Topic.INTERNAL),
            Map.entry("flyway_schema_history", Topic.INTERNAL), Map.entry("billing_usage", Topic.INTERNAL),
            Map.entry("ecs_disks", Topic.DISKS),
            Map.entry("ecs_snapshots", Topic.SNAPSHOTS), Map.entry("ecs_snapshot_shares", Topic.SNAPSHOTS),
            Map.entry("ecs_images", Topic.IMAGES), Map.entry("ecs_image_shares", Topic.IMAGES),
            Map.entry("ecs_instances", Topic.INSTANCES), Map.entry("ecs_invocations", Topic.INSTANCES),
            Map.entry("ecs_default_encryption", Topic.DEFAULT_ENCRYPTION),
            Map.entry("ram_roles", Topic.RAM_ROLES), Map.entry("ram_role_policies", Topic.RAM_ROLES),
            Map.entry("ram_users", Topic.RAM_USERS), Map.entry("ram_groups", Topic.RAM_USERS),
            Map.entry("ram_group_members", Topic.RAM_USERS),
            Map.entry("ram_policies", Topic.RAM_POLICIES), Map.entry("ram_policy_versions", Topic.RAM_POLICIES),
            Map.entry("ram_user_policies", Topic.RAM_POLICIES), Map.entry("ram_group_policies", Topic.RAM_POLICIES),
            Map.entry("oos_executions", Topic.OOS_EXECUTIONS), Map.entry("oos_task_executions", Topic.OOS_EXECUTIONS),
            Map.entry("accounts", Topic.ACCOUNTS), Map.entry("access_keys", Topic.ACCOUNTS),
            Map.entry("settings", Topic.SETTINGS), Map.entry("trail_events", Topic.TRAIL));

    private final ScheduledExecutorService dispatcher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "change-feed");
        t.setDaemon(true);
        return t;
    });
    private final CopyOnWriteArrayList<Subscriber> subscribers = new CopyOnWriteArrayList<>();
    private final AtomicLong sequence = new AtomicLong();

    /** The topic of a store table (lower or upper case); unknown tables are {@link Topic#OTHER}. */
    public static Topic topicOf(String table) {
        return TOPICS.getOrDefault(table.toLowerCase(java.util.Locale.ROOT), Topic.OTHER);
    }

    /** Publishes the tables one committed transaction wrote; nothing if it wrote none. */
    public void publishTables(Collection<String> tables) {
        if (tables.isEmpty()) {
            return;
        }
        Set<Topic> topics = EnumSet.noneOf(Topic.class);
        Set<String> names = new TreeSet<>();
        for (String table : tables) {
            String name = table.toLowerCase(java.util.Locale.ROOT);
            names.add(name);
            topics.add(topicOf(name));
        }
        enqueue(topics, names);
    }

    /** Publishes a change that wrote no table (simulated time moved, progress computed from it). */
    public void publish(Topic first, Topic... more) {
        enqueue(EnumSet.of(first, more), Set.of());
    }

    private void enqueue(Set<Topic> topics, Set<String> tables) {
        Change change = new Change(sequence.incrementAndGet(), topics, tables);
        try {
            dispatcher.execute(() -> deliver(change));
        } catch (RejectedExecutionException closed) {
            // the simulator is closing: nobody is left to tell
        }
    }

    private void deliver(Change change) {
        for (Subscriber subscriber : subscribers) {
            subscriber.offer(change);
        }
    }

    /** Calls {@code listener} on the feed's thread with every change that touches one of {@code topics}. */
    public Subscription subscribe(Set<Topic> topics, Consumer<Change> listener) {
        return subscribe(topics, Duration.ZERO, listener);
    }

    /**
     * Like {@link #subscribe(Set, Consumer)}, but coalesces: the first matching change starts a window of
     * {@code coalesce}; at its end the listener is called once with the topics and tables of every matching change
     * in the window (and the last one's sequence). A burst of writes (a purchase of ten instances) is one call.
     */
    public Subscription subscribe(Set<Topic> topics, Duration coalesce, Consumer<Change> listener) {
        Subscriber subscriber = new Subscriber(EnumSet.copyOf(topics), coalesce.toMillis(),
                Objects.requireNonNull(listener));
        subscribers.add(subscriber);
        return () -> {
            subscriber.closed = true;
            subscribers.remove(subscriber);
        };
    }

    /** Waits until everything published so far has been delivered (tests, orderly shutdown). */
    public void awaitDelivered(Duration timeout) {
        try {
            dispatcher.submit(() -> { }).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RejectedExecutionException e) {
            throw new IllegalStateException("the change feed did not deliver within " + timeout, e);
        }
    }

    @Override
    public void close() {
        subscribers.clear();
        dispatcher.shutdownNow();
    }

    /** A subscription's state; only the feed's thread touches {@code pending*}. */
    private final class Subscriber {
        private final Set<Topic> topics;
        private final long coalesceMillis;
        private final Consumer<Change> listener;
        private volatile boolean closed;
        private Set<Topic> pendingTopics;
        private Set<String> pendingTables;
        private long pendingSequence;

        Subscriber(Set<Topic> topics, long coalesceMillis, Consumer<Change> listener) {
            this.topics = topics;
            this.coalesceMillis = coalesceMillis;
            this.listener = listener;
        }

        void offer(Change change) {
            if (closed || change.topics().stream().noneMatch(topics::contains)) {
                return;
            }
            if (coalesceMillis <= 0) {
                call(change);
                return;
            }
            if (pendingTopics == null) {
                pendingTopics = EnumSet.noneOf(Topic.class);
                pendingTables = new TreeSet<>();
                try {
                    dispatcher.schedule(this::flush, coalesceMillis, TimeUnit.MILLISECONDS);
                } catch (RejectedExecutionException closing) {
                    return;
                }
            }
            pendingTopics.addAll(change.topics());
            pendingTables.addAll(change.tables());
            pendingSequence = change.sequence();
        }

        private void flush() {
            Change merged = new Change(pendingSequence, pendingTopics, pendingTables);
            pendingTopics = null;
            pendingTables = null;
            if (!closed) {
                call(merged);
            }
        }

        private void call(Change change) {
            try {
                listener.accept(change);
            } catch (RuntimeException | AssertionError e) {
                LOG.warn("A change-feed subscriber failed on change {} {}; the write stands", change.sequence(),
                        change.topics(), e);
            }
        }
    }
}
