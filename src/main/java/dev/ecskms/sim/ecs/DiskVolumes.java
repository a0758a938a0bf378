package dev.ecskms.sim.ecs;

import dev.ecskms.sim.common.CallContext;
import dev.ecskms.sim.kms.DecryptResponse;
import dev.ecskms.sim.kms.GenerateDataKeyRequest;
import dev.ecskms.sim.kms.GenerateDataKeyResponse;
import dev.ecskms.sim.kms.KmsService;
import dev.ecskms.sim.storage.BlockDevice;
import dev.ecskms.sim.storage.VolumeHeader;
import dev.ecskms.sim.storage.VolumeKeyInfo;
import dev.ecskms.sim.storage.Volumes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * The volume files of disks and snapshots, and the two-tier keys behind them: each encrypted volume has its own
 * 64-byte XTS data key from KMS GenerateDataKey, stored only as the KMS-wrapped blob in the volume header. Opening
 * an encrypted volume asks KMS to decrypt that blob, so a disabled or deleted key makes the volume unreadable.
 */
public final class DiskVolumes {
    /** Bound as EncryptionContext to every disk data key, as ECS does for its own calls. */
    static final Map<String, String> DATA_KEY_CONTEXT = Map.of("acs:ecs:purpose", "disk-data-key");
    private static final long GIB = 1L << 30;
    private static final int COPY_SECTORS = 256;

    private final KmsService kms;
    private final Path volumesDir;
    private final Path snapshotsDir;
    /** Sector bytes per volume file (see {@link VolumeHeader}); a test may ask for more than the host can hold. */
    private long extentBytes = VolumeHeader.DEFAULT_EXTENT_BYTES;
    /** For tests: how many more disk volumes may be created before the host "runs out of space"; -1: no limit. */
    private final java.util.concurrent.atomic.AtomicInteger creationsBeforeFull =
            new java.util.concurrent.atomic.AtomicInteger(-1);

    DiskVolumes(KmsService kms, Path volumesDir, Path snapshotsDir) {
        this.kms = kms;
        this.volumesDir = volumesDir;
        this.snapshotsDir = snapshotsDir;
    }

    public Path diskVolume(String diskId) {
        return volumesDir.resolve(diskId + ".img");
    }

    public Path snapshotVolume(String snapshotId) {
        return snapshotsDir.resolve(snapshotId + ".img");
    }

    /**
     * Opens a disk's volume as a block device. For an encrypted disk KMS decrypts the data key first, with the
     * owner's context: this is where a disabled key ({@code Rejected.Disabled}) or a deleted one
     * ({@code Forbidden.KeyNotFound}) stops the disk from being read.
     */
    public BlockDevice openDisk(CallContext owner, String diskId) throws IOException {
        return open(owner, diskVolume(diskId));
    }

    /** Creates the volume of a planned disk; returns the KMS key version that wrapped its data key (null if plain). */
    String createDiskVolume(CallContext ctx, String diskId, Disks.DiskPlan plan) throws IOException {
        Files.createDirectories(volumesDir);
        Path target = diskVolume(diskId);
        long size = plan.sizeGiB() * GIB;
        Snapshot snapshot = plan.snapshot();
        EncryptionChoice encryption = plan.encryption();
        boolean sameKeyCopy = snapshot != null && snapshot.encrypted() && snapshot.ownerId().equals(ctx.accountId())
                && snapshot.kmsKeyId().equals(encryption.kmsKeyId());
        try {
            if (snapshot == null) {
                create(ctx, target, size, encryption.kmsKeyId());
            } else if (sameKeyCopy || !snapshot.encrypted() && !encryption.encrypted()) {
                // Same key (or both plain): the ciphertext is copied as is, data key and all.
                Volumes.copy(snapshotVolume(snapshot.snapshotId()), target);
                grow(target, size);
            } else {
                // Plain → encrypted, or another key: every written sector is re-encrypted under a new data key.
                reencrypt(ctx, snapshot, target, size, encryption.kmsKeyId());
            }
            if (creationsBeforeFull.getAndUpdate(n -> n > 0 ? n - 1 : n) == 0) {
                throw new IOException(target + ": No space left on device");
            }
        } catch (IOException | RuntimeException e) {
            Volumes.delete(target);
            throw e;
        }
        VolumeHeader header = Volumes.readHeader(target);
        return header.encrypted() ? header.keyInfo().keyVersionId() : null;
    }

    /**
     * Copies a snapshot's volume into a new snapshot (an image's copy). Plain to plain is a byte copy; otherwise every
     * written sector is re-encrypted under a new data key that KMS generates under {@code kmsKeyId} in the region of
     * {@code ctx}, so the copy shares no key material with its source.
     *
     * @return the KMS key version that wrapped the new data key; null for a plain copy
     */
    String copySnapshotVolume(CallContext ctx, Snapshot source, String snapshotId, String kmsKeyId)
            throws IOException {
        if (source.encrypted() && kmsKeyId == null) {
            throw new IllegalArgumentException("the copy of encrypted snapshot " + source.snapshotId()
                    + " needs a key: encryption is never undone");
        }
        Files.createDirectories(snapshotsDir);
        Path from = snapshotVolume(source.snapshotId());
        Path target = snapshotVolume(snapshotId);
        try {
            if (kmsKeyId == null) {
                Volumes.copy(from, target);
            } else {
                reencrypt(ctx, source, target, Volumes.readHeader(from).sizeBytes(), kmsKeyId);
            }
        } catch (IOException | RuntimeException e) {
            Volumes.delete(target);
            throw e;
        }
        VolumeHeader header = Volumes.readHeader(target);
        return header.encrypted() ? header.keyInfo().keyVersionId() : null;
    }

    /**
     * Writes a new volume encrypted under a new data key (from KMS under {@code kmsKeyId}) with the written sectors of
     * a snapshot, which its owner's key decrypts (the owner may be another account that shared it).
     */
    private void reencrypt(CallContext ctx, Snapshot snapshot, Path target, long size, String kmsKeyId)
            throws IOException {
        CallContext snapshotOwner = new CallContext(snapshot.ownerId(), ctx.principal(), snapshot.regionId(),
                ctx.requestId(), ctx.source());
        byte[] newKey = create(ctx, target, size, kmsKeyId);
        try (BlockDevice from = open(snapshotOwner, snapshotVolume(snapshot.snapshotId()));
                BlockDevice to = Volumes.open(target, newKey)) {
            copySectors(from, to);
        } finally {
            wipe(newKey);
        }
    }

    void snapshotDiskVolume(String diskId, String snapshotId) throws IOException {
        Files.createDirectories(snapshotsDir);
        Volumes.copy(diskVolume(diskId), snapshotVolume(snapshotId));
    }

    /** Grows a disk's volume to {@code newSizeGiB}; a volume already that large (a resize redone) is left alone. */
    void resizeDiskVolume(String diskId, int newSizeGiB) throws IOException {
        grow(diskVolume(diskId), newSizeGiB * GIB);
    }

    /** Deletes the files of a disk's or snapshot's volume (main file and extents), by id ("d-…" or "s-…"). */
    void deleteVolume(String volumeId) throws IOException {
        Volumes.delete(volumeOf(volumeId));
    }

    /** The main file of a disk's ("d-…") or snapshot's ("s-…") volume. */
    Path volumeOf(String volumeId) {
        return volumeId.startsWith("s-") ? snapshotVolume(volumeId) : diskVolume(volumeId);
    }

    /**
     * For tests: the host refuses the disk volume created after {@code n} more (ENOSPC, once its file is written), and
     * every one after it; -1 lifts the limit.
     */
    void fillHostAfter(int n) {
        creationsBeforeFull.set(n);
    }

    void useExtentBytes(long bytes) {
        this.extentBytes = bytes;
    }

    Path volumesDir() {
        return volumesDir;
    }

    Path snapshotsDir() {
        return snapshotsDir;
    }

    /** Creates an empty volume; for an encrypted one returns the new data key (the caller wipes it), else null. */
    private byte[] create(CallContext ctx, Path target, long size, String kmsKeyId) throws IOException {
        if (kmsKeyId == null) {
            Volumes.createPlain(target, size, java.time.Instant.now(), extentBytes);
            return null;
        }
        GenerateDataKeyResponse dataKey = kms.generateDataKey(ctx,
                new GenerateDataKeyRequest(kmsKeyId, null, 64, DATA_KEY_CONTEXT));
        try {
            Volumes.createEncrypted(target, size,
                    new VolumeKeyInfo(dataKey.ciphertextBlob(), dataKey.keyId(), dataKey.keyVersionId()),
                    dataKey.plaintext(), java.time.Instant.now(), extentBytes);
            return dataKey.plaintext();
        } catch (IOException | RuntimeException e) {
            wipe(dataKey.plaintext());
            throw e;
        }
    }

    private BlockDevice open(CallContext owner, Path volume) throws IOException {
        VolumeHeader header = Volumes.readHeader(volume);
        if (!header.encrypted()) {
            return Volumes.open(volume, null);
        }
        DecryptResponse dataKey = kms.decrypt(owner, header.keyInfo().wrappedDataKey(), DATA_KEY_CONTEXT);
        try {
            return Volumes.open(volume, dataKey.plaintext());
        } finally {
            wipe(dataKey.plaintext());
        }
    }

    private static void grow(Path volume, long size) throws IOException {
        if (Volumes.readHeader(volume).sizeBytes() < size) {
            Volumes.resize(volume, size);
        }
    }

    /** Copies the written sectors, skipping never-written stretches (they stay holes). */
    private static void copySectors(BlockDevice from, BlockDevice to) throws IOException {
        int sectorSize = from.sectorSize();
        byte[] buf = new byte[COPY_SECTORS * sectorSize];
        byte[] zeros = new byte[sectorSize];
        long count = from.sectorCount();
        for (long first = from.nextWrittenSector(0); first >= 0 && first < count;
                first = from.nextWrittenSector(first + COPY_SECTORS)) {
            int n = (int) Math.min(COPY_SECTORS, count - first);
            from.read(first, n, buf, 0);
            // each run of written (non-zero) sectors in one write: one map check and one pwrite, not one per sector
            for (int i = 0; i < n; ) {
                if (isZero(buf, i * sectorSize, zeros)) {
                    i++;
                    continue;
                }
                int end = i + 1;
                while (end < n && !isZero(buf, end * sectorSize, zeros)) {
                    end++;
                }
                to.write(first + i, end - i, buf, i * sectorSize);
                i = end;
            }
        }
        to.flush();
    }

    private static boolean isZero(byte[] buf, int off, byte[] zeros) {
        return Arrays.mismatch(buf, off, off + zeros.length, zeros, 0, zeros.length) < 0;
    }

    private static void wipe(byte[] key) {
        if (key != null) {
            Arrays.fill(key, (byte) 0);
        }
    }
}
