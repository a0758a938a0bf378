package dev.ecskms.sim.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** AES-256-XTS against IEEE P1619/D16 Annex B vectors 10–14 (the 256-bit-key ones, 512-byte data units). */
class XtsTest {
    private static final HexFormat HEX = HexFormat.of();
    /** Key1 = digits of e, Key2 = digits of pi, as in the standard. */
    private static final byte[] KEY = HEX.parseHex(
            "2718281828459045235360287471352662497757247093699959574966967627"
            + "3141592653589793238462643383279502884197169399375105820974944592");

    /** 00 01 .. ff twice. */
    private static byte[] plaintext512() {
        byte[] p = new byte[512];
        for (int i = 0; i < p.length; i++) {
            p[i] = (byte) i;
        }
        return p;
    }

    @ParameterizedTest(name = "vector {0}")
    @CsvSource({
        "10, ff, " + XtsVectors.V10,
        "11, ffff, " + XtsVectors.V11,
        "12, ffffff, " + XtsVectors.V12,
        "13, ffffffff, " + XtsVectors.V13,
        "14, ffffffffff, " + XtsVectors.V14,
    })
    void ieee1619Vectors(int vector, String dataUnitHex, String ciphertextHex) {
        long dataUnit = Long.parseLong(dataUnitHex, 16);
        byte[] expected = HEX.parseHex(ciphertextHex);
        byte[] out = new byte[512];

        Xts.encrypt(KEY, dataUnit, plaintext512(), 0, 512, out);
        assertArrayEquals(expected, out, "encrypt, vector " + vector);

        Xts.decrypt(KEY, dataUnit, expected, 0, 512, out);
        assertArrayEquals(plaintext512(), out, "decrypt, vector " + vector);
    }

    /** Without ciphertext stealing, the first k blocks of a unit encrypt the same whatever the unit's length. */
    @Test
    void everyWholeBlockLengthAgreesWithTheFullVector() {
        Xts xts = new Xts(KEY);
        byte[] expected = HEX.parseHex(XtsVectors.V11);
        for (int len = 16; len <= 512; len += 16) {
            byte[] out = new byte[len];
            xts.encrypt(0xffff, plaintext512(), 0, len, out, 0);
            assertArrayEquals(Arrays.copyOf(expected, len), out, "length " + len);
        }
    }

    @Test
    void tweakChainsAgreeWithOneStepAtATime() {
        long lo = 0x8000000000000001L;
        long hi = 0xF123456789ABCDEFL;
        byte[] stream = new byte[4096];
        XtsTweaks.fill(lo, hi, stream, stream.length);
        ByteBuffer b = ByteBuffer.wrap(stream).order(ByteOrder.LITTLE_ENDIAN);
        for (int j = 0; j < 256; j++) {
            assertEquals(lo, b.getLong(), "low half of tweak " + j);
            assertEquals(hi, b.getLong(), "high half of tweak " + j);
            long nextLo = XtsTweaks.timesAlphaLow(lo, hi);
            hi = XtsTweaks.timesAlphaHigh(lo, hi);
            lo = nextLo;
        }
    }

    @Test
    void inPlaceAndOffsetsGiveTheSameResult() {
        Xts xts = new Xts(KEY);
        byte[] expected = HEX.parseHex(XtsVectors.V10);
        byte[] buf = new byte[512 + 32];
        System.arraycopy(plaintext512(), 0, buf, 16, 512);

        xts.encrypt(0xff, buf, 16, 512, buf, 16);
        assertArrayEquals(expected, Arrays.copyOfRange(buf, 16, 528));
        xts.decrypt(0xff, buf, 16, 512, buf, 16);
        assertArrayEquals(plaintext512(), Arrays.copyOfRange(buf, 16, 528));
    }

    @Test
    void roundTripsAFullSectorWithHighSectorNumbers() {
        Xts xts = new Xts(randomKey(1));
        byte[] sector = new byte[4096];
        new Random(2).nextBytes(sector);
        for (long n : new long[] {0, 1, 4095, Long.MAX_VALUE, -1L}) {
            byte[] c = new byte[4096];
            byte[] p = new byte[4096];
            xts.encrypt(n, sector, 0, 4096, c, 0);
            assertFalse(Arrays.equals(sector, c));
            xts.decrypt(n, c, 0, 4096, p, 0);
            assertArrayEquals(sector, p, "sector " + n);
        }
    }

    @Test
    void sameDataInTwoUnitsEncryptsDifferently() {
        Xts xts = new Xts(randomKey(3));
        byte[] data = new byte[4096];
        byte[] a = new byte[4096];
        byte[] b = new byte[4096];
        xts.encrypt(7, data, 0, 4096, a, 0);
        xts.encrypt(8, data, 0, 4096, b, 0);
        assertFalse(Arrays.equals(a, b));
        // and within one unit, equal blocks differ too (the tweak advances by alpha)
        assertFalse(Arrays.equals(a, 0, 16, a, 16, 32));
    }

    @Test
    void refusesEqualKeyHalves() {
        byte[] half = Arrays.copyOf(KEY, 32);
        byte[] equalHalves = new byte[64];
        System.arraycopy(half, 0, equalHalves, 0, 32);
        System.arraycopy(half, 0, equalHalves, 32, 32);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Xts(equalHalves));
        assertTrue(e.getMessage().contains("must differ"), e.getMessage());
    }

    @Test
    void refusesKeysThatAreNot64Bytes() {
        assertThrows(IllegalArgumentException.class, () -> new Xts(new byte[32]));
        assertThrows(IllegalArgumentException.class, () -> new Xts(null));
    }

    @Test
    void refusesLengthsThatAreNotWholeBlocks() {
        Xts xts = new Xts(KEY);
        byte[] buf = new byte[64];
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> xts.encrypt(0, buf, 0, 17, buf, 0));
        assertTrue(e.getMessage().contains("multiple of 16"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> xts.decrypt(0, buf, 0, 0, buf, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> xts.encrypt(0, buf, 32, 48, buf, 0));
    }

    /** A whole 4 KiB sector, 256 tweak steps; expected digests computed with OpenSSL (pyca/cryptography). */
    @ParameterizedTest(name = "sector {0}")
    @CsvSource({
        "5, 8e604f9dab015269fb886ee26d7e2795e02fc063a253f65675ce9cdf57a05d33",
        "81985529216486895, 17793a2e168ead1ce0f1bd62a92c3db27fabf3c801e55d7a2cfbd36980d20fe2",
    })
    void fourKibSectorMatchesOpenSsl(long sector, String sha256OfCiphertext) throws Exception {
        byte[] key = new byte[64];
        byte[] plain = new byte[4096];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) i;
        }
        for (int i = 0; i < plain.length; i++) {
            plain[i] = (byte) (i * 7);
        }
        byte[] out = new byte[4096];
        Xts.encrypt(key, sector, plain, 0, 4096, out);
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(out);
        assertEquals(sha256OfCiphertext, HEX.formatHex(digest));
    }

    /** First block by the definition: T = AES(K2, n as 128-bit little-endian), C = AES(K1, P xor T) xor T. */
    @Test
    void firstBlockFollowsTheDefinition() throws Exception {
        long sector = 0x0102030405060708L;
        byte[] p = HEX.parseHex("00112233445566778899aabbccddeeff");
        Cipher aes = Cipher.getInstance("AES/ECB/NoPadding");
        aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(KEY, 32, 32, "AES"));
        byte[] t = aes.doFinal(HEX.parseHex("08070605040302010000000000000000"));
        aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(KEY, 0, 32, "AES"));
        byte[] c = aes.doFinal(xor(p, t));
        byte[] out = new byte[16];
        Xts.encrypt(KEY, sector, p, 0, 16, out);
        assertArrayEquals(xor(c, t), out);
    }

    private static byte[] xor(byte[] a, byte[] b) {
        byte[] r = new byte[a.length];
        for (int i = 0; i < a.length; i++) {
            r[i] = (byte) (a[i] ^ b[i]);
        }
        return r;
    }

    static byte[] randomKey(long seed) {
        byte[] key = new byte[64];
        new Random(seed).nextBytes(key);
        return key;
    }
}
