package dev.ecskms.sim.kms;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The simulated HSM: a 256-bit root key in {@code hsm/master.key} (owner-only) that wraps every piece of secret
 * material the simulator keeps at rest (key versions, import private keys, AccessKey secrets). Wrapping is
 * AES-256-GCM with a label bound as AAD, so material cannot be moved from one record to another.
 */
public final class Hsm {
    private static final int IV_BYTES = 12;
    private final SecretKeySpec rootKey;
    private final SecureRandom random = new SecureRandom();

    private Hsm(byte[] rootKey) {
        this.rootKey = new SecretKeySpec(rootKey, "AES");
    }

    public static Hsm open(Path hsmDir) {
        try {
            Path file = hsmDir.resolve("master.key");
            boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
            if (!Files.exists(file)) {
                Files.createDirectories(hsmDir);
                if (posix) {
                    Files.setPosixFilePermissions(hsmDir, PosixFilePermissions.fromString("rwx------"));
                }
                byte[] key = new byte[32];
                new SecureRandom().nextBytes(key);
                Path tmp = hsmDir.resolve("master.key.tmp");
                Files.write(tmp, key);
                if (posix) {
                    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
                }
                Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            }
            byte[] key = Files.readAllBytes(file);
            if (key.length != 32) {
                throw new IllegalStateException("The HSM root key " + file + " is damaged (expected 32 bytes).");
            }
            return new Hsm(key);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the HSM root key: " + e.getMessage(), e);
        }
    }

    public byte[] wrap(String label, byte[] secret) {
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, rootKey, new GCMParameterSpec(128, iv));
            cipher.updateAAD(label.getBytes(StandardCharsets.UTF_8));
            byte[] ct = cipher.doFinal(secret);
            byte[] out = Arrays.copyOf(iv, IV_BYTES + ct.length);
            System.arraycopy(ct, 0, out, IV_BYTES, ct.length);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HSM wrap failed", e);
        }
    }

    public byte[] unwrap(String label, byte[] wrapped) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, rootKey, new GCMParameterSpec(128, wrapped, 0, IV_BYTES));
            cipher.updateAAD(label.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(wrapped, IV_BYTES, wrapped.length - IV_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HSM unwrap failed for " + label + ": the record or the root key is damaged", e);
        }
    }
}
