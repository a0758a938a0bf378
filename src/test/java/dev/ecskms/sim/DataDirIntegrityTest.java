package dev.ecskms.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecskms.sim.common.ApiException;
import dev.ecskms.sim.common.CallContext;
import dev.ecskms.sim.kms.CreateKeyRequest;
import dev.ecskms.sim.kms.Hsm;
import dev.ecskms.sim.kms.KeyState;
import dev.ecskms.sim.store.Store;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A data dir whose parts do not belong together (a missing, empty, older or damaged database; a missing or foreign
 * root key; a missing or damaged key-encryption key) never loses a key and never opens silently into a state that
 * would: only a deletion the database recorded shreds key material.
 */
class DataDirIntegrityTest {
    private static final byte[] SECRET = "the disk's data key".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dataDir;
    @TempDir
    Path elsewhere;

    private record Made(String keyId, String ciphertext) {
    }

    private Made keyWithCiphertext() {
        try (Simulator sim = Simulator.open(dataDir)) {
            CallContext ctx = root(sim);
            String keyId = sim.kms().createKey(ctx, CreateKeyRequest.defaults("precious")).keyId();
            return new Made(keyId, sim.kms().encrypt(ctx, keyId, SECRET, Map.of()).ciphertextBlob());
        }
    }

    private static CallContext root(Simulator sim) {
        return CallContext.root(sim.accounts().rootAccountId(), "cn-hangzhou");
    }

    private void assertStillDecrypts(Made made) {
        try (Simulator sim = Simulator.open(dataDir)) {
            assertArrayEquals(SECRET, sim.kms().decrypt(root(sim), made.ciphertext(), Map.of()).plaintext());
        }
    }

    private Path kek(String keyId) {
        return dataDir.resolve("hsm/keys/" + keyId + ".kek");
    }

    @Test
    void aMissingDatabaseIsRefusedAndDestroysNoKey() throws IOException {
        Made made = keyWithCiphertext();
        Path db = dataDir.resolve(Store.FILE_NAME);
        Path backup = Files.move(db, elsewhere.resolve("backup.mv.db"));

        Hsm.HsmMismatchException e = assertThrows(Hsm.HsmMismatchException.class, () -> Simulator.open(dataDir));
        assertTrue(e.getMessage().contains("state.mv.db") && e.getMessage().contains("is missing"), e.getMessage());
        assertFalse(Files.exists(db), "nothing is created in its place");
        assertTrue(Files.exists(kek(made.keyId())));

        Files.move(backup, db); // the user puts it back
        assertStillDecrypts(made);
    }

    @Test
    void anEmptyDatabaseIsRefusedAndDestroysNoKey() throws IOException {
        Made made = keyWithCiphertext();
        Path db = dataDir.resolve(Store.FILE_NAME);
        Path backup = Files.copy(db, elsewhere.resolve("backup.mv.db"));
        Files.write(db, new byte[0]);

        RuntimeException e = assertThrows(RuntimeException.class, () -> Simulator.open(dataDir));
        assertTrue(e.getMessage().contains("state.mv.db"), e.getMessage());
        assertTrue(Files.exists(kek(made.keyId())));

        Files.copy(backup, db, StandardCopyOption.REPLACE_EXISTING);
        assertStillDecrypts(made);
    }

    @Test
    void anOlderDatabaseBackupIsRefusedAndDestroysNoKey() throws IOException {
        try (Simulator sim = Simulator.open(dataDir)) {
            sim.kms().createKey(root(sim), CreateKeyRequest.defaults("old"));
        }
        Path db = dataDir.resolve(Store.FILE_NAME);
        Path older = Files.copy(db, elsewhere.resolve("older.mv.db"));
        Made made = keyWithCiphertext();
        Path newer = Files.copy(db, elsewhere.resolve("newer.mv.db"));
        Files.copy(older, db, StandardCopyOption.REPLACE_EXISTING);

        Hsm.HsmMismatchException e = assertThrows(Hsm.HsmMismatchException.class, () -> Simulator.open(dataDir));
        assertTrue(e.getMessage().contains(made.keyId()) && e.getMessage().contains("Nothing was changed"),
                e.getMessage());
        assertTrue(Files.exists(kek(made.keyId())));

        Files.copy(newer, db, StandardCopyOption.REPLACE_EXISTING);
        assertStillDecrypts(made);
    }

    @Test
    void aDamagedDatabaseGetsAClearMessage() throws IOException {
        Made made = keyWithCiphertext();
        Path db = dataDir.resolve(Store.FILE_NAME);
        byte[] garbage = new byte[64 * 1024];
        new SecureRandom().nextBytes(garbage);
        Files.write(db, garbage);

        Store.StoreException e = assertThrows(Store.StoreException.class, () -> Simulator.open(dataDir));
        assertTrue(e.getMessage().startsWith("The database " + db + " cannot be opened"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        assertTrue(Files.exists(kek(made.keyId())));
    }

    @Test
    void aMissingOrForeignRootKeyIsRefusedAndDestroysNoKey() throws IOException {
        Made made = keyWithCiphertext();
        Path rootKey = dataDir.resolve("hsm/master.key");
        byte[] original = Files.readAllBytes(rootKey);

        Files.delete(rootKey);
        Hsm.HsmMismatchException missing = assertThrows(Hsm.HsmMismatchException.class, () -> Simulator.open(dataDir));
        assertTrue(missing.getMessage().contains("master.key is missing"), missing.getMessage());
        assertFalse(Files.exists(rootKey), "no new root key is made in its place");

        byte[] foreign = new byte[32];
        new SecureRandom().nextBytes(foreign);
        Files.write(rootKey, foreign);
        Hsm.HsmMismatchException wrong = assertThrows(Hsm.HsmMismatchException.class, () -> Simulator.open(dataDir));
        assertTrue(wrong.getMessage().contains("cannot unwrap"), wrong.getMessage());

        Files.write(rootKey, new byte[7]);
        Hsm.HsmMismatchException damaged = assertThrows(Hsm.HsmMismatchException.class, () -> Simulator.open(dataDir));
        assertTrue(damaged.getMessage().contains("damaged"), damaged.getMessage());

        Files.write(rootKey, original);
        assertTrue(Files.exists(kek(made.keyId())));
        assertStillDecrypts(made);
    }

    @Test
    void aMissingOrDamagedKeyEncryptionKeyIsAKmsErrorForThatKeyOnly() throws IOException {
        Made lost = keyWithCiphertext();
        Made fine = keyWithCiphertext();
        byte[] original = Files.readAllBytes(kek(lost.keyId()));
        for (Runnable harm : List.<Runnable>of(() -> delete(kek(lost.keyId())),
                () -> write(kek(lost.keyId()), new byte[original.length]))) {
            harm.run();
            try (Simulator sim = Simulator.open(dataDir)) {
                ApiException e = assertThrows(ApiException.class,
                        () -> sim.kms().decrypt(root(sim), lost.ciphertext(), Map.of()));
                assertEquals("Rejected.KeyMaterialUnavailable", e.code());
                assertTrue(e.getMessage().contains("hsm/keys/" + lost.keyId() + ".kek"), e.getMessage());
                assertEquals(KeyState.Enabled, sim.kms().describeKey(root(sim), lost.keyId()).keyState());
                assertArrayEquals(SECRET, sim.kms().decrypt(root(sim), fine.ciphertext(), Map.of()).plaintext());
            }
        }
        write(kek(lost.keyId()), original);
        assertStillDecrypts(lost);
    }

    @Test
    void aShredTheDatabaseRecordedIsFinishedAfterACrash() throws Exception {
        Made made = keyWithCiphertext();
        // The deletion's commit happened, the process died before the HSM shredded the key-encryption key.
        try (Connection c = connect()) {
            c.createStatement().execute("insert into kms_shred_queue (key_id, recorded_ms) values ('" + made.keyId()
                    + "', 0)");
            c.createStatement().execute("delete from kms_keys where key_id = '" + made.keyId() + "'");
        }
        Simulator.open(dataDir).close();
        assertFalse(Files.exists(kek(made.keyId())));
        try (Connection c = connect()) {
            assertFalse(c.createStatement().executeQuery("select 1 from kms_shred_queue").next());
        }
    }

    @Test
    void aKeyCreationCutShortLeavesNoMaterialAndACommittedOneIsKept() throws IOException {
        Made committed = keyWithCiphertext();
        Path keys = dataDir.resolve("hsm/keys");
        // A crash after the commit but before the confirmation; and one inside a creation that never committed.
        Files.move(kek(committed.keyId()), keys.resolve(committed.keyId() + ".kek.new"));
        Files.write(keys.resolve("00000000-dead-beef-0000-000000000000.kek.new"), new byte[60]);

        try (Simulator sim = Simulator.open(dataDir)) {
            assertArrayEquals(SECRET, sim.kms().decrypt(root(sim), committed.ciphertext(), Map.of()).plaintext());
        }
        try (Stream<Path> files = Files.list(keys)) {
            assertEquals(List.of(committed.keyId() + ".kek"),
                    files.map(f -> f.getFileName().toString()).toList());
        }
    }

    @Test
    void deletionStillShredsThroughTheQueue() {
        Made made = keyWithCiphertext();
        try (Simulator sim = Simulator.open(dataDir)) {
            sim.kms().scheduleKeyDeletion(root(sim), made.keyId(), 7);
            assertTrue(Files.exists(kek(made.keyId())), "nothing is shredded before the window ends");
            sim.clock().fastForward(Duration.ofDays(8));
            assertFalse(Files.exists(kek(made.keyId())));
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:h2:file:" + dataDir.resolve("state").toAbsolutePath(), "sa", "");
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void write(Path file, byte[] content) {
        try {
            Files.write(file, content);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
