package dev.ecskms.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecskms.sim.common.AccessDeniedException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The gateway's AccessDeniedDetail as a refused RAM user's error body carries it. */
class AccessDeniedDetailTest {

    @Test
    void theDetailNamesActionPrincipalAndDenyTypeAndItsDiagnosticDecodes() throws Exception {
        AccessDeniedException e = new AccessDeniedException("Forbidden.NoPermission", "no", "kms:DisableKey",
                "acs:kms:cn-hangzhou:1234567890123456:key/k-1", "bob", AccessDeniedException.DenyType.ExplicitDeny);
        Map<String, Object> detail = RpcEndpoint.accessDeniedDetail(e, "1234567890123456");
        assertEquals(List.of("PolicyType", "AuthPrincipalOwnerId", "EncodedDiagnosticMessage", "AuthPrincipalType",
                "AuthPrincipalDisplayName", "NoPermissionType", "AuthAction"), List.copyOf(detail.keySet()));
        assertEquals("kms:DisableKey", detail.get("AuthAction"));
        assertEquals("SubUser", detail.get("AuthPrincipalType"));
        assertEquals("bob", detail.get("AuthPrincipalDisplayName"));
        assertEquals("1234567890123456", detail.get("AuthPrincipalOwnerId"));
        assertEquals("ExplicitDeny", detail.get("NoPermissionType"));
        assertEquals("AccountLevelIdentityBasedPolicy", detail.get("PolicyType"));
        JsonNode decoded = new ObjectMapper().readTree(Base64.getDecoder().decode(
                (String) detail.get("EncodedDiagnosticMessage")));
        assertEquals("acs:kms:cn-hangzhou:1234567890123456:key/k-1", decoded.path("AuthResource").asText());
        assertEquals(true, decoded.path("ExplicitDeny").asBoolean());
    }
}
