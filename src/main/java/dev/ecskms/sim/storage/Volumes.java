package dev.ecskms.sim.storage;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Volume files: create, inspect, open, grow and copy. The file layout is documented on {@link VolumeHeader}.
 *
 * <p>Files are sparse: creating or growing a volume only sets the file length, so untouched sectors take no space,
 * and an allocation map in the file lets copies skip never-written chunks without reading them.
 * The plaintext data key is only ever held in memory; the header keeps the KMS-wrapped blob and a key check value.
 */
public final class Volumes {
    private Volumes() {
    }

    public static VolumeHeader createPlain(Path file, long sizeBytes) throws IOException {
        return createPlain(file, sizeBytes, Instant.now());
    }

    public static VolumeHeader createPlain(Path file, long sizeBytes, Instant createdAt) throws IOException {
        return create(file, new VolumeHeader(VolumeHeader.FORMAT_VERSION, VolumeHeader.DEFAULT_SECTOR_SIZE,
                sizeBytes, createdAt, null, null));
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
        Objects.requireNonNull(keyInfo, "keyInfo");
        new Xts(plaintextDataKey); // refuse a key XTS cannot use before anything is written
        return create(file, new VolumeHeader(VolumeHeader.FORMAT_VERSION, VolumeHeader.DEFAULT_SECTOR_SIZE,
                sizeBytes, createdAt, keyInfo, KeyCheck.of(plaintextDataKey)));
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
            return new VolumeDevice(file, ch, header, AllocationMap.read(ch, header), codec);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /**
     * The byte ranges {offset, length} of a volume file that can hold anything but zeros: the header and map, and
     * the chunks ever written. Everything else is a hole. Lets an at-rest check read what a volume really left on
     * the host without reading gigabytes of holes.
     */
    public static List<long[]> storedRanges(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            VolumeHeader header = readHeader(ch, file);
            AllocationMap map = AllocationMap.read(ch, header);
            long fileSize = ch.size();
            List<long[]> ranges = new ArrayList<>();
            ranges.add(new long[] {0, Math.min(fileSize, VolumeHeader.DATA_OFFSET)});
            long sectorsPerChunk = VolumeHeader.CHUNK_BYTES / header.sectorSize();
            for (long s = map.nextMarkedSector(0); s >= 0; s = map.nextMarkedSector((s / sectorsPerChunk + 1) * sectorsPerChunk)) {
                long offset = VolumeHeader.DATA_OFFSET + s / sectorsPerChunk * VolumeHeader.CHUNK_BYTES;
                if (offset < fileSize) {
                    ranges.add(new long[] {offset, Math.min(VolumeHeader.CHUNK_BYTES, fileSize - offset)});
                }
            }
            return ranges;
        }
    }

    /** Grows a closed volume to {@code newSizeBytes}; the new sectors read as zeros. Shrinking is refused. */
    public static VolumeHeader resize(Path file, long newSizeBytes) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            VolumeHeader old = readHeader(ch, file);
            if (newSizeBytes < old.sizeBytes()) {
                throw new IllegalArgumentException("volumes only grow: " + file + " is " + old.sizeBytes()
                        + " bytes, asked for " + newSizeBytes);
            }
            VolumeHeader grown = old.withSize(newSizeBytes);
            setLength(file, fileLength(grown));
            writeFully(ch, ByteBuffer.wrap(grown.encode()), 0);
            ch.force(true);
            return grown;
        }
    }

    /**
     * Copies a volume byte for byte (ciphertext stays ciphertext: no key needed) into a new file, leaving
     * unwritten sectors as holes. Copy a volume nobody is writing to for a consistent result.
     */
    public static VolumeHeader copy(Path from, Path to) throws IOException {
        try (FileChannel in = FileChannel.open(from, StandardOpenOption.READ)) {
            VolumeHeader header = readHeader(in, from);
            FileChannel out = FileChannel.open(to, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                    StandardOpenOption.SPARSE);
            try (out) {
                writeFully(out, ByteBuffer.wrap(header.encode()), 0);
                copyWrittenSectors(in, out, header);
                setLength(to, fileLength(header)); // trailing holes
                out.force(true);
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(to); // ours: CREATE_NEW succeeded
                throw e;
            }
            return header;
        }
    }

    private static VolumeHeader create(Path file, VolumeHeader header) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                StandardOpenOption.SPARSE)) {
            writeFully(ch, ByteBuffer.wrap(header.encode()), 0);
            ch.force(true);
        }
        setLength(file, fileLength(header));
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

    /** Copies the non-zero sectors of marked chunks; everything else stays a hole in the copy. */
    private static void copyWrittenSectors(FileChannel in, FileChannel out, VolumeHeader header)
            throws IOException {
        AllocationMap map = AllocationMap.read(in, header);
        map.writeTo(out);
        int sectorSize = header.sectorSize();
        int chunkSectors = VolumeHeader.CHUNK_BYTES / sectorSize;
        byte[] chunk = new byte[VolumeHeader.CHUNK_BYTES];
        byte[] zeros = new byte[sectorSize];
        for (long first = map.nextMarkedSector(0); first >= 0; first = map.nextMarkedSector(first)) {
            int count = (int) Math.min(chunkSectors, header.sectorCount() - first);
            long pos = VolumeHeader.DATA_OFFSET + first * sectorSize;
            readFully(in, ByteBuffer.wrap(chunk, 0, count * sectorSize), pos);
            for (int i = 0; i < count; i++) {
                int at = i * sectorSize;
                if (Arrays.mismatch(chunk, at, at + sectorSize, zeros, 0, sectorSize) >= 0) {
                    writeFully(out, ByteBuffer.wrap(chunk, at, sectorSize), pos + at);
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
            if (ch.size() < fileLength(header)) {
                throw new VolumeFormatException("file is shorter than its header says (truncated?)");
            }
            return header;
        } catch (VolumeFormatException e) {
            throw new VolumeFormatException(file + ": " + e.getMessage());
        }
    }

    private static long fileLength(VolumeHeader header) {
        return VolumeHeader.DATA_OFFSET + header.sizeBytes();
    }

    /** ftruncate: extends the file without allocating blocks. */
    private static void setLength(Path file, long length) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(length);
        }
    }

    private static void readFully(FileChannel ch, ByteBuffer dst, long pos) throws IOException {
        while (dst.hasRemaining()) {
            int n = ch.read(dst, pos);
            if (n < 0) {
                throw new IOException("unexpected end of volume file");
            }
            pos += n;
        }
    }

    private static void writeFully(FileChannel ch, ByteBuffer src, long pos) throws IOException {
        while (src.hasRemaining()) {
            pos += ch.write(src, pos);
        }
    }
}
