package dev.ecskms.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.ecskms.sim.common.ApiException;
import dev.ecskms.sim.common.Numbers;
import dev.ecskms.sim.common.Text;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The parameters of one RPC request (query string and form body together) with typed accessors. Every accessor
 * turns a caller's mistake into {@code MissingParameter} or {@code InvalidParameter} naming the parameter, so a
 * bad value never reaches a service and never becomes a 500.
 */
public final class RpcParams {
    /** No single value may be longer; the services have tighter limits of their own. */
    static final int MAX_VALUE_CHARS = 64 * 1024;
    /** Strict: a document followed by anything but white space ({"a":"b"}x) is not valid JSON. */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

    private final Map<String, String> values;

    public RpcParams(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public Map<String, String> asMap() {
        return values;
    }

    /**
     * The raw value, or null when absent. An empty string is a value (an empty Description, for one). A value that
     * is not well-formed Unicode text (an unpaired surrogate) is refused here, for every parameter.
     */
    public String optional(String name) {
        String value = values.get(name);
        if (value != null && value.length() > MAX_VALUE_CHARS) {
            throw ApiException.invalid(name, "it is longer than " + MAX_VALUE_CHARS + " characters.");
        }
        return Text.requireWellFormed(name, value);
    }

    public String required(String name) {
        String value = optional(name);
        if (value == null || value.isBlank()) {
            throw ApiException.missing(name);
        }
        return value;
    }

    public String optional(String name, int maxChars) {
        String value = optional(name);
        if (value != null && value.length() > maxChars) {
            throw ApiException.invalid(name, "it is longer than " + maxChars + " characters.");
        }
        return value;
    }

    /**
     * A whole number of 0 or more written in ASCII digits (no sign, no spaces, no other digits such as "٧" or "２");
     * null when absent or blank. None of the integer parameters of the simulated APIs takes a negative value.
     */
    public Integer optionalInt(String name) {
        return typed(name).map(v -> Numbers.parseInt(name, v)).orElse(null);
    }

    public Integer optionalInt(String name, int min, int max) {
        Integer value = optionalInt(name);
        if (value != null && (value < min || value > max)) {
            throw ApiException.invalid(name, "it must be between " + min + " and " + max + ".");
        }
        return value;
    }

    /** As {@link #optionalInt(String)}, for long values. */
    public Long optionalLong(String name) {
        return typed(name).map(v -> Numbers.parseLong(name, v)).orElse(null);
    }

    /** {@code true} or {@code false}, in any case as the SDKs send them, nothing else; null when absent or blank. */
    public Boolean optionalBoolean(String name) {
        return typed(name).map(v -> {
            if (v.equalsIgnoreCase("true")) {
                return Boolean.TRUE;
            }
            if (v.equalsIgnoreCase("false")) {
                return Boolean.FALSE;
            }
            throw ApiException.invalid(name, "it must be true or false.");
        }).orElse(null);
    }

    /** A required base64 value, decoded; {@code maxBytes} bounds the decoded length. */
    public byte[] requiredBase64(String name, int maxBytes) {
        String value = required(name).strip();
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(name, "it is not valid base64 (" + e.getMessage() + ").");
        }
        if (decoded.length == 0) {
            throw ApiException.invalid(name, "it decodes to no bytes.");
        }
        if (decoded.length > maxBytes) {
            throw ApiException.invalid(name, "it decodes to " + decoded.length + " bytes; at most " + maxBytes
                    + " are allowed.");
        }
        return decoded;
    }

    /** An optional JSON document, parsed; null when absent or blank. */
    public JsonNode optionalJson(String name, int maxChars) {
        String value = optional(name, maxChars);
        if (value == null || value.isBlank()) {
            return null;
        }
        JsonNode node;
        try {
            node = JSON.readTree(value);
        } catch (JsonProcessingException e) {
            throw ApiException.invalid(name, "it is not valid JSON (" + firstLine(e.getOriginalMessage()) + ").");
        }
        requireWellFormedText(name, node);
        return node;
    }

    /** Unpaired surrogates written as JSON escapes ("\\ud800") in any name or string of the document. */
    private static void requireWellFormedText(String name, JsonNode node) {
        if (node.isTextual()) {
            Text.requireWellFormed(name, node.textValue());
        } else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                Text.requireWellFormed(name, field.getKey());
                requireWellFormedText(name, field.getValue());
            }
        } else if (node.isArray()) {
            for (JsonNode item : node) {
                requireWellFormedText(name, item);
            }
        }
    }

    private static String firstLine(String message) {
        String m = message == null ? "" : message;
        int nl = m.indexOf('\n');
        m = nl < 0 ? m : m.substring(0, nl);
        return m.length() > 200 ? m.substring(0, 200) + "…" : m;
    }

    public JsonNode requiredJson(String name, int maxChars) {
        JsonNode node = optionalJson(name, maxChars);
        if (node == null) {
            throw ApiException.missing(name);
        }
        return node;
    }

    /**
     * A map of strings such as an EncryptionContext, in either form the API accepts: one JSON object of string
     * values ({@code EncryptionContext={"purpose":"disk"}}, what the SDKs send) or flattened
     * ({@code EncryptionContext.purpose=disk}, how the RPC style writes a map); null when absent. Both forms at once
     * are refused rather than one silently winning; {@code maxChars} bounds the JSON text or the flattened keys and
     * values together.
     */
    public Map<String, String> optionalStringMap(String name, int maxChars) {
        Map<String, String> flattened = flattened(name);
        String json = optional(name);
        if (!flattened.isEmpty()) {
            if (json != null && !json.isBlank()) {
                throw ApiException.invalid(name, "it is given both as JSON and as " + name + ".<key> parameters;"
                        + " give one form.");
            }
            int chars = flattened.entrySet().stream().mapToInt(e -> e.getKey().length() + e.getValue().length() + 6)
                    .sum();
            if (chars > maxChars) {
                throw ApiException.invalid(name, "it is longer than " + maxChars + " characters.");
            }
            return flattened;
        }
        JsonNode node = optionalJson(name, maxChars);
        if (node == null) {
            return null;
        }
        if (!node.isObject()) {
            throw ApiException.invalid(name, "it must be a JSON object of string values, e.g. {\"purpose\":\"disk\"}.");
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            if (!field.getValue().isTextual()) {
                throw ApiException.invalid(name, "the value of \"" + field.getKey() + "\" must be a JSON string.");
            }
            map.put(field.getKey(), field.getValue().textValue());
        }
        return map;
    }

    /** The {@code Name.key=value} parameters of a flattened map, by key, in the order given. */
    private Map<String, String> flattened(String name) {
        String start = name + ".";
        Map<String, String> map = new LinkedHashMap<>();
        for (String parameter : values.keySet()) {
            if (!parameter.startsWith(start)) {
                continue;
            }
            String key = parameter.substring(start.length());
            if (key.isEmpty()) {
                throw ApiException.invalid(parameter, "a flattened map is written " + name + ".<key>=<value>.");
            }
            map.put(key, optional(parameter));
        }
        return map;
    }

    /** Whether the request names {@code name} itself or any {@code name.…} under it. */
    public boolean mentions(String name) {
        String start = name + ".";
        return values.keySet().stream().anyMatch(k -> k.equals(name) || k.startsWith(start));
    }

    /**
     * Refuses any parameter that is neither one of {@code known} nor a common parameter of the RPC style, nor
     * {@code Known.…} under a map or list parameter of {@code known}: for operations where a parameter that the
     * simulator would ignore could change what the caller meant (an envelope-encryption call), an unknown one is an
     * InvalidParameter naming it, never dropped.
     */
    public void requireOnly(Set<String> known) {
        for (String parameter : values.keySet()) {
            if (COMMON.contains(parameter) || known.contains(parameter)) {
                continue;
            }
            int dot = parameter.indexOf('.');
            if (dot > 0 && known.contains(parameter.substring(0, dot))) {
                continue;
            }
            throw ApiException.invalid(parameter, "the operation has no such parameter (it takes "
                    + String.join(", ", known.stream().sorted().toList()) + ").");
        }
    }

    /** The RPC style's common parameters (signature V1's among them), allowed with every operation. */
    static final Set<String> COMMON = Set.of("Action", "Version", "Format", "AccessKeyId", "Signature",
            "SignatureMethod", "SignatureVersion", "SignatureNonce", "SignatureType", "Timestamp", "RegionId",
            "SecurityToken", "ResourceOwnerAccount", "ResourceOwnerId", "OwnerAccount", "OwnerId");

    /**
     * A JSON array of strings such as {@code DiskIds=["d-1","d-2"]}, or the same list flattened as
     * {@code DiskIds.1=d-1&DiskIds.2=d-2}; null when absent or blank. {@code maxItems}
     * bounds its length, as the real API bounds its id lists (100 ids).
     */
    public List<String> optionalStringList(String name, int maxItems) {
        String start = name + ".";
        if (values.keySet().stream().anyMatch(k -> k.startsWith(start))) {
            String json = optional(name);
            if (json != null && !json.isBlank()) {
                throw ApiException.invalid(name, "it is given both as a JSON array and as " + name
                        + ".N parameters; give one form.");
            }
            List<String> items = repeatedOnly(name, maxItems);
            return items.isEmpty() ? null : items;
        }
        JsonNode node = optionalJson(name, MAX_VALUE_CHARS);
        if (node == null) {
            return null;
        }
        String shape = "it must be a JSON array of strings, e.g. [\"id-1\",\"id-2\"].";
        if (!node.isArray()) {
            throw ApiException.invalid(name, shape);
        }
        if (node.size() > maxItems) {
            throw ApiException.invalid(name, "it names " + node.size() + " items; at most " + maxItems
                    + " are allowed.");
        }
        List<String> items = new ArrayList<>();
        for (JsonNode item : node) {
            if (!item.isTextual() || item.textValue().isBlank()) {
                throw ApiException.invalid(name, shape);
            }
            items.add(item.textValue());
        }
        return items;
    }

    /**
     * The values of a repeated parameter {@code Prefix.1 … Prefix.N} (RPC style for lists, e.g. AddAccount.1), in
     * the order of N, or of the JSON array {@code Prefix=["a","b"]} that some clients send instead; empty when none
     * is given. A bare {@code Prefix} that is not such an array is refused, never dropped. N runs from 1 to {@code maxItems}; blank values are skipped.
     */
    public List<String> repeated(String prefix, int maxItems) {
        String bare = optional(prefix);
        if (bare != null && !bare.isBlank()) {
            if (values.keySet().stream().anyMatch(k -> k.startsWith(prefix + "."))) {
                throw ApiException.invalid(prefix, "it is given both as a JSON array and as " + prefix
                        + ".N parameters; give one form.");
            }
            List<String> items = optionalStringList(prefix, maxItems);
            return items == null ? List.of() : items.stream().map(String::strip).toList();
        }
        return repeatedOnly(prefix, maxItems);
    }

    private List<String> repeatedOnly(String prefix, int maxItems) {
        TreeMap<Integer, String> byIndex = new TreeMap<>();
        String start = prefix + ".";
        for (String name : values.keySet()) {
            if (!name.startsWith(start)) {
                continue;
            }
            String suffix = name.substring(start.length());
            int index = index(suffix);
            if (index < 0) {
                throw ApiException.invalid(name, "the parameter is named " + prefix + ".N with N from 1 to "
                        + maxItems + ".");
            }
            if (index < 1 || index > maxItems) {
                throw ApiException.invalid(name, "N in " + prefix + ".N must be between 1 and " + maxItems + ".");
            }
            String value = optional(name);
            if (value != null && !value.isBlank()) {
                byIndex.put(index, value.strip());
            }
        }
        return List.copyOf(byIndex.values());
    }

    /**
     * The indexes N of a repeated structure {@code Prefix.N.Field} (RPC style for lists of objects, e.g.
     * DataDisk.1.Category, DataDisk.1.Size), in ascending order; empty when none is given. N runs from 1 to
     * {@code maxItems}; an N whose fields are all blank is left out, as blank counts as absent. Read each field with
     * the other accessors under its full name ({@code "DataDisk." + n + ".Size"}), so that errors name it.
     */
    public List<Integer> repeatedGroups(String prefix, int maxItems) {
        TreeMap<Integer, Boolean> byIndex = new TreeMap<>();
        String start = prefix + ".";
        for (Map.Entry<String, String> e : values.entrySet()) {
            String name = e.getKey();
            if (!name.startsWith(start)) {
                continue;
            }
            String rest = name.substring(start.length());
            int dot = rest.indexOf('.');
            int index = index(dot < 0 ? rest : rest.substring(0, dot));
            if (index < 0) {
                throw ApiException.invalid(name, "the parameter is named " + prefix + ".N.<field> with N from 1 to "
                        + maxItems + ".");
            }
            if (dot < 0 || dot == rest.length() - 1) {
                throw ApiException.invalid(name, "the parameter is named " + prefix + ".N.<field>, e.g. " + prefix
                        + ".1.Size.");
            }
            if (index < 1 || index > maxItems) {
                throw ApiException.invalid(name, "N in " + prefix + ".N must be between 1 and " + maxItems + ".");
            }
            boolean given = e.getValue() != null && !e.getValue().isBlank();
            byIndex.merge(index, given, Boolean::logicalOr);
        }
        return byIndex.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey).toList();
    }

    /**
     * N of a repeated parameter: ASCII digits without leading zeros (DataDisk.01 would be read as DataDisk.1 but
     * signed as another name), at most 9 of them; -1 for anything else. The caller checks the range.
     */
    private static int index(String text) {
        if (!Numbers.isAsciiDigits(text) || text.startsWith("0") || text.length() > 9) {
            return -1;
        }
        return Integer.parseInt(text);
    }

    /** An optional value, null when absent or blank. */
    public String optionalNonBlank(String name) {
        return nullIfBlank(optional(name));
    }

    /** An optional value of at most maxChars, null when absent or blank. */
    public String optionalNonBlank(String name, int maxChars) {
        return nullIfBlank(optional(name, maxChars));
    }

    private static String nullIfBlank(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /** An optional value out of a fixed set (compared case-insensitively), lower-cased; null when absent. */
    public String lowerCaseChoice(String name, Set<String> allowed) {
        String value = optionalNonBlank(name);
        if (value == null) {
            return null;
        }
        String lower = value.strip().toLowerCase(Locale.ROOT);
        if (!allowed.contains(lower)) {
            throw ApiException.invalid(name, "it must be one of " + String.join(", ", allowed.stream().sorted()
                    .toList()) + ".");
        }
        return lower;
    }

    /**
     * Blank counts as absent for typed values: some clients send every optional field, empty. Anything else is
     * taken as is, not stripped: " 20" is not a number.
     */
    private Optional<String> typed(String name) {
        return Optional.ofNullable(optional(name)).filter(v -> !v.isBlank());
    }
}
