package dev.ecskms.sim.kms;

import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.SecureRandom;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/** AES-256-GCM for Aliyun_AES_256 keys, SM4-GCM (BouncyCastle) for Aliyun_SM4 keys. */
final class SymmetricCipher {
    private static final Provider BC = new BouncyCastleProvider();
    private static final SecureRandom RANDOM = new SecureRandom();

    private SymmetricCipher() {
    }

    static int materialLength(String keySpec) {
        return KeySpecs.SM4.equals(keySpec) ? 16 : 32;
    }

    static byte[] newMaterial(String keySpec) {
        byte[] material = new byte[materialLength(keySpec)];
        RANDOM.nextBytes(material);
        return material;
    }

    static byte[] newIv() {
        byte[] iv = new byte[CiphertextBlob.IV_BYTES];
        RANDOM.nextBytes(iv);
        return iv;
    }

    static byte[] seal(String keySpec, byte[] material, byte[] iv, byte[] aad, byte[] plaintext) {
        try {
            Cipher cipher = cipher(keySpec, Cipher.ENCRYPT_MODE, material, iv);
            cipher.updateAAD(aad);
            return cipher.doFinal(plaintext);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encryption failed", e);
        }
    }

    /** Opens sealed data; throws {@link AEADBadTagException} when data, key or AAD do not match. */
    static byte[] open(String keySpec, byte[] material, byte[] iv, byte[] aad, byte[] sealed)
            throws AEADBadTagException {
        try {
            Cipher cipher = cipher(keySpec, Cipher.DECRYPT_MODE, material, iv);
            cipher.updateAAD(aad);
            return cipher.doFinal(sealed);
        } catch (AEADBadTagException e) {
            throw e;
        } catch (GeneralSecurityException e) {
            // BouncyCastle reports a bad SM4-GCM tag with its own exception type
            AEADBadTagException bad = new AEADBadTagException(e.getMessage());
            bad.initCause(e);
            throw bad;
        }
    }

    private static Cipher cipher(String keySpec, int mode, byte[] material, byte[] iv) throws GeneralSecurityException {
        Cipher cipher = KeySpecs.SM4.equals(keySpec)
                ? Cipher.getInstance("SM4/GCM/NoPadding", BC)
                : Cipher.getInstance("AES/GCM/NoPadding");
        String algorithm = KeySpecs.SM4.equals(keySpec) ? "SM4" : "AES";
        cipher.init(mode, new SecretKeySpec(material, algorithm), new GCMParameterSpec(128, iv));
        return cipher;
    }
}
