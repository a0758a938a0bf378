package dev.ecskms.sim.guest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * A root bash session: runs command lines against the guest's real disks and file systems. The console's login
 * session and each Cloud Assistant script get their own shell over the same {@link LinuxSystem}.
 */
final class LinuxShell {
    static final ZoneId TZ = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter LS_RECENT = DateTimeFormatter.ofPattern("MMM d HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter LS_OLD = DateTimeFormatter.ofPattern("MMM d  yyyy", Locale.ENGLISH);
    static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss zzz yyyy", Locale.ENGLISH);

    /** What a shell asks of the session that runs it. */
    interface Session {
        void clearScreen();

        void reboot();

        void powerOff();

        void logout();
    }

    private final LinuxSystem sys;
    private final Session session;
    private List<String> cwd = List.of("root");
    private Fdisk fdisk;
    private StringBuilder stdout;
    private StringBuilder stderr;
    private boolean ended;
    private final LineHistory history = new LineHistory();

    LinuxShell(LinuxSystem sys, Session session) {
        this.sys = sys;
        this.session = session;
    }

    /** The prompt to show before the next line: bash's PS1, or an interactive program's own prompt. */
    String prompt() {
        if (fdisk != null) {
            return fdisk.prompt();
        }
        String host = sys.hostname.contains(".") ? sys.hostname.substring(0, sys.hostname.indexOf('.')) : sys.hostname;
        if (sys.rhelStyle()) {
            String dir = cwd.equals(List.of("root")) ? "~" : cwd.isEmpty() ? "/" : cwd.get(cwd.size() - 1);
            return "[root@" + host + " " + dir + "]# ";
        }
        String path = LinuxSystem.join(cwd);
        if (cwd.size() >= 1 && cwd.get(0).equals("root")) {
            path = "~" + path.substring(5);
        }
        return "root@" + host + ":" + path + "# ";
    }

    /**
     * The lines typed at this shell's prompt, for Up and Down and the {@code history} builtin; the console's login
     * session adds to it, Cloud Assistant scripts (not interactive) do not.
     */
    LineHistory history() {
        return history;
    }

    /** Whether an interactive program (fdisk) reads the next line rather than bash: its answers are no history. */
    boolean inDialogue() {
        return fdisk != null;
    }

    /** Whether a command asked to end the session (exit, reboot...): the caller stops feeding lines. */
    boolean ended() {
        return ended;
    }

    /** Runs one input line and returns what the terminal shows for it; {@code exit[0]} gets the exit status. */
    String run(String line, int[] exit) {
        StringBuilder term = new StringBuilder();
        int code;
        if (fdisk != null) {
            stdout = term;
            stderr = term;
            fdisk.input(line.trim());
            code = 0;
        } else {
            code = runLine(line, term);
        }
        if (exit != null) {
            exit[0] = code;
        }
        sys.syncAll(); // write-through: what a command wrote is on the disk when its prompt comes back
        return term.toString();
    }

    private int runLine(String line, StringBuilder term) {
        List<CommandLine.Pipeline> pipelines;
        try {
            pipelines = CommandLine.parse(line);
        } catch (CommandLine.SyntaxError e) {
            term.append("-bash: ").append(e.getMessage()).append('\n');
            return 2;
        }
        int code = 0;
        for (CommandLine.Pipeline p : pipelines) {
            if (ended || p.joinedBy().equals("&&") && code != 0 || p.joinedBy().equals("||") && code == 0) {
                continue;
            }
            String stdin = null;
            for (int i = 0; i < p.commands().size(); i++) {
                CommandLine.Simple c = p.commands().get(i);
                boolean last = i == p.commands().size() - 1;
                StringBuilder out = new StringBuilder();
                StringBuilder err = new StringBuilder();
                stdout = out;
                stderr = c.stderrToStdout() ? out : err;
                code = exec(c.words(), stdin);
                if (c.stderrFile() == null && !c.stderrToStdout()) {
                    term.append(err);
                } else if (c.stderrFile() != null && !c.stderrFile().equals("/dev/null")) {
                    redirect(c.stderrFile(), err.toString(), false, term);
                }
                if (c.stdoutFile() != null) {
                    if (!redirect(c.stdoutFile(), out.toString(), c.appendStdout(), term)) {
                        code = 1;
                    }
                    stdin = "";
                } else if (last) {
                    term.append(out);
                } else {
                    stdin = out.toString();
                }
            }
        }
        return code;
    }

    private boolean redirect(String file, String text, boolean append, StringBuilder term) {
        if (file.equals("/dev/null")) {
            return true;
        }
        try {
            sys.write(abs(file), text.getBytes(StandardCharsets.UTF_8), append);
            return true;
        } catch (FsException e) {
            term.append("-bash: ").append(file).append(": ").append(e.getMessage()).append('\n');
        } catch (IOException e) {
            term.append("-bash: ").append(file).append(": ").append(FsException.IO).append('\n');
        }
        return false;
    }

    private void out(String s) {
        stdout.append(s);
    }

    private void outln(String s) {
        stdout.append(s).append('\n');
    }

    private int fail(String s, int code) {
        stderr.append(s).append('\n');
        return code;
    }

    private int exec(List<String> argv, String stdin) {
        List<String> a = new ArrayList<>(argv);
        while (!a.isEmpty() && a.get(0).equals("sudo")) {
            a.remove(0);
            while (!a.isEmpty() && a.get(0).startsWith("-")) {
                String opt = a.remove(0);
                if (opt.equals("-u") && !a.isEmpty()) {
                    a.remove(0);
                }
            }
        }
        if (a.isEmpty()) {
            return 0;
        }
        String cmd = a.get(0);
        List<String> args = a.subList(1, a.size());
        try {
            return switch (cmd) {
                case "true", ":", "su", "partprobe" -> 0;
                case "false" -> 1;
                case "echo" -> echo(args);
                case "pwd" -> {
                    outln(LinuxSystem.join(cwd));
                    yield 0;
                }
                case "cd" -> cd(args);
                case "ls", "ll", "dir" -> ls(cmd.equals("ll") ? prepend("-l", args) : args);
                case "cat" -> cat(args, stdin);
                case "tee" -> tee(args, stdin);
                case "grep" -> grep(args, stdin);
                case "mkdir" -> mkdir(args);
                case "rmdir" -> rmdir(args);
                case "rm" -> rm(args);
                case "touch" -> touch(args);
                case "cp", "mv" -> copy(cmd, args);
                case "hostname" -> {
                    outln(sys.hostname);
                    yield 0;
                }
                case "whoami" -> {
                    outln("root");
                    yield 0;
                }
                case "id" -> {
                    outln("uid=0(root) gid=0(root) groups=0(root)");
                    yield 0;
                }
                case "uname" -> uname(args);
                case "date" -> {
                    outln(DATE.format(ZonedDateTime.ofInstant(sys.clock.instant(), TZ)));
                    yield 0;
                }
                case "history" -> history(args);
                case "clear" -> {
                    session.clearScreen();
                    yield 0;
                }
                case "sync" -> sync();
                case "dmesg" -> {
                    sys.kernelLog.forEach(this::outln);
                    yield 0;
                }
                case "lsblk" -> lsblk(args);
                case "blkid" -> blkid(args);
                case "df" -> df(args);
                case "fdisk" -> fdisk(args);
                case "parted" -> parted(args);
                case "mkfs", "mkfs.ext4", "mkfs.ext3", "mkfs.xfs", "mke2fs" -> mkfs(cmd, args);
                case "mount" -> mount(args);
                case "umount" -> umount(args);
                case "systemctl" -> systemctl(args);
                case "reboot" -> reboot();
                case "poweroff", "halt" -> powerOff();
                case "shutdown" -> args.contains("-r") ? reboot() : args.contains("-c") ? 0 : powerOff();
                case "init" -> args.contains("6") ? reboot() : args.contains("0") ? powerOff() : 0;
                case "exit", "logout" -> {
                    ended = true;
                    session.logout();
                    yield 0;
                }
                default -> fail("-bash: " + cmd + ": command not found", 127);
            };
        } catch (FsException e) {
            return fail(cmd + ": " + e.getMessage(), 1);
        } catch (IOException e) {
            return fail(cmd + ": " + FsException.IO, 1);
        }
    }

    /** bash's numbered list of the session's lines; {@code history N} shows the last N. */
    private int history(List<String> args) {
        List<String> lines = history.lines();
        int from = 0;
        if (!args.isEmpty()) {
            try {
                from = Math.max(0, lines.size() - Integer.parseInt(args.get(0)));
            } catch (NumberFormatException e) {
                return fail("-bash: history: " + args.get(0) + ": numeric argument required", 1);
            }
        }
        for (int i = from; i < lines.size(); i++) {
            out(String.format(Locale.ROOT, "%5d  %s\n", i + 1, lines.get(i)));
        }
        return 0;
    }

    private static List<String> prepend(String first, List<String> rest) {
        List<String> l = new ArrayList<>();
        l.add(first);
        l.addAll(rest);
        return l;
    }

    // ---- paths ----

    List<String> abs(String p) {
        List<String> base;
        if (p.startsWith("/")) {
            base = new ArrayList<>();
        } else if (p.equals("~") || p.startsWith("~/")) {
            base = new ArrayList<>(List.of("root"));
            p = p.substring(1);
        } else {
            base = new ArrayList<>(cwd);
        }
        for (String part : p.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (!base.isEmpty()) {
                    base.remove(base.size() - 1);
                }
            } else {
                base.add(part);
            }
        }
        return base;
    }

    private static List<String> operands(List<String> args) {
        return args.stream().filter(s -> !s.startsWith("-") || s.equals("-")).toList();
    }

    private static boolean flag(List<String> args, char f) {
        return args.stream().anyMatch(s -> s.startsWith("-") && !s.startsWith("--") && s.indexOf(f) > 0);
    }

    // ---- file commands ----

    private int echo(List<String> args) {
        boolean newline = true;
        boolean escapes = false;
        int i = 0;
        while (i < args.size() && args.get(i).matches("-[neE]+")) {
            newline &= !args.get(i).contains("n");
            escapes |= args.get(i).contains("e");
            i++;
        }
        String text = String.join(" ", args.subList(i, args.size()));
        if (escapes) {
            text = text.replace("\\n", "\n").replace("\\t", "\t").replace("\\\\", "\\");
        }
        out(text + (newline ? "\n" : ""));
        return 0;
    }

    private int cd(List<String> args) throws FsException {
        List<String> target = args.isEmpty() ? List.of("root") : abs(args.get(0));
        FsNode n;
        try {
            n = sys.lookup(target);
        } catch (FsException e) {
            return fail("-bash: cd: " + args.get(0) + ": " + e.getMessage(), 1);
        }
        if (!n.directory) {
            return fail("-bash: cd: " + args.get(0) + ": " + FsException.NOT_DIR, 1);
        }
        cwd = List.copyOf(target);
        return 0;
    }

    private int ls(List<String> args) {
        boolean longFormat = flag(args, 'l');
        boolean all = flag(args, 'a');
        boolean human = flag(args, 'h');
        List<String> targets = operands(args);
        if (targets.isEmpty()) {
            targets = List.of(".");
        }
        int code = 0;
        boolean first = true;
        for (String t : targets) {
            FsNode n;
            try {
                n = sys.lookup(abs(t));
            } catch (FsException e) {
                fail("ls: cannot access '" + t + "': " + e.getMessage(), 2);
                code = 2;
                continue;
            }
            if (targets.size() > 1 && n.directory) {
                out((first ? "" : "\n") + t + ":\n");
            }
            first = false;
            if (!n.directory) {
                outln(longFormat ? lsLine(n, t, human) : t);
                continue;
            }
            List<FsNode> entries = new ArrayList<>();
            List<String> names = new ArrayList<>();
            if (all) {
                entries.add(n);
                names.add(".");
                entries.add(n);
                names.add("..");
            }
            for (FsNode c : n.children.values()) {
                if (all || !c.name.startsWith(".")) {
                    FsNode shown = c;
                    List<String> childPath = new ArrayList<>(abs(t));
                    childPath.add(c.name);
                    if (sys.mountAt(childPath).isPresent()) {
                        shown = sys.mountAt(childPath).get().fs().root();
                    }
                    entries.add(shown);
                    names.add(c.name);
                }
            }
            if (longFormat) {
                long blocks = 0;
                for (FsNode e : entries) {
                    blocks += e.directory ? 4 : (e.size + 4095) / 4096 * 4;
                }
                outln("total " + blocks);
                for (int i = 0; i < entries.size(); i++) {
                    outln(lsLine(entries.get(i), names.get(i), human));
                }
            } else if (!names.isEmpty()) {
                StringBuilder row = new StringBuilder();
                for (String name : names) {
                    if (row.length() > 0 && row.length() + 2 + name.length() > 96) {
                        outln(row.toString());
                        row.setLength(0);
                    }
                    row.append(row.length() > 0 ? "  " : "").append(name);
                }
                outln(row.toString());
            }
        }
        return code;
    }

    private String lsLine(FsNode n, String name, boolean human) {
        long links = n.directory ? 2 + n.children.values().stream().filter(c -> c.directory).count() : 1;
        long size = n.directory ? 4096 : n.size;
        ZonedDateTime t = ZonedDateTime.ofInstant(Instant.ofEpochSecond(n.mtime), TZ);
        boolean recent = Math.abs(sys.clock.instant().getEpochSecond() - n.mtime) < 180L * 24 * 3600;
        return String.format(Locale.ROOT, "%s %2d root root %5s %s %s", modeString(n), links,
                human ? Sizes.human(size, true) : String.valueOf(size), (recent ? LS_RECENT : LS_OLD).format(t), name);
    }

    static String modeString(FsNode n) {
        StringBuilder s = new StringBuilder(n.directory ? "d" : "-");
        String rwx = "rwxrwxrwx";
        for (int i = 0; i < 9; i++) {
            s.append((n.mode >> (8 - i) & 1) != 0 ? rwx.charAt(i) : '-');
        }
        if ((n.mode & 01000) != 0) {
            s.setCharAt(9, 't');
        }
        return s.toString();
    }

    private int cat(List<String> args, String stdin) throws FsException, IOException {
        List<String> files = operands(args);
        if (files.isEmpty()) {
            out(stdin == null ? "" : stdin);
            return 0;
        }
        int code = 0;
        for (String f : files) {
            try {
                out(new String(sys.read(abs(f)), StandardCharsets.UTF_8));
            } catch (FsException e) {
                code = fail("cat: " + f + ": " + e.getMessage(), 1);
            } catch (IOException e) {
                code = fail("cat: " + f + ": " + FsException.IO, 1);
            }
        }
        return code;
    }

    private int tee(List<String> args, String stdin) {
        String text = stdin == null ? "" : stdin;
        boolean append = flag(args, 'a');
        int code = 0;
        for (String f : operands(args)) {
            try {
                sys.write(abs(f), text.getBytes(StandardCharsets.UTF_8), append);
            } catch (FsException e) {
                code = fail("tee: " + f + ": " + e.getMessage(), 1);
            } catch (IOException e) {
                code = fail("tee: " + f + ": " + FsException.IO, 1);
            }
        }
        out(text);
        return code;
    }

    private int grep(List<String> args, String stdin) throws FsException, IOException {
        List<String> ops = operands(args);
        if (ops.isEmpty()) {
            return fail("Usage: grep [OPTION]... PATTERNS [FILE]...", 2);
        }
        String text = ops.size() > 1 ? new String(sys.read(abs(ops.get(1))), StandardCharsets.UTF_8)
                : stdin == null ? "" : stdin;
        int found = 1;
        for (String l : text.split("\n")) {
            if (l.contains(ops.get(0))) {
                outln(l);
                found = 0;
            }
        }
        return found;
    }

    private int mkdir(List<String> args) {
        boolean parents = flag(args, 'p');
        int code = 0;
        for (String d : operands(args)) {
            try {
                sys.mkdir(abs(d), parents);
            } catch (FsException e) {
                code = fail("mkdir: cannot create directory '" + d + "': " + e.getMessage(), 1);
            }
        }
        return code;
    }

    private int rmdir(List<String> args) {
        int code = 0;
        for (String d : operands(args)) {
            try {
                FsNode n = sys.lookup(abs(d));
                if (!n.directory) {
                    throw new FsException(FsException.NOT_DIR);
                }
                sys.remove(abs(d), false);
            } catch (FsException e) {
                code = fail("rmdir: failed to remove '" + d + "': " + e.getMessage(), 1);
            }
        }
        return code;
    }

    private int rm(List<String> args) {
        boolean recursive = flag(args, 'r') || flag(args, 'R');
        boolean force = flag(args, 'f');
        int code = 0;
        for (String f : operands(args)) {
            try {
                FsNode n = sys.lookup(abs(f));
                if (n.directory && !recursive) {
                    code = fail("rm: cannot remove '" + f + "': Is a directory", 1);
                    continue;
                }
                sys.remove(abs(f), true);
            } catch (FsException e) {
                if (!(force && e.getMessage().equals(FsException.NO_ENT))) {
                    code = fail("rm: cannot remove '" + f + "': " + e.getMessage(), 1);
                }
            }
        }
        return code;
    }

    private int touch(List<String> args) throws IOException {
        int code = 0;
        for (String f : operands(args)) {
            try {
                LinuxSystem.Resolved r = sys.resolve(abs(f));
                r.mount().fs().touch(r.inner());
            } catch (FsException e) {
                code = fail("touch: cannot touch '" + f + "': " + e.getMessage(), 1);
            }
        }
        return code;
    }

    private int copy(String cmd, List<String> args) throws IOException {
        List<String> ops = operands(args);
        if (ops.size() != 2) {
            return fail(cmd + ": missing file operand", 1);
        }
        try {
            FsNode src = sys.lookup(abs(ops.get(0)));
            if (src.directory) {
                return fail(cmd + ": -r not specified; omitting directory '" + ops.get(0) + "'", 1);
            }
            byte[] data = sys.read(abs(ops.get(0)));
            List<String> dst = abs(ops.get(1));
            FsNode d = sys.find(dst);
            if (d != null && d.directory) {
                dst = new ArrayList<>(dst);
                dst.add(src.name);
            }
            sys.write(dst, data, false);
            if (cmd.equals("mv")) {
                sys.remove(abs(ops.get(0)), false);
            }
            return 0;
        } catch (FsException e) {
            return fail(cmd + ": cannot stat '" + ops.get(0) + "': " + e.getMessage(), 1);
        }
    }

    private int uname(List<String> args) {
        String build = sys.kernelBuild == null ? "#1 SMP" : sys.kernelBuild;
        if (flag(args, 'a')) {
            outln("Linux " + sys.hostname + " " + sys.kernelRelease + " " + build + " x86_64 x86_64 x86_64 GNU/Linux");
        } else if (flag(args, 'r')) {
            outln(sys.kernelRelease);
        } else if (flag(args, 'n')) {
            outln(sys.hostname);
        } else if (flag(args, 'm')) {
            outln("x86_64");
        } else {
            outln("Linux");
        }
        return 0;
    }

    private int sync() {
        List<String> failed = sys.syncAll();
        for (String f : failed) {
            fail("sync: error syncing '" + f + "': " + FsException.IO, 1);
        }
        return failed.isEmpty() ? 0 : 1;
    }

    // ---- disks ----

    private int lsblk(List<String> args) {
        boolean fs = flag(args, 'f');
        if (fs) {
            outln("NAME   FSTYPE LABEL UUID                                 MOUNTPOINT");
        } else {
            outln("NAME   MAJ:MIN RM  SIZE RO TYPE MOUNTPOINT");
        }
        for (GuestDisk d : sys.disks) {
            lsblkLine(fs, d.name, d.path(), d.major() + ":" + d.minor(0), d.device().sizeBytes(), "disk",
                    d.device());
            List<PartitionTable.Partition> parts = List.of();
            try {
                parts = d.table().map(PartitionTable::partitions).orElse(List.of());
            } catch (IOException e) {
                // an unreadable disk shows without partitions
            }
            for (PartitionTable.Partition p : parts) {
                int ss = d.device().sectorSize();
                lsblkLine(fs, "`-" + d.name + p.number(), d.path() + p.number(), d.major() + ":" + d.minor(p.number()),
                        p.sectorCount() * ss, "part", new PartitionDevice(d.device(), p.firstSector(),
                                p.sectorCount()));
            }
        }
        return 0;
    }

    private void lsblkLine(boolean fs, String name, String path, String majMin, long size, String type,
                           dev.ecskms.sim.storage.BlockDevice device) {
        String mp = sys.mountOfSource(path).map(LinuxSystem.Mount::pointPath).orElse("");
        if (fs) {
            SimpleFs.Superblock sb = null;
            try {
                sb = device.sectorCount() > 0 ? SimpleFs.probe(device) : null;
            } catch (IOException e) {
                // nothing known
            }
            outln(String.format(Locale.ROOT, "%-6s %-6s %-5s %-36s %s", name, sb == null ? "" : sb.fsType(),
                    sb == null ? "" : sb.label(), sb == null ? "" : sb.uuid(), mp).stripTrailing());
        } else {
            outln(String.format(Locale.ROOT, "%-6s %-7s %2d %5s %2d %-4s %s", name, majMin, 0, Sizes.lsblk(size), 0,
                    type, mp).stripTrailing());
        }
    }

    private int blkid(List<String> args) {
        List<String> only = operands(args);
        int code = only.isEmpty() ? 0 : 2;
        for (LinuxSystem.NamedDevice nd : sys.allDevices()) {
            if (!only.isEmpty() && !only.contains(nd.path())) {
                continue;
            }
            try {
                SimpleFs.Superblock sb = SimpleFs.probe(nd.device());
                if (sb != null) {
                    outln(nd.path() + ": " + (sb.label().isEmpty() ? "" : "LABEL=\"" + sb.label() + "\" ") + "UUID=\""
                            + sb.uuid() + "\" BLOCK_SIZE=\"4096\" TYPE=\"" + sb.fsType() + "\"");
                    code = 0;
                } else if (nd.partition() == 0) {
                    Optional<PartitionTable> t = nd.disk().table();
                    if (t.isPresent()) {
                        outln(nd.path() + ": PTUUID=\"" + String.format("%08x", t.get().diskId()) + "\" PTTYPE=\""
                                + t.get().label() + "\"");
                        code = 0;
                    }
                }
            } catch (IOException e) {
                // blkid stays silent about unreadable devices
            }
        }
        return code;
    }

    private int df(List<String> args) {
        boolean human = flag(args, 'h');
        boolean type = flag(args, 'T');
        String row = human ? "%-15s%s %5s %5s %5s %4s %s" : "%-15s%s %9s %9s %9s %4s %s";
        outln(String.format(Locale.ROOT, row, "Filesystem", type ? " Type" : "", human ? "Size" : "1K-blocks",
                "Used", human ? "Avail" : "Available", "Use%", "Mounted on"));
        for (LinuxSystem.Mount m : sys.mounts) {
            long size = m.fs().totalBytes();
            long used = m.fs().usedBytes();
            long avail = size - used;
            long pct = size == 0 ? 0 : (used * 100 + size - 1) / size;
            outln(String.format(Locale.ROOT, row, m.source(), type ? String.format(" %-4s", m.fs().fsType()) : "",
                    human ? Sizes.human(size, true) : String.valueOf(size / 1024),
                    human ? Sizes.human(used, true) : String.valueOf(used / 1024),
                    human ? Sizes.human(avail, false) : String.valueOf(avail / 1024), pct + "%", m.pointPath()));
        }
        return 0;
    }

    String describeDisk(LinuxSystem.NamedDevice nd, PartitionTable t) {
        var dev = nd.device();
        StringBuilder s = new StringBuilder();
        s.append("Disk ").append(nd.path()).append(": ").append(Sizes.iec(dev.sizeBytes())).append(", ")
                .append(dev.sizeBytes()).append(" bytes, ").append(dev.sectorCount()).append(" sectors\n");
        int ss = dev.sectorSize();
        s.append("Units: sectors of 1 * ").append(ss).append(" = ").append(ss).append(" bytes\n");
        s.append("Sector size (logical/physical): ").append(ss).append(" bytes / ").append(ss).append(" bytes\n");
        s.append("I/O size (minimum/optimal): ").append(ss).append(" bytes / ").append(ss).append(" bytes\n");
        if (t == null) {
            return s.toString();
        }
        s.append("Disklabel type: ").append(t.label()).append('\n');
        s.append(t.label().equals("gpt") ? "Disk identifier: " + new UUID(t.diskId(), t.diskId()).toString()
                .toUpperCase(Locale.ROOT) : String.format("Disk identifier: 0x%08x", t.diskId())).append('\n');
        if (!t.partitions().isEmpty()) {
            boolean gpt = t.label().equals("gpt");
            s.append('\n').append(String.format(Locale.ROOT, "%-10s%s %8s %10s %10s %5s %s", "Device",
                    gpt ? "" : " Boot", "Start", "End", "Sectors", "Size", gpt ? "Type" : "Id Type")).append('\n');
            for (PartitionTable.Partition p : t.partitions()) {
                s.append(String.format(Locale.ROOT, "%-10s%s %8d %10d %10d %5s %s", nd.path() + p.number(),
                        gpt ? "" : p.bootable() ? " *   " : "     ", p.firstSector(), p.lastSector(), p.sectorCount(),
                        Sizes.lsblk(p.sectorCount() * ss), (gpt ? "" : String.format("%02x ", p.type()))
                                + p.typeName(t.label()))).append('\n');
            }
        }
        return s.toString();
    }

    private int fdisk(List<String> args) throws IOException {
        List<String> ops = operands(args);
        if (flag(args, 'l')) {
            boolean firstDisk = true;
            for (GuestDisk d : sys.disks) {
                if (!ops.isEmpty() && !ops.contains(d.path())) {
                    continue;
                }
                try {
                    PartitionTable t = d.table().orElse(null);
                    out((firstDisk ? "" : "\n\n") + describeDisk(new LinuxSystem.NamedDevice(d.path(), d, 0,
                            d.device()), t));
                    firstDisk = false;
                } catch (IOException e) {
                    fail("fdisk: cannot open " + d.path() + ": " + FsException.IO, 1);
                }
            }
            return 0;
        }
        if (ops.isEmpty()) {
            return fail("Usage:\n fdisk [options] <disk>      change partition table\n"
                    + " fdisk [options] -l [<disk>] list partition table(s)", 1);
        }
        Optional<LinuxSystem.NamedDevice> nd;
        try {
            nd = sys.device(ops.get(0));
        } catch (IOException e) {
            return fail("fdisk: cannot open " + ops.get(0) + ": " + FsException.IO, 1);
        }
        if (nd.isEmpty()) {
            return fail("fdisk: cannot open " + ops.get(0) + ": " + FsException.NO_ENT, 1);
        }
        PartitionTable t;
        try {
            t = nd.get().disk().table().orElse(null);
        } catch (IOException e) {
            return fail("fdisk: cannot open " + ops.get(0) + ": " + FsException.IO, 1);
        }
        out("\nWelcome to fdisk (util-linux 2.32.1).\nChanges will remain in memory only, until you decide to write"
                + " them.\nBe careful before using the write command.\n\n");
        if (t == null) {
            t = PartitionTable.empty("dos", (int) (Math.random() * Integer.MAX_VALUE));
            out("Device does not contain a recognized partition table.\nCreated a new DOS disklabel with disk"
                    + String.format(" identifier 0x%08x.\n", t.diskId()));
        }
        fdisk = new Fdisk(nd.get(), t);
        out("\n");
        return 0;
    }

    /** fdisk's interactive dialogue: one input line at a time, the table kept in memory until 'w'. */
    private final class Fdisk {
        private final LinuxSystem.NamedDevice nd;
        private PartitionTable table;
        private String step = "command";
        private int number;
        private long first;

        Fdisk(LinuxSystem.NamedDevice nd, PartitionTable table) {
            this.nd = nd;
            this.table = table;
        }

        String prompt() {
            var dev = nd.device();
            return switch (step) {
                case "type" -> "Partition type\n   p   primary (" + table.partitions().size() + " primary, 0 extended, "
                        + (4 - table.partitions().size()) + " free)\n   e   extended (container for logical"
                        + " partitions)\nSelect (default p): ";
                case "number" -> "Partition number (" + table.nextFreeNumber() + "-4, default "
                        + table.nextFreeNumber() + "): ";
                case "first" -> {
                    long f = table.firstFreeSector(dev);
                    yield "First sector (" + f + "-" + (dev.sectorCount() - 1) + ", default " + f + "): ";
                }
                case "last" -> {
                    long l = table.lastFreeSector(dev, first);
                    yield "Last sector, +sectors or +size{K,M,G,T,P} (" + first + "-" + l + ", default " + l + "): ";
                }
                case "delete" -> "Partition number (" + String.join(",", table.partitions().stream()
                        .map(p -> String.valueOf(p.number())).toList()) + ", default "
                        + table.partitions().get(table.partitions().size() - 1).number() + "): ";
                default -> "Command (m for help): ";
            };
        }

        void input(String in) {
            var dev = nd.device();
            switch (step) {
                case "type" -> {
                    if (in.isEmpty() || in.equals("p")) {
                        if (in.isEmpty()) {
                            out("Using default response p.\n");
                        }
                        step = "number";
                    } else {
                        out("Extended partitions are not supported on this console.\n\n");
                        step = "command";
                    }
                }
                case "number" -> {
                    int n = in.isEmpty() ? table.nextFreeNumber() : parseInt(in, -1);
                    if (n < 1 || n > 4 || table.partition(n).isPresent()) {
                        out("Value out of range.\n");
                    } else {
                        number = n;
                        step = "first";
                    }
                }
                case "first" -> {
                    long f = table.firstFreeSector(dev);
                    long v = in.isEmpty() ? f : parseLong(in, -1);
                    if (v < PartitionTable.firstUsableSector(dev) || v >= dev.sectorCount()) {
                        out("Value out of range.\n");
                    } else {
                        first = v;
                        step = "last";
                    }
                }
                case "last" -> {
                    long max = table.lastFreeSector(dev, first);
                    long v = in.isEmpty() ? max : parseLast(in, dev.sectorSize());
                    if (v < first || v > max) {
                        out("Value out of range.\n");
                    } else {
                        int type = PartitionTable.TYPE_LINUX;
                        table = table.with(new PartitionTable.Partition(number, type, false, first, v - first + 1));
                        out("\nCreated a new partition " + number + " of type '" + (table.label().equals("gpt")
                                ? "Linux filesystem" : "Linux") + "' and of size "
                                + Sizes.iec((v - first + 1) * dev.sectorSize()) + ".\n\n");
                        step = "command";
                    }
                }
                case "delete" -> {
                    int n = in.isEmpty() ? table.partitions().get(table.partitions().size() - 1).number()
                            : parseInt(in, -1);
                    if (table.partition(n).isEmpty()) {
                        out("Value out of range.\n");
                    } else {
                        table = table.without(n);
                        out("\nPartition " + n + " has been deleted.\n\n");
                        step = "command";
                    }
                }
                default -> command(in);
            }
        }

        private void command(String in) {
            switch (in) {
                case "" -> {
                }
                case "m" -> out("\nHelp:\n\n  DOS (MBR)\n   a   toggle a bootable flag\n\n  Generic\n   d   delete a"
                        + " partition\n   n   add a new partition\n   p   print the partition table\n\n  Save & Exit\n"
                        + "   w   write table to disk and exit\n   q   quit without saving changes\n\n  Create a new"
                        + " label\n   g   create a new empty GPT partition table\n   o   create a new empty DOS"
                        + " partition table\n\n");
                case "n" -> {
                    if (table.nextFreeNumber() < 0 || table.firstFreeSector(nd.device()) < 0) {
                        out("All space for primary partitions is in use.\n\n");
                    } else {
                        step = table.label().equals("gpt") ? "number" : "type";
                    }
                }
                case "p" -> out("\n" + describeDisk(nd, table) + "\n");
                case "d" -> {
                    if (table.partitions().isEmpty()) {
                        out("No partition is defined yet!\n\n");
                    } else if (table.partitions().size() == 1) {
                        int n = table.partitions().get(0).number();
                        table = table.without(n);
                        out("Selected partition " + n + "\nPartition " + n + " has been deleted.\n\n");
                    } else {
                        step = "delete";
                    }
                }
                case "a" -> {
                    if (!table.partitions().isEmpty()) {
                        PartitionTable.Partition p = table.partitions().get(0);
                        table = table.with(new PartitionTable.Partition(p.number(), p.type(), !p.bootable(),
                                p.firstSector(), p.sectorCount()));
                        out("The bootable flag on partition " + p.number() + " is "
                                + (p.bootable() ? "disabled" : "enabled") + " now.\n\n");
                    }
                }
                case "g" -> {
                    table = PartitionTable.empty("gpt", table.diskId());
                    out("Created a new GPT disklabel (GUID: " + new UUID(table.diskId(), table.diskId()).toString()
                            .toUpperCase(Locale.ROOT) + ").\n\n");
                }
                case "o" -> {
                    table = PartitionTable.empty("dos", table.diskId());
                    out(String.format("Created a new DOS disklabel with disk identifier 0x%08x.\n\n", table.diskId()));
                }
                case "w" -> {
                    try {
                        table.write(nd.disk().device());
                        nd.disk().device().flush();
                        out("The partition table has been altered.\nCalling ioctl() to re-read partition table.\n"
                                + "Syncing disks.\n\n");
                    } catch (IOException e) {
                        out("fdisk: failed to write disklabel: " + FsException.IO + "\n");
                    }
                    fdisk = null;
                }
                case "q" -> {
                    out("\n");
                    fdisk = null;
                }
                default -> out(in + ": unknown command\n\n");
            }
        }
    }

    private static int parseInt(String s, int dflt) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return dflt;
        }
    }

    private static long parseLong(String s, long dflt) {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return dflt;
        }
    }

    /** fdisk's "last sector" answer: a sector number or +size{K,M,G,T}. */
    private long parseLast(String in, int ss) {
        if (!in.startsWith("+")) {
            return parseLong(in, -1);
        }
        String n = in.substring(1).toUpperCase(Locale.ROOT);
        long mult = 1;
        char u = n.isEmpty() ? ' ' : n.charAt(n.length() - 1);
        int idx = "KMGTP".indexOf(u);
        if (idx >= 0) {
            mult = 1L << (10 * (idx + 1));
            n = n.substring(0, n.length() - 1);
            long v = parseLong(n, -1);
            return v < 0 ? -1 : fdisk.first + v * mult / ss - 1;
        }
        long v = parseLong(n, -1);
        return v < 0 ? -1 : fdisk.first + v;
    }

    private int parted(List<String> args) {
        List<String> ops = new ArrayList<>(args.stream().filter(s -> !s.equals("-s") && !s.equals("--script")
                && !s.equals("-a") && !s.equals("optimal") && !s.startsWith("--align")).toList());
        if (ops.isEmpty()) {
            return fail("Usage: parted [OPTION]... [DEVICE [COMMAND [PARAMETERS]...]...]", 1);
        }
        String devName = ops.remove(0);
        Optional<LinuxSystem.NamedDevice> found;
        try {
            found = sys.device(devName);
        } catch (IOException e) {
            return fail("Error: Error opening " + devName + ": " + FsException.IO, 1);
        }
        if (found.isEmpty() || found.get().partition() != 0) {
            return fail("Error: Could not stat device " + devName + " - " + FsException.NO_ENT + ".", 1);
        }
        GuestDisk disk = found.get().disk();
        var dev = disk.device();
        if (ops.isEmpty()) {
            return fail("GNU Parted 3.2\nUsing " + devName + "\nThis console runs parted non-interactively: give the"
                    + " commands on the command line, e.g.\n  parted " + devName + " mklabel gpt\n  parted " + devName
                    + " mkpart primary ext4 0% 100%", 1);
        }
        try {
            PartitionTable t = disk.table().orElse(null);
            while (!ops.isEmpty()) {
                String c = ops.remove(0);
                switch (c) {
                    case "mklabel", "mktable" -> {
                        if (ops.isEmpty()) {
                            return fail("Error: Expecting a disk label type.", 1);
                        }
                        String type = ops.remove(0);
                        String label = type.equals("gpt") ? "gpt" : type.equals("msdos") || type.equals("dos")
                                ? "dos" : null;
                        if (label == null) {
                            return fail("parted: invalid token: " + type, 1);
                        }
                        if (sys.inUse(found.get())) {
                            return fail("Error: Partition(s) on " + devName + " are being used.", 1);
                        }
                        t = PartitionTable.empty(label, (int) (Math.random() * Integer.MAX_VALUE));
                        t.write(dev);
                    }
                    case "mkpart" -> {
                        if (t == null) {
                            return fail("Error: " + devName + ": unrecognised disk label", 1);
                        }
                        List<String> pos = new ArrayList<>();
                        while (!ops.isEmpty() && pos.size() < 2) {
                            String x = ops.remove(0);
                            if (x.matches("-?[0-9.]+(%|s|B|kB|MB|GB|TB|KiB|MiB|GiB|TiB|K|M|G|T)?")) {
                                pos.add(x);
                            }
                        }
                        if (pos.size() < 2) {
                            return fail("Error: Expecting a partition start and end.", 1);
                        }
                        long start = position(pos.get(0), dev, true);
                        long end = position(pos.get(1), dev, false);
                        start = Math.max(start, t.firstFreeSector(dev));
                        long align = PartitionTable.firstUsableSector(dev);
                        start = (start + align - 1) / align * align;
                        end = Math.min(end, t.lastFreeSector(dev, start));
                        int n = t.nextFreeNumber();
                        if (n < 0 || end <= start) {
                            return fail("Error: Unable to satisfy all constraints on the partition.", 1);
                        }
                        t = t.with(new PartitionTable.Partition(n, PartitionTable.TYPE_LINUX, false, start,
                                end - start + 1));
                        t.write(dev);
                    }
                    case "rm" -> {
                        int n = ops.isEmpty() ? -1 : parseInt(ops.remove(0), -1);
                        if (t == null || t.partition(n).isEmpty()) {
                            return fail("Error: Partition doesn't exist.", 1);
                        }
                        t = t.without(n);
                        t.write(dev);
                    }
                    case "print", "p" -> out(partedPrint(devName, dev, t));
                    case "unit" -> {
                        if (!ops.isEmpty()) {
                            ops.remove(0);
                        }
                    }
                    default -> {
                        return fail("parted: invalid token: " + c, 1);
                    }
                }
            }
            dev.flush();
            return 0;
        } catch (IOException e) {
            return fail("Error: Input/output error during read on " + devName, 1);
        }
    }

    /** A parted position in sectors: "0%", "100%", "1MiB", "2048s", "-1s", or megabytes. */
    private static long position(String p, dev.ecskms.sim.storage.BlockDevice dev, boolean start) {
        long ss = dev.sectorSize();
        long total = dev.sectorCount();
        if (p.endsWith("%")) {
            double pct = Double.parseDouble(p.substring(0, p.length() - 1));
            long s = (long) Math.floor(total * pct / 100.0);
            return start ? s : Math.min(total - 1, s - (pct >= 100 ? 1 : 0));
        }
        if (p.endsWith("s")) {
            long v = (long) Double.parseDouble(p.substring(0, p.length() - 1));
            return v < 0 ? total + v : v;
        }
        String[] units = {"TiB", "GiB", "MiB", "KiB", "TB", "GB", "MB", "kB", "T", "G", "M", "K", "B"};
        long[] mult = {1L << 40, 1L << 30, 1L << 20, 1L << 10, 1_000_000_000_000L, 1_000_000_000L, 1_000_000L,
            1000L, 1L << 40, 1L << 30, 1L << 20, 1L << 10, 1};
        double v;
        long m = 1_000_000L;
        String num = p;
        for (int i = 0; i < units.length; i++) {
            if (p.endsWith(units[i])) {
                m = mult[i];
                num = p.substring(0, p.length() - units[i].length());
                break;
            }
        }
        v = Double.parseDouble(num);
        long bytes = (long) (v * m);
        long s = bytes / ss;
        return bytes < 0 ? total + s : start ? s : Math.min(total - 1, s);
    }

    private String partedPrint(String devName, dev.ecskms.sim.storage.BlockDevice dev, PartitionTable t) {
        StringBuilder s = new StringBuilder("Model: Virtio Block Device (virtblk)\nDisk " + devName + ": "
                + Sizes.decimal(dev.sizeBytes()) + "\nSector size (logical/physical): " + dev.sectorSize() + "B/"
                + dev.sectorSize() + "B\nPartition Table: " + (t == null ? "unknown" : t.label().equals("dos")
                ? "msdos" : "gpt") + "\nDisk Flags: \n\n");
        if (t != null) {
            s.append("Number  Start   End     Size    File system  Name     Flags\n");
            for (PartitionTable.Partition p : t.partitions()) {
                String fsType = "";
                try {
                    SimpleFs.Superblock sb = SimpleFs.probe(new PartitionDevice(dev, p.firstSector(),
                            p.sectorCount()));
                    fsType = sb == null ? "" : sb.fsType();
                } catch (IOException e) {
                    // leave it blank
                }
                long ss = dev.sectorSize();
                s.append(String.format(Locale.ROOT, " %-6d %-7s %-7s %-7s %-12s %-8s %s\n", p.number(),
                        Sizes.decimal(p.firstSector() * ss), Sizes.decimal((p.lastSector() + 1) * ss),
                        Sizes.decimal(p.sectorCount() * ss), fsType, t.label().equals("gpt") ? "primary" : "primary",
                        p.bootable() ? "boot" : ""));
            }
        }
        return s.append('\n').toString();
    }

    private int mkfs(String cmd, List<String> args) {
        List<String> a = new ArrayList<>(args);
        String type = cmd.startsWith("mkfs.") ? cmd.substring(5) : "ext4";
        String label = "";
        String devName = null;
        for (int i = 0; i < a.size(); i++) {
            String x = a.get(i);
            if (x.equals("-t") && i + 1 < a.size()) {
                type = a.get(++i);
            } else if (x.equals("-L") && i + 1 < a.size()) {
                label = a.get(++i);
            } else if (x.equals("-T") || x.equals("-b") || x.equals("-E") || x.equals("-m")) {
                i++;
            } else if (!x.startsWith("-")) {
                devName = x;
            }
        }
        boolean xfs = type.equals("xfs");
        String tool = xfs ? "mkfs.xfs" : "mke2fs";
        if (devName == null) {
            return fail("Usage: " + cmd + " [-L volume-label] [-t fs-type] device", 1);
        }
        Optional<LinuxSystem.NamedDevice> nd;
        try {
            nd = sys.device(devName);
        } catch (IOException e) {
            return fail(tool + ": " + FsException.IO + " while trying to determine filesystem size", 1);
        }
        if (nd.isEmpty()) {
            return fail((xfs ? "" : "mke2fs 1.46.0 (29-Jan-2020)\n") + "The file " + devName
                    + " does not exist and no size was specified.", 1);
        }
        if (sys.inUse(nd.get())) {
            return fail((xfs ? "mkfs.xfs: cannot open " + devName + ": Device or resource busy"
                    : "mke2fs 1.46.0 (29-Jan-2020)\n" + devName + " is mounted; will not make a filesystem here!"), 1);
        }
        var dev = nd.get().device();
        UUID uuid = UUID.randomUUID();
        try {
            if (nd.get().partition() == 0 && nd.get().disk().table().isPresent()) {
                outln("Found a " + nd.get().disk().table().get().label() + " partition table in " + devName);
            }
            SimpleFs.format(dev, type, label, uuid, sys.clock);
        } catch (IOException e) {
            return fail(tool + ": " + FsException.IO + " while writing out and closing file system", 1);
        }
        long blocks = dev.sectorCount();
        if (xfs) {
            outln(String.format(Locale.ROOT, "meta-data=%-22s isize=512    agcount=4, agsize=%d blks", devName,
                    blocks / 4));
            outln(String.format(Locale.ROOT, "data     =%-22s bsize=4096   blocks=%d, imaxpct=25", "", blocks));
            outln("log      =internal log           bsize=4096   blocks=2560, version=2");
            outln("realtime =none                   extsz=4096   blocks=0, rtextents=0");
        } else {
            outln("mke2fs 1.46.0 (29-Jan-2020)");
            outln("Creating filesystem with " + blocks + " 4k blocks and " + Math.max(16, blocks / 4) + " inodes");
            outln("Filesystem UUID: " + uuid);
            outln("Superblock backups stored on blocks: \n\t32768, 98304, 163840, 229376, 294912\n");
            outln("Allocating group tables: done                            ");
            outln("Writing inode tables: done                            ");
            outln("Creating journal (16384 blocks): done");
            outln("Writing superblocks and filesystem accounting information: done\n");
        }
        return 0;
    }

    private int mount(List<String> args) throws IOException {
        List<String> ops = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String x = args.get(i);
            if (x.equals("-t") || x.equals("-o")) {
                i++;
            } else if (!x.startsWith("-")) {
                ops.add(x);
            }
        }
        if (flag(args, 'a')) {
            return mountFstab(false, stderr);
        }
        if (ops.isEmpty()) {
            for (LinuxSystem.Mount m : sys.mounts) {
                outln(m.source() + " on " + m.pointPath() + " type " + m.fs().fsType() + " (rw,relatime)");
            }
            return 0;
        }
        if (ops.size() == 1) {
            Map<String, String> fstab = fstab();
            String one = ops.get(0);
            String target = fstab.get(one);
            String source = one;
            if (target == null) {
                source = fstab.entrySet().stream().filter(e -> e.getValue().equals(one)).map(Map.Entry::getKey)
                        .findFirst().orElse(null);
                target = one;
            }
            if (source == null) {
                return fail("mount: " + one + ": can't find in /etc/fstab.", 1);
            }
            ops = List.of(source, target);
        }
        return mountOne(ops.get(0), ops.get(1), stderr);
    }

    /** Mounts and reports as mount(8) does; also used at boot. */
    int mountOne(String source, String target, StringBuilder err) throws IOException {
        List<String> point = abs(target);
        String pointPath = LinuxSystem.join(point);
        FsNode dir = sys.find(point);
        if (dir == null) {
            err.append("mount: ").append(pointPath).append(": mount point does not exist.\n");
            return 32;
        }
        if (!dir.directory) {
            err.append("mount: ").append(pointPath).append(": mount point is not a directory.\n");
            return 32;
        }
        Optional<LinuxSystem.NamedDevice> nd;
        try {
            nd = sys.device(source);
        } catch (IOException e) {
            err.append("mount: ").append(pointPath).append(": can't read superblock on ").append(source).append(".\n");
            return 32;
        }
        if (nd.isEmpty()) {
            err.append("mount: ").append(pointPath).append(": special device ").append(source)
                    .append(" does not exist.\n");
            return 32;
        }
        Optional<LinuxSystem.Mount> already = sys.mountOfSource(nd.get().path());
        if (already.isPresent()) {
            err.append("mount: ").append(pointPath).append(": ").append(nd.get().path()).append(" already mounted on ")
                    .append(already.get().pointPath()).append(".\n");
            return 32;
        }
        try {
            sys.mount(nd.get(), point);
            return 0;
        } catch (IOException e) {
            err.append("mount: ").append(pointPath).append(": can't read superblock on ").append(nd.get().path())
                    .append(".\n");
        } catch (FsException e) {
            err.append("mount: ").append(pointPath).append(": wrong fs type, bad option, bad superblock on ")
                    .append(nd.get().path()).append(", missing codepage or helper program, or other error.\n");
        }
        return 32;
    }

    /** fstab entries other than / and swap: source → mount point. */
    Map<String, String> fstab() {
        Map<String, String> m = new TreeMap<>();
        try {
            for (String line : sys.readText("/etc/fstab").split("\n")) {
                String[] f = line.trim().split("\\s+");
                if (f.length < 2 || f[0].startsWith("#") || f[1].equals("/") || f[1].equals("swap")
                        || f.length > 3 && f[3].contains("noauto")) {
                    continue;
                }
                m.put(f[0], f[1]);
            }
        } catch (FsException | IOException e) {
            // no fstab: nothing to mount
        }
        return m;
    }

    int mountFstab(boolean quietIfMounted, StringBuilder err) throws IOException {
        int code = 0;
        for (Map.Entry<String, String> e : fstab().entrySet()) {
            if (sys.mountAt(abs(e.getValue())).isPresent()) {
                continue;
            }
            int c = mountOne(e.getKey(), e.getValue(), err);
            code = c != 0 ? c : code;
        }
        return code;
    }

    private int umount(List<String> args) {
        int code = 0;
        for (String t : operands(args)) {
            Optional<LinuxSystem.Mount> m = sys.mountOfSource(t);
            if (m.isEmpty()) {
                m = sys.mountAt(abs(t));
            }
            if (m.isEmpty()) {
                code = fail("umount: " + t + ": not mounted.", 32);
                continue;
            }
            if (m.get().point().isEmpty() || cwd.size() >= m.get().point().size()
                    && cwd.subList(0, m.get().point().size()).equals(m.get().point())) {
                code = fail("umount: " + m.get().pointPath() + ": target is busy.", 32);
                continue;
            }
            try {
                sys.umount(m.get());
            } catch (IOException e) {
                code = fail("umount: " + m.get().pointPath() + ": target is busy.", 32);
            }
        }
        return code;
    }

    private int systemctl(List<String> args) {
        List<String> ops = operands(args);
        String verb = ops.isEmpty() ? "" : ops.get(0);
        return switch (verb) {
            case "reboot" -> reboot();
            case "poweroff", "halt" -> powerOff();
            case "daemon-reload", "start", "restart", "enable", "stop" -> 0;
            default -> fail("Unknown operation '" + verb + "'.", 1);
        };
    }

    private int reboot() {
        sys.syncAll();
        ended = true;
        session.reboot();
        return 0;
    }

    private int powerOff() {
        sys.syncAll();
        ended = true;
        session.powerOff();
        return 0;
    }
}
