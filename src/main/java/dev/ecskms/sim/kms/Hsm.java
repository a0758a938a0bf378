package dev.ecskms.sim.kms;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The simulated HSM: a 256-bit root key in {@code hsm/master.key} (owner-only) that wraps every piece of secret
 * material the simulator keeps at rest (key versions, import private keys, AccessKey secrets). Wrapping is
 * AES-256-GCM with a label bound as AAD, so material cannot be moved from one record to another.
 *
 * <p>KMS key material goes through one more tier: each KMS key has its own key-encryption key in
 * {@code hsm/keys/<keyId>.kek} (wrapped by the root key). Destroying a key's material destroys that file, which
 * shreds every copy of the material — including stale copies the database may still hold in pages it has not
 * reused yet.
 */
public final class Hsm {
    private static final int IV_BYTES = 12;
    private final SecretKeySpec rootKey;
    private final Path keysDir;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, SecretKeySpec> keyEncryptionKeys = new ConcurrentHashMap<>();

    private Hsm(byte[] rootKey, Path keysDir) {
        this.rootKey = new SecretKeySpec(rootKey, "AES");
        this.keysDir = keysDir;
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
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            }
            byte[] key = Files.readAllBytes(file);
            if (key.length != 32) {
                throw new IllegalStateException("The HSM root key " + file + " is damaged (expected 32 bytes).");
            }
            return new Hsm(key, hsmDir.resolve("keys"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the HSM root key: " + e.getMessage(), e);
        }
    }

    public byte[] wrap(String label, byte[] secret) {
        return wrap(rootKey, label, secret);
    }

    public byte[] unwrap(String label, byte[] wrapped) {
        return unwrap(rootKey, label, wrapped);
    }

    /** Wraps material of one KMS key under that key's own key-encryption key (created on first use). */
    public byte[] wrapForKey(String kmsKeyId, String label, byte[] secret) {
        return wrap(keyEncryptionKey(kmsKeyId, true), label, secret);
    }

    /** Unwraps material of one KMS key; fails with {@link MaterialDestroyedException} once it was destroyed. */
    public byte[] unwrapForKey(String kmsKeyId, String label, byte[] wrapped) {
        return unwrap(keyEncryptionKey(kmsKeyId, false), label, wrapped);
    }

    /** Crypto-shredding: overwrites and deletes the key's key-encryption key. Its material can never be unwrapped. */
    public synchronized void destroyKeyMaterial(String kmsKeyId) {
        keyEncryptionKeys.remove(kmsKeyId);
        Path file = kekFile(kmsKeyId);
        try {
            if (Files.exists(file)) {
                Files.write(file, new byte[(int) Files.size(file)], StandardOpenOption.WRITE, StandardOpenOption.SYNC);
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot destroy the material of key " + kmsKeyId + ": " + e.getMessage(), e);
        }
    }

    /** The KMS keys that have key-encryption keys, to find any left behind by a crash between delete and shred. */
    public List<String> keysWithMaterial() {
        if (!Files.isDirectory(keysDir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(keysDir)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".kek"))
                    .map(n -> n.substring(0, n.length() - ".kek".length())).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private synchronized SecretKeySpec keyEncryptionKey(String kmsKeyId, boolean create) {
        SecretKeySpec cached = keyEncryptionKeys.get(kmsKeyId);
        if (cached != null) {
            return cached;
        }
        Path file = kekFile(kmsKeyId);
        try {
            byte[] kek;
            if (Files.exists(file)) {
                kek = unwrap(rootKey, "kek/" + kmsKeyId, Files.readAllBytes(file));
            } else if (create) {
                Files.createDirectories(keysDir);
                kek = new byte[32];
                random.nextBytes(kek);
                Path tmp = keysDir.resolve(kmsKeyId + ".kek.tmp");
                Files.write(tmp, wrap(rootKey, "kek/" + kmsKeyId, kek), StandardOpenOption.CREATE,
                        StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.SYNC);
                if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
                }
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            } else {
                throw new MaterialDestroyedException(kmsKeyId);
            }
            SecretKeySpec spec = new SecretKeySpec(kek, "AES");
            keyEncryptionKeys.put(kmsKeyId, spec);
            return spec;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the key-encryption key of " + kmsKeyId + ": " + e.getMessage(), e);
        }
    }

    private Path kekFile(String kmsKeyId) {
        if (!kmsKeyId.matches("[A-Za-z0-9-]{1,64}")) {
            throw new IllegalArgumentException("not a key id: " + kmsKeyId);
        }
        return keysDir.resolve(kmsKeyId + ".kek");
    }

    /** The material of a KMS key was destroyed: nothing can unwrap it any more. */
    public static final class MaterialDestroyedException extends IllegalStateException {
        public MaterialDestroyedException(String kmsKeyId) {
            super("The key material of " + kmsKeyId + " was destroyed.");
        }
    }

    private byte[] wrap(SecretKeySpec wrappingKey, String label, byte[] secret) {
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, wrappingKey, new GCMParameterSpec(128, iv));
            cipher.updateAAD(label.getBytes(StandardCharsets.UTF_8));
            byte[] ct = cipher.doFinal(secret);
            byte[] out = Arrays.copyOf(iv, IV_BYTES + ct.length);
            System.arraycopy(ct, 0, out, IV_BYTES, ct.length);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HSM wrap failed", e);
        }
    }

    private byte[] unwrap(SecretKeySpec wrappingKey, String label, byte[] wrapped) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, wrappingKey, new GCMParameterSpec(128, wrapped, 0, IV_BYTES));
            cipher.updateAAD(label.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(wrapped, IV_BYTES, wrapped.length - IV_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HSM unwrap failed for " + label + ": the record or the root key is damaged", e);
        }
    }
}
