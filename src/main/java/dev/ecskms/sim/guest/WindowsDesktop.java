package dev.ecskms.sim.guest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A Windows Server guest, kept simpler than Linux: boot manager and kernel read from the system disk, then a lock
 * screen; Ctrl+Alt+Del and the Administrator password (checked against the SAM file on the disk) open a desktop whose
 * "This PC" window lists the NTFS volumes found on the disks. Ctrl+Alt+Del on the desktop shows the security screen.
 */
public final class WindowsDesktop implements GuestOs {
    private static final ZoneId TZ = ZoneId.of("Asia/Shanghai");
    private static final int WHITE = 0xFFFFFFFF;
    private static final int BLACK_TEXT = 0xFF1A1A1A;
    private static final int GREY_TEXT = 0xFF6D6D6D;
    private static final int ACCENT = 0xFF0078D7;

    private final Clock clock;
    private final List<GuestDisk> disks;
    private final String hostnameFromHost;
    private final Framebuffer fb;
    private final StringBuilder serial = new StringBuilder();
    private final GuestOs.Requests requests;
    private String state = "off";
    private SimpleFs systemFs;
    private String productName = "Windows";
    private String computerName = "";
    private final List<VisibleDisk> volumes = new ArrayList<>();
    private final StringBuilder password = new StringBuilder();
    private String message;
    private String noBootText;

    WindowsDesktop(Clock clock, List<GuestDisk> disks, String hostname, Framebuffer fb, GuestOs.Requests requests) {
        this.clock = clock;
        this.disks = disks;
        this.hostnameFromHost = hostname;
        this.fb = fb;
        this.requests = requests;
    }

    /** The volumes "This PC" lists once signed in (empty before). */
    public List<VisibleDisk> visibleDisks() {
        return state.equals("desktop") || state.equals("security") ? List.copyOf(volumes) : List.of();
    }

    /** "locked", "signin", "desktop", "security", "hung", "no-boot", ... */
    public String screen() {
        return state;
    }

    public String computerName() {
        return computerName;
    }

    String serialLog() {
        return serial.toString();
    }

    @Override
    public String state() {
        return state;
    }

    @Override
    public boolean booted() {
        return List.of("locked", "signin", "desktop", "security").contains(state);
    }

    @Override
    public String screenText() {
        return switch (state) {
            case "locked" -> time() + "\n" + date() + "\nPress Ctrl+Alt+Del to unlock.\n";
            case "signin" -> "Administrator\nPassword\n" + (message == null ? "" : message + "\n");
            case "desktop" -> {
                StringBuilder sb = new StringBuilder("Recycle Bin\nThis PC\nDevices and drives (" + volumes.size()
                        + ")\n");
                for (VisibleDisk v : volumes) {
                    sb.append(v.displayName()).append("  ").append(Sizes.explorer(v.freeBytes())).append(" free of ")
                            .append(Sizes.explorer(v.totalBytes())).append('\n');
                }
                yield sb.toString();
            }
            case "security" -> "Lock\nSwitch user\nSign out\nChange a password\nTask Manager\nRestart\nShut down\n";
            case "no-boot" -> noBootText;
            default -> "";
        };
    }

    // ---- boot ----

    @Override
    public void boot() {
        Optional<GuestDisk> system = disks.stream().filter(d -> d.attached.system()).findFirst();
        if (system.isEmpty()) {
            state = "hung";
            return;
        }
        try {
            GuestDisk d = system.get();
            byte[] sector0 = new byte[d.device().sectorSize()];
            d.device().read(0, sector0, 0);
            Optional<PartitionTable> table = PartitionTable.parse(sector0);
            Optional<PartitionTable.Partition> boot = table.flatMap(t -> t.partitions().stream()
                    .filter(PartitionTable.Partition::bootable).findFirst().or(() -> t.partition(1)));
            if (boot.isEmpty()) {
                noBoot("No bootable device.");
                return;
            }
            PartitionDevice part = new PartitionDevice(d.device(), boot.get().firstSector(), boot.get().sectorCount());
            systemFs = SimpleFs.mount(part, clock);
            byte[] bootmgr = systemFs.readFile(GuestImages.path("/bootmgr"));
            if (GuestImages.bannerOf(bootmgr, GuestImages.BOOTMGR_MAGIC) == null) {
                noBoot("BOOTMGR is missing\nPress Ctrl+Alt+Del to restart");
                return;
            }
            String build = GuestImages.bannerOf(systemFs.readFile(GuestImages.path("/Windows/System32/ntoskrnl.exe")),
                    GuestImages.NT_KERNEL_MAGIC);
            if (build == null) {
                noBoot("Your PC/Device needs to be repaired\n\nFile: \\Windows\\System32\\ntoskrnl.exe\n"
                        + "Error code: 0xc0000428");
                return;
            }
            productName = registryValue("/Windows/System32/config/SOFTWARE", "ProductName").orElse("Windows");
            computerName = registryValue("/Windows/System32/config/SYSTEM", "ComputerName").orElse("WIN");
            applyComputerNameFromMetadata();
            serial.append("Windows Boot Manager\n").append(productName).append(" ").append(build).append("\n\n")
                    .append("Computer is booting, SAC started and initialized.\n\n")
                    .append("Use the \"ch -?\" command for information about using channels.\n")
                    .append("Use the \"?\" command for general help.\n\n\nSAC>\n")
                    .append("EVENT: The CMD command is now available.\nSAC>\n");
            findVolumes();
        } catch (IOException | RuntimeException e) {
            state = "hung"; // the boot manager never loaded: black screen
            return;
        } catch (FsException e) {
            noBoot("An operating system wasn't found. Try disconnecting any drives that don't contain an operating"
                    + " system.\nPress Ctrl+Alt+Del to restart");
            return;
        }
        state = "locked";
        render();
    }

    private Optional<String> registryValue(String file, String name) throws FsException, IOException {
        String text = new String(systemFs.readFile(GuestImages.path(file)), StandardCharsets.UTF_8);
        return text.lines().filter(l -> l.startsWith(name + "=")).map(l -> l.substring(name.length() + 1).trim())
                .findFirst();
    }

    private void applyComputerNameFromMetadata() {
        if (hostnameFromHost == null || hostnameFromHost.isBlank() || hostnameFromHost.equals(computerName)) {
            return;
        }
        try {
            systemFs.writeFile(GuestImages.path("/Windows/System32/config/SYSTEM"),
                    GuestImages.text("ComputerName=" + hostnameFromHost + "\n"), false, 0600);
            systemFs.sync();
            computerName = registryValue("/Windows/System32/config/SYSTEM", "ComputerName").orElse(hostnameFromHost);
        } catch (FsException | IOException e) {
            // keep the old name
        }
    }

    private void findVolumes() {
        volumes.add(new VisibleDisk("C:", systemFs.label(), "NTFS", systemFs.totalBytes(),
                systemFs.totalBytes() - systemFs.usedBytes()));
        char letter = 'D';
        for (GuestDisk d : disks) {
            if (d.attached.system() || !d.readable()) {
                continue;
            }
            try {
                Optional<PartitionTable> t = d.table();
                if (t.isEmpty()) {
                    continue; // a raw disk: Disk Management would offer to initialize it
                }
                for (PartitionTable.Partition p : t.get().partitions()) {
                    PartitionDevice part = new PartitionDevice(d.device(), p.firstSector(), p.sectorCount());
                    SimpleFs.Superblock sb = SimpleFs.probe(part);
                    if (sb == null || !sb.fsType().equals("ntfs")) {
                        continue;
                    }
                    SimpleFs fs = SimpleFs.mount(part, clock);
                    volumes.add(new VisibleDisk(letter++ + ":", fs.label(), "NTFS", fs.totalBytes(),
                            fs.totalBytes() - fs.usedBytes()));
                }
            } catch (IOException | FsException e) {
                serial.append("EVENT: The disk ").append(d.index).append(" has an I/O error.\n");
            }
        }
    }

    private void noBoot(String text) {
        noBootText = text;
        state = "no-boot";
        fb.paint(c -> {
            c.fill(Framebuffer.BLACK);
            int y = 40;
            for (String line : text.split("\n")) {
                c.drawText(line, 40, y, 1, 2, 0xFFC0C0C0);
                y += 20;
            }
        });
    }

    // ---- input ----

    @Override
    public void type(char c) {
        switch (state) {
            case "signin" -> {
                if (c == '\n' || c == '\r') {
                    pressEnter();
                } else if (c >= 32) {
                    password.append(c);
                    message = null;
                    render();
                }
            }
            case "security" -> {
                switch (Character.toLowerCase(c)) {
                    case 'l' -> lock();
                    case 'r' -> {
                        state = "restarting";
                        drawStatus("Restarting");
                        requests.reboot();
                    }
                    case 's' -> {
                        state = "shutting-down";
                        drawStatus("Shutting down");
                        requests.powerOff();
                    }
                    case 'c', '\n', '\r' -> {
                        state = "desktop";
                        render();
                    }
                    default -> {
                    }
                }
            }
            default -> {
                // the lock screen and the desktop ignore typing
            }
        }
    }

    @Override
    public void pressEnter() {
        if (state.equals("security")) {
            type('c');
            return;
        }
        if (!state.equals("signin")) {
            return;
        }
        if (checkPassword(password.toString())) {
            password.setLength(0);
            message = null;
            state = "desktop";
            serial.append("EVENT: Administrator signed in.\n");
        } else {
            password.setLength(0);
            message = "The password is incorrect. Try again.";
        }
        render();
    }

    private boolean checkPassword(String pw) {
        try {
            String sam = new String(systemFs.readFile(GuestImages.path("/Windows/System32/config/SAM")),
                    StandardCharsets.UTF_8);
            for (String l : sam.split("\n")) {
                String[] f = l.split(":", 3);
                if (f.length == 3 && f[0].equals("Administrator")) {
                    return PasswordHash.verify(pw, f[2].trim());
                }
            }
        } catch (FsException | IOException e) {
            return false;
        }
        return false;
    }

    @Override
    public void pressBackspace() {
        if (state.equals("signin") && password.length() > 0) {
            password.setLength(password.length() - 1);
            render();
        }
    }

    @Override
    public void ctrlAltDel() {
        switch (state) {
            case "locked" -> {
                state = "signin";
                password.setLength(0);
                message = null;
                render();
            }
            case "desktop" -> {
                state = "security";
                render();
            }
            case "hung", "no-boot" -> {
                state = "resetting";
                requests.reboot();
            }
            default -> {
            }
        }
    }

    private void lock() {
        state = "locked";
        render();
    }

    @Override
    public void stop() {
        if (systemFs != null) {
            try {
                systemFs.sync();
            } catch (IOException e) {
                // the caller closes the devices
            }
        }
        state = "stopped";
    }

    @Override
    public ShellResult runShellScript(String script) {
        if (!booted()) {
            return new ShellResult(-1, "Cloud Assistant agent is not running (guest state: " + state + ")\n");
        }
        StringBuilder out = new StringBuilder();
        int code = 0;
        for (String raw : script.split("\n")) {
            String line = raw.trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] w = line.split("\\s+", 2);
            switch (w[0].toLowerCase(Locale.ROOT)) {
                case "hostname" -> out.append(computerName).append("\r\n");
                case "echo", "write-output", "write-host" -> out.append(w.length > 1 ? w[1].replace("\"", "") : "")
                        .append("\r\n");
                case "restart-computer" -> {
                    state = "restarting";
                    drawStatus("Restarting");
                    requests.reboot();
                    return new ShellResult(0, out.toString());
                }
                case "stop-computer" -> {
                    state = "shutting-down";
                    drawStatus("Shutting down");
                    requests.powerOff();
                    return new ShellResult(0, out.toString());
                }
                default -> {
                    out.append(w[0]).append(" : The term '").append(w[0]).append("' is not recognized as the name of"
                            + " a cmdlet, function, script file, or operable program.\r\n");
                    code = 1;
                }
            }
        }
        return new ShellResult(code, out.toString());
    }

    // ---- drawing ----

    private String time() {
        return DateTimeFormatter.ofPattern("H:mm", Locale.ENGLISH).format(now());
    }

    private String date() {
        return DateTimeFormatter.ofPattern("EEEE, MMMM d", Locale.ENGLISH).format(now());
    }

    private ZonedDateTime now() {
        return ZonedDateTime.ofInstant(clock.instant(), TZ);
    }

    private void render() {
        switch (state) {
            case "locked" -> fb.paint(this::drawLock);
            case "signin" -> fb.paint(this::drawSignIn);
            case "desktop" -> fb.paint(this::drawDesktop);
            case "security" -> fb.paint(this::drawSecurity);
            default -> {
            }
        }
    }

    private static void centered(Framebuffer.Canvas c, String text, int y, int sx, int sy, int color) {
        c.drawText(text, (c.width() - Framebuffer.Canvas.textWidth(text, sx)) / 2, y, sx, sy, color);
    }

    private void drawLock(Framebuffer.Canvas c) {
        c.gradient(0, 0, c.width(), c.height(), 0xFF0B2447, 0xFF2E6FBF);
        c.drawText(time(), 60, 360, 10, 10, WHITE);
        c.drawText(date(), 64, 460, 3, 3, WHITE);
        centered(c, "Press Ctrl+Alt+Del to unlock.", 550, 2, 2, WHITE);
    }

    private void drawAvatar(Framebuffer.Canvas c, int cx, int cy, int r) {
        c.disc(cx, cy, r, 0xFFDADADA);
        c.disc(cx, cy - r / 4, r / 3, 0xFF9A9A9A);
        for (int dy = 0; dy < r / 2; dy++) {
            int half = (int) (r * 0.55 * Math.sqrt(1 - Math.pow(1 - (double) dy / (r / 2), 2)));
            c.fillRect(cx - half, cy + r / 5 + dy, 2 * half, 1, 0xFF9A9A9A);
        }
    }

    private void drawSignIn(Framebuffer.Canvas c) {
        c.gradient(0, 0, c.width(), c.height(), 0xFF10325E, 0xFF1F5C9E);
        drawAvatar(c, c.width() / 2, 180, 70);
        centered(c, "Administrator", 275, 3, 3, WHITE);
        int bx = 250;
        int by = 330;
        c.fillRect(bx, by, 264, 36, WHITE);
        c.rect(bx, by, 264, 36, 0xFF7A7A7A);
        if (password.length() == 0) {
            c.drawText("Password", bx + 10, by + 10, 1, 2, GREY_TEXT);
        } else {
            for (int i = 0; i < Math.min(password.length(), 20); i++) {
                c.disc(bx + 16 + i * 12, by + 18, 4, BLACK_TEXT);
            }
        }
        c.fillRect(bx + 264, by, 36, 36, 0xFF3A3A3A);
        c.drawText(">", bx + 274, by + 8, 2, 2, WHITE);
        if (message != null) {
            centered(c, message, 390, 1, 2, WHITE);
        }
        centered(c, "Type the password and press Enter.", 540, 1, 2, 0xFFCFE0F5);
        c.drawText(computerName, 20, 560, 1, 2, 0xFFCFE0F5);
    }

    private void drawDesktop(Framebuffer.Canvas c) {
        int w = c.width();
        int h = c.height();
        c.gradient(0, 0, w, h - 40, 0xFF003E7E, 0xFF0A74DA);
        // desktop icon: Recycle Bin
        c.fillRect(30, 20, 32, 36, 0xFFE8EEF5);
        c.rect(30, 20, 32, 36, 0xFF9FB3C8);
        for (int i = 0; i < 4; i++) {
            c.fillRect(36 + i * 6, 28, 2, 24, 0xFF9FB3C8);
        }
        c.drawText("Recycle Bin", 2, 62, 1, 2, WHITE);
        drawThisPc(c, 110, 40, 600, 470);
        // taskbar
        c.fillRect(0, h - 40, w, 40, 0xFF1C1C1C);
        drawLogo(c, 14, h - 30, 20, 0xFF00A4EF);
        c.fillRect(50, h - 34, 220, 28, 0xFF3A3A3A);
        c.drawText("Type here to search", 60, h - 28, 1, 2, 0xFFBDBDBD);
        c.fillRect(290, h - 32, 24, 22, 0xFFF2C94C); // Explorer
        c.fillRect(290, h - 3, 24, 2, ACCENT);
        String clockText = DateTimeFormatter.ofPattern("h:mm a", Locale.ENGLISH).format(now());
        String dateText = DateTimeFormatter.ofPattern("M/d/yyyy", Locale.ENGLISH).format(now());
        int right = w - 12;
        c.drawText(clockText, right - Framebuffer.Canvas.textWidth(clockText, 1), h - 38, 1, 2, WHITE);
        c.drawText(dateText, right - Framebuffer.Canvas.textWidth(dateText, 1), h - 20, 1, 2, WHITE);
    }

    private static void drawLogo(Framebuffer.Canvas c, int x, int y, int size, int color) {
        int s = (size - 2) / 2;
        c.fillRect(x, y, s, s, color);
        c.fillRect(x + s + 2, y, s, s, color);
        c.fillRect(x, y + s + 2, s, s, color);
        c.fillRect(x + s + 2, y + s + 2, s, s, color);
    }

    private void drawThisPc(Framebuffer.Canvas c, int x, int y, int w, int h) {
        c.fillRect(x + 4, y + 4, w, h, 0xFF02305F); // shadow
        c.fillRect(x, y, w, h, WHITE);
        c.rect(x, y, w, h, 0xFF6A8DB5);
        // title bar
        c.fillRect(x + 1, y + 1, w - 2, 30, WHITE);
        c.fillRect(x + 10, y + 9, 16, 12, 0xFF4A90D9);
        c.drawText("This PC", x + 34, y + 8, 1, 2, BLACK_TEXT);
        c.drawText("_", x + w - 100, y + 4, 1, 2, BLACK_TEXT);
        c.rect(x + w - 68, y + 10, 10, 10, BLACK_TEXT);
        c.drawText("x", x + w - 28, y + 7, 1, 2, BLACK_TEXT);
        // ribbon tabs and address bar
        c.fillRect(x + 1, y + 31, 56, 24, ACCENT);
        c.drawText("File", x + 13, y + 35, 1, 2, WHITE);
        c.drawText("Computer    View", x + 72, y + 35, 1, 2, BLACK_TEXT);
        c.fillRect(x + 1, y + 55, w - 2, 1, 0xFFE0E0E0);
        c.rect(x + 90, y + 62, w - 100, 26, 0xFFD0D0D0);
        c.drawText("> This PC", x + 98, y + 67, 1, 2, BLACK_TEXT);
        c.drawText("<  >  ^", x + 12, y + 67, 1, 2, GREY_TEXT);
        // navigation pane
        int paneTop = y + 96;
        c.fillRect(x + 1, paneTop, 150, h - 97, 0xFFF5F5F5);
        c.drawText("Quick access", x + 14, paneTop + 10, 1, 2, BLACK_TEXT);
        c.fillRect(x + 1, paneTop + 34, 150, 22, 0xFFCCE8FF);
        c.drawText("This PC", x + 14, paneTop + 37, 1, 2, BLACK_TEXT);
        c.drawText("Network", x + 14, paneTop + 64, 1, 2, BLACK_TEXT);
        // content: devices and drives
        int cx = x + 170;
        int cy = paneTop + 10;
        c.drawText("Devices and drives (" + volumes.size() + ")", cx, cy, 1, 2, 0xFF1E3287);
        c.fillRect(cx + 200, cy + 8, w - 200 - 190, 1, 0xFFE2E2E2);
        cy += 30;
        for (VisibleDisk v : volumes) {
            drawDrive(c, cx, cy, v);
            cy += 62;
            if (cy > y + h - 60) {
                break;
            }
        }
        c.fillRect(x + 1, y + h - 24, w - 2, 23, WHITE);
        c.drawText(volumes.size() + " items", x + 10, y + h - 20, 1, 2, GREY_TEXT);
    }

    private static void drawDrive(Framebuffer.Canvas c, int x, int y, VisibleDisk v) {
        // drive icon
        c.fillRect(x, y + 8, 40, 24, 0xFFB8C4D0);
        c.rect(x, y + 8, 40, 24, 0xFF7D8A96);
        c.fillRect(x + 4, y + 24, 8, 3, 0xFF34C759);
        if (v.letter().equals("C:")) {
            drawLogo(c, x + 24, y + 12, 12, ACCENT);
        }
        c.drawText(v.displayName(), x + 52, y, 1, 2, BLACK_TEXT);
        int barW = 240;
        c.fillRect(x + 52, y + 20, barW, 14, 0xFFE6E6E6);
        c.rect(x + 52, y + 20, barW, 14, 0xFFBCBCBC);
        double usedFraction = v.totalBytes() == 0 ? 0 : 1.0 - (double) v.freeBytes() / v.totalBytes();
        int fill = (int) Math.round((barW - 2) * usedFraction);
        c.fillRect(x + 53, y + 21, Math.max(fill, 2), 12, 0xFF26A0DA);
        c.drawText(Sizes.explorer(v.freeBytes()) + " free of " + Sizes.explorer(v.totalBytes()), x + 52, y + 38, 1,
                2, GREY_TEXT);
    }

    private void drawSecurity(Framebuffer.Canvas c) {
        c.fill(0xFF17457C);
        int y = 170;
        String[][] items = {{"Lock", "L"}, {"Switch user", ""}, {"Sign out", ""}, {"Change a password", ""},
            {"Task Manager", ""}};
        for (String[] item : items) {
            centered(c, item[0] + (item[1].isEmpty() ? "" : "  (" + item[1] + ")"), y, 2, 2, WHITE);
            y += 40;
        }
        c.fillRect(c.width() / 2 - 60, 400, 120, 32, 0xFF3C6FAE);
        centered(c, "Cancel (C)", 408, 1, 2, WHITE);
        String power = "Restart (R)    Shut down (S)";
        c.drawText(power, c.width() - Framebuffer.Canvas.textWidth(power, 1) - 20, c.height() - 36, 1, 2, WHITE);
    }

    private void drawStatus(String text) {
        fb.paint(c -> {
            c.fill(0xFF0F4C8A);
            centered(c, text, 300, 2, 2, WHITE);
        });
    }
}
