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
 *
 * <p>Only the database decides what is destroyed: a key-encryption key is first written as
 * {@code <keyId>.kek.new} and becomes {@code <keyId>.kek} once the key's creation has committed
 * ({@link #confirmKeyMaterial}). An unconfirmed file is what a crash inside a key's creation leaves; a confirmed file
 * that the database does not know means the database is not the one that belongs with this HSM.
 */
public final class Hsm {
    private static final int IV_BYTES = 12;
    private static final String KEK = ".kek";
    private static final String PENDING_KEK = ".kek.new";
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
                List<String> orphaned = kekIds(hsmDir.resolve("keys"), KEK);
                if (!orphaned.isEmpty()) {
                    throw new HsmMismatchException("The HSM root key " + file + " is missing, but "
                            + hsmDir.resolve("keys") + " holds the material of " + orphaned.size()
                            + " KMS key(s), which only that root key can unwrap. Nothing was changed. Restore "
                            + "hsm/master.key from the backup that belongs with this data dir.");
                }
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
                throw new HsmMismatchException("The HSM root key " + file + " is damaged (" + key.length
                        + " bytes, expected 32). Nothing was changed. Restore hsm/master.key from the backup that"
                        + " belongs with this data dir.");
            }
            return new Hsm(key, hsmDir.resolve("keys"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the HSM root key: " + e.getMessage(), e);
        }
    }

    public static boolean rootKeyExists(Path hsmDir) {
        return Files.exists(hsmDir.resolve("master.key"));
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

    /**
     * Unwraps material of one KMS key; fails with {@link MaterialUnavailableException} if its key-encryption key is
     * missing or damaged, or the material does not belong to it.
     */
    public byte[] unwrapForKey(String kmsKeyId, String label, byte[] wrapped) {
        try {
            return unwrap(keyEncryptionKey(kmsKeyId, false), label, wrapped);
        } catch (IllegalStateException e) {
            throw e instanceof MaterialUnavailableException u ? u
                    : new MaterialUnavailableException(kmsKeyId, "its key material does not unwrap", e);
        }
    }

    /** The key's creation has committed: its key-encryption key is now one the database accounts for. */
    public synchronized void confirmKeyMaterial(String kmsKeyId) {
        Path pending = pendingKekFile(kmsKeyId);
        try {
            if (Files.exists(pending)) {
                Files.move(pending, kekFile(kmsKeyId), StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot confirm the material of key " + kmsKeyId + ": " + e.getMessage(), e);
        }
    }

    /** A key's creation did not commit: its unconfirmed key-encryption key protects nothing and goes. */
    public synchronized void discardUnconfirmed(String kmsKeyId) {
        keyEncryptionKeys.remove(kmsKeyId);
        try {
            Files.deleteIfExists(pendingKekFile(kmsKeyId));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot discard the material of key " + kmsKeyId + ": " + e.getMessage(), e);
        }
    }

    /**
     * Crypto-shredding: overwrites and deletes the key's key-encryption key. Its material can never be unwrapped.
     * Call it only for a destruction the database has recorded (see the KMS service's shred queue).
     */
    public synchronized void destroyKeyMaterial(String kmsKeyId) {
        keyEncryptionKeys.remove(kmsKeyId);
        for (Path file : List.of(kekFile(kmsKeyId), pendingKekFile(kmsKeyId))) {
            try {
                if (Files.exists(file)) {
                    Files.write(file, new byte[(int) Files.size(file)], StandardOpenOption.WRITE,
                            StandardOpenOption.SYNC);
                    Files.delete(file);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot destroy the material of key " + kmsKeyId + ": "
                        + e.getMessage(), e);
            }
        }
    }

    /** The KMS keys whose key-encryption keys are confirmed: each must be known to the database. */
    public List<String> keysWithMaterial() {
        return kekIds(keysDir, KEK);
    }

    /** The KMS keys whose key-encryption keys were written but never confirmed (a crash inside their creation). */
    public List<String> unconfirmedKeys() {
        return kekIds(keysDir, PENDING_KEK);
    }

    /** Whether a key's key-encryption key is present and unwraps under the root key. */
    public boolean canUnwrapKeyEncryptionKey(String kmsKeyId) {
        try {
            keyEncryptionKey(kmsKeyId, false);
            return true;
        } catch (IllegalStateException e) {
            return false;
        }
    }

    private static List<String> kekIds(Path dir, String suffix) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(suffix))
                    .map(n -> n.substring(0, n.length() - suffix.length())).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private synchronized SecretKeySpec keyEncryptionKey(String kmsKeyId, boolean create) {
        SecretKeySpec cached = keyEncryptionKeys.get(kmsKeyId);
        if (cached != null) {
            return cached;
        }
        Path file = Files.exists(kekFile(kmsKeyId)) ? kekFile(kmsKeyId) : pendingKekFile(kmsKeyId);
        try {
            byte[] kek;
            if (Files.exists(file)) {
                try {
                    kek = unwrap(rootKey, "kek/" + kmsKeyId, Files.readAllBytes(file));
                } catch (IllegalStateException e) {
                    throw new MaterialUnavailableException(kmsKeyId, file.getFileName() + " is damaged", e);
                }
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
                throw new MaterialUnavailableException(kmsKeyId, kekFile(kmsKeyId).getFileName() + " is missing", null);
            }
            SecretKeySpec spec = new SecretKeySpec(kek, "AES");
            keyEncryptionKeys.put(kmsKeyId, spec);
            return spec;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the key-encryption key of " + kmsKeyId + ": " + e.getMessage(), e);
        }
    }

    private Path kekFile(String kmsKeyId) {
        return keysDir.resolve(checkedId(kmsKeyId) + KEK);
    }

    private Path pendingKekFile(String kmsKeyId) {
        return keysDir.resolve(checkedId(kmsKeyId) + PENDING_KEK);
    }

    private static String checkedId(String kmsKeyId) {
        if (!kmsKeyId.matches("[A-Za-z0-9-]{1,64}")) {
            throw new IllegalArgumentException("not a key id: " + kmsKeyId);
        }
        return kmsKeyId;
    }

    /** The material of a KMS key cannot be read: its key-encryption key is missing or damaged. */
    public static final class MaterialUnavailableException extends IllegalStateException {
        private final String kmsKeyId;

        MaterialUnavailableException(String kmsKeyId, String why, Throwable cause) {
            super("The key material of " + kmsKeyId + " is unavailable: " + why + ".", cause);
            this.kmsKeyId = kmsKeyId;
        }

        public String kmsKeyId() {
            return kmsKeyId;
        }
    }

    /** The HSM does not belong with the rest of the data dir (a missing or foreign root key or database). */
    public static final class HsmMismatchException extends IllegalStateException {
        public HsmMismatchException(String message) {
            super(message);
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
