package dev.ecskms.sim.ram;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.ecskms.sim.common.ApiException;
import dev.ecskms.sim.ram.policy.PolicyDocument;
import java.io.IOException;

/**
 * Validation of a policy document for CreatePolicy and CreatePolicyVersion: the policy language's own
 * {@link PolicyDocument#parse}, which refuses with the real code and says where. A BRIDGE while that parser is being
 * written (issue 11): until then its stub throws UnsupportedOperationException and the outline is checked here —
 * a JSON object, "Version" "1", a non-empty "Statement" array whose statements have an Effect Allow or Deny and an
 * Action or NotAction. Remove the fallback when the parser lands.
 */
final class PolicyDocuments {
    private static final ObjectMapper STRICT_JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

    private PolicyDocuments() {
    }

    static void validate(String text) {
        try {
            PolicyDocument.parse(text);
            return;
        } catch (UnsupportedOperationException notYet) {
            outline(text);
        }
    }

    private static void outline(String text) {
        JsonNode node;
        try {
            node = STRICT_JSON.readTree(text);
        } catch (IOException e) {
            throw malformed("it is not valid JSON.");
        }
        if (node == null || !node.isObject()) {
            throw malformed("it must be a JSON object with \"Version\" and \"Statement\".");
        }
        JsonNode version = node.get("Version");
        if (version == null || !version.isTextual() || !version.textValue().equals("1")) {
            throw malformed("\"Version\" must be \"1\".");
        }
        JsonNode statements = node.get("Statement");
        if (statements == null || !statements.isArray() || statements.isEmpty()) {
            throw malformed("\"Statement\" must be a non-empty array of statements.");
        }
        int n = 0;
        for (JsonNode statement : statements) {
            n++;
            JsonNode effect = statement.get("Effect");
            if (effect == null || !effect.isTextual()
                    || !(effect.textValue().equals("Allow") || effect.textValue().equals("Deny"))) {
                throw malformed("statement " + n + ": \"Effect\" must be \"Allow\" or \"Deny\".");
            }
            if (statement.get("Action") == null && statement.get("NotAction") == null) {
                throw malformed("statement " + n + ": it needs an \"Action\" (or \"NotAction\").");
            }
        }
    }

    private static ApiException malformed(String why) {
        return new ApiException("MalformedPolicyDocument", 400, "The PolicyDocument is not a valid policy: " + why);
    }
}
