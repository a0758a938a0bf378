package dev.ecskms.sim.guest;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One running guest: the disks the hypervisor attached, one framebuffer, and the operating system booted from the
 * system disk. Input methods act like a VNC keyboard; everything runs synchronously on the caller's thread.
 *
 * <p>The guest never decides what it looks like from flags: it reads its disks. A disk whose data key could not be
 * decrypted is attached without a device, every read of it fails, and a system disk like that leaves the boot hung
 * before anything is drawn — the screen stays black.
 *
 * <p>Requests to the host ({@link GuestHost#requestReboot()}, {@link GuestHost#requestPowerOff()}) are made after
 * the machine's lock is released, so the host may stop this machine from inside the callback.
 */
public final class GuestMachine {
    private final String instanceId;
    private final OsImage image;
    private final GuestHost host;
    private final Framebuffer framebuffer = new Framebuffer();
    private final TextConsole console;
    private final GuestOs os;
    private final List<Runnable> pendingHostCalls = new ArrayList<>();
    private final Clock clock;
    private int outputLength;
    private Instant outputUpdated;
    /** Shared with the OS, which sees hot-plugged disks appear and go. */
    private final List<GuestDisk> disks = new CopyOnWriteArrayList<>();

    public GuestMachine(String instanceId, String hostname, OsImage image, List<AttachedDevice> devices,
                        GuestHost host, Clock clock) {
        this.instanceId = Objects.requireNonNull(instanceId, "instanceId");
        this.image = Objects.requireNonNull(image, "image");
        this.host = Objects.requireNonNull(host, "host");
        this.clock = Objects.requireNonNull(clock, "clock");
        for (AttachedDevice d : devices) {
            disks.add(new GuestDisk(d, disks.size()));
        }
        GuestOs.Requests requests = new GuestOs.Requests() {
            @Override
            public void reboot() {
                pendingHostCalls.add(GuestMachine.this.host::requestReboot);
            }

            @Override
            public void powerOff() {
                pendingHostCalls.add(GuestMachine.this.host::requestPowerOff);
            }
        };
        if (image.osType() == OsType.WINDOWS) {
            this.console = null;
            this.os = new WindowsDesktop(clock, disks, hostname, framebuffer, requests);
        } else {
            this.console = new TextConsole(framebuffer);
            this.os = new LinuxGuest(clock, disks, hostname, console, requests);
        }
    }

    public String instanceId() {
        return instanceId;
    }

    public OsImage image() {
        return image;
    }

    /** Powers on: firmware, boot loader and OS, reading the system disk. Returns once the boot settled. */
    public void boot() {
        act(os::boot);
    }

    /** Flushes the file systems to the devices; the caller closes the devices afterwards. */
    public void stop() {
        act(os::stop);
    }

    public void type(String text) {
        act(() -> {
            for (int i = 0; i < text.length(); i++) {
                os.type(text.charAt(i));
            }
        });
    }

    public void pressEnter() {
        act(os::pressEnter);
    }

    public void pressBackspace() {
        act(os::pressBackspace);
    }

    public void pressUp() {
        act(os::pressUp);
    }

    public void pressDown() {
        act(os::pressDown);
    }

    public void ctrlAltDel() {
        act(os::ctrlAltDel);
    }

    /**
     * Hot-plugs a disk into the running guest, as the hypervisor does for AttachDisk: the kernel announces it and
     * {@code lsblk} lists it. The device name must be free.
     */
    public void attach(AttachedDevice device) {
        act(() -> {
            GuestDisk disk = new GuestDisk(device, disks.size());
            disks.add(disk);
            if (console != null && os.booted()) {
                long bytes = disk.readable() ? disk.device().sizeBytes() : 0;
                console.println("virtio_blk virtio" + (disk.index + 2) + ": [" + disk.name + "] " + bytes / 512
                        + " 512-byte logical blocks (" + Sizes.decimal(bytes) + "/" + Sizes.iec(bytes) + ")");
            }
        });
    }

    /** Unplugs a disk (DetachDisk); the guest loses it whether or not it was mounted. */
    public void detach(String deviceName) {
        act(() -> disks.removeIf(d -> d.attached.deviceName().equals(deviceName)));
    }

    public Framebuffer framebuffer() {
        return framebuffer;
    }

    /** The serial console's text so far: boot messages, login prompt, shell I/O (Linux); the SAC log (Windows). */
    public synchronized String consoleOutput() {
        if (os instanceof WindowsDesktop w) {
            return w.serialLog();
        }
        return console.transcript();
    }

    /** When the console output last changed (GetInstanceConsoleOutput's LastUpdateTime); null before any output. */
    public synchronized Instant consoleOutputUpdated() {
        return outputUpdated;
    }

    private int outputLength() {
        return os instanceof WindowsDesktop w ? w.serialLog().length() : console.transcriptLength();
    }

    /** What the screen shows now, as text: the Linux console's rows, or a description of the Windows screen. */
    public synchronized String screenText() {
        return os.screenText();
    }

    /** Cloud Assistant: runs each line as root in a fresh shell (PowerShell-like on Windows). */
    public ShellResult runShellScript(String script) {
        ShellResult[] result = new ShellResult[1];
        act(() -> result[0] = os.runShellScript(script));
        return result[0];
    }

    /** True once the OS is up (login prompt, shell, lock screen or desktop). */
    public synchronized boolean booted() {
        return os.booted();
    }

    /**
     * "off", "hung", "no-boot", "rescue", "login", "shell", "rebooting", "powering-off", "stopped" (Linux);
     * "locked", "signin", "desktop", "security", "restarting", "shutting-down" (Windows).
     */
    public synchronized String state() {
        return os.state();
    }

    /** The Windows session (lock screen, desktop, "This PC"); null for Linux. */
    public WindowsDesktop windowsDesktop() {
        return os instanceof WindowsDesktop w ? w : null;
    }

    private void act(Runnable action) {
        List<Runnable> calls;
        synchronized (this) {
            action.run();
            if (console != null) {
                console.repaint();
            }
            int length = outputLength();
            if (length != outputLength) {
                outputLength = length;
                outputUpdated = clock.instant();
            }
            calls = new ArrayList<>(pendingHostCalls);
            pendingHostCalls.clear();
        }
        for (Runnable call : calls) {
            call.run();
        }
    }
}
