package dev.ecskms.sim.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Volumes: create, inspect, open, grow, copy and delete. The layout (a main file and its extent files) is documented
 * on {@link VolumeHeader}; every method here takes the main file ({@code d-xxx.img}) and handles the extents.
 *
 * <p>Files are sparse: creating or growing a volume only sets file lengths, so untouched sectors take no space,
 * and an allocation map in the main file lets copies skip never-written chunks without reading them. Files are
 * created owner-only (0600) where the file system is POSIX.
 * The plaintext data key is only ever held in memory; the header keeps the KMS-wrapped blob and a key check value.
 *
 * <p>A failure while creating, growing or copying (e.g. the host's file system refuses a length, EFBIG, or runs
 * out of space, ENOSPC) throws the {@link IOException} and leaves the volume as it was: a new volume's files are
 * removed, a grown volume keeps its old header and size.
 */
public final class Volumes {
    private Volumes() {
    }

    public static VolumeHeader createPlain(Path file, long sizeBytes) throws IOException {
        return createPlain(file, sizeBytes, Instant.now());
    }

    public static VolumeHeader createPlain(Path file, long sizeBytes, Instant createdAt) throws IOException {
        return createPlain(file, sizeBytes, createdAt, VolumeHeader.DEFAULT_EXTENT_BYTES);
    }

    /** @param extentBytes sector bytes per file (main file and each extent), a multiple of 4096 */
    public static VolumeHeader createPlain(Path file, long sizeBytes, Instant createdAt, long extentBytes)
            throws IOException {
        return create(file, new VolumeHeader(VolumeHeader.FORMAT_VERSION, VolumeHeader.DEFAULT_SECTOR_SIZE,
                sizeBytes, createdAt, null, null, extentBytes, extentBytes));
    }

    /**
     * @param keyInfo          the wrapped data key and the KMS key that wrapped it, as GenerateDataKey returned them
     * @param plaintextDataKey the 64-byte data key itself, used only to compute the key check value
     */
    public static VolumeHeader createEncrypted(Path file, long sizeBytes, VolumeKeyInfo keyInfo,
                                               byte[] plaintextDataKey) throws IOException {
        return createEncrypted(file, sizeBytes, keyInfo, plaintextDataKey, Instant.now());
    }

    public static VolumeHeader createEncrypted(Path file, long sizeBytes, VolumeKeyInfo keyInfo,
                                               byte[] plaintextDataKey, Instant createdAt) throws IOException {
        return createEncrypted(file, sizeBytes, keyInfo, plaintextDataKey, createdAt,
                VolumeHeader.DEFAULT_EXTENT_BYTES);
    }

    /** @param extentBytes sector bytes per file (main file and each extent), a multiple of 4096 */
    public static VolumeHeader createEncrypted(Path file, long sizeBytes, VolumeKeyInfo keyInfo, byte[] plaintextDataKey,
                                        Instant createdAt, long extentBytes) throws IOException {
        Objects.requireNonNull(keyInfo, "keyInfo");
        new Xts(plaintextDataKey); // refuse a key XTS cannot use before anything is written
        return create(file, new VolumeHeader(VolumeHeader.FORMAT_VERSION, VolumeHeader.DEFAULT_SECTOR_SIZE,
                sizeBytes, createdAt, keyInfo, KeyCheck.of(plaintextDataKey), extentBytes, extentBytes));
    }

    /** Reads the header only, e.g. so that ECS can ask KMS to unwrap the data key before {@link #open}. */
    public static VolumeHeader readHeader(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return readHeader(ch, file);
        }
    }

    /**
     * Opens a volume as a block device.
     *
     * @param plaintextDataKey the 64-byte data key for an encrypted volume (copied); null for a plain volume
     * @throws WrongVolumeKeyException if the key is not the one the volume was created with
     */
    public static BlockDevice open(Path file, byte[] plaintextDataKey) throws IOException {
        FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            VolumeHeader header = readHeader(ch, file);
            SectorCodec codec = codecFor(file, header, plaintextDataKey);
            return new VolumeDevice(file, new VolumeFiles(file, ch, header, true), header,
                    AllocationMap.read(ch, header), codec);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /** True for a volume's main file ({@code *.img}) or one of its extent files ({@code *.img.1}, ...). */
    public static boolean isVolumeFile(Path file) {
        return VolumeFiles.isVolumeFile(file);
    }

    /** The main file of a volume file: {@code file} itself, or the main file of extent file {@code file}. */
    public static Path mainFileOf(Path file) {
        Path main = VolumeFiles.mainOf(file);
        return main == null ? file : main;
    }

    /** The files of the volume whose main file is {@code file} that exist now: the main file, then its extents. */
    public static List<Path> files(Path file) throws IOException {
        return VolumeFiles.existing(file);
    }

    /** Deletes a volume: its main file and every extent file; nothing if there is none. */
    public static void delete(Path file) throws IOException {
        List<Path> files = VolumeFiles.existing(file);
        for (int i = files.size() - 1; i >= 0; i--) {
            Files.deleteIfExists(files.get(i)); // extents first, the main file (the header) last
        }
    }

    /**
     * Makes one file of a volume (the main file or an extent file) owner-only (0600) where the file system is POSIX:
     * for a caller that lists the directory itself, which {@link #restrictPermissions} does once per volume.
     */
    public static void restrictFilePermissions(Path file) throws IOException {
        VolumeFiles.restrict(file);
    }

    /** Makes the files of a volume owner-only (0600) where the file system is POSIX. */
    public static void restrictPermissions(Path file) throws IOException {
        for (Path f : VolumeFiles.existing(file)) {
            VolumeFiles.restrict(f);
        }
    }

    /**
     * The byte ranges {offset, length} of a volume file — the main file or one extent file — that can hold
     * anything but zeros: the header and map, and the chunks ever written. Everything else is a hole. Lets an
     * at-rest check read what a volume really left on the host without reading terabytes of holes.
     */
    public static List<long[]> storedRanges(Path file) throws IOException {
        Path main = mainFileOf(file);
        int index = VolumeFiles.extentIndex(file);
        long fileSize = Files.size(file);
        try (FileChannel ch = FileChannel.open(main, StandardOpenOption.READ)) {
            VolumeHeader header = readHeader(ch, main);
            AllocationMap map = AllocationMap.read(ch, header);
            List<long[]> ranges = new ArrayList<>();
            // the sector bytes [from, to) of the volume that this file holds, starting at fileOffset in the file
            long from;
            long to;
            long fileOffset;
            if (index == 0) {
                ranges.add(new long[] {0, Math.min(fileSize, VolumeHeader.DATA_OFFSET)});
                from = 0;
                to = header.mainDataBytes();
                fileOffset = VolumeHeader.DATA_OFFSET;
            } else {
                from = header.mainDataBytes() + (index - 1) * header.extentBytes();
                to = from + header.extentBytes();
                fileOffset = 0;
            }
            long sectorsPerChunk = VolumeHeader.CHUNK_BYTES / header.sectorSize();
            long sector = from / header.sectorSize();
            for (long s = map.nextMarkedSector(sector); s >= 0 && s * header.sectorSize() < to;
                    s = map.nextMarkedSector((s / sectorsPerChunk + 1) * sectorsPerChunk)) {
                long chunkStart = Math.max(from, s / sectorsPerChunk * VolumeHeader.CHUNK_BYTES);
                long chunkEnd = Math.min(to, (s / sectorsPerChunk + 1) * VolumeHeader.CHUNK_BYTES);
                long offset = fileOffset + chunkStart - from;
                if (offset < fileSize) {
                    ranges.add(new long[] {offset, Math.min(chunkEnd - chunkStart, fileSize - offset)});
                }
            }
            return ranges;
        }
    }

    /**
     * Grows a closed volume to {@code newSizeBytes}; the new sectors read as zeros. Shrinking is refused. The new
     * extent files come first and the header last, so a failure (or a crash) leaves the old size in force.
     */
    public static VolumeHeader resize(Path file, long newSizeBytes) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            VolumeHeader old = readHeader(ch, file);
            if (newSizeBytes < old.sizeBytes()) {
                throw new IllegalArgumentException("volumes only grow: " + file + " is " + old.sizeBytes()
                        + " bytes, asked for " + newSizeBytes);
            }
            VolumeHeader grown = old.withSize(newSizeBytes);
            long oldLength = ch.size();
            List<Path> created = new ArrayList<>();
            try {
                if (oldLength < grown.mainFileLength()) {
                    VolumeFiles.setLength(file, grown.mainFileLength());
                }
                created.addAll(VolumeFiles.ensureExtents(file, grown));
                writeFully(ch, ByteBuffer.wrap(grown.encode()), 0);
                ch.force(true);
            } catch (IOException | RuntimeException e) {
                for (Path extent : created) {
                    Files.deleteIfExists(extent);
                }
                if (ch.size() > oldLength) {
                    ch.truncate(oldLength);
                }
                throw e;
            }
            return grown;
        }
    }

    /**
     * Copies a volume byte for byte (ciphertext stays ciphertext: no key needed) into a new volume, leaving
     * unwritten sectors as holes. Copy a volume nobody is writing to for a consistent result.
     */
    public static VolumeHeader copy(Path from, Path to) throws IOException {
        try (FileChannel in = FileChannel.open(from, StandardOpenOption.READ)) {
            VolumeHeader header = readHeader(in, from);
            try (FileChannel out = VolumeFiles.createNew(to, StandardOpenOption.READ)) {
                try {
                    writeFully(out, ByteBuffer.wrap(header.encode()), 0);
                    VolumeFiles.setLength(to, header.mainFileLength()); // trailing holes
                    VolumeFiles.ensureExtents(to, header);
                    try (VolumeFiles source = new VolumeFiles(from, in, header, false);
                            VolumeFiles target = new VolumeFiles(to, out, header, true)) {
                        copyWrittenSectors(source, target, header);
                        target.force();
                    }
                } catch (IOException | RuntimeException e) {
                    out.close();
                    delete(to); // ours: CREATE_NEW succeeded
                    throw e;
                }
            }
            return header;
        }
    }

    private static VolumeHeader create(Path file, VolumeHeader header) throws IOException {
        try (FileChannel ch = VolumeFiles.createNew(file)) {
            try {
                writeFully(ch, ByteBuffer.wrap(header.encode()), 0);
                VolumeFiles.setLength(file, header.mainFileLength());
                VolumeFiles.ensureExtents(file, header);
                ch.force(true);
            } catch (IOException | RuntimeException e) {
                ch.close();
                delete(file); // ours: CREATE_NEW succeeded
                throw e;
            }
        }
        return header;
    }

    private static SectorCodec codecFor(Path file, VolumeHeader header, byte[] dataKey) throws IOException {
        if (!header.encrypted()) {
            if (dataKey != null) {
                throw new IllegalArgumentException("volume " + file + " is not encrypted: open it without a key");
            }
            return SectorCodec.PLAIN;
        }
        if (dataKey == null) {
            throw new IllegalArgumentException("volume " + file + " is encrypted: its data key is needed to open it"
                    + " (wrapped by KMS key " + header.keyInfo().kmsKeyId() + ")");
        }
        XtsSectorCodec codec = new XtsSectorCodec(dataKey); // refuses a malformed key with its own message
        if (!KeyCheck.matches(dataKey, header.keyCheck())) {
            throw new WrongVolumeKeyException(file);
        }
        return codec;
    }

    /** Copies the map, then the non-zero sectors of marked chunks; everything else stays a hole in the copy. */
    private static void copyWrittenSectors(VolumeFiles in, VolumeFiles out, VolumeHeader header)
            throws IOException {
        AllocationMap map = AllocationMap.read(in.mainChannel(), header);
        map.writeTo(out.mainChannel());
        int sectorSize = header.sectorSize();
        int chunkSectors = VolumeHeader.CHUNK_BYTES / sectorSize;
        byte[] chunk = new byte[VolumeHeader.CHUNK_BYTES];
        byte[] zeros = new byte[sectorSize];
        for (long first = map.nextMarkedSector(0); first >= 0; first = map.nextMarkedSector(first)) {
            int count = (int) Math.min(chunkSectors - first % chunkSectors, header.sectorCount() - first);
            long pos = first * sectorSize;
            in.read(ByteBuffer.wrap(chunk, 0, count * sectorSize), pos);
            for (int i = 0; i < count; i++) {
                int at = i * sectorSize;
                if (Arrays.mismatch(chunk, at, at + sectorSize, zeros, 0, sectorSize) >= 0) {
                    out.write(ByteBuffer.wrap(chunk, at, sectorSize), pos + at);
                }
            }
            first += count;
        }
    }

    private static VolumeHeader readHeader(FileChannel ch, Path file) throws IOException {
        byte[] raw = new byte[VolumeHeader.BYTES];
        ByteBuffer dst = ByteBuffer.wrap(raw);
        while (dst.hasRemaining() && ch.read(dst, dst.position()) >= 0) {
            // keep reading: a positional read may return fewer bytes than asked
        }
        if (dst.hasRemaining()) {
            throw new VolumeFormatException(file + " is too short to be a volume");
        }
        try {
            VolumeHeader header = VolumeHeader.decode(raw);
            if (ch.size() < header.mainFileLength()) {
                throw new VolumeFormatException("file is shorter than its header says (truncated?)");
            }
            return header;
        } catch (VolumeFormatException e) {
            throw new VolumeFormatException(file + ": " + e.getMessage());
        }
    }

    private static void writeFully(FileChannel ch, ByteBuffer src, long pos) throws IOException {
        while (src.hasRemaining()) {
            pos += ch.write(src, pos);
        }
    }
}
