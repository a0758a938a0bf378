package dev.ecskms.sim;

import dev.ecskms.sim.common.SimClock;
import dev.ecskms.sim.ecs.DiskVolumes;
import dev.ecskms.sim.ecs.EcsService;
import dev.ecskms.sim.ecs.InstanceService;
import dev.ecskms.sim.ecs.LocalEcsService;
import dev.ecskms.sim.ecs.LocalInstanceService;
import dev.ecskms.sim.kms.Hsm;
import dev.ecskms.sim.kms.KmsService;
import dev.ecskms.sim.kms.LocalKmsService;
import dev.ecskms.sim.ram.AccountService;
import dev.ecskms.sim.ram.RamService;
import dev.ecskms.sim.store.DataDir;
import dev.ecskms.sim.store.Store;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
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
    private final ScheduledExecutorService ticker;

    private Simulator(DataDir dataDir, Store store, SimClock clock, AccountService accounts, LocalKmsService kms,
            RamService ram, LocalEcsService ecs, LocalInstanceService instances) {
        this.dataDir = dataDir;
        this.store = store;
        this.clock = clock;
        this.accounts = accounts;
        this.kms = kms;
        this.ram = ram;
        this.ecs = ecs;
        this.instances = instances;
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
        DataDir dir = DataDir.open(root);
        try {
            Store store = Store.open(dir);
            Duration offset = Duration.ofMillis(store.setting(CLOCK_OFFSET).map(Long::parseLong).orElse(0L));
            SimClock clock = new SimClock(base, offset);
            Hsm hsm = Hsm.open(dir.resolve("hsm"));
            AccountService accounts = new AccountService(store, hsm, clock);
            accounts.rootAccountId();
            accounts.peerAccountId();
            LocalKmsService kms = new LocalKmsService(store, hsm, clock);
            RamService ram = new RamService(store, clock);
            LocalEcsService ecs = new LocalEcsService(store, kms, ram, clock, dir.root());
            LocalInstanceService instances = new LocalInstanceService(store, kms, ecs, clock);
            Simulator sim = new Simulator(dir, store, clock, accounts, kms, ram, ecs, instances);
            sim.start();
            return sim;
        } catch (RuntimeException e) {
            dir.close();
            throw e;
        }
    }

    private void start() {
        // Work that came due while the simulator was closed happens now, before anyone can call.
        processDueEvents();
        clock.onFastForward(offset -> {
            store.putSetting(CLOCK_OFFSET, Long.toString(offset.toMillis()));
            processDueEvents();
        });
        ticker.scheduleWithFixedDelay(this::tick, 1, 1, TimeUnit.SECONDS);
    }

    private void processDueEvents() {
        kms.processDueEvents();
        ecs.processDueEvents();
        instances.processDueEvents();
    }

    private void tick() {
        try {
            processDueEvents();
        } catch (RuntimeException e) {
            LOG.warn("Processing due events failed; will retry on the next tick", e);
        }
    }

    public Path dataDir() {
        return dataDir.root();
    }

    public SimClock clock() {
        return clock;
    }

    public AccountService accounts() {
        return accounts;
    }

    public KmsService kms() {
        return kms;
    }

    public RamService ram() {
        return ram;
    }

    public EcsService ecs() {
        return ecs;
    }

    public InstanceService instances() {
        return instances;
    }

    /** The volume files behind the disks (for at-rest checks and, later, the guest). */
    public DiskVolumes volumes() {
        return ecs.volumes();
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        try {
            ticker.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        instances.shutDownAll(); // guests flush their file systems; the decrypted data keys leave memory
        store.close();
        dataDir.close();
    }
}
