package dev.ecskms.sim.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

/**
 * A volume opened as a block device. Sector {@code s} lives at {@code DATA_OFFSET + s × sectorSize} of the main
 * file, or in an extent file past the main file's share (see {@link VolumeHeader}); each write first marks its
 * chunks in the {@link AllocationMap}.
 *
 * <p>An all-zero stored sector is an unwritten one (a sparse hole or never touched) and reads as zeros without
 * being decoded: decrypting it would give garbage. Real XTS ciphertext is all-zero with probability 2^-32768, so
 * written sectors are always encrypted, zero plaintext included (writing zeros as a hole would reveal which
 * sectors the guest zeroed).
 *
 * <p>Operations are serialized on the device: the codec reuses its ciphers and the scratch buffer.
 */
final class VolumeDevice implements BlockDevice {
    private final Path path;
    private final VolumeFiles files;
    private final SectorCodec codec;
    private final AllocationMap map;
    private final int sectorSize;
    private final long sectorCount;
    private final byte[] zeros;
    private byte[] scratch = new byte[0];
    private boolean closed;

    VolumeDevice(Path path, VolumeFiles files, VolumeHeader header, AllocationMap map, SectorCodec codec) {
        this.path = path;
        this.files = files;
        this.map = map;
        this.codec = codec;
        this.sectorSize = header.sectorSize();
        this.sectorCount = header.sectorCount();
        this.zeros = new byte[sectorSize];
    }

    @Override
    public int sectorSize() {
        return sectorSize;
    }

    @Override
    public long sectorCount() {
        return sectorCount;
    }

    @Override
    public synchronized void read(long firstSector, int count, byte[] buf, int off) throws IOException {
        int len = checkRange(firstSector, count, buf, off);
        files.read(ByteBuffer.wrap(buf, off, len), position(firstSector));
        for (int i = 0; i < count; i++) {
            int at = off + i * sectorSize;
            if (!isZero(buf, at)) {
                codec.decode(firstSector + i, buf, at, sectorSize);
            }
        }
    }

    @Override
    public synchronized void write(long firstSector, int count, byte[] buf, int off) throws IOException {
        int len = checkRange(firstSector, count, buf, off);
        byte[] stored = codec == SectorCodec.PLAIN ? buf : encodeToScratch(firstSector, count, buf, off);
        int from = stored == buf ? off : 0;
        map.mark(firstSector, count, files.mainChannel()); // before the data: at worst a needless mark
        files.write(ByteBuffer.wrap(stored, from, len), position(firstSector));
    }

    @Override
    public synchronized long nextWrittenSector(long fromSector) {
        ensureOpen();
        return map.nextMarkedSector(fromSector);
    }

    @Override
    public synchronized void flush() throws IOException {
        ensureOpen();
        files.force();
    }

    @Override
    public synchronized void close() throws IOException {
        if (!closed) {
            closed = true;
            files.close();
        }
    }

    private byte[] encodeToScratch(long firstSector, int count, byte[] buf, int off) {
        int len = count * sectorSize;
        if (scratch.length < len) {
            scratch = new byte[len];
        }
        System.arraycopy(buf, off, scratch, 0, len);
        for (int i = 0; i < count; i++) {
            codec.encode(firstSector + i, scratch, i * sectorSize, sectorSize);
        }
        return scratch;
    }

    private boolean isZero(byte[] buf, int at) {
        return Arrays.mismatch(buf, at, at + sectorSize, zeros, 0, sectorSize) < 0;
    }

    private long position(long sector) {
        return sector * sectorSize;
    }

    private int checkRange(long firstSector, int count, byte[] buf, int off) {
        ensureOpen();
        Objects.requireNonNull(buf, "buf");
        if (count <= 0 || firstSector < 0 || firstSector > sectorCount - count) {
            throw new IndexOutOfBoundsException("sectors [" + firstSector + ", " + (firstSector + count)
                    + ") out of range [0, " + sectorCount + ") of volume " + path);
        }
        long len = (long) count * sectorSize;
        if (len > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("too many sectors in one call: " + count);
        }
        Objects.checkFromIndexSize(off, (int) len, buf.length);
        return (int) len;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("volume " + path + " is closed");
        }
    }
}
