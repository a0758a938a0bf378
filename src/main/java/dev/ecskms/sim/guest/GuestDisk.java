package dev.ecskms.sim.guest;

import dev.ecskms.sim.storage.BlockDevice;
import java.io.IOException;
import java.util.Optional;

/**
 * A disk as the guest kernel sees it. A disk whose data key could not be decrypted has no device behind it: every
 * read and write of it fails with an I/O error, which is all the guest can know.
 */
final class GuestDisk {
    final String name;
    final AttachedDevice attached;
    final int index;
    private final BlockDevice device;

    GuestDisk(AttachedDevice attached, int index) {
        this.name = attached.shortName();
        this.attached = attached;
        this.index = index;
        this.device = attached.device() != null ? new GuardedDevice(attached.device())
                : new FailingDevice(attached.unreadableReason());
    }

    /** The device; for an undecryptable disk one whose every read fails. */
    BlockDevice device() {
        return device;
    }

    boolean readable() {
        return attached.device() != null;
    }

    String path() {
        return "/dev/" + name;
    }

    int major() {
        return 253;
    }

    int minor(int partition) {
        return index * 16 + partition;
    }

    /** The partition table, empty if sector 0 has none. Throws on I/O errors. */
    Optional<PartitionTable> table() throws IOException {
        return PartitionTable.read(device);
    }

    /** Partition {@code n} as a device; empty if the table has no such partition. */
    Optional<BlockDevice> partition(int n) throws IOException {
        Optional<PartitionTable> t = table();
        if (t.isEmpty()) {
            return Optional.empty();
        }
        return t.get().partition(n).map(p -> new PartitionDevice(device, p.firstSector(), p.sectorCount()));
    }

    /** What an undecryptable disk looks like to the guest: no capacity and nothing but I/O errors. */
    static final class FailingDevice implements BlockDevice {
        private final String reason;

        FailingDevice(String reason) {
            this.reason = reason;
        }

        @Override
        public int sectorSize() {
            return 4096;
        }

        @Override
        public long sectorCount() {
            return 0;
        }

        @Override
        public void read(long firstSector, int count, byte[] buf, int off) throws IOException {
            throw new IOException("I/O error: the disk cannot be read"
                    + (reason == null ? "" : " (" + reason + ")"));
        }

        @Override
        public void write(long firstSector, int count, byte[] buf, int off) throws IOException {
            throw new IOException("I/O error: the disk cannot be written"
                    + (reason == null ? "" : " (" + reason + ")"));
        }

        @Override
        public long nextWrittenSector(long fromSector) {
            return -1;
        }

        @Override
        public void flush() throws IOException {
            throw new IOException("I/O error");
        }

        @Override
        public void close() {
        }
    }

    /**
     * The attached device with its failures seen as the guest sees them: a device that was closed or broke under
     * the guest ({@link IllegalStateException}, {@link java.io.UncheckedIOException}) is an I/O error.
     */
    static final class GuardedDevice implements BlockDevice {
        private final BlockDevice inner;

        GuardedDevice(BlockDevice inner) {
            this.inner = inner;
        }

        @Override
        public int sectorSize() {
            return inner.sectorSize();
        }

        @Override
        public long sectorCount() {
            return inner.sectorCount();
        }

        @Override
        public void read(long firstSector, int count, byte[] buf, int off) throws IOException {
            try {
                inner.read(firstSector, count, buf, off);
            } catch (IllegalStateException | java.io.UncheckedIOException e) {
                throw new IOException("I/O error: " + e.getMessage(), e);
            }
        }

        @Override
        public void write(long firstSector, int count, byte[] buf, int off) throws IOException {
            try {
                inner.write(firstSector, count, buf, off);
            } catch (IllegalStateException | java.io.UncheckedIOException e) {
                throw new IOException("I/O error: " + e.getMessage(), e);
            }
        }

        @Override
        public long nextWrittenSector(long fromSector) {
            try {
                return inner.nextWrittenSector(fromSector);
            } catch (IllegalStateException e) {
                return fromSector < sectorCount() ? Math.max(0, fromSector) : -1;
            }
        }

        @Override
        public void flush() throws IOException {
            try {
                inner.flush();
            } catch (IllegalStateException | java.io.UncheckedIOException e) {
                throw new IOException("I/O error: " + e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            // the host closes the devices it opened
        }
    }
}
