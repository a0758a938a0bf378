package dev.ecskms.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ecskms.sim.common.CallContext;
import dev.ecskms.sim.kms.CreateKeyRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** ActionTrail LookupEvents through the endpoint, with the older SDK's CommonRequest. */
class TrailApiSdkTest extends ApiTestBase {
    static final String TRAIL_VERSION = "2020-07-06";

    private JsonNode lookup(Map<String, String> params) throws Exception {
        return common(sdk, TRAIL_VERSION, "LookupEvents", REGION, params);
    }

    private static Map<String, String> attribute(String key, String value) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("LookupAttribute.1.Key", key);
        p.put("LookupAttribute.1.Value", value);
        return p;
    }

    @Test
    void aConsoleCallAndAnApiCallOfTheSameActionAreRecordedAlike() throws Exception {
        CallContext console = CallContext.root(simulator.accounts().rootAccountId(), REGION);
        String key = simulator.kms().createKey(console, CreateKeyRequest.defaults("trail")).keyId();
        simulator.kms().describeKey(console, key);
        JsonNode described = common(sdk, KMS_VERSION, "DescribeKey", null, Map.of("KeyId", key));

        JsonNode answer = lookup(attribute("EventName", "DescribeKey"));
        JsonNode events = answer.path("Events");
        assertTrue(events.isArray(), answer.toString());
        assertEquals(2, events.size(), answer.toString());
        JsonNode api = events.get(0);
        JsonNode click = events.get(1);
        assertEquals("api", api.path("additionalEventData").path("CallSource").asText());
        assertEquals("console", click.path("additionalEventData").path("CallSource").asText());
        assertEquals(described.path("RequestId").asText(), api.path("requestId").asText());
        assertEquals(console.requestId(), click.path("requestId").asText());
        for (JsonNode e : events) {
            assertEquals("DescribeKey", e.path("eventName").asText());
            assertEquals(key, e.path("resourceName").asText());
            assertEquals("ACS::KMS::Key", e.path("resourceType").asText());
            assertEquals("kms.aliyuncs.com", e.path("eventSource").asText());
            assertEquals("Read", e.path("eventRW").asText());
            assertEquals(REGION, e.path("acsRegion").asText());
            assertEquals("root-account", e.path("userIdentity").path("type").asText());
            assertEquals(simulator.accounts().rootAccountId(), e.path("userIdentity").path("accountId").asText());
            assertTrue(e.path("eventTime").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"));
            assertFalse(e.has("errorCode"));
        }
    }

    @Test
    void aFailedCallIsFoundByItsCodeAndPagesFollowNextToken() throws Exception {
        assertSdkError("Forbidden.KeyNotFound", () -> common(sdk, KMS_VERSION, "DisableKey", null,
                Map.of("KeyId", "no-such-key")));
        JsonNode failed = lookup(attribute("ErrorCode", "Forbidden.KeyNotFound")).path("Events");
        assertEquals(1, failed.size());
        assertEquals("DisableKey", failed.get(0).path("eventName").asText());
        assertEquals("no-such-key", failed.get(0).path("resourceName").asText());
        assertTrue(failed.get(0).path("errorMessage").asText().length() > 0);

        for (int i = 0; i < 3; i++) {
            common(sdk, KMS_VERSION, "ListKeys", null, Map.of());
        }
        Map<String, String> params = attribute("EventName", "ListKeys");
        params.put("MaxResults", "2");
        JsonNode first = lookup(params);
        assertEquals(2, first.path("Events").size());
        String token = first.path("NextToken").asText();
        assertFalse(token.isEmpty());
        params.put("NextToken", token);
        JsonNode second = lookup(params);
        assertEquals(1, second.path("Events").size());
        assertTrue(second.path("NextToken").isMissingNode());

        Map<String, String> window = new LinkedHashMap<>();
        window.put("StartTime", "2000-01-01T00:00:00Z");
        window.put("EndTime", "2000-01-02T00:00:00Z");
        assertEquals(0, lookup(window).path("Events").size());
        assertSdkError("InvalidParameter", () -> lookup(attribute("Colour", "blue")));
        assertSdkError("InvalidParameter", () -> lookup(Map.of("StartTime", "yesterday")));
    }
}
