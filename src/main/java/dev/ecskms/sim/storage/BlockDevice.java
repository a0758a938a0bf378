package dev.ecskms.sim.storage;

import java.io.Closeable;
import java.io.IOException;

/**
 * A disk as the guest sees it: a fixed number of equally sized sectors, read and written whole.
 *
 * <p>Sector numbers outside {@code [0, sectorCount())} throw {@link IndexOutOfBoundsException}; a buffer too small
 * for the sectors asked for does too. Sectors never written read as zeros.
 */
public interface BlockDevice extends Closeable {
    int sectorSize();

    long sectorCount();

    default long sizeBytes() {
        return sectorCount() * sectorSize();
    }

    /** Reads one sector into {@code buf[off, off + sectorSize())}. */
    default void read(long sector, byte[] buf, int off) throws IOException {
        read(sector, 1, buf, off);
    }

    /** Writes one sector from {@code buf[off, off + sectorSize())}. */
    default void write(long sector, byte[] buf, int off) throws IOException {
        write(sector, 1, buf, off);
    }

    /** Reads {@code count} consecutive sectors starting at {@code firstSector}. */
    void read(long firstSector, int count, byte[] buf, int off) throws IOException;

    /** Writes {@code count} consecutive sectors starting at {@code firstSector}. */
    void write(long firstSector, int count, byte[] buf, int off) throws IOException;

    /**
     * The first sector at or after {@code fromSector} that may have been written, or -1 if none: lets a copy or
     * a scan skip the never-written (all-zero) stretches. Sectors it skips are guaranteed to read as zeros; the
     * ones it returns may still be zero. The default claims every sector may be written.
     */
    default long nextWrittenSector(long fromSector) {
        return fromSector < sectorCount() ? Math.max(0, fromSector) : -1;
    }

    /** Forces written sectors to stable storage. */
    void flush() throws IOException;

    @Override
    void close() throws IOException;
}
