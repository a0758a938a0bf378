package dev.ecskms.sim.kms;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecskms.sim.common.ApiException;
import dev.ecskms.sim.common.CallContext;
import dev.ecskms.sim.common.Ids;
import dev.ecskms.sim.common.Page;
import dev.ecskms.sim.common.Text;
import dev.ecskms.sim.store.Store;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * KMS on the local store. Key material exists in plaintext only inside a call: it is kept wrapped by the HSM root
 * key, and destroying it (deletion, DeleteKeyMaterial, expiry) nulls the wrapped copy, so nothing can bring it back.
 * Mutations are serialized on this object; reads and crypto run concurrently.
 */
public final class LocalKmsService implements KmsService {
    private static final Logger LOG = LoggerFactory.getLogger(LocalKmsService.class);
    private static final Pattern KEY_ARN = Pattern.compile("acs:kms:([^:]+):([^:]+):key/(.+)");
    private static final Pattern ALIAS_ARN = Pattern.compile("acs:kms:([^:]+):([^:]+):(alias/.+)");
    private static final int MAX_DESCRIPTION = 8192;
    private static final int MAX_PLAINTEXT = 6144;
    private static final int MAX_CONTEXT_CHARS = 8192;
    /** 9999-12-31T23:59:59Z in seconds since the epoch. */
    private static final long MAX_EXPIRE_UNIX = 253_402_300_799L;
    private static final Duration IMPORT_TOKEN_LIFETIME = Duration.ofHours(24);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> SERVICE_DESCRIPTIONS = Map.of(
            "ecs", "Default master key that protects my ECS disks, snapshots and images when no other key is defined");

    private final Store store;
    private final Hsm hsm;
    private final Clock clock;
    private final List<ProtectedResourceProvider> providers = new CopyOnWriteArrayList<>();
    /** Keys whose unavailable material was logged once already: a boot loop must not log every second. */
    private final Set<String> unavailableReported = ConcurrentHashMap.newKeySet();

    public LocalKmsService(Store store, Hsm hsm, Clock clock) {
        this.store = store;
        this.hsm = hsm;
        this.clock = clock;
    }

    // ------------------------------------------------------------------ keys

    @Override
    public synchronized KeyMetadata createKey(CallContext ctx, CreateKeyRequest r) {
        String keySpec = oneOf("KeySpec", r.keySpec(), KeySpecs.KEY_SPECS, KeySpecs.AES_256);
        oneOf("KeyUsage", r.keyUsage(), List.of(KeySpecs.ENCRYPT_DECRYPT), KeySpecs.ENCRYPT_DECRYPT);
        String origin = oneOf("Origin", r.origin(), KeySpecs.ORIGINS, KeySpecs.ORIGIN_KMS);
        String protection = oneOf("ProtectionLevel", r.protectionLevel(), KeySpecs.PROTECTION_LEVELS, "SOFTWARE");
        String description = description(r.description());
        boolean rotate = Boolean.TRUE.equals(r.enableAutomaticRotation());
        if (rotate && KeySpecs.ORIGIN_EXTERNAL.equals(origin)) {
            throw ApiException.invalid("EnableAutomaticRotation",
                    "keys with imported material (Origin EXTERNAL) cannot be rotated automatically.");
        }
        Long intervalSeconds = r.rotationInterval() != null ? Long.valueOf(rotationSeconds(r.rotationInterval()))
                : rotate ? Long.valueOf(Duration.ofDays(365).toSeconds()) : null;
        String keyId = Ids.uuid();
        return confirmed(keyId, () -> store.tx(c -> {
            insertKey(c, ctx, keyId, keySpec, origin, protection, description, creatorOf(ctx), rotate,
                    intervalSeconds, null);
            return describe(c, loadKey(c, ctx, keyId));
        }));
    }

    /** Runs a key's creation; its new key-encryption key is confirmed if it committed, discarded if not. */
    private KeyMetadata confirmed(String keyId, Supplier<KeyMetadata> creation) {
        KeyMetadata key;
        try {
            key = creation.get();
        } catch (RuntimeException e) {
            hsm.discardUnconfirmed(keyId);
            throw e;
        }
        hsm.confirmKeyMaterial(key.keyId());
        return key;
    }

    private void insertKey(Connection c, CallContext ctx, String keyId, String keySpec, String origin,
            String protection, String description, String creator, boolean rotate, Long intervalSeconds,
            String managedBy) throws SQLException {
        long now = clock.millis();
        boolean external = KeySpecs.ORIGIN_EXTERNAL.equals(origin);
        Long next = rotate ? now + intervalSeconds * 1000 : null;
        Store.update(c, "insert into kms_keys (key_id, account_id, region_id, key_state, key_spec, key_usage, origin,"
                + " protection_level, description, creator, creation_ms, rotation_enabled, rotation_interval_s,"
                + " next_rotation_ms, managed_by) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", keyId,
                ctx.accountId(), ctx.regionId(), (external ? KeyState.PendingImport : KeyState.Enabled).name(), keySpec,
                KeySpecs.ENCRYPT_DECRYPT, origin, protection, description, creator, now, rotate, intervalSeconds, next,
                managedBy);
        // An EXTERNAL key has exactly one version, empty until material is imported.
        addVersion(c, keyId, external ? null : SymmetricCipher.newMaterial(keySpec), now);
    }

    private String addVersion(Connection c, String keyId, byte[] material, long now) throws SQLException {
        String versionId = Ids.uuid();
        Store.update(c, "insert into kms_key_versions (key_version_id, key_id, creation_ms, wrapped_material)"
                + " values (?, ?, ?, ?)", versionId, keyId, now, material == null ? null : wrapMaterial(keyId,
                        versionId, material));
        Store.update(c, "update kms_keys set primary_version_id = ? where key_id = ?", versionId, keyId);
        return versionId;
    }

    @Override
    public KeyMetadata describeKey(CallContext ctx, String keyId) {
        return store.tx(c -> describe(c, resolve(c, ctx, keyId)));
    }

    @Override
    public Page<KeyRef> listKeys(CallContext ctx, Integer pageNumber, Integer pageSize) {
        int[] paging = Page.validate(pageNumber, pageSize, 10, 100);
        List<KeyRef> all = store.query("select key_id, region_id, account_id from kms_keys where account_id = ?"
                + " and region_id = ? order by creation_ms, key_id",
                rs -> new KeyRef(rs.getString(1), keyArn(rs.getString(2), rs.getString(3), rs.getString(1))),
                ctx.accountId(), ctx.regionId());
        return Page.of(all, paging[0], paging[1]);
    }

    @Override
    public synchronized void updateKeyDescription(CallContext ctx, String keyId, String description) {
        String text = description(description);
        store.txRun(c -> {
            KeyRow key = resolveForChange(c, ctx, keyId, "UpdateKeyDescription");
            Store.update(c, "update kms_keys set description = ? where key_id = ?", text, key.keyId);
        });
    }

    @Override
    public synchronized void enableKey(CallContext ctx, String keyId) {
        changeState(ctx, keyId, "EnableKey", KeyState.Enabled);
    }

    @Override
    public synchronized void disableKey(CallContext ctx, String keyId) {
        changeState(ctx, keyId, "DisableKey", KeyState.Disabled);
    }

    private void changeState(CallContext ctx, String keyId, String operation, KeyState target) {
        store.txRun(c -> {
            KeyRow key = resolveForChange(c, ctx, keyId, operation);
            if (key.state != KeyState.Enabled && key.state != KeyState.Disabled) {
                throw KmsErrors.stateModifiedFailed(key.state, key.keyId, operation);
            }
            Store.update(c, "update kms_keys set key_state = ? where key_id = ?", target.name(), key.keyId);
        });
    }

    @Override
    public synchronized KeyMetadata scheduleKeyDeletion(CallContext ctx, String keyId, Integer pendingWindowInDays) {
        PendingWindowRule.check(pendingWindowInDays);
        return store.tx(c -> {
            KeyRow key = resolveForChange(c, ctx, keyId, "ScheduleKeyDeletion");
            if (key.state == KeyState.PendingDeletion) {
                throw KmsErrors.stateModifiedFailed(key.state, key.keyId, "ScheduleKeyDeletion");
            }
            long deleteAt = clock.millis() + Duration.ofDays(pendingWindowInDays).toMillis();
            Store.update(c, "update kms_keys set key_state = ?, delete_ms = ? where key_id = ?",
                    KeyState.PendingDeletion.name(), deleteAt, key.keyId);
            return describe(c, loadKey(c, ctx, key.keyId));
        });
    }

    @Override
    public synchronized void cancelKeyDeletion(CallContext ctx, String keyId) {
        store.txRun(c -> {
            KeyRow key = resolveForChange(c, ctx, keyId, "CancelKeyDeletion");
            if (key.state != KeyState.PendingDeletion) {
                throw KmsErrors.stateModifiedFailed(key.state, key.keyId, "CancelKeyDeletion");
            }
            KeyState back = hasMaterial(c, key.keyId) ? KeyState.Enabled : KeyState.PendingImport;
            Store.update(c, "update kms_keys set key_state = ?, delete_ms = null where key_id = ?", back.name(),
                    key.keyId);
        });
    }

    // --------------------------------------------------------------- aliases

    @Override
    public synchronized void createAlias(CallContext ctx, String aliasName, String keyId) {
        String alias = userAlias(aliasName);
        store.txRun(c -> {
            KeyRow key = resolveForChange(c, ctx, ApiException.required("KeyId", keyId), "CreateAlias");
            if (findAlias(c, ctx, alias).isPresent()) {
                throw new ApiException("AliasAlreadyExists", 400,
                        "The alias \"" + alias + "\" already exists in this region. Choose another name or UpdateAlias.");
            }
            Store.update(c, "insert into kms_aliases (account_id, region_id, alias_name, key_id) values (?, ?, ?, ?)",
                    ctx.accountId(), ctx.regionId(), alias, key.keyId);
        });
    }

    @Override
    public synchronized void updateAlias(CallContext ctx, String aliasName, String keyId) {
        String alias = userAlias(aliasName);
        store.txRun(c -> {
            findAlias(c, ctx, alias).orElseThrow(() -> KmsErrors.aliasNotFound(alias));
            KeyRow key = resolveForChange(c, ctx, ApiException.required("KeyId", keyId), "UpdateAlias");
            Store.update(c, "update kms_aliases set key_id = ? where account_id = ? and region_id = ? and alias_name = ?",
                    key.keyId, ctx.accountId(), ctx.regionId(), alias);
        });
    }

    @Override
    public synchronized void deleteAlias(CallContext ctx, String aliasName) {
        String alias = userAlias(aliasName);
        store.txRun(c -> {
            findAlias(c, ctx, alias).orElseThrow(() -> KmsErrors.aliasNotFound(alias));
            Store.update(c, "delete from kms_aliases where account_id = ? and region_id = ? and alias_name = ?",
                    ctx.accountId(), ctx.regionId(), alias);
        });
    }

    @Override
    public Page<AliasInfo> listAliases(CallContext ctx, Integer pageNumber, Integer pageSize) {
        int[] paging = Page.validate(pageNumber, pageSize, 10, 100);
        return Page.of(store.tx(c -> aliases(c, ctx, null)), paging[0], paging[1]);
    }

    @Override
    public Page<AliasInfo> listAliasesByKeyId(CallContext ctx, String keyId, Integer pageNumber, Integer pageSize) {
        int[] paging = Page.validate(pageNumber, pageSize, 10, 100);
        return Page.of(store.tx(c -> aliases(c, ctx, resolve(c, ctx, ApiException.required("KeyId", keyId)).keyId)), paging[0],
                paging[1]);
    }

    private List<AliasInfo> aliases(Connection c, CallContext ctx, String keyId) throws SQLException {
        return Store.query(c, "select alias_name, key_id from kms_aliases where account_id = ? and region_id = ?"
                + " and (? is null or key_id = ?) order by alias_name",
                rs -> new AliasInfo(rs.getString(1), "acs:kms:" + ctx.regionId() + ":" + ctx.accountId() + ":"
                        + rs.getString(1), rs.getString(2)), ctx.accountId(), ctx.regionId(), keyId, keyId);
    }

    private String userAlias(String aliasName) {
        return AliasRule.check(aliasName);
    }

    // -------------------------------------------------------- envelope crypto

    @Override
    public GenerateDataKeyResponse generateDataKey(CallContext ctx, GenerateDataKeyRequest r) {
        return generate(ctx, r, true);
    }

    @Override
    public GenerateDataKeyResponse generateDataKeyWithoutPlaintext(CallContext ctx, GenerateDataKeyRequest r) {
        return generate(ctx, r, false);
    }

    private GenerateDataKeyResponse generate(CallContext ctx, GenerateDataKeyRequest r, boolean withPlaintext) {
        int bytes;
        if (r.numberOfBytes() != null) {
            if (r.numberOfBytes() < 1 || r.numberOfBytes() > 1024) {
                throw ApiException.invalid("NumberOfBytes", "it must be between 1 and 1024.");
            }
            bytes = r.numberOfBytes();
        } else {
            String spec = oneOf("KeySpec", r.keySpec(), List.of("AES_256", "AES_128"), "AES_256");
            bytes = spec.equals("AES_128") ? 16 : 32;
        }
        byte[] dataKey = new byte[bytes];
        new java.security.SecureRandom().nextBytes(dataKey);
        EncryptResponse sealed = encrypt(ctx, r.keyId(), dataKey, r.encryptionContext());
        return new GenerateDataKeyResponse(sealed.keyId(), sealed.keyVersionId(), withPlaintext ? dataKey : null,
                sealed.ciphertextBlob());
    }

    @Override
    public EncryptResponse encrypt(CallContext ctx, String keyId, byte[] plaintext, Map<String, String> context) {
        if (plaintext == null || plaintext.length == 0) {
            throw ApiException.missing("Plaintext");
        }
        if (plaintext.length > MAX_PLAINTEXT) {
            throw ApiException.invalid("Plaintext", "at most " + MAX_PLAINTEXT
                    + " bytes can be encrypted directly; encrypt larger data with a data key (GenerateDataKey).");
        }
        byte[] contextBytes = canonicalContext(context);
        Unwrapped unwrapped = store.tx(c -> {
            KeyRow found = resolve(c, ctx, ApiException.required("KeyId", keyId));
            requireEnabled(found);
            return new Unwrapped(found, material(c, found.keyId, found.primaryVersionId));
        });
        KeyRow key = unwrapped.key();
        byte[] material = unwrapped.material();
        byte[] iv = SymmetricCipher.newIv();
        byte[] header = CiphertextBlob.header(key.keyId, key.primaryVersionId);
        byte[] sealed = SymmetricCipher.seal(key.keySpec, material, iv, aad(header, contextBytes), plaintext);
        return new EncryptResponse(key.keyId, key.primaryVersionId,
                new CiphertextBlob(key.keyId, key.primaryVersionId, iv, sealed).encode());
    }

    @Override
    public DecryptResponse decrypt(CallContext ctx, String ciphertextBlob, Map<String, String> context) {
        CiphertextBlob blob = CiphertextBlob.decode(ApiException.required("CiphertextBlob", ciphertextBlob))
                .orElseThrow(() -> KmsErrors.invalidCiphertext("it is not a ciphertext blob issued by KMS."));
        byte[] contextBytes = canonicalContext(context);
        Unwrapped unwrapped = store.tx(c -> {
            KeyRow found = loadKey(c, ctx, blob.keyId()).orElseThrow(() -> KmsErrors.keyNotFound(blob.keyId()));
            requireEnabled(found);
            return new Unwrapped(found, material(c, found.keyId, blob.keyVersionId()));
        });
        KeyRow key = unwrapped.key();
        byte[] material = unwrapped.material();
        try {
            byte[] plain = SymmetricCipher.open(key.keySpec, material, blob.iv(), aad(blob.header(), contextBytes),
                    blob.sealed());
            return new DecryptResponse(key.keyId, blob.keyVersionId(), plain);
        } catch (AEADBadTagException e) {
            throw KmsErrors.invalidCiphertext("it was altered, or the EncryptionContext differs from the one used"
                    + " to encrypt it.");
        }
    }

    private static byte[] aad(byte[] header, byte[] context) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(header);
        out.writeBytes(context);
        return out.toByteArray();
    }

    private static byte[] canonicalContext(Map<String, String> context) {
        if (context == null || context.isEmpty()) {
            return new byte[0];
        }
        // UTF-8 has no bytes for an unpaired surrogate (Java writes '?'): {"a":"\ud800"} and {"a":"?"} would bind
        // the same AAD, so a ciphertext made with one would decrypt with the other. Refuse them instead.
        for (Map.Entry<String, String> entry : context.entrySet()) {
            Text.requireWellFormed("EncryptionContext", entry.getKey());
            Text.requireWellFormed("EncryptionContext", entry.getValue());
        }
        try {
            String json = JSON.writeValueAsString(new TreeMap<>(context));
            if (json.length() > MAX_CONTEXT_CHARS) {
                throw ApiException.invalid("EncryptionContext", "it must be at most " + MAX_CONTEXT_CHARS
                        + " characters.");
            }
            return json.getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw ApiException.invalid("EncryptionContext", "it must be a JSON object of string values.");
        }
    }

    // ------------------------------------------------------ rotation, versions

    @Override
    public synchronized void updateRotationPolicy(CallContext ctx, String keyId, Boolean enable, String interval) {
        if (enable == null) {
            throw ApiException.missing("EnableAutomaticRotation");
        }
        Long seconds = interval == null ? null : rotationSeconds(interval);
        store.txRun(c -> {
            KeyRow key = resolveForChange(c, ctx, ApiException.required("KeyId", keyId), "UpdateRotationPolicy");
            if (enable && KeySpecs.ORIGIN_EXTERNAL.equals(key.origin)) {
                throw ApiException.invalid("EnableAutomaticRotation",
                        "keys with imported material (Origin EXTERNAL) cannot be rotated automatically.");
            }
            long effective = seconds != null ? seconds
                    : key.rotationIntervalSeconds != null ? key.rotationIntervalSeconds : Duration.ofDays(365).toSeconds();
            long from = key.lastRotationMs != null ? key.lastRotationMs : key.creationMs;
            Long next = enable ? Math.max(from + effective * 1000, clock.millis()) : null;
            Store.update(c, "update kms_keys set rotation_enabled = ?, rotation_interval_s = ?, next_rotation_ms = ?"
                    + " where key_id = ?", enable,
                    // boxed on both sides: a key that never had an interval keeps none (a long here unboxed null)
                    enable || seconds != null ? Long.valueOf(effective) : key.rotationIntervalSeconds,
                    next, key.keyId);
        });
    }

    @Override
    public synchronized KeyVersion createKeyVersion(CallContext ctx, String keyId) {
        return store.tx(c -> {
            KeyRow key = resolveForChange(c, ctx, ApiException.required("KeyId", keyId), "CreateKeyVersion");
            if (KeySpecs.ORIGIN_EXTERNAL.equals(key.origin)) {
                throw ApiException.invalid("KeyId", "keys with imported material (Origin EXTERNAL) cannot have new versions.");
            }
            requireEnabled(key);
            return rotate(c, key);
        });
    }

    private KeyVersion rotate(Connection c, KeyRow key) throws SQLException {
        long now = clock.millis();
        String versionId = addVersion(c, key.keyId, SymmetricCipher.newMaterial(key.keySpec), now);
        Long next = key.rotationEnabled && key.rotationIntervalSeconds != null
                ? now + key.rotationIntervalSeconds * 1000 : null;
        Store.update(c, "update kms_keys set last_rotation_ms = ?, next_rotation_ms = ? where key_id = ?", now, next,
                key.keyId);
        return new KeyVersion(key.keyId, versionId, Instant.ofEpochMilli(now));
    }

    @Override
    public Page<KeyVersion> listKeyVersions(CallContext ctx, String keyId, Integer pageNumber, Integer pageSize) {
        int[] paging = Page.validate(pageNumber, pageSize, 10, 100);
        List<KeyVersion> all = store.tx(c -> {
            KeyRow key = resolve(c, ctx, ApiException.required("KeyId", keyId));
            return Store.query(c, "select key_version_id, creation_ms from kms_key_versions where key_id = ?"
                    + " order by creation_ms, key_version_id", rs -> new KeyVersion(key.keyId, rs.getString(1),
                            Instant.ofEpochMilli(rs.getLong(2))), key.keyId);
        });
        return Page.of(all, paging[0], paging[1]);
    }

    @Override
    public KeyVersion describeKeyVersion(CallContext ctx, String keyId, String keyVersionId) {
        String version = ApiException.required("KeyVersionId", keyVersionId);
        return store.tx(c -> {
            KeyRow key = resolve(c, ctx, ApiException.required("KeyId", keyId));
            return Store.queryOne(c, "select creation_ms from kms_key_versions where key_id = ? and key_version_id = ?",
                    rs -> new KeyVersion(key.keyId, version, Instant.ofEpochMilli(rs.getLong(1))), key.keyId, version)
                    .orElseThrow(() -> KmsErrors.keyVersionNotFound(version));
        });
    }

    // ------------------------------------------------------------------ BYOK

    @Override
    public synchronized ImportParameters getParametersForImport(CallContext ctx, String keyId,
            String wrappingAlgorithm, String wrappingKeySpec) {
        String algorithm = oneOf("WrappingAlgorithm", ApiException.required("WrappingAlgorithm", wrappingAlgorithm),
                List.of("RSAES_OAEP_SHA_256", "RSAES_OAEP_SHA_1", "RSAES_PKCS1_V1_5"), null);
        oneOf("WrappingKeySpec", ApiException.required("WrappingKeySpec", wrappingKeySpec), List.of("RSA_2048"), null);
        KeyPair pair = rsaKeyPair();
        String token = Base64.getEncoder().encodeToString(Ids.uuid().getBytes(StandardCharsets.US_ASCII));
        long expire = clock.millis() + IMPORT_TOKEN_LIFETIME.toMillis();
        return store.tx(c -> {
            KeyRow key = resolveForChange(c, ctx, ApiException.required("KeyId", keyId), "GetParametersForImport");
            requireExternal(key);
            if (key.state != KeyState.PendingImport && key.state != KeyState.Enabled) {
                throw KmsErrors.rejected(key.state, key.keyId);
            }
            Store.update(c, "insert into kms_import_tokens (token, key_id, wrapping_algorithm, wrapping_key_spec,"
                    + " wrapped_private_key, expire_ms) values (?, ?, ?, ?, ?, ?)", token, key.keyId, algorithm,
                    "RSA_2048", hsm.wrap("import/" + token, pair.getPrivate().getEncoded()), expire);
            return new ImportParameters(key.keyId, token,
                    Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()), Instant.ofEpochMilli(expire));
        });
    }

    @Override
    public synchronized void importKeyMaterial(CallContext ctx, String keyId, byte[] encryptedKeyMaterial,
            String importToken, Long keyMaterialExpireUnix) {
        if (encryptedKeyMaterial == null || encryptedKeyMaterial.length == 0) {
            throw ApiException.missing("EncryptedKeyMaterial");
        }
        String token = ApiException.required("ImportToken", importToken);
        long expireUnix = keyMaterialExpireUnix == null ? 0 : keyMaterialExpireUnix;
        // Seconds beyond the year 9999 would overflow in milliseconds (and mean "never" anyway: send 0).
        if (expireUnix < 0 || expireUnix > MAX_EXPIRE_UNIX || (expireUnix > 0 && expireUnix * 1000 <= clock.millis())) {
            throw ApiException.invalid("KeyMaterialExpireUnix", "it must be 0 (never) or a time in the future, in"
                    + " seconds since 1970 (at most " + MAX_EXPIRE_UNIX + ").");
        }
        String imported = store.tx(c -> {
            KeyRow key = resolveForChange(c, ctx, ApiException.required("KeyId", keyId), "ImportKeyMaterial");
            requireExternal(key);
            if (key.state != KeyState.PendingImport) {
                throw KmsErrors.rejected(key.state, key.keyId);
            }
            ImportTokenRow row = Store.queryOne(c, "select key_id, wrapping_algorithm, wrapped_private_key, expire_ms"
                    + " from kms_import_tokens where token = ?", rs -> new ImportTokenRow(rs.getString(1),
                            rs.getString(2), rs.getBytes(3), rs.getLong(4)), token)
                    .filter(t -> t.keyId.equals(key.keyId) && t.expireMs > clock.millis())
                    .orElseThrow(() -> new ApiException("InvalidImportToken", 400, "The import token is invalid,"
                            + " expired, or was issued for another key. Call GetParametersForImport again."));
            byte[] material = unwrapImported(token, row, encryptedKeyMaterial);
            if (material.length != SymmetricCipher.materialLength(key.keySpec)) {
                throw new ApiException("InvalidKeyMaterial", 400, "The key material must be "
                        + SymmetricCipher.materialLength(key.keySpec) + " bytes for " + key.keySpec + ", got "
                        + material.length + ".");
            }
            // Re-importing is only allowed with the same material: ciphertexts name the one version.
            String versionId = key.primaryVersionId;
            Store.update(c, "update kms_key_versions set wrapped_material = ? where key_version_id = ?",
                    wrapMaterial(key.keyId, versionId, material), versionId);
            Store.update(c, "update kms_keys set key_state = ?, material_expire_ms = ? where key_id = ?",
                    KeyState.Enabled.name(), expireUnix == 0 ? null : expireUnix * 1000, key.keyId);
            Store.update(c, "delete from kms_import_tokens where token = ?", token);
            return key.keyId;
        });
        hsm.confirmKeyMaterial(imported);
    }

    private byte[] unwrapImported(String token, ImportTokenRow row, byte[] encrypted) {
        try {
            PrivateKey privateKey = KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(hsm.unwrap("import/" + token, row.wrappedPrivateKey)));
            Cipher rsa;
            switch (row.algorithm) {
                case "RSAES_OAEP_SHA_256" -> {
                    rsa = Cipher.getInstance("RSA/ECB/OAEPPadding");
                    rsa.init(Cipher.DECRYPT_MODE, privateKey, new OAEPParameterSpec("SHA-256", "MGF1",
                            MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT));
                }
                case "RSAES_OAEP_SHA_1" -> {
                    rsa = Cipher.getInstance("RSA/ECB/OAEPPadding");
                    rsa.init(Cipher.DECRYPT_MODE, privateKey, new OAEPParameterSpec("SHA-1", "MGF1",
                            MGF1ParameterSpec.SHA1, PSource.PSpecified.DEFAULT));
                }
                default -> {
                    rsa = Cipher.getInstance("RSA/ECB/PKCS1Padding");
                    rsa.init(Cipher.DECRYPT_MODE, privateKey);
                }
            }
            return rsa.doFinal(encrypted);
        } catch (GeneralSecurityException e) {
            throw new ApiException("InvalidKeyMaterial", 400, "The EncryptedKeyMaterial cannot be unwrapped with this"
                    + " import token: encrypt the material with the returned PublicKey using " + row.algorithm + ".");
        }
    }

    @Override
    public synchronized void deleteKeyMaterial(CallContext ctx, String keyId) {
        String deleted = store.tx(c -> {
            KeyRow key = resolveForChange(c, ctx, ApiException.required("KeyId", keyId), "DeleteKeyMaterial");
            requireExternal(key);
            if (key.state == KeyState.PendingDeletion) {
                throw KmsErrors.rejected(key.state, key.keyId);
            }
            forgetMaterial(c, key.keyId);
            return key.keyId;
        });
        shredQueued(List.of(deleted));
    }

    /** Back to PendingImport, with the shredding of the key's material recorded; see {@link #shredQueued}. */
    private void forgetMaterial(Connection c, String keyId) throws SQLException {
        queueShred(c, keyId);
        Store.update(c, "update kms_key_versions set wrapped_material = null where key_id = ?", keyId);
        Store.update(c, "update kms_keys set key_state = ?, material_expire_ms = null where key_id = ?",
                KeyState.PendingImport.name(), keyId);
    }

    private static KeyPair rsaKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------------ tags

    @Override
    public synchronized void tagResource(CallContext ctx, String keyId, List<Tag> tags) {
        if (tags == null || tags.isEmpty()) {
            throw ApiException.missing("Tags");
        }
        for (Tag tag : tags) {
            if (tag.tagKey() == null || tag.tagKey().isBlank() || tag.tagKey().length() > 128) {
                throw ApiException.invalid("Tags", "each TagKey must have 1 to 128 characters.");
            }
            if (tag.tagKey().startsWith("acs:") || tag.tagKey().startsWith("aliyun")) {
                throw ApiException.invalid("Tags", "TagKeys starting with \"acs:\" or \"aliyun\" are reserved.");
            }
            if (tag.tagValue() == null || tag.tagValue().length() > 256) {
                throw ApiException.invalid("Tags", "each TagValue must have at most 256 characters.");
            }
            Text.requireWellFormed("Tags", tag.tagKey());
            Text.requireWellFormed("Tags", tag.tagValue());
        }
        store.txRun(c -> {
            KeyRow key = resolveForChange(c, ctx, ApiException.required("KeyId", keyId), "TagResource");
            for (Tag tag : tags) {
                putTag(c, key.keyId, tag);
            }
        });
    }

    private static void putTag(Connection c, String keyId, Tag tag) throws SQLException {
        Store.update(c, "merge into kms_tags (key_id, tag_key, tag_value) key (key_id, tag_key) values (?, ?, ?)",
                keyId, tag.tagKey(), tag.tagValue());
    }

    @Override
    public synchronized void tagByService(CallContext ctx, String keyId, Tag tag) {
        if (!tag.tagKey().startsWith("acs:")) {
            throw new IllegalArgumentException("service tags live under the acs: prefix");
        }
        store.txRun(c -> putTag(c, resolve(c, ctx, keyId).keyId, tag));
    }

    @Override
    public synchronized void untagResource(CallContext ctx, String keyId, List<String> tagKeys) {
        if (tagKeys == null || tagKeys.isEmpty()) {
            throw ApiException.missing("TagKeys");
        }
        store.txRun(c -> {
            KeyRow key = resolveForChange(c, ctx, ApiException.required("KeyId", keyId), "UntagResource");
            for (String tagKey : tagKeys) {
                if (tagKey != null && tagKey.startsWith("acs:")) {
                    throw ApiException.invalid("TagKeys", "tags starting with \"acs:\" are managed by Alibaba Cloud.");
                }
                Store.update(c, "delete from kms_tags where key_id = ? and tag_key = ?", key.keyId, tagKey);
            }
        });
    }

    @Override
    public List<Tag> listResourceTags(CallContext ctx, String keyId) {
        return store.tx(c -> {
            KeyRow key = resolve(c, ctx, ApiException.required("KeyId", keyId));
            return Store.query(c, "select tag_key, tag_value from kms_tags where key_id = ? order by tag_key",
                    rs -> new Tag(rs.getString(1), rs.getString(2)), key.keyId);
        });
    }

    // ------------------------------------------------- for services, console

    @Override
    public synchronized KeyMetadata serviceKey(CallContext ctx, String service) {
        String description = SERVICE_DESCRIPTIONS.get(service);
        if (description == null) {
            throw new IllegalArgumentException("no service key is defined for " + service);
        }
        String alias = "alias/acs/" + service;
        String newKeyId = Ids.uuid();
        return confirmed(newKeyId, () -> store.tx(c -> {
            Optional<String> existing = findAlias(c, ctx, alias);
            if (existing.isPresent()) {
                return describe(c, loadKey(c, ctx, existing.get()));
            }
            insertKey(c, ctx, newKeyId, KeySpecs.AES_256, KeySpecs.ORIGIN_KMS, "SOFTWARE", description,
                    capitalize(service), false, null, service);
            Store.update(c, "insert into kms_aliases (account_id, region_id, alias_name, key_id) values (?, ?, ?, ?)",
                    ctx.accountId(), ctx.regionId(), alias, newKeyId);
            return describe(c, loadKey(c, ctx, newKeyId));
        }));
    }

    @Override
    public List<KeySummary> listKeySummaries(CallContext ctx) {
        return store.tx(c -> {
            Map<String, List<String>> aliasesByKey = new LinkedHashMap<>();
            for (AliasInfo alias : aliases(c, ctx, null)) {
                aliasesByKey.computeIfAbsent(alias.keyId(), k -> new ArrayList<>()).add(alias.aliasName());
            }
            List<KeySummary> out = new ArrayList<>();
            for (KeyRow key : Store.query(c, "select * from kms_keys where account_id = ? and region_id = ?"
                    + " order by creation_ms desc, key_id", KeyRow::of, ctx.accountId(), ctx.regionId())) {
                out.add(new KeySummary(describe(c, key), List.copyOf(aliasesByKey.getOrDefault(key.keyId, List.of()))));
            }
            return out;
        });
    }

    @Override
    public List<KeySummary> keySummaries(CallContext ctx, Collection<String> keyIds) {
        return store.tx(c -> summaries(c, ctx, keyIds));
    }

    @Override
    public Page<KeySummary> keySummaries(CallContext ctx, boolean serviceKeys, String search, Integer pageNumber,
            Integer pageSize) {
        int[] paging = Page.validate(pageNumber, pageSize, 10, 100);
        // The database filters, counts and cuts the page: a region may hold a thousand keys, and reading all of
        // them with their aliases to show ten is what made the Keys page slow to open.
        StringBuilder where = new StringBuilder(" from kms_keys k where k.account_id = ? and k.region_id = ? and"
                + " k.managed_by is " + (serviceKeys ? "not null" : "null"));
        List<Object> params = new ArrayList<>(List.of(ctx.accountId(), ctx.regionId()));
        String needle = search == null ? "" : search.trim().toLowerCase(Locale.ROOT);
        if (!needle.isEmpty()) {
            String like = Store.containsPattern(needle);
            where.append(" and (lower(k.key_id) like ? escape '\\' or lower(k.description) like ? escape '\\'"
                    + " or exists (select 1 from kms_aliases a where a.key_id = k.key_id"
                    + " and lower(a.alias_name) like ? escape '\\'))");
            params.addAll(List.of(like, like, like));
        }
        return store.tx(c -> {
            int total = Store.queryOne(c, "select count(*)" + where, rs -> rs.getInt(1), params.toArray()).orElse(0);
            long offset = (paging[0] - 1L) * paging[1];
            List<Object> pageParams = new ArrayList<>(params);
            pageParams.addAll(List.of(paging[1], offset));
            List<String> ids = offset >= total ? List.of() : Store.query(c, "select k.key_id" + where
                    + " order by k.creation_ms desc, k.key_id limit ? offset ?", rs -> rs.getString(1),
                    pageParams.toArray());
            return new Page<>(summaries(c, ctx, ids), total, paging[0], paging[1]);
        });
    }

    /** The given keys with their aliases, in the order given; keys that do not exist are left out. */
    private List<KeySummary> summaries(Connection c, CallContext ctx, Collection<String> keyIds)
            throws SQLException {
        if (keyIds.isEmpty()) {
            return List.of();
        }
        List<String> ids = List.copyOf(new LinkedHashSet<>(keyIds));
        String in = String.join(", ", Collections.nCopies(ids.size(), "?"));
        List<Object> params = new ArrayList<>(List.of(ctx.accountId(), ctx.regionId()));
        params.addAll(ids);
        Map<String, List<String>> aliasesByKey = new LinkedHashMap<>();
        Store.query(c, "select alias_name, key_id from kms_aliases where account_id = ? and region_id = ?"
                + " and key_id in (" + in + ") order by alias_name", rs -> aliasesByKey.computeIfAbsent(
                        rs.getString(2), k -> new ArrayList<>()).add(rs.getString(1)), params.toArray());
        Map<String, KeySummary> byId = new LinkedHashMap<>();
        for (KeyRow key : Store.query(c, "select * from kms_keys where account_id = ? and region_id = ?"
                + " and key_id in (" + in + ")", KeyRow::of, params.toArray())) {
            byId.put(key.keyId, new KeySummary(describe(c, key),
                    List.copyOf(aliasesByKey.getOrDefault(key.keyId, List.of()))));
        }
        return ids.stream().filter(byId::containsKey).map(byId::get).toList();
    }

    @Override
    public List<String> keyIdsWithAliasContaining(CallContext ctx, String text) {
        String needle = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (needle.isEmpty()) {
            return List.of();
        }
        return store.tx(c -> Store.query(c, "select distinct key_id from kms_aliases where account_id = ?"
                + " and region_id = ? and lower(alias_name) like ? escape '\\' order by key_id",
                rs -> rs.getString(1), ctx.accountId(), ctx.regionId(), Store.containsPattern(needle)));
    }

    @Override
    public List<ProtectedResource> resourcesUsing(CallContext ctx, String keyId) {
        KeyRow key = store.tx(c -> resolve(c, ctx, ApiException.required("KeyId", keyId)));
        List<ProtectedResource> out = new ArrayList<>();
        for (ProtectedResourceProvider provider : providers) {
            out.addAll(provider.resourcesUsing(ctx.accountId(), ctx.regionId(), key.keyId));
        }
        out.sort(Comparator.comparing(ProtectedResource::type).thenComparing(ProtectedResource::id));
        return out;
    }

    @Override
    public void addProtectedResourceProvider(ProtectedResourceProvider provider) {
        providers.add(provider);
    }

    @Override
    public synchronized void processDueEvents() {
        long now = clock.millis();
        store.txRun(c -> {
            // Deletion destroys the material with the key: ciphertexts naming it fail with Forbidden.KeyNotFound.
            for (String keyId : Store.query(c, "select key_id from kms_keys where key_state = ? and delete_ms <= ?",
                    rs -> rs.getString(1), KeyState.PendingDeletion.name(), now)) {
                queueShred(c, keyId);
            }
            Store.update(c, "delete from kms_keys where key_state = ? and delete_ms <= ?",
                    KeyState.PendingDeletion.name(), now);
            for (KeyRow key : Store.query(c, "select * from kms_keys where rotation_enabled and key_state = ?"
                    + " and next_rotation_ms <= ?", KeyRow::of, KeyState.Enabled.name(), now)) {
                rotate(c, key);
            }
            for (String keyId : Store.query(c, "select key_id from kms_keys where material_expire_ms <= ?"
                    + " and key_state <> ?", rs -> rs.getString(1), now, KeyState.PendingDeletion.name())) {
                forgetMaterial(c, keyId);
            }
            Store.update(c, "delete from kms_import_tokens where expire_ms <= ?", now);
        });
        // Also what a crash left between a commit that recorded a shred and the shred itself.
        shredQueued(store.query("select key_id from kms_shred_queue", rs -> rs.getString(1)));
        settleUnconfirmedKeys();
    }

    /**
     * Key-encryption keys written by a creation that did not reach its confirmation: the key's row decides. Runs
     * under this object's lock, as every creation does, so no creation is half-way while it looks.
     */
    private void settleUnconfirmedKeys() {
        for (String keyId : hsm.unconfirmedKeys()) {
            if (keyExists(keyId)) {
                hsm.confirmKeyMaterial(keyId); // its creation committed; a crash came before the confirmation
            } else {
                hsm.discardUnconfirmed(keyId); // its creation never committed: no ciphertext can depend on it
            }
        }
    }

    /**
     * Checks, before anyone can call, that the database accounts for every key the HSM holds material of. Key
     * material is shredded only where the database recorded it ({@code kms_shred_queue}); material the database
     * does not know means it is not the database that belongs with this HSM (missing, empty, or an older backup),
     * and the data dir must not open: sweeping would destroy every key for good.
     */
    public synchronized void verifyKeyMaterialAccountedFor() {
        List<String> confirmed = hsm.keysWithMaterial();
        List<String> unknown = confirmed.stream().filter(id -> !keyExists(id) && !shredRecorded(id)).toList();
        if (!unknown.isEmpty()) {
            throw new Hsm.HsmMismatchException("The HSM holds the material of " + unknown.size() + " KMS key(s) that "
                    + "the database does not know (" + String.join(", ", unknown.subList(0, Math.min(3, unknown.size())))
                    + (unknown.size() > 3 ? ", ..." : "") + "): state.mv.db is missing, empty or older than hsm/keys."
                    + " Nothing was changed or deleted. Put back the state.mv.db that belongs with this data dir, or"
                    + " start with another data dir (--data-dir).");
        }
        List<String> damaged = confirmed.stream().filter(id -> !hsm.canUnwrapKeyEncryptionKey(id)).toList();
        if (!confirmed.isEmpty() && damaged.size() == confirmed.size()) {
            throw new Hsm.HsmMismatchException("hsm/master.key cannot unwrap any of the " + confirmed.size()
                    + " key-encryption keys in hsm/keys: it is not the root key that belongs with them. Nothing was"
                    + " changed. Put back the hsm/master.key from the same backup as hsm/keys.");
        }
        damaged.forEach(id -> LOG.warn("The key-encryption key of KMS key {} is damaged; data under this key cannot"
                + " be decrypted until hsm/keys/{}.kek is restored from a backup", id, id));
        settleUnconfirmedKeys();
    }

    private boolean keyExists(String keyId) {
        return store.queryOne("select 1 from kms_keys where key_id = ?", rs -> 1, keyId).isPresent();
    }

    private boolean shredRecorded(String keyId) {
        return store.queryOne("select 1 from kms_shred_queue where key_id = ?", rs -> 1, keyId).isPresent();
    }

    /** Records, inside the transaction that destroys a key or its material, that the HSM must shred its KEK. */
    private void queueShred(Connection c, String keyId) throws SQLException {
        Store.update(c, "merge into kms_shred_queue (key_id, recorded_ms) key (key_id) values (?, ?)", keyId,
                clock.millis());
    }

    /** Shreds what the database recorded as due, then forgets the record: the only path that destroys material. */
    private void shredQueued(List<String> keyIds) {
        for (String keyId : keyIds) {
            hsm.destroyKeyMaterial(keyId);
            store.txRun(c -> Store.update(c, "delete from kms_shred_queue where key_id = ?", keyId));
        }
    }

    // --------------------------------------------------------------- helpers

    private KeyRow resolve(Connection c, CallContext ctx, String keyIdOrAlias) throws SQLException {
        final String given = ApiException.required("KeyId", keyIdOrAlias);
        String ref = given;
        Matcher keyArn = KEY_ARN.matcher(ref);
        Matcher aliasArn = ALIAS_ARN.matcher(ref);
        if (keyArn.matches()) {
            return inScope(ctx, keyArn.group(1), keyArn.group(2))
                    ? loadKey(c, ctx, keyArn.group(3)).orElseThrow(() -> KmsErrors.keyNotFound(given))
                    : raise(KmsErrors.keyNotFound(given));
        }
        if (aliasArn.matches()) {
            if (!inScope(ctx, aliasArn.group(1), aliasArn.group(2))) {
                throw KmsErrors.aliasNotFound(given);
            }
            ref = aliasArn.group(3);
        }
        if (ref.startsWith("alias/")) {
            String alias = ref;
            String keyId = findAlias(c, ctx, alias).orElseThrow(() -> KmsErrors.aliasNotFound(alias));
            return loadKey(c, ctx, keyId).orElseThrow(() -> KmsErrors.aliasNotFound(alias));
        }
        String keyId = ref;
        return loadKey(c, ctx, keyId).orElseThrow(() -> KmsErrors.keyNotFound(keyId));
    }

    private static KeyRow raise(ApiException e) {
        throw e;
    }

    private static boolean inScope(CallContext ctx, String region, String account) {
        return ctx.regionId().equals(region) && ctx.accountId().equals(account);
    }

    private Optional<KeyRow> loadKey(Connection c, CallContext ctx, String keyId) throws SQLException {
        return Store.queryOne(c, "select * from kms_keys where key_id = ? and account_id = ? and region_id = ?",
                KeyRow::of, keyId, ctx.accountId(), ctx.regionId());
    }

    private KeyMetadata describe(Connection c, Optional<KeyRow> key) throws SQLException {
        return describe(c, key.orElseThrow());
    }

    private KeyMetadata describe(Connection c, KeyRow k) {
        String rotation = !k.rotationEnabled ? "Disabled" : k.state == KeyState.Enabled ? "Enabled" : "Suspended";
        return new KeyMetadata(k.keyId, keyArn(k.regionId, k.accountId, k.keyId), k.state, k.keySpec, k.keyUsage,
                k.creator, instant(k.creationMs), instant(k.deleteMs), k.description, k.origin, k.protectionLevel,
                k.primaryVersionId, rotation, k.rotationIntervalSeconds == null ? null : k.rotationIntervalSeconds + "s",
                instant(k.lastRotationMs), instant(k.rotationEnabled ? k.nextRotationMs : null),
                instant(k.materialExpireMs), k.managedBy);
    }

    private static String keyArn(String region, String account, String keyId) {
        return "acs:kms:" + region + ":" + account + ":key/" + keyId;
    }

    private Optional<String> findAlias(Connection c, CallContext ctx, String alias) throws SQLException {
        return Store.queryOne(c, "select key_id from kms_aliases where account_id = ? and region_id = ?"
                + " and alias_name = ?", rs -> rs.getString(1), ctx.accountId(), ctx.regionId(), alias);
    }

    private boolean hasMaterial(Connection c, String keyId) throws SQLException {
        return Store.queryOne(c, "select 1 from kms_key_versions where key_id = ? and wrapped_material is not null",
                rs -> 1, keyId).isPresent();
    }

    /** A version's material, unwrapped: Forbidden.KeyVersionNotFound if the key has no such version. */
    private byte[] material(Connection c, String keyId, String versionId) throws SQLException {
        byte[] wrapped = Store.queryOne(c, "select wrapped_material from kms_key_versions where key_version_id = ?"
                + " and key_id = ?", rs -> Optional.ofNullable(rs.getBytes(1)), versionId, keyId)
                .orElseThrow(() -> KmsErrors.keyVersionNotFound(versionId))
                .orElseThrow(() -> KmsErrors.rejected(KeyState.PendingImport, versionId));
        try {
            return hsm.unwrapForKey(keyId, materialLabel(versionId), wrapped);
        } catch (Hsm.MaterialUnavailableException e) {
            if (unavailableReported.add(keyId)) {
                LOG.warn("{} Restore hsm/keys/{}.kek from a backup of this data dir.", e.getMessage(), keyId);
            }
            throw KmsErrors.materialUnavailable(keyId);
        }
    }

    /** A key and the plaintext material of the version a call needs, read in one transaction. */
    private record Unwrapped(KeyRow key, byte[] material) {
    }

    private byte[] wrapMaterial(String keyId, String versionId, byte[] material) {
        return hsm.wrapForKey(keyId, materialLabel(versionId), material);
    }

    private static String materialLabel(String versionId) {
        return "kms/version/" + versionId;
    }

    private static void requireEnabled(KeyRow key) {
        if (key.state != KeyState.Enabled) {
            throw KmsErrors.rejected(key.state, key.keyId);
        }
    }

    /**
     * The key an operation that changes it names — the one rule for service-managed keys (alias/acs/ecs …): the
     * service owns them, so a caller may read them and use them for cryptography, but nothing that changes them
     * (state, deletion, description, rotation, versions, material, tags, aliases pointing at them) is allowed, as
     * on the real service.
     */
    private KeyRow resolveForChange(Connection c, CallContext ctx, String keyIdOrAlias, String operation)
            throws SQLException {
        KeyRow key = resolve(c, ctx, keyIdOrAlias);
        if (key.managedBy != null) {
            throw KmsErrors.serviceKey(key.keyId, operation);
        }
        return key;
    }

    private static void requireExternal(KeyRow key) {
        if (!KeySpecs.ORIGIN_EXTERNAL.equals(key.origin)) {
            throw ApiException.invalid("KeyId", "only keys created with Origin EXTERNAL take imported key material.");
        }
    }


    private static String oneOf(String name, String value, List<String> allowed, String defaultValue) {
        if (value == null || value.isEmpty()) {
            if (defaultValue == null) {
                throw ApiException.missing(name);
            }
            return defaultValue;
        }
        if (!allowed.contains(value)) {
            throw ApiException.invalid(name, "it must be one of " + String.join(", ", allowed) + ".");
        }
        return value;
    }

    private static String description(String description) {
        String text = Text.requireWellFormed("Description", description == null ? "" : description);
        if (text.length() > MAX_DESCRIPTION) {
            throw ApiException.invalid("Description", "it must be at most " + MAX_DESCRIPTION + " characters.");
        }
        return text;
    }

    /** "365d" or "604800s" → seconds, within 7 to 730 days: {@link RotationIntervalRule}. */
    static long rotationSeconds(String interval) {
        return RotationIntervalRule.seconds(interval);
    }

    private static String creatorOf(CallContext ctx) {
        return ctx.accountId();
    }

    private static String capitalize(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static Instant instant(Long millis) {
        return millis == null ? null : Instant.ofEpochMilli(millis);
    }

    private record ImportTokenRow(String keyId, String algorithm, byte[] wrappedPrivateKey, long expireMs) {
    }

    /** One row of kms_keys. */
    private record KeyRow(String keyId, String accountId, String regionId, KeyState state, String keySpec,
            String keyUsage, String origin, String protectionLevel, String description, String creator,
            long creationMs, Long deleteMs, String primaryVersionId, boolean rotationEnabled,
            Long rotationIntervalSeconds, Long lastRotationMs, Long nextRotationMs, Long materialExpireMs,
            String managedBy) {

        static KeyRow of(ResultSet rs) throws SQLException {
            return new KeyRow(rs.getString("key_id"), rs.getString("account_id"), rs.getString("region_id"),
                    KeyState.valueOf(rs.getString("key_state")), rs.getString("key_spec"), rs.getString("key_usage"),
                    rs.getString("origin"), rs.getString("protection_level"), rs.getString("description"),
                    rs.getString("creator"), rs.getLong("creation_ms"), nullableLong(rs, "delete_ms"),
                    rs.getString("primary_version_id"), rs.getBoolean("rotation_enabled"),
                    nullableLong(rs, "rotation_interval_s"), nullableLong(rs, "last_rotation_ms"),
                    nullableLong(rs, "next_rotation_ms"), nullableLong(rs, "material_expire_ms"),
                    rs.getString("managed_by"));
        }

        private static Long nullableLong(ResultSet rs, String column) throws SQLException {
            long v = rs.getLong(column);
            return rs.wasNull() ? null : v;
        }
    }
}
