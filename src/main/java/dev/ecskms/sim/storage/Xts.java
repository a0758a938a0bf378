package dev.ecskms.sim.storage;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-XTS (IEEE 1619-2007) over whole data units whose length is a multiple of 16 bytes.
 *
 * <p>The 64-byte key is K1 (data key) ‖ K2 (tweak key). The tweak of a data unit is its number as a 128-bit
 * little-endian integer, encrypted with K2 and multiplied by alpha in GF(2^128) from block to block. Ciphertext
 * stealing is not implemented: volume sectors are always a multiple of the block size.
 *
 * <p>Speed: the tweaks of a unit are computed once into a reused buffer, XORed in, the whole unit goes through
 * one AES/ECB {@code doFinal} (the JDK's ECB loop is an AES-NI/VAES intrinsic), then the tweaks are XORed again;
 * no allocation per unit.
 * An instance reuses its ciphers and buffers, so it is <b>not thread-safe</b>; callers synchronize or keep one per
 * thread.
 */
public final class Xts {
    public static final int KEY_BYTES = 64;
    public static final int BLOCK_BYTES = 16;

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final Cipher dataEncrypt;
    private final Cipher dataDecrypt;
    private final Cipher tweakEncrypt;
    private final byte[] unitNumberBlock = new byte[BLOCK_BYTES];
    private final byte[] tweakBlock = new byte[BLOCK_BYTES];
    private byte[] tweakStream = new byte[0];
    private byte[] before = new byte[0];
    private byte[] after = new byte[0];

    /** @param key64 K1 ‖ K2, 32 bytes each and different from each other; copied, not kept */
    public Xts(byte[] key64) {
        if (key64 == null || key64.length != KEY_BYTES) {
            throw new IllegalArgumentException("AES-256-XTS needs a " + KEY_BYTES + "-byte key (K1 ‖ K2), got "
                    + (key64 == null ? "none" : key64.length + " bytes"));
        }
        if (Arrays.equals(key64, 0, 32, key64, 32, 64)) { // compared in place: no stray copies of key halves
            throw new IllegalArgumentException("AES-256-XTS key halves K1 and K2 must differ (IEEE 1619-2007 5.1)");
        }
        SecretKeySpec k1 = new SecretKeySpec(key64, 0, 32, "AES");
        SecretKeySpec k2 = new SecretKeySpec(key64, 32, 32, "AES");
        dataEncrypt = ecb(Cipher.ENCRYPT_MODE, k1);
        dataDecrypt = ecb(Cipher.DECRYPT_MODE, k1);
        tweakEncrypt = ecb(Cipher.ENCRYPT_MODE, k2);
    }

    /** One-shot encryption of {@code in[off, off+len)} into {@code out[0, len)}; builds the ciphers each call. */
    public static void encrypt(byte[] key64, long dataUnitNumber, byte[] in, int off, int len, byte[] out) {
        new Xts(key64).encrypt(dataUnitNumber, in, off, len, out, 0);
    }

    /** One-shot decryption of {@code in[off, off+len)} into {@code out[0, len)}; builds the ciphers each call. */
    public static void decrypt(byte[] key64, long dataUnitNumber, byte[] in, int off, int len, byte[] out) {
        new Xts(key64).decrypt(dataUnitNumber, in, off, len, out, 0);
    }

    /** Encrypts one data unit; {@code in} and {@code out} may be the same range. */
    public void encrypt(long dataUnitNumber, byte[] in, int inOff, int len, byte[] out, int outOff) {
        crypt(dataEncrypt, dataUnitNumber, in, inOff, len, out, outOff);
    }

    /** Decrypts one data unit; {@code in} and {@code out} may be the same range. */
    public void decrypt(long dataUnitNumber, byte[] in, int inOff, int len, byte[] out, int outOff) {
        crypt(dataDecrypt, dataUnitNumber, in, inOff, len, out, outOff);
    }

    private void crypt(Cipher cipher, long dataUnitNumber, byte[] in, int inOff, int len, byte[] out, int outOff) {
        checkLength(len);
        Objects.checkFromIndexSize(inOff, len, in.length);
        Objects.checkFromIndexSize(outOff, len, out.length);
        ensureCapacity(len);
        fillTweakStream(dataUnitNumber, len);
        // Work in our own buffers at offset 0: C2 only vectorizes the XOR loops when no offsets are involved,
        // and SunJCE's ECB is about 3x slower in place than between two arrays.
        System.arraycopy(in, inOff, before, 0, len);
        xorTweaks(before, len);
        try {
            cipher.doFinal(before, 0, len, after, 0);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/ECB failed", e);
        }
        xorTweaks(after, len);
        System.arraycopy(after, 0, out, outOff, len);
    }

    private void xorTweaks(byte[] buf, int len) {
        byte[] t = tweakStream;
        for (int i = 0; i < len; i++) {
            buf[i] ^= t[i];
        }
    }

    private void fillTweakStream(long dataUnitNumber, int len) {
        LONGS.set(unitNumberBlock, 0, dataUnitNumber); // the high 64 bits stay zero
        try {
            tweakEncrypt.doFinal(unitNumberBlock, 0, BLOCK_BYTES, tweakBlock, 0);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/ECB failed", e);
        }
        XtsTweaks.fill((long) LONGS.get(tweakBlock, 0), (long) LONGS.get(tweakBlock, 8), tweakStream, len);
    }

    private void ensureCapacity(int len) {
        if (tweakStream.length < len) {
            tweakStream = new byte[len];
            before = new byte[len];
            after = new byte[len];
        }
    }

    private static void checkLength(int len) {
        if (len <= 0 || len % BLOCK_BYTES != 0) {
            throw new IllegalArgumentException("XTS data unit must be a positive multiple of " + BLOCK_BYTES
                    + " bytes (no ciphertext stealing), got " + len);
        }
    }

    private static Cipher ecb(int mode, SecretKeySpec key) {
        try {
            Cipher cipher = Cipher.getInstance("AES/ECB/NoPadding");
            cipher.init(mode, key);
            return cipher;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/ECB/NoPadding is not available", e);
        }
    }
}
