package dev.ecskms.sim.storage;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * The first {@value #BYTES} bytes of a volume file. All integers big-endian; strings are UTF-8 with a u16 length.
 *
 * <pre>
 * offset size  field
 *      0    8  magic "ECSVOL1\0"
 *      8    4  format version (1)
 *     12    4  sector size in bytes (4096)
 *     16    8  volume size in bytes (sector count × sector size), at most 64 TiB
 *     24    1  flags: bit 0 = encrypted (AES-256-XTS, tweak = sector number)
 *     25    7  reserved, zero
 *     32    8  creation time, epoch milliseconds
 *     40   16  key check value: HMAC-SHA256(data key, "ecs-volume-key-check")[0..16); zero when plain
 *     56    4  allocation chunk size in bytes (1 MiB)
 *     60    4  reserved, zero
 *     64    8  offset of sector 0 in the file (4096 + 8 MiB)
 *     72  2+n  KMS key id              (encrypted only; empty when plain)
 *       2+n  KMS key version id      (encrypted only)
 *       2+n  wrapped data key: the KMS CiphertextBlob, base64 as given (encrypted only)
 *    ...       zero up to 4096
 *   4096 8 MiB allocation map: one bit per chunk that may hold written sectors (see {@link AllocationMap})
 * 4096+8 MiB   sector 0, sector 1, ... (plaintext, or XTS ciphertext; an all-zero sector = never written)
 * </pre>
 * Everything after the header is sparse: untouched map bytes and sectors take no disk space.
 * The plaintext data key is never stored; the key check value only lets a wrong key be refused at open.
 *
 * @param keyInfo  null for a plain volume
 * @param keyCheck 16 bytes for an encrypted volume, null for a plain one
 */
public record VolumeHeader(int formatVersion, int sectorSize, long sizeBytes, Instant createdAt,
                           VolumeKeyInfo keyInfo, byte[] keyCheck) {
    public static final int BYTES = 4096;
    public static final int FORMAT_VERSION = 1;
    public static final int DEFAULT_SECTOR_SIZE = 4096;
    static final int KEY_CHECK_BYTES = 16;
    static final int CHUNK_BYTES = 1 << 20;
    static final long MAP_OFFSET = BYTES;
    static final long MAP_BYTES = 8L << 20;
    static final long DATA_OFFSET = MAP_OFFSET + MAP_BYTES;
    public static final long MAX_SIZE_BYTES = MAP_BYTES * 8 * CHUNK_BYTES;

    private static final byte[] MAGIC = "ECSVOL1\0".getBytes(StandardCharsets.US_ASCII);
    private static final int FLAG_ENCRYPTED = 1;
    private static final int LAYOUT_OFFSET = 56;
    private static final int STRINGS_OFFSET = 72;

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
        keyCheck = keyCheck == null ? null : keyCheck.clone();
    }

    public boolean encrypted() {
        return keyInfo != null;
    }

    public long sectorCount() {
        return sizeBytes / sectorSize;
    }

    @Override
    public byte[] keyCheck() {
        return keyCheck == null ? null : keyCheck.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VolumeHeader h && formatVersion == h.formatVersion && sectorSize == h.sectorSize
                && sizeBytes == h.sizeBytes && createdAt.equals(h.createdAt) && Objects.equals(keyInfo, h.keyInfo)
                && Arrays.equals(keyCheck, h.keyCheck);
    }

    @Override
    public int hashCode() {
        return Objects.hash(formatVersion, sectorSize, sizeBytes, createdAt, keyInfo) * 31 + Arrays.hashCode(keyCheck);
    }

    @Override
    public String toString() {
        return "VolumeHeader[v" + formatVersion + ", " + sizeBytes + " bytes in " + sectorSize + "-byte sectors, "
                + (encrypted() ? "encrypted, " + keyInfo : "plain") + ", created " + createdAt + "]";
    }

    VolumeHeader withSize(long newSizeBytes) {
        return new VolumeHeader(formatVersion, sectorSize, newSizeBytes, createdAt, keyInfo, keyCheck);
    }

    byte[] encode() {
        ByteBuffer buf = ByteBuffer.allocate(BYTES);
        buf.put(MAGIC).putInt(formatVersion).putInt(sectorSize).putLong(sizeBytes);
        buf.put((byte) (encrypted() ? FLAG_ENCRYPTED : 0)).position(32);
        buf.putLong(createdAt.toEpochMilli());
        buf.put(encrypted() ? keyCheck : new byte[KEY_CHECK_BYTES]);
        buf.putInt(CHUNK_BYTES).putInt(0).putLong(DATA_OFFSET);
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
        if (version != FORMAT_VERSION) {
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
            buf.position(STRINGS_OFFSET);
            String keyId = getString(buf);
            String versionId = getString(buf);
            String wrapped = getString(buf);
            VolumeKeyInfo keyInfo = encrypted ? new VolumeKeyInfo(wrapped, keyId, versionId) : null;
            return new VolumeHeader(version, sectorSize, size, created, keyInfo, encrypted ? check : null);
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
