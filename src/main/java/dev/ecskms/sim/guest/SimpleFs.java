package dev.ecskms.sim.guest;

import dev.ecskms.sim.storage.BlockDevice;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.zip.CRC32;

/**
 * The guest's file system, living only in the sectors of a block device (a partition or a whole disk).
 *
 * <p>Layout: sector 0 is the superblock (magic, type name shown to the user such as "ext4" or "ntfs", UUID, label,
 * size, generation, and where the tree is), protected by a CRC. File contents live in one contiguous extent each,
 * written through to the device as soon as the file is written. The directory tree (names, modes, times, each file's
 * size and extent) is serialized into an extent of its own on {@link #sync()}: copy-on-write, the new tree is written
 * before the superblock points at it and the old one is freed after. Mounting reads the superblock and the tree;
 * reading a file reads its sectors again, so a device that starts failing shows as an I/O error.
 */
final class SimpleFs {
    static final byte[] MAGIC = "ECSFS\0v1".getBytes(StandardCharsets.US_ASCII);
    static final String BAD_SUPERBLOCK = "wrong fs type, bad option, bad superblock";
    private static final int VERSION = 1;
    private static final byte KIND_DIR = 1;
    private static final byte KIND_FILE = 2;

    /** What a superblock says about a file system, readable without mounting it (blkid, lsblk). */
    record Superblock(String fsType, UUID uuid, String label, long totalSectors, long generation, long treeFirst,
                      long treeLength, int treeCrc, long createdAtMillis) {
    }

    private final BlockDevice dev;
    private final int ss;
    private final Clock clock;
    private final Superblock created;
    private String label;
    private long generation;
    private long treeFirst;
    private long treeSectors;
    private final FsNode root;
    /** Allocated extents: first sector → sector count. Sector 0 (the superblock) is always taken. */
    private final TreeMap<Long, Long> used = new TreeMap<>();
    private boolean dirty;

    private SimpleFs(BlockDevice dev, Clock clock, Superblock sb, FsNode root) {
        this.dev = dev;
        this.ss = dev.sectorSize();
        this.clock = clock;
        this.created = sb;
        this.label = sb.label();
        this.generation = sb.generation();
        this.treeFirst = sb.treeFirst();
        this.treeSectors = (sb.treeLength() + ss - 1) / ss;
        this.root = root;
        used.put(0L, 1L);
    }

    /** Writes a new, empty file system over the device (old content sectors are not wiped, as mkfs does not). */
    static SimpleFs format(BlockDevice dev, String fsType, String label, UUID uuid, Clock clock) throws IOException {
        if (dev.sectorCount() < 16) {
            throw new IOException("device too small for a file system");
        }
        long now = clock.millis();
        Superblock sb = new Superblock(fsType, uuid, label == null ? "" : label, dev.sectorCount(), 0, 0, 0, 0, now);
        SimpleFs fs = new SimpleFs(dev, clock, sb, FsNode.dir("", 0755, now / 1000));
        fs.dirty = true;
        fs.sync();
        return fs;
    }

    /** Reads the superblock only: null if the device holds no file system of ours. Device errors propagate. */
    static Superblock probe(BlockDevice dev) throws IOException {
        byte[] s = new byte[dev.sectorSize()];
        dev.read(0, s, 0);
        return decodeSuperblock(s);
    }

    static SimpleFs mount(BlockDevice dev, Clock clock) throws IOException, FsException {
        Superblock sb = probe(dev);
        if (sb == null || sb.totalSectors() != dev.sectorCount() || sb.treeLength() <= 0) {
            throw new FsException(BAD_SUPERBLOCK);
        }
        int ss = dev.sectorSize();
        int sectors = (int) ((sb.treeLength() + ss - 1) / ss);
        if (sb.treeFirst() <= 0 || sb.treeFirst() + sectors > dev.sectorCount()) {
            throw new FsException(BAD_SUPERBLOCK);
        }
        byte[] blob = new byte[sectors * ss];
        dev.read(sb.treeFirst(), sectors, blob, 0);
        CRC32 crc = new CRC32();
        crc.update(blob, 0, (int) sb.treeLength());
        if ((int) crc.getValue() != sb.treeCrc()) {
            throw new FsException("Structure needs cleaning");
        }
        FsNode root;
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(blob, 0, (int) sb.treeLength()));
            root = readNode(in);
        } catch (IOException e) {
            throw new FsException("Structure needs cleaning");
        }
        SimpleFs fs = new SimpleFs(dev, clock, sb, root);
        fs.used.put(sb.treeFirst(), (long) sectors);
        fs.markExtents(root);
        return fs;
    }

    String fsType() {
        return created.fsType();
    }

    UUID uuid() {
        return created.uuid();
    }

    String label() {
        return label;
    }

    BlockDevice device() {
        return dev;
    }

    FsNode root() {
        return root;
    }

    boolean dirty() {
        return dirty;
    }

    long totalBytes() {
        return dev.sizeBytes();
    }

    long usedBytes() {
        long n = 0;
        for (long c : used.values()) {
            n += c;
        }
        return n * ss;
    }

    // ---- tree operations; paths are components relative to this file system's root ----

    /** The node at {@code path}, or null if it does not exist. */
    FsNode find(List<String> path) {
        FsNode n = root;
        for (String part : path) {
            if (!n.directory) {
                return null;
            }
            n = n.children.get(part);
            if (n == null) {
                return null;
            }
        }
        return n;
    }

    FsNode lookup(List<String> path) throws FsException {
        FsNode n = root;
        for (String part : path) {
            if (!n.directory) {
                throw new FsException(FsException.NOT_DIR);
            }
            n = n.children.get(part);
            if (n == null) {
                throw new FsException(FsException.NO_ENT);
            }
        }
        return n;
    }

    FsNode mkdir(List<String> path, int mode) throws FsException {
        FsNode parent = parentOf(path);
        String name = path.get(path.size() - 1);
        if (parent.children.containsKey(name)) {
            throw new FsException(FsException.EXISTS);
        }
        FsNode d = FsNode.dir(name, mode, nowSeconds());
        parent.children.put(name, d);
        parent.mtime = d.mtime;
        dirty = true;
        return d;
    }

    /** mkdir -p: creates what is missing; fails if a component is a file. */
    FsNode mkdirs(List<String> path, int mode) throws FsException {
        FsNode n = root;
        for (String part : path) {
            if (!n.directory) {
                throw new FsException(FsException.NOT_DIR);
            }
            FsNode next = n.children.get(part);
            if (next == null) {
                next = FsNode.dir(part, mode, nowSeconds());
                n.children.put(part, next);
                dirty = true;
            }
            n = next;
        }
        if (!n.directory) {
            throw new FsException(FsException.EXISTS);
        }
        return n;
    }

    /** Creates or replaces (or appends to) a file; the content goes to the device at once. */
    void writeFile(List<String> path, byte[] data, boolean append, int mode) throws FsException, IOException {
        FsNode parent = parentOf(path);
        String name = path.get(path.size() - 1);
        FsNode f = parent.children.get(name);
        if (f != null && f.directory) {
            throw new FsException(FsException.IS_DIR);
        }
        byte[] content = data;
        if (f != null && append && f.size > 0) {
            byte[] old = read(f);
            content = Arrays.copyOf(old, old.length + data.length);
            System.arraycopy(data, 0, content, old.length, data.length);
        }
        long sectors = (content.length + ss - 1L) / ss;
        long first = 0;
        if (sectors > 0) {
            first = allocate(sectors, f);
            byte[] buf = Arrays.copyOf(content, (int) (sectors * ss));
            dev.write(first, (int) sectors, buf, 0);
        }
        if (f == null) {
            f = FsNode.file(name, mode, nowSeconds());
            parent.children.put(name, f);
        } else if (f.size > 0) {
            used.remove(f.firstSector);
        }
        f.firstSector = first;
        f.size = content.length;
        f.mtime = nowSeconds();
        if (sectors > 0) {
            used.put(first, sectors);
        }
        parent.mtime = f.mtime;
        dirty = true;
    }

    /** Reads a file's content from the device. */
    byte[] read(FsNode f) throws IOException {
        if (f.size == 0) {
            return new byte[0];
        }
        int sectors = (int) f.sectors(ss);
        byte[] buf = new byte[sectors * ss];
        dev.read(f.firstSector, sectors, buf, 0);
        return Arrays.copyOf(buf, (int) f.size);
    }

    byte[] readFile(List<String> path) throws FsException, IOException {
        FsNode f = lookup(path);
        if (f.directory) {
            throw new FsException(FsException.IS_DIR);
        }
        return read(f);
    }

    void remove(List<String> path, boolean recursive) throws FsException {
        if (path.isEmpty()) {
            throw new FsException(FsException.BUSY);
        }
        FsNode parent = parentOf(path);
        String name = path.get(path.size() - 1);
        FsNode n = parent.children.get(name);
        if (n == null) {
            throw new FsException(FsException.NO_ENT);
        }
        if (n.directory && !recursive && !n.children.isEmpty()) {
            throw new FsException(FsException.NOT_EMPTY);
        }
        free(n);
        parent.children.remove(name);
        parent.mtime = nowSeconds();
        dirty = true;
    }

    void touch(List<String> path) throws FsException, IOException {
        FsNode n = find(path);
        if (n == null) {
            writeFile(path, new byte[0], false, 0644);
        } else {
            n.mtime = nowSeconds();
            dirty = true;
        }
    }

    /** Writes the tree (if changed) and then the superblock, and flushes the device. */
    void sync() throws IOException {
        if (!dirty) {
            return;
        }
        byte[] blob = serialize();
        long sectors = (blob.length + ss - 1L) / ss;
        long first = allocate(sectors, null);
        dev.write(first, (int) sectors, Arrays.copyOf(blob, (int) (sectors * ss)), 0);
        CRC32 crc = new CRC32();
        crc.update(blob);
        generation++;
        Superblock sb = new Superblock(created.fsType(), created.uuid(), label, dev.sectorCount(), generation, first,
                blob.length, (int) crc.getValue(), created.createdAtMillis());
        dev.write(0, encodeSuperblock(sb, ss), 0);
        dev.flush();
        if (treeFirst > 0) {
            used.remove(treeFirst);
        }
        treeFirst = first;
        treeSectors = sectors;
        used.put(first, sectors);
        dirty = false;
    }

    // ---- internals ----

    private FsNode parentOf(List<String> path) throws FsException {
        if (path.isEmpty()) {
            throw new FsException(FsException.EXISTS);
        }
        FsNode parent = lookup(path.subList(0, path.size() - 1));
        if (!parent.directory) {
            throw new FsException(FsException.NOT_DIR);
        }
        return parent;
    }

    private long nowSeconds() {
        return clock.millis() / 1000;
    }

    private void free(FsNode n) {
        if (n.directory) {
            for (FsNode c : n.children.values()) {
                free(c);
            }
        } else if (n.size > 0) {
            used.remove(n.firstSector);
        }
    }

    private void markExtents(FsNode n) {
        if (n.directory) {
            for (FsNode c : n.children.values()) {
                markExtents(c);
            }
        } else if (n.size > 0) {
            used.put(n.firstSector, n.sectors(ss));
        }
    }

    /**
     * First fit. The extent of {@code replacing} stays taken until the caller frees it, so a crash never leaves a
     * tree pointing at half-overwritten content.
     */
    private long allocate(long sectors, FsNode replacing) throws IOException {
        long cursor = 1;
        for (Map.Entry<Long, Long> e : used.entrySet()) {
            if (e.getKey() - cursor >= sectors) {
                return cursor;
            }
            cursor = Math.max(cursor, e.getKey() + e.getValue());
        }
        if (dev.sectorCount() - cursor >= sectors) {
            return cursor;
        }
        throw new IOException(FsException.NO_SPACE);
    }

    private byte[] serialize() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            writeNode(out, root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void writeNode(DataOutputStream out, FsNode n) throws IOException {
        out.writeByte(n.directory ? KIND_DIR : KIND_FILE);
        out.writeUTF(n.name);
        out.writeShort(n.mode);
        out.writeLong(n.mtime);
        if (n.directory) {
            out.writeInt(n.children.size());
            for (FsNode c : n.children.values()) {
                writeNode(out, c);
            }
        } else {
            out.writeLong(n.size);
            out.writeLong(n.firstSector);
        }
    }

    private static FsNode readNode(DataInputStream in) throws IOException {
        byte kind = in.readByte();
        String name = in.readUTF();
        int mode = in.readShort() & 0xFFFF;
        long mtime = in.readLong();
        if (kind == KIND_DIR) {
            FsNode d = FsNode.dir(name, mode, mtime);
            int n = in.readInt();
            for (int i = 0; i < n; i++) {
                FsNode c = readNode(in);
                d.children.put(c.name, c);
            }
            return d;
        }
        if (kind != KIND_FILE) {
            throw new IOException("bad node kind " + kind);
        }
        FsNode f = FsNode.file(name, mode, mtime);
        f.size = in.readLong();
        f.firstSector = in.readLong();
        return f;
    }

    static byte[] encodeSuperblock(Superblock sb, int sectorSize) {
        byte[] s = new byte[sectorSize];
        ByteBuffer b = ByteBuffer.wrap(s);
        b.put(MAGIC);
        b.putInt(VERSION);
        b.put(fixed(sb.fsType(), 8));
        b.putLong(sb.uuid().getMostSignificantBits());
        b.putLong(sb.uuid().getLeastSignificantBits());
        b.put(fixed(sb.label(), 32));
        b.putLong(sb.totalSectors());
        b.putLong(sb.generation());
        b.putLong(sb.treeFirst());
        b.putLong(sb.treeLength());
        b.putInt(sb.treeCrc());
        b.putLong(sb.createdAtMillis());
        CRC32 crc = new CRC32();
        crc.update(s, 0, sectorSize - 4);
        b.putInt(sectorSize - 4, (int) crc.getValue());
        return s;
    }

    static Superblock decodeSuperblock(byte[] s) {
        if (!Arrays.equals(s, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(s);
        CRC32 crc = new CRC32();
        crc.update(s, 0, s.length - 4);
        if (b.getInt(s.length - 4) != (int) crc.getValue()) {
            return null;
        }
        b.position(MAGIC.length);
        if (b.getInt() != VERSION) {
            return null;
        }
        String type = unfixed(b, 8);
        UUID uuid = new UUID(b.getLong(), b.getLong());
        String label = unfixed(b, 32);
        return new Superblock(type, uuid, label, b.getLong(), b.getLong(), b.getLong(), b.getLong(), b.getInt(),
                b.getLong());
    }

    private static byte[] fixed(String text, int len) {
        byte[] raw = text.getBytes(StandardCharsets.UTF_8);
        return Arrays.copyOf(raw, len);
    }

    private static String unfixed(ByteBuffer b, int len) {
        byte[] raw = new byte[len];
        b.get(raw);
        int end = 0;
        while (end < len && raw[end] != 0) {
            end++;
        }
        return new String(raw, 0, end, StandardCharsets.UTF_8);
    }
}
