package dev.ecskms.sim.ecs;

import dev.ecskms.sim.common.ApiException;
import dev.ecskms.sim.common.CallContext;
import dev.ecskms.sim.guest.AttachedDevice;
import dev.ecskms.sim.guest.GuestHost;
import dev.ecskms.sim.guest.GuestMachine;
import dev.ecskms.sim.guest.OsImage;
import dev.ecskms.sim.storage.VolumeFormatException;
import dev.ecskms.sim.storage.WrongVolumeKeyException;
import dev.ecskms.sim.store.Store;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The guests of running instances and their consoles. A running instance is a {@link GuestMachine} over block devices
 * that were opened — their data keys decrypted by KMS — when it started; the devices, and with them the plaintext
 * keys, live only in this process's memory until the instance stops.
 */
final class GuestHosting {
    private static final Logger LOG = LoggerFactory.getLogger(GuestHosting.class);

    /** What the guests ask of the instance life cycle: the power button, and the instance's status for the console. */
    interface Power {
        void requestReboot(String instanceId);

        void requestPowerOff(String instanceId);

        InstanceStatus status(CallContext owner, String instanceId);
    }

    private final Store store;
    private final LocalEcsService ecs;
    private final Clock clock;
    private final Power power;
    private final Map<String, RunningGuest> running = new ConcurrentHashMap<>();
    private final Map<String, SharedConsole> consoles = new ConcurrentHashMap<>();
    /** Running instances whose guest could not be started at all: not retried on every tick, only on a restart. */
    private final Set<String> failedGuests = ConcurrentHashMap.newKeySet();

    GuestHosting(Store store, LocalEcsService ecs, Clock clock, Power power) {
        this.store = store;
        this.ecs = ecs;
        this.clock = clock;
        this.power = power;
    }

    /** Whether the instance's guest runs, or could not be started since the simulator opened (no retry per tick). */
    boolean isHosted(String instanceId) {
        return running.containsKey(instanceId) || failedGuests.contains(instanceId);
    }

    /** The running guest's machine, if the instance has one. */
    Optional<GuestMachine> machine(String instanceId) {
        return Optional.ofNullable(running.get(instanceId)).map(g -> g.machine);
    }

    /**
     * Starts the guest: every disk's volume is opened now, which makes KMS decrypt each encrypted disk's data key.
     * A disk whose key cannot be decrypted (or whose volume cannot be read) is handed to the guest as unreadable,
     * and the guest finds out by itself; the reason is recorded on the instance ({@link Instance#bootFailure()})
     * and logged once, on one line.
     */
    void startGuest(CallContext owner, Instance i, OsImage image, List<Disk> disks) {
        String instanceId = i.instanceId();
        RunningGuest guest = new RunningGuest(instanceId, i.hostName(), image);
        List<BootFailure> failures = new ArrayList<>();
        try {
            for (int n = 0; n < disks.size(); n++) {
                guest.devices.add(open(owner, instanceId, disks.get(n), n, failures));
            }
            guest.boot();
        } catch (RuntimeException e) {
            // The guest could not even be started: no retry on every tick, the reason on the instance instead.
            guest.devices.forEach(guest::close);
            failedGuests.add(instanceId);
            BootFailure failure = new BootFailure(BootFailure.DISK_UNAVAILABLE, "The guest of " + instanceId
                    + " could not be started" + (e instanceof ApiException api ? ": " + api.getMessage()
                            : " (the simulator's log has the details)."), clock.instant());
            LOG.warn("Instance {} did not start", instanceId, e);
            recordBootFailure(instanceId, failure);
            bump(instanceId);
            return;
        }
        running.put(instanceId, guest);
        failedGuests.remove(instanceId);
        recordBootFailure(instanceId, failures.isEmpty() ? null : failures.get(0));
        bump(instanceId);
    }

    private void recordBootFailure(String instanceId, BootFailure failure) {
        store.txRun(c -> Store.update(c, "update ecs_instances set boot_failure_code = ?, boot_failure_message = ?,"
                + " boot_failure_ms = ? where instance_id = ?", failure == null ? null : failure.code(),
                failure == null ? null : CloudAssistant.truncate(failure.message(), 1024),
                failure == null ? null : failure.time().toEpochMilli(), instanceId));
    }

    /** Opens a disk for the guest; a disk that cannot be opened is attached unreadable and its reason added. */
    private AttachedDevice open(CallContext owner, String instanceId, Disk disk, int index,
            List<BootFailure> failures) {
        String deviceName = "/dev/vd" + (char) ('a' + index);
        boolean system = disk.type().equals("system");
        try {
            return new AttachedDevice(deviceName, disk.diskId(),
                    ecs.volumes().openDisk(LocalEcsService.asEcs(owner, instanceId), disk.diskId()), null, system);
        } catch (IOException | RuntimeException e) {
            String code = e instanceof ApiException api ? api.code()
                    : e instanceof WrongVolumeKeyException ? BootFailure.KEY_MISMATCH
                    : e instanceof VolumeFormatException || e instanceof java.nio.file.NoSuchFileException
                            ? BootFailure.VOLUME_DAMAGED : BootFailure.DISK_UNAVAILABLE;
            String why = e instanceof ApiException || e instanceof IOException ? e.getMessage() : null;
            if (why == null || why.isBlank()) {
                why = "its volume could not be opened (the simulator's log has the details)";
            }
            String message = (system ? "The system disk " : "The data disk ") + disk.diskId() + " (" + deviceName
                    + ") could not be read" + (e instanceof ApiException ? ": KMS did not decrypt its data key: "
                            : ": ") + why;
            LOG.warn("Instance {} starts without disk {}: {}: {}", disk.instanceId(), disk.diskId(), code, why);
            if (failures != null) {
                failures.add(new BootFailure(code, message, clock.instant()));
            }
            return new AttachedDevice(deviceName, disk.diskId(), null, code + ": " + why, system);
        }
    }

    void shutDownGuest(String instanceId) {
        failedGuests.remove(instanceId);
        RunningGuest guest = running.remove(instanceId);
        if (guest != null) {
            guest.shutDown();
        }
        bump(instanceId);
    }

    /** Hot-plug, as on the real service: the key is decrypted now and a running guest sees a new device. */
    void hotPlug(CallContext ctx, String instanceId, Disk disk) {
        RunningGuest guest = running.get(instanceId);
        if (guest != null) {
            guest.hotPlug(ctx, disk);
        }
    }

    void unplug(String instanceId, String diskId) {
        RunningGuest guest = running.get(instanceId);
        if (guest != null) {
            guest.unplug(diskId);
        }
    }

    /** The instance is gone: its console goes too. */
    void forget(String instanceId) {
        consoles.remove(instanceId);
    }

    /** Closes every running guest's devices (the simulator is closing). */
    synchronized void shutDownAll() {
        for (String id : List.copyOf(running.keySet())) {
            RunningGuest guest = running.remove(id);
            guest.shutDown();
        }
    }

    // ---------------------------------------------------------------- console

    byte[] getInstanceScreenshot(Instance i) {
        RunningGuest guest = running.get(i.instanceId());
        if (i.status() != InstanceStatus.Running || guest == null) {
            throw new ApiException("IncorrectInstanceStatus", 403, "Instance " + i.instanceId() + " is "
                    + i.status() + "; a screenshot needs a running instance.");
        }
        return guest.machine.framebuffer().toPng();
    }

    String getInstanceConsoleOutput(Instance i) {
        return machine(i.instanceId()).map(GuestMachine::consoleOutput).orElse("");
    }

    Instant consoleOutputUpdated(Instance i) {
        return machine(i.instanceId()).map(GuestMachine::consoleOutputUpdated).orElse(null);
    }

    InstanceConsole connect(CallContext ctx, Instance i) {
        return consoles.computeIfAbsent(i.instanceId(), id -> new SharedConsole(id, ctx));
    }

    /** Tells the console that the instance changed (a new guest, none, another status). */
    void bump(String instanceId) {
        SharedConsole console = consoles.get(instanceId);
        if (console != null) {
            console.generation++;
        }
    }

    /** The console follows whatever guest currently runs the instance. */
    private final class SharedConsole implements InstanceConsole {
        private static final int WIDTH = 800;
        private static final int HEIGHT = 600;
        private final String instanceId;
        private final CallContext owner;
        volatile long generation;

        SharedConsole(String instanceId, CallContext owner) {
            this.instanceId = instanceId;
            this.owner = owner;
        }

        private Optional<GuestMachine> machine() {
            return GuestHosting.this.machine(instanceId);
        }

        @Override
        public int width() {
            return machine().map(m -> m.framebuffer().width()).orElse(WIDTH);
        }

        @Override
        public int height() {
            return machine().map(m -> m.framebuffer().height()).orElse(HEIGHT);
        }

        @Override
        public int[] pixels() {
            return machine().map(m -> m.framebuffer().pixelsCopy()).orElseGet(() -> {
                int[] black = new int[WIDTH * HEIGHT];
                Arrays.fill(black, 0xFF000000);
                return black;
            });
        }

        @Override
        public long version() {
            return generation * 1_000_000_000L + machine().map(m -> m.framebuffer().version()).orElse(0L);
        }

        @Override
        public String status() {
            String status = power.status(owner, instanceId).name();
            return machine().map(m -> status + " · " + m.state()).orElse(status);
        }

        @Override
        public void type(String text) {
            machine().ifPresent(m -> m.type(text));
        }

        @Override
        public void pressEnter() {
            machine().ifPresent(GuestMachine::pressEnter);
        }

        @Override
        public void pressBackspace() {
            machine().ifPresent(GuestMachine::pressBackspace);
        }

        @Override
        public void pressUp() {
            machine().ifPresent(GuestMachine::pressUp);
        }

        @Override
        public void pressDown() {
            machine().ifPresent(GuestMachine::pressDown);
        }

        @Override
        public void ctrlAltDel() {
            machine().ifPresent(GuestMachine::ctrlAltDel);
        }
    }

    /** A booted guest and the block devices (with their decrypted keys) it runs on. */
    private final class RunningGuest implements GuestHost {
        final String instanceId;
        final String hostName;
        final OsImage image;
        final List<AttachedDevice> devices = new ArrayList<>();
        GuestMachine machine;

        RunningGuest(String instanceId, String hostName, OsImage image) {
            this.instanceId = instanceId;
            this.hostName = hostName;
            this.image = image;
        }

        void boot() {
            machine = new GuestMachine(instanceId, hostName, image, List.copyOf(devices), this, clock);
            machine.boot();
        }

        void hotPlug(CallContext ctx, Disk disk) {
            int index = 0;
            while (deviceNamed("/dev/vd" + (char) ('a' + index))) {
                index++; // the first free name, as the kernel hands them out
            }
            AttachedDevice device = open(ctx, instanceId, disk, index, null);
            devices.add(device);
            machine.attach(device);
        }

        private boolean deviceNamed(String name) {
            return devices.stream().anyMatch(d -> d.deviceName().equals(name));
        }

        void unplug(String diskId) {
            devices.stream().filter(d -> d.diskId().equals(diskId)).findFirst().ifPresent(d -> {
                machine.detach(d.deviceName());
                devices.remove(d);
                close(d);
            });
        }

        void shutDown() {
            try {
                machine.stop();
            } finally {
                devices.forEach(this::close);
                devices.clear();
            }
        }

        void close(AttachedDevice d) {
            if (d.device() != null) {
                try {
                    d.device().close(); // the data key leaves memory with the device
                } catch (IOException e) {
                    LOG.warn("Closing {} failed", d.diskId(), e);
                }
            }
        }

        @Override
        public void requestReboot() {
            power.requestReboot(instanceId);
        }

        @Override
        public void requestPowerOff() {
            power.requestPowerOff(instanceId);
        }
    }
}
