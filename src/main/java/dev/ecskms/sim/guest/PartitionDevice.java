package dev.ecskms.sim.guest;

import dev.ecskms.sim.storage.BlockDevice;
import java.io.IOException;
import java.util.Objects;

/** A partition seen as a block device of its own: a window of sectors on the whole disk. Closing it does nothing. */
final class PartitionDevice implements BlockDevice {
    private final BlockDevice disk;
    private final long first;
    private final long count;

    PartitionDevice(BlockDevice disk, long first, long count) {
        if (first < 0 || count <= 0 || first + count > disk.sectorCount()) {
            throw new IllegalArgumentException("partition [" + first + ", +" + count + ") outside the disk");
        }
        this.disk = disk;
        this.first = first;
        this.count = count;
    }

    @Override
    public int sectorSize() {
        return disk.sectorSize();
    }

    @Override
    public long sectorCount() {
        return count;
    }

    @Override
    public void read(long firstSector, int n, byte[] buf, int off) throws IOException {
        check(firstSector, n);
        disk.read(first + firstSector, n, buf, off);
    }

    @Override
    public void write(long firstSector, int n, byte[] buf, int off) throws IOException {
        check(firstSector, n);
        disk.write(first + firstSector, n, buf, off);
    }

    @Override
    public long nextWrittenSector(long fromSector) {
        if (fromSector >= count) {
            return -1;
        }
        long s = disk.nextWrittenSector(first + Math.max(0, fromSector));
        return s < 0 || s >= first + count ? -1 : s - first;
    }

    @Override
    public void flush() throws IOException {
        disk.flush();
    }

    @Override
    public void close() {
        // the disk belongs to whoever opened it
    }

    private void check(long firstSector, int n) {
        Objects.checkFromIndexSize(firstSector, n, count);
    }
}
