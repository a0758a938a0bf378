package dev.ecskms.sim.guest;

import dev.ecskms.sim.storage.BlockDevice;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The running Linux kernel's view: its disks, the mount table and the path lookup across mounts. Shared by the
 * console's shell and Cloud Assistant's.
 */
final class LinuxSystem {
    private static final Pattern DEV = Pattern.compile("/dev/(vd[a-z]+)(\\d*)");

    /** A mounted file system; {@code source} is what the user named ("/dev/vdb1"). */
    record Mount(String source, List<String> point, SimpleFs fs) {
        String pointPath() {
            return LinuxSystem.join(point);
        }
    }

    /** A path resolved to the file system holding it and the path inside that file system. */
    record Resolved(Mount mount, List<String> inner) {
    }

    /** A device the user can name: a whole disk ({@code partition == 0}) or one of its partitions. */
    record NamedDevice(String path, GuestDisk disk, int partition, BlockDevice device) {
    }

    final Clock clock;
    final List<GuestDisk> disks;
    final List<Mount> mounts = new ArrayList<>();
    final List<String> kernelLog = new ArrayList<>();
    final String kernelRelease;
    final OsRelease osRelease;
    String hostname;
    /** "#1 SMP Thu Jun 6 10:35:32 CST 2024", from the kernel image's banner. */
    String kernelBuild;

    LinuxSystem(Clock clock, List<GuestDisk> disks, String kernelRelease, OsRelease osRelease, String hostname) {
        this.clock = clock;
        this.disks = disks;
        this.kernelRelease = kernelRelease;
        this.osRelease = osRelease;
        this.hostname = hostname;
    }

    boolean rhelStyle() {
        return !"ubuntu".equals(osRelease.id()) && !"debian".equals(osRelease.id());
    }

    Optional<GuestDisk> disk(String name) {
        return disks.stream().filter(d -> d.name.equals(name)).findFirst();
    }

    /**
     * "/dev/vdb", "/dev/vdb1", "UUID=…" or "LABEL=…" → the device. Empty when no such device exists; I/O errors
     * while looking at a disk propagate.
     */
    Optional<NamedDevice> device(String spec) throws IOException {
        if (spec.startsWith("UUID=") || spec.startsWith("LABEL=")) {
            boolean byUuid = spec.startsWith("UUID=");
            String want = spec.substring(spec.indexOf('=') + 1).replace("\"", "");
            for (NamedDevice nd : allDevices()) {
                SimpleFs.Superblock sb;
                try {
                    sb = SimpleFs.probe(nd.device());
                } catch (IOException e) {
                    continue;
                }
                if (sb != null && (byUuid ? sb.uuid().toString().equalsIgnoreCase(want) : sb.label().equals(want))) {
                    return Optional.of(nd);
                }
            }
            return Optional.empty();
        }
        Matcher m = DEV.matcher(spec);
        if (!m.matches()) {
            return Optional.empty();
        }
        Optional<GuestDisk> d = disk(m.group(1));
        if (d.isEmpty()) {
            return Optional.empty();
        }
        if (m.group(2).isEmpty()) {
            return Optional.of(new NamedDevice(spec, d.get(), 0, d.get().device()));
        }
        int n = Integer.parseInt(m.group(2));
        return d.get().partition(n).map(dev -> new NamedDevice(spec, d.get(), n, dev));
    }

    /** Every readable disk and partition. */
    List<NamedDevice> allDevices() {
        List<NamedDevice> list = new ArrayList<>();
        for (GuestDisk d : disks) {
            if (!d.readable()) {
                continue;
            }
            list.add(new NamedDevice(d.path(), d, 0, d.device()));
            try {
                Optional<PartitionTable> t = d.table();
                if (t.isPresent()) {
                    for (PartitionTable.Partition p : t.get().partitions()) {
                        list.add(new NamedDevice(d.path() + p.number(), d, p.number(),
                                new PartitionDevice(d.device(), p.firstSector(), p.sectorCount())));
                    }
                }
            } catch (IOException e) {
                // unreadable: only the whole disk is listed
            }
        }
        return list;
    }

    Optional<Mount> mountOfSource(String source) {
        return mounts.stream().filter(m -> m.source().equals(source)).findFirst();
    }

    Optional<Mount> mountAt(List<String> point) {
        return mounts.stream().filter(m -> m.point().equals(point)).findFirst();
    }

    /** Is this device (or a partition of it / the disk holding it) mounted somewhere? */
    boolean inUse(NamedDevice nd) {
        for (Mount m : mounts) {
            if (m.source().equals(nd.path()) || nd.partition() == 0 && m.source().startsWith(nd.path())) {
                return true;
            }
        }
        return false;
    }

    Resolved resolve(List<String> abs) throws FsException {
        Mount best = null;
        for (Mount m : mounts) {
            if (abs.size() >= m.point().size() && abs.subList(0, m.point().size()).equals(m.point())
                    && (best == null || m.point().size() > best.point().size())) {
                best = m;
            }
        }
        if (best == null) {
            throw new FsException(FsException.NO_ENT);
        }
        return new Resolved(best, abs.subList(best.point().size(), abs.size()));
    }

    FsNode lookup(List<String> abs) throws FsException {
        Resolved r = resolve(abs);
        return r.mount().fs().lookup(r.inner());
    }

    FsNode find(List<String> abs) {
        try {
            Resolved r = resolve(abs);
            return r.mount().fs().find(r.inner());
        } catch (FsException e) {
            return null;
        }
    }

    byte[] read(List<String> abs) throws FsException, IOException {
        Resolved r = resolve(abs);
        return r.mount().fs().readFile(r.inner());
    }

    String readText(String abs) throws FsException, IOException {
        return new String(read(GuestImages.path(abs)), StandardCharsets.UTF_8);
    }

    void write(List<String> abs, byte[] data, boolean append) throws FsException, IOException {
        Resolved r = resolve(abs);
        if (r.inner().isEmpty()) {
            throw new FsException(FsException.IS_DIR);
        }
        r.mount().fs().writeFile(r.inner(), data, append, 0644);
    }

    void mkdir(List<String> abs, boolean parents) throws FsException {
        Resolved r = resolve(abs);
        if (r.inner().isEmpty()) {
            if (parents) {
                return;
            }
            throw new FsException(FsException.EXISTS);
        }
        if (parents) {
            r.mount().fs().mkdirs(r.inner(), 0755);
        } else {
            r.mount().fs().mkdir(r.inner(), 0755);
        }
    }

    void remove(List<String> abs, boolean recursive) throws FsException {
        for (Mount m : mounts) {
            if (m.point().size() >= abs.size() && m.point().subList(0, abs.size()).equals(abs)) {
                throw new FsException(FsException.BUSY);
            }
        }
        Resolved r = resolve(abs);
        r.mount().fs().remove(r.inner(), recursive);
    }

    /** Mounts a file system read from {@code nd} at {@code point}, which must be an existing directory. */
    Mount mount(NamedDevice nd, List<String> point) throws FsException, IOException {
        if (!point.isEmpty()) {
            FsNode dir = lookup(point);
            if (!dir.directory) {
                throw new FsException(FsException.NOT_DIR);
            }
        }
        SimpleFs fs = SimpleFs.mount(nd.device(), clock);
        Mount m = new Mount(nd.path(), List.copyOf(point), fs);
        mounts.add(m);
        mounts.sort(Comparator.comparingInt(x -> x.point().size()));
        return m;
    }

    void addRoot(String source, SimpleFs fs) {
        mounts.add(0, new Mount(source, List.of(), fs));
    }

    void umount(Mount m) throws IOException {
        for (Mount other : mounts) {
            if (other != m && other.point().size() > m.point().size()
                    && other.point().subList(0, m.point().size()).equals(m.point())) {
                throw new IOException(FsException.BUSY);
            }
        }
        m.fs().sync();
        mounts.remove(m);
    }

    /** Writes back every mounted file system; returns the sources that failed. */
    List<String> syncAll() {
        List<String> failed = new ArrayList<>();
        for (Mount m : mounts) {
            try {
                m.fs().sync();
            } catch (IOException e) {
                failed.add(m.source());
            }
        }
        return failed;
    }

    static String join(List<String> parts) {
        return parts.isEmpty() ? "/" : "/" + String.join("/", parts);
    }
}
