package dev.ecskms.sim.storage;

import java.io.Closeable;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The files of one volume: the main file (header, map, the first M bytes of sectors) and its extent files
 * (see {@link VolumeHeader}). Reads and writes take a position in the volume's sector bytes and are split where
 * they cross from one file into the next. Extent channels are opened on first use.
 */
final class VolumeFiles implements Closeable {
    private static final Pattern EXTENT_SUFFIX = Pattern.compile("\\.[1-9][0-9]{0,5}");
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final Path main;
    private final FileChannel mainChannel;
    private final VolumeHeader header;
    private final boolean writable;
    private final Map<Integer, FileChannel> extents = new HashMap<>();

    VolumeFiles(Path main, FileChannel mainChannel, VolumeHeader header, boolean writable) {
        this.main = main;
        this.mainChannel = mainChannel;
        this.header = header;
        this.writable = writable;
    }

    FileChannel mainChannel() {
        return mainChannel;
    }

    /** Extent file {@code index} (1, 2, ...) of the volume whose main file is {@code main}. */
    static Path extentPath(Path main, int index) {
        return main.resolveSibling(main.getFileName() + "." + index);
    }

    /** True for a volume's main file ({@code *.img}) or one of its extent files ({@code *.img.N}). */
    static boolean isVolumeFile(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".img") || mainOf(file) != null;
    }

    /** The main file of extent file {@code file}, or null if it is no extent file. */
    static Path mainOf(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        if (dot < 0 || !name.substring(0, dot).endsWith(".img") || !EXTENT_SUFFIX.matcher(name.substring(dot)).matches()) {
            return null;
        }
        return file.resolveSibling(name.substring(0, dot));
    }

    /** The index of extent file {@code file} (1, 2, ...), or 0 for a main file. */
    static int extentIndex(Path file) {
        String name = file.getFileName().toString();
        return mainOf(file) == null ? 0 : Integer.parseInt(name.substring(name.lastIndexOf('.') + 1));
    }

    /** The main file and every extent file that exists next to it, whatever the header says. */
    static List<Path> existing(Path main) throws IOException {
        List<Path> out = new ArrayList<>();
        if (Files.exists(main)) {
            out.add(main);
        }
        Path dir = main.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(f -> main.getFileName().equals(mainOf(f) == null ? null : mainOf(f).getFileName()))
                    .sorted((a, b) -> Integer.compare(extentIndex(a), extentIndex(b)))
                    .forEach(out::add);
        }
        return out;
    }

    /** Creates a new, empty file readable and writable by the owner only (where the file system is POSIX). */
    static FileChannel createNew(Path file, OpenOption... more) throws IOException {
        Set<OpenOption> options = new java.util.HashSet<>(List.of(StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE, StandardOpenOption.SPARSE));
        options.addAll(List.of(more));
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            FileAttribute<Set<PosixFilePermission>> ownerOnly = PosixFilePermissions.asFileAttribute(OWNER_ONLY);
            return FileChannel.open(file, options, ownerOnly);
        }
        return FileChannel.open(file, options);
    }

    /** Makes an existing volume file owner-only (files of older releases were created with the umask's mode). */
    static void restrict(Path file) throws IOException {
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")
                && !Files.getPosixFilePermissions(file).equals(OWNER_ONLY)) {
            Files.setPosixFilePermissions(file, OWNER_ONLY);
        }
    }

    /**
     * Creates or lengthens the extent files of {@code header} (all sparse); returns the ones this call created, so
     * a caller that fails later can remove them.
     */
    static List<Path> ensureExtents(Path main, VolumeHeader header) throws IOException {
        List<Path> created = new ArrayList<>();
        for (int k = 1; k <= header.extentCount(); k++) {
            Path extent = extentPath(main, k);
            try {
                createNew(extent).close();
                created.add(extent);
            } catch (FileAlreadyExistsException e) {
                // left by an earlier size: lengthen it below
            }
            if (Files.size(extent) < header.extentLength(k)) {
                setLength(extent, header.extentLength(k));
            }
        }
        return created;
    }

    /** ftruncate: extends (or cuts) a file without allocating blocks. */
    static void setLength(Path file, long length) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(length);
        }
    }

    /** Reads {@code dst.remaining()} bytes of sectors from volume position {@code pos}. */
    void read(ByteBuffer dst, long pos) throws IOException {
        transfer(dst, pos, false);
    }

    /** Writes {@code src} to volume position {@code pos}. */
    void write(ByteBuffer src, long pos) throws IOException {
        transfer(src, pos, true);
    }

    private void transfer(ByteBuffer buf, long pos, boolean write) throws IOException {
        long mainBytes = header.mainDataBytes();
        while (buf.hasRemaining()) {
            FileChannel ch;
            long filePos;
            long fileEnd;
            if (pos < mainBytes) {
                ch = mainChannel;
                filePos = VolumeHeader.DATA_OFFSET + pos;
                fileEnd = VolumeHeader.DATA_OFFSET + mainBytes;
            } else {
                int index = (int) ((pos - mainBytes) / header.extentBytes()) + 1;
                ch = extent(index);
                filePos = (pos - mainBytes) % header.extentBytes();
                fileEnd = header.extentLength(index);
            }
            int n = (int) Math.min(buf.remaining(), fileEnd - filePos);
            int limit = buf.limit();
            buf.limit(buf.position() + n);
            try {
                while (buf.hasRemaining()) {
                    int done = write ? ch.write(buf, filePos) : ch.read(buf, filePos);
                    if (done < 0) {
                        throw new IOException("volume " + main + " is shorter than its header says (truncated file?)");
                    }
                    filePos += done;
                }
            } finally {
                buf.limit(limit);
            }
            pos += n;
        }
    }

    private FileChannel extent(int index) throws IOException {
        FileChannel ch = extents.get(index);
        if (ch == null) {
            Path file = extentPath(main, index);
            try {
                ch = writable ? FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)
                        : FileChannel.open(file, StandardOpenOption.READ);
            } catch (NoSuchFileException e) {
                throw new VolumeFormatException("extent file " + file + " of volume " + main + " is missing");
            }
            extents.put(index, ch);
        }
        return ch;
    }

    void force() throws IOException {
        mainChannel.force(false);
        for (FileChannel ch : extents.values()) {
            ch.force(false);
        }
    }

    @Override
    public void close() throws IOException {
        IOException failure = null;
        for (FileChannel ch : extents.values()) {
            try {
                ch.close();
            } catch (IOException e) {
                failure = e;
            }
        }
        extents.clear();
        mainChannel.close();
        if (failure != null) {
            throw failure;
        }
    }
}
