package dev.ecskms.sim.guest;

import java.util.TreeMap;

/**
 * A file or directory in a {@link SimpleFs} tree. A file's content is not held here: it lives in one extent of
 * sectors on the device ({@link #firstSector}, {@link #size} bytes) and is read from the device on every access.
 */
final class FsNode {
    final String name;
    final boolean directory;
    int mode;
    long mtime;
    /** Children by name; null for files. */
    final TreeMap<String, FsNode> children;
    long size;
    long firstSector;

    private FsNode(String name, boolean directory, int mode, long mtime) {
        this.name = name;
        this.directory = directory;
        this.mode = mode;
        this.mtime = mtime;
        this.children = directory ? new TreeMap<>() : null;
    }

    static FsNode dir(String name, int mode, long mtime) {
        return new FsNode(name, true, mode, mtime);
    }

    static FsNode file(String name, int mode, long mtime) {
        return new FsNode(name, false, mode, mtime);
    }

    long sectors(int sectorSize) {
        return (size + sectorSize - 1) / sectorSize;
    }
}
