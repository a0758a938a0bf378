package dev.ecskms.sim.guest;

import dev.ecskms.sim.storage.BlockDevice;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An MBR-like partition table in sector 0: four 16-byte entries at offset 446 (status, type, first sector and sector
 * count, little endian, in the device's own sectors) and the boot signature 0x55 0xAA at 510. Offset 432 keeps the
 * label type the guest was asked for ("dos" or "gpt"), offset 440 the disk identifier.
 */
record PartitionTable(String label, int diskId, List<Partition> partitions) {
    static final int TYPE_LINUX = 0x83;
    static final int TYPE_NTFS = 0x07;
    /** Partitions start 1 MiB in, as fdisk and parted align them. */
    static final long FIRST_SECTOR_BYTES = 1 << 20;
    private static final int ENTRIES = 446;
    private static final int MAX_PARTITIONS = 4;

    record Partition(int number, int type, boolean bootable, long firstSector, long sectorCount) {
        long lastSector() {
            return firstSector + sectorCount - 1;
        }

        String typeName(String label) {
            if ("gpt".equals(label)) {
                return type == TYPE_NTFS ? "Microsoft basic data" : "Linux filesystem";
            }
            return type == TYPE_NTFS ? "HPFS/NTFS/exFAT" : "Linux";
        }
    }

    PartitionTable {
        partitions = List.copyOf(partitions);
    }

    static PartitionTable empty(String label, int diskId) {
        return new PartitionTable(label, diskId, List.of());
    }

    static long firstUsableSector(BlockDevice dev) {
        return FIRST_SECTOR_BYTES / dev.sectorSize();
    }

    /** The table in sector 0, or empty when the sector carries no boot signature. Device errors propagate. */
    static Optional<PartitionTable> read(BlockDevice dev) throws IOException {
        byte[] sector = new byte[dev.sectorSize()];
        dev.read(0, sector, 0);
        return parse(sector);
    }

    static boolean hasBootSignature(byte[] sector0) {
        return (sector0[510] & 0xFF) == 0x55 && (sector0[511] & 0xFF) == 0xAA;
    }

    static Optional<PartitionTable> parse(byte[] sector) {
        if (!hasBootSignature(sector)) {
            return Optional.empty();
        }
        ByteBuffer b = ByteBuffer.wrap(sector).order(ByteOrder.LITTLE_ENDIAN);
        String label = new String(sector, 432, 3, StandardCharsets.US_ASCII).equals("gpt") ? "gpt" : "dos";
        int diskId = b.getInt(440);
        List<Partition> parts = new ArrayList<>();
        for (int i = 0; i < MAX_PARTITIONS; i++) {
            int at = ENTRIES + 16 * i;
            int type = sector[at + 4] & 0xFF;
            long first = b.getInt(at + 8) & 0xFFFFFFFFL;
            long count = b.getInt(at + 12) & 0xFFFFFFFFL;
            if (type != 0 && count > 0) {
                parts.add(new Partition(i + 1, type, (sector[at] & 0xFF) == 0x80, first, count));
            }
        }
        return Optional.of(new PartitionTable(label, diskId, parts));
    }

    void write(BlockDevice dev) throws IOException {
        byte[] sector = new byte[dev.sectorSize()];
        dev.read(0, sector, 0); // keep the boot code area as it is
        ByteBuffer b = ByteBuffer.wrap(sector).order(ByteOrder.LITTLE_ENDIAN);
        System.arraycopy((label + "\0").getBytes(StandardCharsets.US_ASCII), 0, sector, 432, 4);
        b.putInt(440, diskId);
        for (int i = 0; i < MAX_PARTITIONS; i++) {
            int at = ENTRIES + 16 * i;
            for (int j = 0; j < 16; j++) {
                sector[at + j] = 0;
            }
        }
        for (Partition p : partitions) {
            int at = ENTRIES + 16 * (p.number() - 1);
            sector[at] = (byte) (p.bootable() ? 0x80 : 0);
            sector[at + 4] = (byte) p.type();
            b.putInt(at + 8, (int) p.firstSector());
            b.putInt(at + 12, (int) p.sectorCount());
        }
        sector[510] = 0x55;
        sector[511] = (byte) 0xAA;
        dev.write(0, sector, 0);
    }

    Optional<Partition> partition(int number) {
        return partitions.stream().filter(p -> p.number() == number).findFirst();
    }

    PartitionTable with(Partition p) {
        if (p.number() < 1 || p.number() > MAX_PARTITIONS) {
            throw new IllegalArgumentException("partition number " + p.number());
        }
        List<Partition> list = new ArrayList<>(partitions);
        list.removeIf(q -> q.number() == p.number());
        list.add(p);
        list.sort((x, y) -> Integer.compare(x.number(), y.number()));
        return new PartitionTable(label, diskId, list);
    }

    PartitionTable without(int number) {
        List<Partition> list = new ArrayList<>(partitions);
        list.removeIf(q -> q.number() == number);
        return new PartitionTable(label, diskId, list);
    }

    /** The first free partition number, or -1. */
    int nextFreeNumber() {
        for (int n = 1; n <= MAX_PARTITIONS; n++) {
            if (partition(n).isEmpty()) {
                return n;
            }
        }
        return -1;
    }

    /** The first sector not used by a partition at or after the aligned start, or -1 if the disk is full. */
    long firstFreeSector(BlockDevice dev) {
        long s = firstUsableSector(dev);
        boolean moved = true;
        while (moved) {
            moved = false;
            for (Partition p : partitions) {
                if (s >= p.firstSector() && s <= p.lastSector()) {
                    s = p.lastSector() + 1;
                    moved = true;
                }
            }
        }
        return s < dev.sectorCount() ? s : -1;
    }

    /** The last sector of the free stretch that starts at {@code from}. */
    long lastFreeSector(BlockDevice dev, long from) {
        long end = dev.sectorCount() - 1;
        for (Partition p : partitions) {
            if (p.firstSector() > from) {
                end = Math.min(end, p.firstSector() - 1);
            }
        }
        return end;
    }
}
