package dev.ecskms.sim.guest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A Linux guest: firmware → boot loader → kernel → systemd → getty, each step reading what it needs from the system
 * disk. If the first sector cannot be read (the disk's data key could not be decrypted) nothing ever reaches the
 * screen: the machine hangs before any output, so the screen stays black.
 */
final class LinuxGuest implements GuestOs {
    private static final String OK = "  OK  ";

    private final Clock clock;
    private final List<GuestDisk> disks;
    private final String hostnameFromHost;
    private final TextConsole console;
    private final Requests requests;
    private String state = "off";
    private LinuxSystem sys;
    private String issue = "";
    private String loginUser;
    private boolean askingPassword;
    private final StringBuilder input = new StringBuilder();
    private LinuxShell shell;
    private long uptimeMicros;

    LinuxGuest(Clock clock, List<GuestDisk> disks, String hostname, TextConsole console, Requests requests) {
        this.clock = clock;
        this.disks = disks;
        this.hostnameFromHost = hostname;
        this.console = console;
        this.requests = requests;
    }

    @Override
    public String state() {
        return state;
    }

    @Override
    public boolean booted() {
        return state.equals("login") || state.equals("shell");
    }

    @Override
    public String screenText() {
        return state.equals("hung") || state.equals("off") ? "" : console.screenText();
    }

    LinuxSystem system() {
        return sys;
    }

    // ---- boot ----

    /** What the boot loader and the kernel read from the system disk before anything is shown. */
    private record Loaded(SimpleFs rootFs, String rootSource, String kernelPath, String cmdline, String banner,
                          OsRelease osRelease, String hostname, String issue) {
    }

    private static final class NoBoot extends Exception {
        final String screen;

        NoBoot(String screen) {
            super(screen);
            this.screen = screen;
        }
    }

    @Override
    public void boot() {
        Optional<GuestDisk> system = disks.stream().filter(d -> d.attached.system()).findFirst();
        if (system.isEmpty()) {
            state = "hung";
            return;
        }
        Loaded loaded;
        try {
            loaded = load(system.get());
        } catch (IOException | RuntimeException e) {
            // the firmware's read of the disk failed: it retries forever, and nothing was ever drawn
            state = "hung";
            return;
        } catch (NoBoot e) {
            console.print(e.screen);
            state = e.screen.contains("grub rescue") ? "rescue" : "no-boot";
            return;
        }
        startKernel(system.get(), loaded);
    }

    private Loaded load(GuestDisk disk) throws IOException, NoBoot {
        byte[] sector0 = new byte[disk.device().sectorSize()];
        disk.device().read(0, sector0, 0);
        Optional<PartitionTable> table = PartitionTable.parse(sector0);
        if (table.isEmpty()) {
            throw new NoBoot("No bootable device.\n");
        }
        PartitionTable.Partition boot = table.get().partitions().stream().filter(PartitionTable.Partition::bootable)
                .findFirst().or(() -> table.get().partition(1)).orElseThrow(() -> new NoBoot("No bootable device.\n"));
        PartitionDevice part = new PartitionDevice(disk.device(), boot.firstSector(), boot.sectorCount());
        SimpleFs fs;
        try {
            fs = SimpleFs.mount(part, clock);
        } catch (FsException e) {
            throw new NoBoot("error: unknown filesystem.\nEntering rescue mode...\ngrub rescue> ");
        }
        try {
            String grub = text(fs, "/boot/grub2/grub.cfg", "/boot/grub/grub.cfg");
            String linux = grub.lines().map(String::trim).filter(l -> l.startsWith("linux ")).findFirst()
                    .orElseThrow(() -> new NoBoot("error: no kernel in grub.cfg.\nEntering rescue mode...\n"
                            + "grub rescue> "));
            String[] words = linux.substring(6).trim().split("\\s+", 2);
            String kernelPath = words[0];
            byte[] kernel = fs.readFile(GuestImages.path(kernelPath));
            String banner = GuestImages.bannerOf(kernel, GuestImages.LINUX_KERNEL_MAGIC);
            if (banner == null) {
                throw new NoBoot("error: invalid magic number.\nerror: you need to load the kernel first.\n\n"
                        + "Press any key to continue...");
            }
            String initrd = grub.lines().map(String::trim).filter(l -> l.startsWith("initrd ")).findFirst()
                    .map(l -> l.substring(7).trim()).orElse(null);
            if (initrd != null) {
                fs.readFile(GuestImages.path(initrd));
            }
            OsRelease osRelease = OsRelease.parse(text(fs, "/etc/os-release"));
            String hostname = text(fs, "/etc/hostname").trim();
            String issue = fs.find(GuestImages.path("/etc/issue")) == null ? "\\S\n\n" : text(fs, "/etc/issue");
            return new Loaded(fs, "/dev/" + disk.name + boot.number(), kernelPath,
                    words.length > 1 ? words[1] : "", banner, osRelease, hostname, issue);
        } catch (FsException e) {
            throw new NoBoot("error: file not found.\nEntering rescue mode...\ngrub rescue> ");
        }
    }

    private static String text(SimpleFs fs, String... candidates) throws FsException, IOException {
        FsException last = null;
        for (String p : candidates) {
            try {
                return new String(fs.readFile(GuestImages.path(p)), StandardCharsets.UTF_8);
            } catch (FsException e) {
                last = e;
            }
        }
        throw last;
    }

    private void startKernel(GuestDisk systemDisk, Loaded l) {
        sys = new LinuxSystem(clock, disks, l.banner().split(" ")[2], l.osRelease(), l.hostname());
        int hash = l.banner().indexOf(" #");
        sys.kernelBuild = hash >= 0 ? l.banner().substring(hash + 1) : null;
        sys.addRoot(l.rootSource(), l.rootFs());
        issue = l.issue();
        kernel(l.banner());
        kernel("Command line: BOOT_IMAGE=(hd0,msdos1)" + l.kernelPath() + " " + l.cmdline());
        kernel("DMI: Alibaba Cloud Alibaba Cloud ECS, BIOS 449e491 04/01/2014");
        kernel("Hypervisor detected: KVM");
        uptimeMicros = 412_533;
        int virtio = 2;
        for (GuestDisk d : disks) {
            long sectors = d.device().sectorCount();
            kernel(String.format(Locale.ROOT, "virtio_blk virtio%d: [%s] %d %d-byte logical blocks (%s/%s)", virtio++,
                    d.name, sectors, d.device().sectorSize(), Sizes.decimal(d.device().sizeBytes()),
                    Sizes.iec(d.device().sizeBytes()).replace(" ", "")));
            try {
                Optional<PartitionTable> t = d.table();
                if (t.isPresent() && !t.get().partitions().isEmpty()) {
                    kernel(" " + d.name + ": " + String.join(" ", t.get().partitions().stream()
                            .map(p -> d.name + p.number()).toList()));
                }
            } catch (IOException e) {
                kernel("blk_update_request: I/O error, dev " + d.name + ", sector 0 op 0x0:(READ) flags 0x0"
                        + " phys_seg 1 prio class 0");
                kernel("Buffer I/O error on dev " + d.name + ", logical block 0, async page read");
                kernel(" " + d.name + ": unable to read partition table");
            }
        }
        uptimeMicros = 1_204_118;
        kernel("EXT4-fs (" + l.rootSource().substring(5) + "): mounted filesystem with ordered data mode. Opts: (null)");
        Distro distro = "ubuntu".equals(l.osRelease().id()) ? Distro.UBUNTU : Distro.ALIYUN;
        kernel("systemd[1]: " + distro.systemd());
        kernel("systemd[1]: Detected virtualization kvm.");
        kernel("systemd[1]: Detected architecture x86-64.");
        console.print("\nWelcome to ");
        console.print(l.osRelease().prettyName(), TextConsole.WHITE);
        console.print("!\n\n");
        applyHostnameFromMetadata();
        kernel("systemd[1]: Set hostname to <" + sys.hostname + ">.");
        ok("Started Journal Service.");
        ok("Started udev Kernel Device Manager.");
        mountFstab();
        ok("Reached target Local File Systems.");
        ok("Started Network Manager.");
        ok("Started OpenSSH server daemon.");
        ok("Started Aliyun Assist.");
        ok("Started Command Scheduler.");
        ok("Reached target Multi-User System.");
        showLogin(false);
    }

    /** cloud-init: the instance's host name from the metadata service wins over the image's. */
    private void applyHostnameFromMetadata() {
        if (hostnameFromHost == null || hostnameFromHost.isBlank() || hostnameFromHost.equals(sys.hostname)) {
            return;
        }
        try {
            sys.write(GuestImages.path("/etc/hostname"), GuestImages.text(hostnameFromHost + "\n"), false);
            sys.hostname = sys.readText("/etc/hostname").trim();
            sys.syncAll();
        } catch (FsException | IOException e) {
            // keep the image's name
        }
    }

    private void mountFstab() {
        LinuxShell bootShell = new LinuxShell(sys, new ScriptSession());
        for (var e : bootShell.fstab().entrySet()) {
            String point = e.getValue();
            StringBuilder err = new StringBuilder();
            int code;
            try {
                code = bootShell.mountOne(e.getKey(), point, err);
            } catch (IOException ex) {
                code = 32;
            }
            if (code == 0) {
                ok("Mounted " + point + ".");
                continue;
            }
            for (String line : err.toString().split("\n")) {
                sys.kernelLog.add(line);
            }
            if (err.toString().contains("does not exist") && err.toString().contains("special device")) {
                status(" TIME ", TextConsole.RED, "Timed out waiting for device " + e.getKey() + ".");
                status("DEPEND", TextConsole.YELLOW, "Dependency failed for " + point + ".");
            } else {
                if (err.toString().contains("can't read superblock")) {
                    kernel("blk_update_request: I/O error, dev " + devName(e.getKey()) + ", sector 0 op 0x0:(READ)"
                            + " flags 0x1000 phys_seg 1 prio class 0");
                }
                status("FAILED", TextConsole.RED, "Failed to mount " + point + ".");
                console.print("See 'systemctl status " + unitName(point) + "' for details.\n");
                status("DEPEND", TextConsole.YELLOW, "Dependency failed for Local File Systems.");
            }
        }
    }

    private static String devName(String spec) {
        String s = spec.startsWith("/dev/") ? spec.substring(5) : spec;
        return s.replaceAll("\\d+$", "");
    }

    private static String unitName(String point) {
        String p = point.startsWith("/") ? point.substring(1) : point;
        return (p.isEmpty() ? "-" : p.replace("/", "-")) + ".mount";
    }

    private void kernel(String line) {
        String stamped = String.format(Locale.ROOT, "[%5d.%06d] %s", uptimeMicros / 1_000_000,
                uptimeMicros % 1_000_000, line);
        uptimeMicros += 1_733;
        sys.kernelLog.add(stamped);
        console.print(stamped + "\n");
    }

    private void ok(String text) {
        status(OK, TextConsole.GREEN, text);
    }

    private void status(String tag, int color, String text) {
        console.print("[");
        console.print(tag, color);
        console.print("] " + text + "\n");
    }

    // ---- login and shell ----

    private void showLogin(boolean clear) {
        if (clear) {
            console.clearScreen();
        }
        console.print("\n" + expandIssue(issue) + sys.hostname + " login: ");
        state = "login";
        loginUser = null;
        askingPassword = false;
        input.setLength(0);
        shell = null;
    }

    /** agetty's /etc/issue escapes. */
    private String expandIssue(String text) {
        String pretty = sys.osRelease.prettyName();
        return text.replace("\\S", pretty).replace("\\r", sys.kernelRelease).replace("\\m", "x86_64")
                .replace("\\n", sys.hostname).replace("\\l", "tty1").replace("\\s", "Linux");
    }

    @Override
    public void type(char c) {
        if (!state.equals("login") && !state.equals("shell")) {
            return; // a hung or stopped machine shows nothing of what is typed
        }
        if (c == '\n' || c == '\r') {
            pressEnter();
            return;
        }
        if (c < 32 && c != '\t') {
            return;
        }
        input.append(c);
        if (!askingPassword) {
            console.echo(c);
        }
    }

    @Override
    public void pressBackspace() {
        if ((state.equals("login") || state.equals("shell")) && input.length() > 0) {
            input.setLength(input.length() - 1);
            if (!askingPassword) {
                console.backspace();
            }
        }
    }

    @Override
    public void pressUp() {
        if (atPrompt()) {
            shell.history().previous(input.toString()).ifPresent(this::replaceInput);
        }
    }

    @Override
    public void pressDown() {
        if (atPrompt()) {
            shell.history().next().ifPresent(this::replaceInput);
        }
    }

    /** Whether bash reads the line being typed: history applies to its lines, not to login or fdisk answers. */
    private boolean atPrompt() {
        return state.equals("shell") && shell != null && !shell.inDialogue();
    }

    /** Erases the typed line on screen and shows {@code line} in its place, as readline does on Up and Down. */
    private void replaceInput(String line) {
        for (int i = 0; i < input.length(); i++) {
            console.backspace();
        }
        input.setLength(0);
        input.append(line);
        console.print(line);
    }

    @Override
    public void pressEnter() {
        if (!state.equals("login") && !state.equals("shell")) {
            return;
        }
        String line = input.toString();
        input.setLength(0);
        console.print("\n");
        if (state.equals("login")) {
            loginStep(line);
        } else {
            shellLine(line);
        }
    }

    private void loginStep(String line) {
        if (!askingPassword) {
            if (line.trim().isEmpty()) {
                console.print(sys.hostname + " login: ");
                return;
            }
            loginUser = line.trim();
            askingPassword = true;
            console.print("Password: ");
            return;
        }
        askingPassword = false;
        if (checkPassword(loginUser, line)) {
            loggedIn();
        } else {
            console.print("Login incorrect\n\n" + sys.hostname + " login: ");
        }
    }

    /** Reads /etc/shadow from the disk and checks the salted hash. */
    private boolean checkPassword(String user, String password) {
        if (!user.equals("root")) {
            return false;
        }
        try {
            for (String l : sys.readText("/etc/shadow").split("\n")) {
                String[] f = l.split(":", -1);
                if (f.length > 1 && f[0].equals(user)) {
                    return PasswordHash.verify(password, f[1]);
                }
            }
        } catch (FsException | IOException e) {
            return false;
        }
        return false;
    }

    private void loggedIn() {
        List<String> lastlog = GuestImages.path("/var/log/lastlog");
        try {
            if (sys.find(lastlog) != null) {
                console.print("Last login: " + new String(sys.read(lastlog), StandardCharsets.UTF_8).trim()
                        + " on tty1\n");
            }
            sys.write(lastlog, GuestImages.text(LinuxShell.DATE.format(ZonedDateTime.ofInstant(clock.instant(),
                    LinuxShell.TZ)) + "\n"), false);
            console.print(sys.readText("/etc/motd"));
        } catch (FsException | IOException e) {
            // no motd or lastlog: nothing to show
        }
        sys.syncAll();
        shell = new LinuxShell(sys, new ConsoleSession());
        state = "shell";
        console.print(shell.prompt());
    }

    private void shellLine(String line) {
        if (!shell.inDialogue()) {
            shell.history().add(line); // as bash: before it runs, so `history` lists itself
        }
        String out = shell.run(line, null);
        console.print(out);
        if (state.equals("shell")) {
            console.print(shell.prompt());
        }
    }

    @Override
    public void ctrlAltDel() {
        if (state.equals("hung") || state.equals("no-boot") || state.equals("rescue")) {
            state = "resetting";
            requests.reboot(); // the firmware resets the machine
        } else if (booted()) {
            console.print("\n");
            shutdownMessages(true);
            state = "rebooting";
            requests.reboot(); // systemd's ctrl-alt-del.target
        }
    }

    private void shutdownMessages(boolean reboot) {
        console.setCursorVisible(false);
        ok("Stopped target Multi-User System.");
        ok("Stopped OpenSSH server daemon.");
        ok("Stopped Aliyun Assist.");
        for (int i = sys.mounts.size() - 1; i > 0; i--) {
            LinuxSystem.Mount m = sys.mounts.get(i);
            try {
                m.fs().sync();
                ok("Unmounted " + m.pointPath() + ".");
            } catch (IOException e) {
                status("FAILED", TextConsole.RED, "Failed unmounting " + m.pointPath() + ".");
            }
        }
        ok("Reached target Shutdown.");
        sys.syncAll();
        String msg = reboot ? "reboot: Restarting system" : "reboot: Power down";
        kernel(msg);
    }

    @Override
    public void stop() {
        if (sys != null) {
            sys.syncAll();
        }
        for (GuestDisk d : disks) {
            if (d.readable()) {
                try {
                    d.device().flush();
                } catch (IOException e) {
                    // the caller closes the devices
                }
            }
        }
        state = "stopped";
    }

    @Override
    public ShellResult runShellScript(String script) {
        if (!booted()) {
            return new ShellResult(-1, "Cloud Assistant agent is not running (guest state: " + state + ")\n");
        }
        ScriptSession session = new ScriptSession();
        LinuxShell sh = new LinuxShell(sys, session);
        StringBuilder out = new StringBuilder();
        int[] code = {0};
        for (String line : script.split("\n")) {
            if (sh.ended()) {
                break;
            }
            out.append(sh.run(line, code));
        }
        if (session.reboot) {
            shutdownMessages(true);
            state = "rebooting";
            requests.reboot();
        } else if (session.powerOff) {
            shutdownMessages(false);
            state = "powering-off";
            requests.powerOff();
        }
        return new ShellResult(code[0], out.toString());
    }

    /** The login session on the console. */
    private final class ConsoleSession implements LinuxShell.Session {
        @Override
        public void clearScreen() {
            console.clearScreen();
        }

        @Override
        public void reboot() {
            shutdownMessages(true);
            state = "rebooting";
            requests.reboot();
        }

        @Override
        public void powerOff() {
            shutdownMessages(false);
            state = "powering-off";
            requests.powerOff();
        }

        @Override
        public void logout() {
            showLogin(true);
        }
    }

    /** A session with no screen (Cloud Assistant, boot-time mounts): power requests are acted on afterwards. */
    private static final class ScriptSession implements LinuxShell.Session {
        boolean reboot;
        boolean powerOff;

        @Override
        public void clearScreen() {
        }

        @Override
        public void reboot() {
            reboot = true;
        }

        @Override
        public void powerOff() {
            powerOff = true;
        }

        @Override
        public void logout() {
        }
    }
}
