package dev.ecskms.sim.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Which chunks of a volume may hold written sectors: one bit per {@value VolumeHeader#CHUNK_BYTES}-byte chunk,
 * bit {@code c % 8} (least significant first) of map byte {@code c / 8}, stored at {@link VolumeHeader#MAP_OFFSET}.
 *
 * <p>Java cannot ask the file system where a sparse file's holes are (no SEEK_DATA), so the volume keeps this map
 * itself: copying or scanning a volume then skips never-written chunks instead of reading gigabytes of holes.
 * A bit is persisted before the sector data it covers, so a set bit may over-approximate but never miss data.
 */
final class AllocationMap {
    private final byte[] bits;
    private final int sectorsPerChunk;
    private final long sectorCount;

    private AllocationMap(byte[] bits, int sectorSize, long sectorCount) {
        this.bits = bits;
        this.sectorsPerChunk = VolumeHeader.CHUNK_BYTES / sectorSize;
        this.sectorCount = sectorCount;
    }

    static AllocationMap read(FileChannel ch, VolumeHeader header) throws IOException {
        byte[] bits = new byte[mapBytes(header)];
        ByteBuffer dst = ByteBuffer.wrap(bits);
        while (dst.hasRemaining()) {
            if (ch.read(dst, VolumeHeader.MAP_OFFSET + dst.position()) < 0) {
                throw new VolumeFormatException("allocation map cut short");
            }
        }
        return new AllocationMap(bits, header.sectorSize(), header.sectorCount());
    }

    /** Marks the chunks of {@code [firstSector, firstSector + count)}, writing changed map bytes to the file. */
    void mark(long firstSector, int count, FileChannel ch) throws IOException {
        long firstChunk = firstSector / sectorsPerChunk;
        long lastChunk = (firstSector + count - 1) / sectorsPerChunk;
        for (long c = firstChunk; c <= lastChunk; c++) {
            int index = (int) (c >>> 3);
            byte updated = (byte) (bits[index] | 1 << (c & 7));
            if (updated != bits[index]) {
                bits[index] = updated;
                ch.write(ByteBuffer.wrap(bits, index, 1), VolumeHeader.MAP_OFFSET + index);
            }
        }
    }

    /** The first sector at or after {@code sector} in a marked chunk, or -1 if the rest of the volume is unwritten. */
    long nextMarkedSector(long sector) {
        for (long c = Math.max(0, sector) / sectorsPerChunk; c * sectorsPerChunk < sectorCount; c++) {
            if ((c & 7) == 0 && bits[(int) (c >>> 3)] == 0) {
                c += 7; // a whole empty map byte: skip its eight chunks at once
                continue;
            }
            if ((bits[(int) (c >>> 3)] & 1 << (c & 7)) != 0) {
                return Math.max(sector, c * sectorsPerChunk);
            }
        }
        return -1;
    }

    /** Copies the map bytes as they are (the file layout is the same for every volume). */
    void writeTo(FileChannel ch) throws IOException {
        ByteBuffer src = ByteBuffer.wrap(bits);
        while (src.hasRemaining()) {
            ch.write(src, VolumeHeader.MAP_OFFSET + src.position());
        }
    }

    private static int mapBytes(VolumeHeader header) {
        long chunks = (header.sizeBytes() + VolumeHeader.CHUNK_BYTES - 1) / VolumeHeader.CHUNK_BYTES;
        return (int) ((chunks + 7) / 8);
    }
}
