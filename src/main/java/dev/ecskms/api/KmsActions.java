package dev.ecskms.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ecskms.sim.common.ApiException;
import dev.ecskms.sim.common.CallContext;
import dev.ecskms.sim.common.Page;
import dev.ecskms.sim.kms.AliasInfo;
import dev.ecskms.sim.kms.CreateKeyRequest;
import dev.ecskms.sim.kms.DecryptResponse;
import dev.ecskms.sim.kms.EncryptResponse;
import dev.ecskms.sim.kms.GenerateDataKeyRequest;
import dev.ecskms.sim.kms.GenerateDataKeyResponse;
import dev.ecskms.sim.kms.ImportParameters;
import dev.ecskms.sim.kms.KeyMetadata;
import dev.ecskms.sim.kms.KeyRef;
import dev.ecskms.sim.kms.KeyVersion;
import dev.ecskms.sim.kms.KmsService;
import dev.ecskms.sim.kms.Tag;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * KMS 2016-01-20 on the wire: parameter names and response shapes of the real service (checked against the
 * unmarshallers of aliyun-java-sdk-kms 2.10.1), each action a call to {@link KmsService}.
 */
public final class KmsActions {
    public static final ActionRegistry.Product PRODUCT = new ActionRegistry.Product("Kms", "2016-01-20", false);

    // Limits of the real API's documentation; enforced here because they are limits of the wire format.
    static final int MAX_PLAINTEXT_BYTES = 6 * 1024;
    static final int MAX_ENCRYPTION_CONTEXT_CHARS = 8 * 1024;
    static final int MAX_DESCRIPTION_CHARS = 8 * 1024;
    static final int MAX_CIPHERTEXT_CHARS = 16 * 1024;
    static final int MAX_KEY_MATERIAL_BYTES = 4 * 1024;
    static final int MAX_TAGS_CHARS = 16 * 1024;
    static final int MIN_DATA_KEY_BYTES = 1;
    static final int MAX_DATA_KEY_BYTES = 1024;

    // The parameters of the envelope-encryption calls (KMS 2016-01-20 as the current SDK, kms20160120 1.2.3, sends
    // them). Any other is refused: a parameter the simulator ignored could change what the caller meant.
    static final Set<String> ENCRYPT_PARAMETERS = Set.of("KeyId", "Plaintext", "EncryptionContext", "DryRun");
    static final Set<String> DECRYPT_PARAMETERS = Set.of("CiphertextBlob", "EncryptionContext", "DryRun");
    static final Set<String> DATA_KEY_PARAMETERS = Set.of("KeyId", "KeySpec", "NumberOfBytes", "EncryptionContext",
            "DryRun");

    private final KmsService kms;

    private KmsActions(KmsService kms) {
        this.kms = kms;
    }

    public static void registerInto(ActionRegistry registry, KmsService kms) {
        KmsActions a = new KmsActions(kms);
        String v = PRODUCT.version();
        registry.product(PRODUCT)
                .action(v, "CreateKey", a::createKey)
                .action(v, "DescribeKey", (ctx, p) -> keyMetadata(kms.describeKey(ctx, p.required("KeyId"))))
                .action(v, "ListKeys", a::listKeys)
                .action(v, "UpdateKeyDescription", (ctx, p) -> done(() -> kms.updateKeyDescription(ctx,
                        p.required("KeyId"), description(p))))
                .action(v, "EnableKey", keyIdOnly(kms::enableKey))
                .action(v, "DisableKey", keyIdOnly(kms::disableKey))
                .action(v, "ScheduleKeyDeletion", a::scheduleKeyDeletion)
                .action(v, "CancelKeyDeletion", keyIdOnly(kms::cancelKeyDeletion))
                .action(v, "CreateAlias", (ctx, p) -> done(() -> kms.createAlias(ctx, p.required("AliasName"),
                        p.required("KeyId"))))
                .action(v, "UpdateAlias", (ctx, p) -> done(() -> kms.updateAlias(ctx, p.required("AliasName"),
                        p.required("KeyId"))))
                .action(v, "DeleteAlias", (ctx, p) -> done(() -> kms.deleteAlias(ctx, p.required("AliasName"))))
                .action(v, "ListAliases", (ctx, p) -> aliases(kms.listAliases(ctx, p.optionalInt("PageNumber"),
                        p.optionalInt("PageSize"))))
                .action(v, "ListAliasesByKeyId", (ctx, p) -> aliases(kms.listAliasesByKeyId(ctx,
                        p.required("KeyId"), p.optionalInt("PageNumber"), p.optionalInt("PageSize"))))
                .action(v, "GenerateDataKey", strict(DATA_KEY_PARAMETERS,
                        (ctx, p) -> dataKey(kms.generateDataKey(ctx, dataKeyRequest(p)))))
                .action(v, "GenerateDataKeyWithoutPlaintext", strict(DATA_KEY_PARAMETERS, (ctx, p) -> dataKey(
                        kms.generateDataKeyWithoutPlaintext(ctx, dataKeyRequest(p)))))
                .action(v, "Encrypt", strict(ENCRYPT_PARAMETERS, a::encrypt))
                .action(v, "Decrypt", strict(DECRYPT_PARAMETERS, a::decrypt))
                .action(v, "UpdateRotationPolicy", (ctx, p) -> done(() -> kms.updateRotationPolicy(ctx,
                        p.required("KeyId"), p.optionalBoolean("EnableAutomaticRotation"),
                        p.optional("RotationInterval", 32))))
                .action(v, "CreateKeyVersion", (ctx, p) -> JsonObject.of()
                        .put("KeyVersion", keyVersion(kms.createKeyVersion(ctx, p.required("KeyId")))))
                .action(v, "ListKeyVersions", a::listKeyVersions)
                .action(v, "DescribeKeyVersion", (ctx, p) -> JsonObject.of().put("KeyVersion", keyVersion(
                        kms.describeKeyVersion(ctx, p.required("KeyId"), p.required("KeyVersionId")))))
                .action(v, "GetParametersForImport", a::getParametersForImport)
                .action(v, "ImportKeyMaterial", a::importKeyMaterial)
                .action(v, "DeleteKeyMaterial", keyIdOnly(kms::deleteKeyMaterial))
                .action(v, "TagResource", (ctx, p) -> done(() -> kms.tagResource(ctx, p.required("KeyId"), tags(p))))
                .action(v, "UntagResource", (ctx, p) -> done(() -> kms.untagResource(ctx, p.required("KeyId"),
                        tagKeys(p))))
                .action(v, "ListResourceTags", a::listResourceTags);
    }

    // ---- keys ----

    private JsonObject createKey(CallContext ctx, RpcParams p) {
        CreateKeyRequest request = new CreateKeyRequest(p.optional("KeySpec", 64), p.optional("KeyUsage", 64),
                p.optional("Origin", 64), p.optional("ProtectionLevel", 64), description(p),
                p.optionalBoolean("EnableAutomaticRotation"), p.optional("RotationInterval", 32));
        return keyMetadata(kms.createKey(ctx, request));
    }

    private JsonObject listKeys(CallContext ctx, RpcParams p) {
        Page<KeyRef> page = kms.listKeys(ctx, p.optionalInt("PageNumber"), p.optionalInt("PageSize"));
        return paged(page, "Keys", "Key", k -> JsonObject.of().put("KeyId", k.keyId()).put("KeyArn", k.keyArn()));
    }

    private JsonObject scheduleKeyDeletion(CallContext ctx, RpcParams p) {
        Integer days = p.optionalInt("PendingWindowInDays");
        if (days == null) {
            throw ApiException.missing("PendingWindowInDays");
        }
        kms.scheduleKeyDeletion(ctx, p.required("KeyId"), days);
        return JsonObject.of(); // the real response carries the RequestId only
    }

    static JsonObject keyMetadata(KeyMetadata m) {
        // managedBy is the simulator's own bookkeeping and not part of the API.
        JsonObject metadata = JsonObject.of()
                .put("KeyId", m.keyId())
                .put("Arn", m.arn())
                .put("KeyState", m.keyState() == null ? null : m.keyState().name())
                .put("KeySpec", m.keySpec())
                .put("KeyUsage", m.keyUsage())
                .put("Creator", m.creator())
                .put("CreationDate", WireFormats.date(m.creationDate()))
                .put("DeleteDate", WireFormats.date(m.deleteDate()))
                .put("Description", m.description())
                .put("Origin", m.origin())
                .put("ProtectionLevel", m.protectionLevel())
                .put("PrimaryKeyVersion", m.primaryKeyVersion())
                .put("AutomaticRotation", m.automaticRotation())
                .put("RotationInterval", m.rotationInterval())
                .put("LastRotationDate", WireFormats.date(m.lastRotationDate()))
                .put("NextRotationDate", WireFormats.date(m.nextRotationDate()))
                .put("MaterialExpireTime", WireFormats.date(m.materialExpireTime()));
        return JsonObject.of().put("KeyMetadata", metadata);
    }

    // ---- aliases ----

    private static JsonObject aliases(Page<AliasInfo> page) {
        return paged(page, "Aliases", "Alias", a -> JsonObject.of()
                .put("AliasName", a.aliasName()).put("AliasArn", a.aliasArn()).put("KeyId", a.keyId()));
    }

    // ---- envelope crypto ----

    private static GenerateDataKeyRequest dataKeyRequest(RpcParams p) {
        return new GenerateDataKeyRequest(p.required("KeyId"), p.optional("KeySpec", 64),
                p.optionalInt("NumberOfBytes", MIN_DATA_KEY_BYTES, MAX_DATA_KEY_BYTES), encryptionContext(p));
    }

    private static JsonObject dataKey(GenerateDataKeyResponse r) {
        return JsonObject.of()
                .put("KeyId", r.keyId())
                .put("KeyVersionId", r.keyVersionId())
                .put("Plaintext", WireFormats.base64(r.plaintext()))
                .put("CiphertextBlob", r.ciphertextBlob());
    }

    private JsonObject encrypt(CallContext ctx, RpcParams p) {
        String keyId = p.required("KeyId");
        byte[] plaintext = p.requiredBase64("Plaintext", MAX_PLAINTEXT_BYTES);
        EncryptResponse r = kms.encrypt(ctx, keyId, plaintext, encryptionContext(p));
        return JsonObject.of()
                .put("KeyId", r.keyId())
                .put("KeyVersionId", r.keyVersionId())
                .put("CiphertextBlob", r.ciphertextBlob());
    }

    private JsonObject decrypt(CallContext ctx, RpcParams p) {
        String blob = p.required("CiphertextBlob");
        if (blob.length() > MAX_CIPHERTEXT_CHARS) {
            throw ApiException.invalid("CiphertextBlob", "it is longer than " + MAX_CIPHERTEXT_CHARS + " characters.");
        }
        DecryptResponse r = kms.decrypt(ctx, blob, encryptionContext(p));
        return JsonObject.of()
                .put("KeyId", r.keyId())
                .put("KeyVersionId", r.keyVersionId())
                .put("Plaintext", WireFormats.base64(r.plaintext()));
    }

    private static Map<String, String> encryptionContext(RpcParams p) {
        return p.optionalStringMap("EncryptionContext", MAX_ENCRYPTION_CONTEXT_CHARS);
    }

    // ---- rotation and versions ----

    private JsonObject listKeyVersions(CallContext ctx, RpcParams p) {
        Page<KeyVersion> page = kms.listKeyVersions(ctx, p.required("KeyId"), p.optionalInt("PageNumber"),
                p.optionalInt("PageSize"));
        return paged(page, "KeyVersions", "KeyVersion", KmsActions::keyVersion);
    }

    private static JsonObject keyVersion(KeyVersion v) {
        return JsonObject.of()
                .put("KeyId", v.keyId())
                .put("KeyVersionId", v.keyVersionId())
                .put("CreationDate", WireFormats.date(v.creationDate()));
    }

    // ---- BYOK ----

    private JsonObject getParametersForImport(CallContext ctx, RpcParams p) {
        ImportParameters r = kms.getParametersForImport(ctx, p.required("KeyId"),
                p.required("WrappingAlgorithm"), p.required("WrappingKeySpec"));
        return JsonObject.of()
                .put("KeyId", r.keyId())
                .put("ImportToken", r.importToken())
                .put("PublicKey", r.publicKey())
                .put("TokenExpireTime", WireFormats.date(r.tokenExpireTime()));
    }

    private JsonObject importKeyMaterial(CallContext ctx, RpcParams p) {
        String keyId = p.required("KeyId");
        byte[] material = p.requiredBase64("EncryptedKeyMaterial", MAX_KEY_MATERIAL_BYTES);
        String token = p.required("ImportToken");
        Long expireUnix = p.optionalLong("KeyMaterialExpireUnix");
        if (expireUnix != null && expireUnix < 0) {
            throw ApiException.invalid("KeyMaterialExpireUnix", "it must be 0 (never) or seconds since the epoch.");
        }
        kms.importKeyMaterial(ctx, keyId, material, token, expireUnix);
        return JsonObject.of();
    }

    // ---- tags ----

    private JsonObject listResourceTags(CallContext ctx, RpcParams p) {
        String keyId = p.required("KeyId");
        List<Tag> tags = kms.listResourceTags(ctx, keyId);
        // KeyId may name an alias or an ARN; each tag reports the key's own id.
        String ownId = kms.describeKey(ctx, keyId).keyId();
        List<JsonObject> items = tags.stream().map(t -> JsonObject.of()
                .put("KeyId", ownId).put("TagKey", t.tagKey()).put("TagValue", t.tagValue())).toList();
        return JsonObject.of().putList("Tags", "Tag", items);
    }

    /** {@code Tags=[{"TagKey":"k","TagValue":"v"}]}. */
    private static List<Tag> tags(RpcParams p) {
        JsonNode node = p.requiredJson("Tags", MAX_TAGS_CHARS);
        String shape = "it must be a JSON array like [{\"TagKey\":\"k\",\"TagValue\":\"v\"}].";
        if (!node.isArray() || node.isEmpty()) {
            throw ApiException.invalid("Tags", shape);
        }
        List<Tag> tags = new ArrayList<>();
        for (JsonNode item : node) {
            JsonNode key = item.get("TagKey");
            JsonNode value = item.get("TagValue");
            if (!item.isObject() || key == null || !key.isTextual() || (value != null && !value.isTextual())) {
                throw ApiException.invalid("Tags", shape);
            }
            tags.add(new Tag(key.textValue(), value == null ? "" : value.textValue()));
        }
        return tags;
    }

    /** {@code TagKeys=["k1","k2"]}. */
    private static List<String> tagKeys(RpcParams p) {
        JsonNode node = p.requiredJson("TagKeys", MAX_TAGS_CHARS);
        String shape = "it must be a JSON array of strings like [\"k1\",\"k2\"].";
        if (!node.isArray() || node.isEmpty()) {
            throw ApiException.invalid("TagKeys", shape);
        }
        List<String> keys = new ArrayList<>();
        for (JsonNode item : node) {
            if (!item.isTextual()) {
                throw ApiException.invalid("TagKeys", shape);
            }
            keys.add(item.textValue());
        }
        return keys;
    }

    // ---- shapes shared by several actions ----

    private static String description(RpcParams p) {
        return p.optional("Description", MAX_DESCRIPTION_CHARS);
    }

    private static <T> JsonObject paged(Page<T> page, String listName, String itemName,
            java.util.function.Function<T, JsonObject> item) {
        return Responses.paged(page, listName, itemName, item);
    }

    /**
     * A crypto call that takes only {@code known} (besides the common parameters). DryRun=true is refused: the
     * simulator has no dry run, and doing the operation instead would not be what was asked.
     */
    private static ActionHandler strict(Set<String> known, ActionHandler handler) {
        return (ctx, p) -> {
            p.requireOnly(known);
            if (Boolean.TRUE.equals(p.optionalBoolean("DryRun"))) {
                throw ApiException.invalid("DryRun", "the simulator does not support dry runs; leave DryRun out or"
                        + " set it to false.");
            }
            return handler.handle(ctx, p);
        };
    }

    private static ActionHandler keyIdOnly(BiConsumer<CallContext, String> operation) {
        return (ctx, p) -> done(() -> operation.accept(ctx, p.required("KeyId")));
    }

    private static JsonObject done(Runnable operation) {
        return Responses.done(operation);
    }
}
