package dev.ecskms.sim;

import dev.ecskms.sim.common.ApiException;
import dev.ecskms.sim.common.ChangeFeed;
import dev.ecskms.sim.common.SimClock;
import dev.ecskms.sim.ecs.DiskVolumes;
import dev.ecskms.sim.ecs.EcsService;
import dev.ecskms.sim.ecs.InstanceService;
import dev.ecskms.sim.ecs.LocalEcsService;
import dev.ecskms.sim.ecs.LocalInstanceService;
import dev.ecskms.sim.kms.Hsm;
import dev.ecskms.sim.kms.KmsService;
import dev.ecskms.sim.kms.LocalKmsService;
import dev.ecskms.sim.oos.LocalOosService;
import dev.ecskms.sim.oos.OosService;
import dev.ecskms.sim.ram.AccessGuard;
import dev.ecskms.sim.ram.AccountService;
import dev.ecskms.sim.ram.Authorizer;
import dev.ecskms.sim.ram.LocalRamService;
import dev.ecskms.sim.ram.RamService;
import dev.ecskms.sim.store.DataDir;
import dev.ecskms.sim.store.Store;
import dev.ecskms.sim.trail.LocalTrailService;
import dev.ecskms.sim.trail.TrailRecorder;
import dev.ecskms.sim.trail.TrailService;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulator on one data dir: store, HSM, simulated clock and the services. The console and the API endpoint
 * receive the services from here; nothing else opens the data dir.
 */
public final class Simulator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Simulator.class);
    private static final String CLOCK_OFFSET = "clock.offset.ms";

    private final DataDir dataDir;
    private final Store store;
    private final SimClock clock;
    private final AccountService accounts;
    private final LocalKmsService kms;
    private final RamService ram;
    private final LocalEcsService ecs;
    private final LocalInstanceService instances;
    private final LocalTrailService trail;
    /**
     * The services as both faces call them: every call authorized (see {@link AccessGuard}) and recorded on the audit
     * trail (see {@link TrailRecorder}), refused ones included: recorder(guard(local)).
     */
    private final KmsService recordedKms;
    private final RamService recordedRam;
    private final EcsService recordedEcs;
    private final InstanceService recordedInstances;
    /** OOS calls ECS as a script would: through the recorded services above. */
    private final LocalOosService oos;
    private final OosService recordedOos;
    private final TrailService guardedTrail;
    /** Guided labs: their checks read the services above (unrecorded reads only) and the guests' files. */
    private final dev.ecskms.sim.labs.LabService labs;
    private final ChangeFeed changes;
    private final ScheduledExecutorService ticker;
    private long lastTickMillis; // simulated time of the last tick; only the ticker thread touches it
    private String lastTickFailure; // only the ticker thread touches it
    private boolean closed;

    private Simulator(DataDir dataDir, Store store, SimClock clock, AccountService accounts, LocalKmsService kms,
            RamService ram, LocalEcsService ecs, LocalInstanceService instances, LocalTrailService trail,
            ChangeFeed changes) {
        this.dataDir = dataDir;
        this.changes = changes;
        this.store = store;
        this.clock = clock;
        this.accounts = accounts;
        this.kms = kms;
        this.ram = ram;
        this.ecs = ecs;
        this.instances = instances;
        this.trail = trail;
        AccessGuard.Check authorizer = new Authorizer(ram, clock)::check;
        this.recordedKms = TrailRecorder.kms(AccessGuard.kms(kms, authorizer), trail);
        this.recordedRam = TrailRecorder.ram(AccessGuard.ram(ram, authorizer), trail);
        this.recordedEcs = TrailRecorder.ecs(AccessGuard.ecs(ecs, kms, authorizer), trail);
        this.recordedInstances = TrailRecorder.instances(AccessGuard.instances(instances, ecs, kms, authorizer), trail);
        // An execution's steps call ECS as its starter (or its OOSAssumeRole) through the guarded services; OOS's own
        // check that the named role exists is the service's work, not the starter's ram:GetRole.
        this.oos = new LocalOosService(store, clock, recordedEcs, recordedInstances, TrailRecorder.ram(ram, trail));
        this.recordedOos = TrailRecorder.oos(AccessGuard.oos(oos, authorizer), trail);
        this.guardedTrail = AccessGuard.trail(trail, authorizer);
        this.labs = new dev.ecskms.sim.labs.LocalLabService(store, clock,
                new dev.ecskms.sim.labs.LabCatalog(dataDir.root().resolve("labs")), recordedEcs, recordedInstances,
                recordedKms, recordedRam, guardedTrail, (ctx, instanceId, path) -> {
                    try {
                        recordedInstances.describeInstance(ctx, instanceId); // authorized like any read of it
                    } catch (RuntimeException notAllowedOrGone) {
                        return java.util.Optional.empty();
                    }
                    return instances.readGuestFile(ctx, instanceId, path);
                }, (ctx, diskId, text) -> {
                    try {
                        recordedEcs.describeDisk(ctx, diskId); // the caller's, and allowed (a read: not recorded)
                        return dev.ecskms.sim.labs.DiskBytes.volumeHolds(ecs.volumes().diskVolume(diskId), text);
                    } catch (java.io.IOException | RuntimeException unreadable) {
                        return false;
                    }
                });
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "simulator-ticker");
            t.setDaemon(true);
            return t;
        });
    }

    public static Simulator open(Path root) {
        return open(root, Clock.systemUTC());
    }

    /** Opens a data dir; {@code base} is the real clock the simulated one runs on (tests pass a fixed one). */
    public static Simulator open(Path root, Clock base) {
        return open(root, base, null);
    }

    /**
     * Opens with a given probe of the data dir's free space (tests simulate a full disk with it); null probes the
     * data dir's own file system.
     */
    public static Simulator open(Path root, Clock base, Store.FreeSpace freeSpace) {
        DataDir dir = DataDir.open(root);
        Store store = null;
        ChangeFeed changes = new ChangeFeed();
        try {
            if (Store.exists(dir) && !Hsm.rootKeyExists(dir.resolve("hsm"))) {
                throw new Hsm.HsmMismatchException("The HSM root key " + dir.resolve("hsm/master.key") + " is missing,"
                        + " but the database holds secrets wrapped by it. Nothing was changed. Put back the"
                        + " hsm/master.key that belongs with this data dir, or start with another data dir (--data-dir).");
            }
            Hsm hsm = Hsm.open(dir.resolve("hsm"));
            List<String> keysWithMaterial = hsm.keysWithMaterial();
            if (!Store.exists(dir) && !keysWithMaterial.isEmpty()) {
                // Creating an empty database here would make every key unknown to it: refuse before touching anything.
                throw new Hsm.HsmMismatchException("The database " + dir.resolve(Store.FILE_NAME) + " is missing, but"
                        + " hsm/keys holds the material of " + keysWithMaterial.size() + " KMS key(s). Nothing was"
                        + " changed. Put back the state.mv.db that belongs with this data dir, or start with another"
                        + " data dir (--data-dir).");
            }
            store = Store.open(dir, freeSpace != null ? freeSpace : Store.FreeSpace.of(dir.root()),
                    Store.DEFAULT_RESERVE_BYTES);
            store.afterCommit(changes::publishTables); // every committed write, whichever face made it
            Duration offset = Duration.ofMillis(store.setting(CLOCK_OFFSET).map(Long::parseLong).orElse(0L));
            SimClock clock = new SimClock(base, offset);
            LocalKmsService kms = new LocalKmsService(store, hsm, clock);
            kms.verifyKeyMaterialAccountedFor();
            AccountService accounts = new AccountService(store, hsm, clock);
            accounts.rootAccountId();
            accounts.peerAccountId();
            RamService ram = new LocalRamService(store, accounts, clock);
            LocalTrailService trail = new LocalTrailService(store, clock);
            // ECS's own calls for disk data keys (at disk creation, instance start) are recorded like any other
            LocalEcsService ecs = new LocalEcsService(store, kms, TrailRecorder.kms(kms, trail), ram, clock, dir.root());
            LocalInstanceService instances = new LocalInstanceService(store, kms, ecs, clock);
            Simulator sim = new Simulator(dir, store, clock, accounts, kms, ram, ecs, instances, trail, changes);
            sim.start();
            return sim;
        } catch (RuntimeException e) {
            changes.close();
            if (store != null) {
                store.close();
            }
            dir.close();
            throw e;
        }
    }

    private void start() {
        // Work that came due while the simulator was closed happens now, before anyone can call.
        processDueEvents();
        lastTickMillis = clock.millis();
        clock.onFastForward(offset -> {
            try {
                store.putSetting(CLOCK_OFFSET, Long.toString(offset.toMillis()));
                processDueEvents();
            } finally {
                // what is computed from the clock (snapshot progress, deletion dates) moved even where nothing was written
                changes.publish(ChangeFeed.Topic.CLOCK);
            }
        });
        ticker.scheduleWithFixedDelay(this::tick, 1, 1, TimeUnit.SECONDS);
    }

    private void processDueEvents() {
        kms.processDueEvents();
        ecs.processDueEvents();
        instances.processDueEvents();
        oos.processDueEvents(); // after ECS: a step sees what came due there in the same tick
        trail.processDueEvents();
    }

    /** Runs every second: a failure that repeats (a full disk, say) is logged once, not every second. */
    private void tick() {
        try {
            processDueEvents();
            long now = clock.millis();
            if (ecs.snapshotsProgressedSince(lastTickMillis)) {
                changes.publish(ChangeFeed.Topic.SNAPSHOTS); // progress is computed from the clock: no write shows it
            }
            if (ecs.imagesProgressedSince(lastTickMillis)) {
                changes.publish(ChangeFeed.Topic.IMAGES); // the same for an image's progress
            }
            lastTickMillis = now;
            if (lastTickFailure != null) {
                LOG.info("Processing due events works again");
                lastTickFailure = null;
            }
        } catch (RuntimeException e) {
            String failure = e.getClass().getName() + ": " + e.getMessage();
            if (!failure.equals(lastTickFailure)) {
                if (e instanceof ApiException) {
                    LOG.warn("Processing due events failed; retrying every second: {}", e.getMessage());
                } else {
                    LOG.warn("Processing due events failed; retrying every second", e);
                }
                lastTickFailure = failure;
            }
        }
    }

    public Path dataDir() {
        return dataDir.root();
    }

    public SimClock clock() {
        return clock;
    }

    /** The change feed: every committed write, from any face or the clock, published once after its commit. */
    public ChangeFeed changes() {
        return changes;
    }

    public AccountService accounts() {
        return accounts;
    }

    public KmsService kms() {
        return recordedKms;
    }

    public RamService ram() {
        return recordedRam;
    }

    public EcsService ecs() {
        return recordedEcs;
    }

    public InstanceService instances() {
        return recordedInstances;
    }

    /** OOS (CloudOps Orchestration Service): templates and executions. */
    public OosService oos() {
        return recordedOos;
    }

    /** ECS behind its recorder, for tests that set up what a crash leaves behind. */
    public LocalEcsService localEcs() {
        return ecs;
    }

    /** Guided labs (the console's Labs panel). */
    public dev.ecskms.sim.labs.LabService labs() {
        return labs;
    }

    /** The audit trail of the calls to the services above (LookupEvents authorized like the rest). */
    public TrailService trail() {
        return guardedTrail;
    }

    /** The audit trail itself, unguarded, for tests that prune it or make it fail. */
    public LocalTrailService localTrail() {
        return trail;
    }

    /** The volume files behind the disks (for at-rest checks and, later, the guest). */
    public DiskVolumes volumes() {
        return ecs.volumes();
    }

    /** Closes once; a second close does nothing. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        ticker.shutdownNow();
        try {
            ticker.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        instances.shutDownAll(); // guests flush their file systems; the decrypted data keys leave memory
        trail.close(); // the events still queued
        store.close();
        changes.close();
        dataDir.close();
    }
}
