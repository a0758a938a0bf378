package dev.ecskms.sim.kms;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * The ciphertext blob: it names its key and key version so that Decrypt needs no KeyId.
 *
 * <pre>
 * "EKC1" | u8 len | key id | u8 len | key version id | 12-byte IV | ciphertext with 16-byte GCM tag
 * </pre>
 * The header up to the IV is authenticated as part of the AAD, so a blob cannot be re-pointed at another key.
 */
record CiphertextBlob(String keyId, String keyVersionId, byte[] iv, byte[] sealed) {
    private static final byte[] MAGIC = "EKC1".getBytes(StandardCharsets.US_ASCII);
    static final int IV_BYTES = 12;

    byte[] header() {
        return header(keyId, keyVersionId);
    }

    static byte[] header(String keyId, String keyVersionId) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(MAGIC);
        byte[] k = keyId.getBytes(StandardCharsets.UTF_8);
        byte[] v = keyVersionId.getBytes(StandardCharsets.UTF_8);
        out.write(k.length);
        out.writeBytes(k);
        out.write(v.length);
        out.writeBytes(v);
        return out.toByteArray();
    }

    String encode() {
        byte[] h = header();
        ByteBuffer buf = ByteBuffer.allocate(h.length + iv.length + sealed.length);
        buf.put(h).put(iv).put(sealed);
        return Base64.getEncoder().encodeToString(buf.array());
    }

    /** Parses a blob; empty if it is not base64 or not in our format. */
    static Optional<CiphertextBlob> decode(String base64) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (raw.length < MAGIC.length + 2 || !Arrays.equals(raw, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            return Optional.empty();
        }
        ByteBuffer buf = ByteBuffer.wrap(raw, MAGIC.length, raw.length - MAGIC.length);
        try {
            String keyId = readString(buf);
            String version = readString(buf);
            byte[] iv = new byte[IV_BYTES];
            buf.get(iv);
            if (buf.remaining() < 16) {
                return Optional.empty();
            }
            byte[] sealed = new byte[buf.remaining()];
            buf.get(sealed);
            return Optional.of(new CiphertextBlob(keyId, version, iv, sealed));
        } catch (java.nio.BufferUnderflowException e) {
            return Optional.empty();
        }
    }

    private static String readString(ByteBuffer buf) {
        int len = Byte.toUnsignedInt(buf.get());
        byte[] b = new byte[len];
        buf.get(b);
        return new String(b, StandardCharsets.UTF_8);
    }
}
