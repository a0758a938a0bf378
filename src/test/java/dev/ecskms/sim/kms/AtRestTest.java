package dev.ecskms.sim.kms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecskms.sim.Simulator;
import dev.ecskms.sim.common.CallContext;
import dev.ecskms.sim.ram.AccessKey;
import dev.ecskms.sim.store.DataDir;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Nothing in the data dir holds plaintext key material; the HSM root key is owner-only; one owner at a time. */
class AtRestTest {
    @TempDir
    Path dataDir;

    @Test
    void noFileInTheDataDirHoldsPlaintextKeyMaterial() throws Exception {
        List<byte[]> secrets = new ArrayList<>();
        List<String> versionIds = new ArrayList<>();
        try (Simulator sim = Simulator.open(dataDir)) {
            AccessKey ak = sim.accounts().ensureRootAccessKey(null, null).key();
            secrets.add(ak.accessKeySecret().getBytes(StandardCharsets.UTF_8));
            CallContext ctx = CallContext.root(ak.accountId(), "cn-hangzhou");
            KmsService kms = sim.kms();
            for (String spec : List.of("Aliyun_AES_256", "Aliyun_SM4")) {
                KeyMetadata key = kms.createKey(ctx, new CreateKeyRequest(spec, null, null, null, "", null, null));
                versionIds.add(key.primaryKeyVersion());
                versionIds.add(kms.createKeyVersion(ctx, key.keyId()).keyVersionId());
                secrets.add(kms.generateDataKey(ctx, new GenerateDataKeyRequest(key.keyId(), null, null, null)).plaintext());
            }
            versionIds.add(kms.serviceKey(ctx, "ecs").primaryKeyVersion());
            KeyMetadata byok = kms.createKey(ctx, new CreateKeyRequest(null, null, "EXTERNAL", null, "", null, null));
            byte[] material = new byte[32];
            new SecureRandom().nextBytes(material);
            ImportParameters params = kms.getParametersForImport(ctx, byok.keyId(), "RSAES_OAEP_SHA_256", "RSA_2048");
            kms.importKeyMaterial(ctx, byok.keyId(), LocalKmsServiceTest.wrap(params, material), params.importToken(), 0L);
            secrets.add(material);
        }
        // The CMK material itself: unwrap it the way only the HSM can, then look for it in every file.
        Hsm hsm = Hsm.open(dataDir.resolve("hsm"));
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + dataDir.resolve("state").toAbsolutePath(), "sa", "")) {
            for (String versionId : versionIds) {
                ResultSet rs = c.createStatement().executeQuery("select key_id, wrapped_material from"
                        + " kms_key_versions where key_version_id = '" + versionId + "'");
                assertTrue(rs.next());
                secrets.add(hsm.unwrapForKey(rs.getString(1), "kms/version/" + versionId, rs.getBytes(2)));
            }
        }
        byte[] rootKey = Files.readAllBytes(dataDir.resolve("hsm/master.key"));
        try (Stream<Path> files = Files.walk(dataDir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                byte[] content = Files.readAllBytes(file);
                for (byte[] secret : secrets) {
                    assertFalse(contains(content, secret), "plaintext secret found in " + file);
                }
                if (!file.endsWith("master.key")) {
                    assertFalse(contains(content, rootKey), "HSM root key found in " + file);
                }
            }
        }
    }

    @Test
    void deletionShredsTheMaterialEvenFromAStaleCopyOfTheDatabase() throws Exception {
        String keyId;
        String versionId;
        byte[] staleCopy;
        try (Simulator sim = Simulator.open(dataDir)) {
            CallContext ctx = CallContext.root(sim.accounts().rootAccountId(), "cn-hangzhou");
            KeyMetadata key = sim.kms().createKey(ctx, CreateKeyRequest.defaults("doomed"));
            keyId = key.keyId();
            versionId = key.primaryKeyVersion();
            sim.kms().scheduleKeyDeletion(ctx, keyId, 7);
        }
        // What an attacker could dig out of the database file's old pages: the wrapped material itself.
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + dataDir.resolve("state").toAbsolutePath(), "sa", "")) {
            ResultSet rs = c.createStatement().executeQuery(
                    "select wrapped_material from kms_key_versions where key_version_id = '" + versionId + "'");
            assertTrue(rs.next());
            staleCopy = rs.getBytes(1);
        }
        assertTrue(Files.exists(dataDir.resolve("hsm/keys/" + keyId + ".kek")));
        try (Simulator sim = Simulator.open(dataDir)) {
            sim.clock().fastForward(java.time.Duration.ofDays(8));
        }
        assertFalse(Files.exists(dataDir.resolve("hsm/keys/" + keyId + ".kek")));
        Hsm hsm = Hsm.open(dataDir.resolve("hsm"));
        assertThrows(Hsm.MaterialUnavailableException.class,
                () -> hsm.unwrapForKey(keyId, "kms/version/" + versionId, staleCopy));
    }

    @Test
    void theHsmRootKeyIsOwnerOnly() throws IOException {
        try (Simulator sim = Simulator.open(dataDir)) {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(dataDir.resolve("hsm/master.key"));
            assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE), perms);
        }
    }

    @Test
    void aSecondOwnerOfTheDataDirIsRefusedWithTheHolderNamed() {
        try (Simulator sim = Simulator.open(dataDir)) {
            DataDir.DataDirInUseException e = assertThrows(DataDir.DataDirInUseException.class, () -> Simulator.open(dataDir));
            assertTrue(e.getMessage().contains("in use by process"), e.getMessage());
        }
        Simulator.open(dataDir).close();
    }

    static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
