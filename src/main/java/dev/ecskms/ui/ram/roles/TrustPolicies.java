package dev.ecskms.ui.ram.roles;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/** Reads a role's trust policy for display: whom it trusts, and the document indented. */
final class TrustPolicies {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TrustPolicies() {
    }

    /** "Service: ecs.aliyuncs.com", "Account: 1234…" — the principals of its Allow statements. */
    static String trusted(String document) {
        try {
            List<String> who = new ArrayList<>();
            for (JsonNode statement : JSON.readTree(document).path("Statement")) {
                statement.path("Principal").fields().forEachRemaining(e -> {
                    if (e.getValue().isArray()) {
                        e.getValue().forEach(v -> who.add(e.getKey() + ": " + v.asText()));
                    } else {
                        who.add(e.getKey() + ": " + e.getValue().asText());
                    }
                });
            }
            return String.join("\n", who);
        } catch (Exception e) {
            return null;
        }
    }

    static String pretty(String document) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(document));
        } catch (Exception e) {
            return document;
        }
    }
}
