package dev.ecskms.api;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A response object in the order the real service writes its fields. Null values are left out, as the real
 * service leaves out fields that do not apply (DeleteDate of a key not pending deletion …).
 */
public final class JsonObject {
    private final Map<String, Object> fields = new LinkedHashMap<>();

    public static JsonObject of() {
        return new JsonObject();
    }

    public JsonObject put(String name, Object value) {
        if (value != null) {
            fields.put(name, value);
        }
        return this;
    }

    /** The RPC style's list shape: {@code "Keys": {"Key": [ ... ]}}. */
    public JsonObject putList(String name, String itemName, List<?> items) {
        return put(name, Map.of(itemName, items));
    }

    @JsonValue
    public Map<String, Object> asMap() {
        return Collections.unmodifiableMap(fields);
    }
}
