package dev.ecskms.sim.storage;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * The first {@value #BYTES} bytes of a volume's main file. All integers big-endian; strings are UTF-8 with a u16
 * length.
 *
 * <pre>
 * offset size  field
 *      0    8  magic "ECSVOL1\0"
 *      8    4  format version (2; 1 = a volume written before extents, see below)
 *     12    4  sector size in bytes (4096)
 *     16    8  volume size in bytes (sector count × sector size), at most 64 TiB
 *     24    1  flags: bit 0 = encrypted (AES-256-XTS, tweak = sector number)
 *     25    7  reserved, zero
 *     32    8  creation time, epoch milliseconds
 *     40   16  key check value: HMAC-SHA256(data key, "ecs-volume-key-check")[0..16); zero when plain
 *     56    4  allocation chunk size in bytes (1 MiB)
 *     60    4  reserved, zero
 *     64    8  offset of sector 0 in the file (4096 + 8 MiB)
 *     72    8  main bytes M: how many bytes of sectors the main file holds (version 2 only)
 *     80    8  extent bytes E: how many bytes of sectors each extent file holds (version 2 only; 1 TiB)
 *     88  2+n  KMS key id              (encrypted only; empty when plain) — at offset 72 in version 1
 *       2+n  KMS key version id      (encrypted only)
 *       2+n  wrapped data key: the KMS CiphertextBlob, base64 as given (encrypted only)
 *    ...       zero up to 4096
 *   4096 8 MiB allocation map: one bit per chunk that may hold written sectors (see {@link AllocationMap})
 * 4096+8 MiB   the sectors of bytes [0, M) of the volume: sector 0, sector 1, ... (plaintext, or XTS ciphertext;
 *              an all-zero sector = never written)
 * </pre>
 * A volume larger than M continues in <b>extent files</b> next to the main file: {@code d-xxx.img.1} holds the
 * volume's bytes [M, M + E), {@code d-xxx.img.2} the next E, and so on; each extent file is the sectors only, from
 * offset 0, and the last one may be shorter. No file is ever larger than 8 MiB + 1 TiB, so a 64 TiB volume fits
 * on file systems whose largest file is 16 TiB (ext4) or less. Every extent file exists (sparse) from the moment
 * the volume is created or grown; the header is written last, so it never names an extent that is not there.
 *
 * <p>Version 1 (before extents) kept every sector in the main file: it reads as M = volume size, no extents.
 * Growing a version 1 volume turns it into version 2 with M = max(old size, E): the sectors stay where they are.
 *
 * <p>Everything after the header is sparse: untouched map bytes and sectors take no disk space.
 * The plaintext data key is never stored; the key check value only lets a wrong key be refused at open.
 *
 * @param keyInfo     null for a plain volume
 * @param keyCheck    16 bytes for an encrypted volume, null for a plain one
 * @param mainBytes   M (version 2), 0 in version 1
 * @param extentBytes E (version 2), 0 in version 1
 */
public record VolumeHeader(int formatVersion, int sectorSize, long sizeBytes, Instant createdAt,
                           VolumeKeyInfo keyInfo, byte[] keyCheck, long mainBytes, long extentBytes) {
    public static final int BYTES = 4096;
    public static final int FORMAT_VERSION = 2;
    static final int FORMAT_VERSION_SINGLE_FILE = 1;
    public static final int DEFAULT_SECTOR_SIZE = 4096;
    /** E: 1 TiB of sectors per file, far below the largest file of ext4 (16 TiB), XFS, NTFS or APFS. */
    public static final long DEFAULT_EXTENT_BYTES = 1L << 40;
    static final int KEY_CHECK_BYTES = 16;
    static final int CHUNK_BYTES = 1 << 20;
    static final long MAP_OFFSET = BYTES;
    static final long MAP_BYTES = 8L << 20;
    static final long DATA_OFFSET = MAP_OFFSET + MAP_BYTES;
    public static final long MAX_SIZE_BYTES = MAP_BYTES * 8 * CHUNK_BYTES;

    private static final byte[] MAGIC = "ECSVOL1\0".getBytes(StandardCharsets.US_ASCII);
    private static final int FLAG_ENCRYPTED = 1;
    private static final int LAYOUT_OFFSET = 56;
    private static final int STRINGS_OFFSET_V1 = 72;
    private static final int EXTENTS_OFFSET = 72;

    public VolumeHeader {
        if (sectorSize <= 0 || sectorSize % Xts.BLOCK_BYTES != 0 || CHUNK_BYTES % sectorSize != 0) {
            throw new IllegalArgumentException("sector size must be a multiple of 16 dividing 1 MiB, got "
                    + sectorSize);
        }
        if (sizeBytes <= 0 || sizeBytes % sectorSize != 0 || sizeBytes > MAX_SIZE_BYTES) {
            throw new IllegalArgumentException("volume size must be a positive multiple of the sector size "
                    + sectorSize + " up to 64 TiB, got " + sizeBytes);
        }
        if ((keyInfo == null) != (keyCheck == null) || keyCheck != null && keyCheck.length != KEY_CHECK_BYTES) {
            throw new IllegalArgumentException("an encrypted volume needs both key info and a 16-byte key check");
        }
        Objects.requireNonNull(createdAt, "createdAt");
        if (formatVersion == FORMAT_VERSION_SINGLE_FILE ? mainBytes != 0 || extentBytes != 0
                : formatVersion != FORMAT_VERSION || mainBytes <= 0 || mainBytes % sectorSize != 0
                        || extentBytes <= 0 || extentBytes % sectorSize != 0) {
            throw new IllegalArgumentException("bad layout for format version " + formatVersion + ": main bytes "
                    + mainBytes + ", extent bytes " + extentBytes);
        }
        keyCheck = keyCheck == null ? null : keyCheck.clone();
    }

    public boolean encrypted() {
        return keyInfo != null;
    }

    public long sectorCount() {
        return sizeBytes / sectorSize;
    }

    /** How many bytes of sectors the main file holds (M; the whole volume in format version 1). */
    long mainDataBytes() {
        return formatVersion == FORMAT_VERSION_SINGLE_FILE ? sizeBytes : Math.min(sizeBytes, mainBytes);
    }

    /** How many extent files the volume has besides its main file. */
    int extentCount() {
        long rest = sizeBytes - mainDataBytes();
        return rest <= 0 ? 0 : (int) ((rest + extentBytes - 1) / extentBytes);
    }

    /** The bytes of sectors extent file {@code index} (1, 2, ...) holds. */
    long extentLength(int index) {
        return Math.min(extentBytes, sizeBytes - mainDataBytes() - (index - 1) * extentBytes);
    }

    /** The length of the main file: header, map and its sectors. */
    long mainFileLength() {
        return DATA_OFFSET + mainDataBytes();
    }

    @Override
    public byte[] keyCheck() {
        return keyCheck == null ? null : keyCheck.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VolumeHeader h && formatVersion == h.formatVersion && sectorSize == h.sectorSize
                && sizeBytes == h.sizeBytes && mainBytes == h.mainBytes && extentBytes == h.extentBytes && createdAt.equals(h.createdAt) && Objects.equals(keyInfo, h.keyInfo)
                && Arrays.equals(keyCheck, h.keyCheck);
    }

    @Override
    public int hashCode() {
        return Objects.hash(formatVersion, sectorSize, sizeBytes, createdAt, keyInfo, mainBytes, extentBytes) * 31 + Arrays.hashCode(keyCheck);
    }

    @Override
    public String toString() {
        return "VolumeHeader[v" + formatVersion + ", " + sizeBytes + " bytes in " + sectorSize + "-byte sectors, "
                + (encrypted() ? "encrypted, " + keyInfo : "plain") + ", created " + createdAt + "]";
    }

    /** The header of this volume grown to {@code newSizeBytes}; a version 1 header becomes version 2 (see above). */
    VolumeHeader withSize(long newSizeBytes) {
        if (formatVersion == FORMAT_VERSION_SINGLE_FILE) {
            return new VolumeHeader(FORMAT_VERSION, sectorSize, newSizeBytes, createdAt, keyInfo, keyCheck,
                    Math.max(sizeBytes, DEFAULT_EXTENT_BYTES), DEFAULT_EXTENT_BYTES);
        }
        return new VolumeHeader(formatVersion, sectorSize, newSizeBytes, createdAt, keyInfo, keyCheck, mainBytes,
                extentBytes);
    }

    byte[] encode() {
        ByteBuffer buf = ByteBuffer.allocate(BYTES);
        buf.put(MAGIC).putInt(formatVersion).putInt(sectorSize).putLong(sizeBytes);
        buf.put((byte) (encrypted() ? FLAG_ENCRYPTED : 0)).position(32);
        buf.putLong(createdAt.toEpochMilli());
        buf.put(encrypted() ? keyCheck : new byte[KEY_CHECK_BYTES]);
        buf.putInt(CHUNK_BYTES).putInt(0).putLong(DATA_OFFSET);
        if (formatVersion == FORMAT_VERSION_SINGLE_FILE) {
            buf.position(STRINGS_OFFSET_V1);
        } else {
            buf.putLong(mainBytes).putLong(extentBytes);
        }
        try {
            putString(buf, encrypted() ? keyInfo.kmsKeyId() : "");
            putString(buf, encrypted() ? keyInfo.keyVersionId() : "");
            putString(buf, encrypted() ? keyInfo.wrappedDataKey() : "");
        } catch (java.nio.BufferOverflowException e) {
            throw new IllegalArgumentException("key ids and wrapped key do not fit the " + BYTES + "-byte header");
        }
        return buf.array();
    }

    static VolumeHeader decode(byte[] raw) throws VolumeFormatException {
        if (raw.length < BYTES || !Arrays.equals(raw, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new VolumeFormatException("not a volume file (magic ECSVOL1 missing)");
        }
        ByteBuffer buf = ByteBuffer.wrap(raw, 0, BYTES).position(MAGIC.length);
        int version = buf.getInt();
        if (version != FORMAT_VERSION && version != FORMAT_VERSION_SINGLE_FILE) {
            throw new VolumeFormatException("unsupported volume format version " + version);
        }
        try {
            int sectorSize = buf.getInt();
            long size = buf.getLong();
            boolean encrypted = (buf.get() & FLAG_ENCRYPTED) != 0;
            Instant created = Instant.ofEpochMilli(buf.position(32).getLong());
            byte[] check = new byte[KEY_CHECK_BYTES];
            buf.get(check);
            if (buf.position(LAYOUT_OFFSET).getInt() != CHUNK_BYTES || buf.getInt() != 0
                    || buf.getLong() != DATA_OFFSET) {
                throw new VolumeFormatException("unsupported volume layout (chunk size or data offset)");
            }
            long main = 0;
            long extent = 0;
            if (version == FORMAT_VERSION_SINGLE_FILE) {
                buf.position(STRINGS_OFFSET_V1);
            } else {
                main = buf.position(EXTENTS_OFFSET).getLong();
                extent = buf.getLong();
            }
            String keyId = getString(buf);
            String versionId = getString(buf);
            String wrapped = getString(buf);
            VolumeKeyInfo keyInfo = encrypted ? new VolumeKeyInfo(wrapped, keyId, versionId) : null;
            return new VolumeHeader(version, sectorSize, size, created, keyInfo, encrypted ? check : null, main,
                    extent);
        } catch (IllegalArgumentException | BufferUnderflowException e) {
            throw new VolumeFormatException("corrupt volume header: " + e.getMessage());
        }
    }

    private static void putString(ByteBuffer buf, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        if (b.length > 0xFFFF) {
            throw new IllegalArgumentException("header string too long");
        }
        buf.putShort((short) b.length).put(b);
    }

    private static String getString(ByteBuffer buf) {
        byte[] b = new byte[Short.toUnsignedInt(buf.getShort())];
        buf.get(b);
        return new String(b, StandardCharsets.UTF_8);
    }
}
