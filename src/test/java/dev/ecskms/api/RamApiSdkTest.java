package dev.ecskms.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aliyuncs.exceptions.ClientException;
import com.aliyuncs.ram.model.v20150501.AttachPolicyToRoleRequest;
import com.aliyuncs.ram.model.v20150501.CreateRoleRequest;
import com.aliyuncs.ram.model.v20150501.CreateRoleResponse;
import com.aliyuncs.ram.model.v20150501.GetRoleRequest;
import com.aliyuncs.ram.model.v20150501.GetRoleResponse;
import com.aliyuncs.ram.model.v20150501.ListPoliciesForRoleRequest;
import com.aliyuncs.ram.model.v20150501.ListPoliciesForRoleResponse;
import com.aliyuncs.ram.model.v20150501.ListRolesRequest;
import com.aliyuncs.ram.model.v20150501.ListRolesResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The RAM roles ECS needs, driven by the official SDK (aliyun-java-sdk-ram 3.3.1). */
class RamApiSdkTest extends ApiTestBase {
    private static final Pattern ISO_SECONDS = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
    static final String ROLE = "AliyunECSDiskEncryptDefaultRole";
    static final String ECS_TRUST = "{\"Statement\":[{\"Action\":\"sts:AssumeRole\",\"Effect\":\"Allow\","
            + "\"Principal\":{\"Service\":[\"ecs.aliyuncs.com\"]}}],\"Version\":\"1\"}";

    @Test
    void createGetAndListRoles() throws Exception {
        CreateRoleResponse.Role created = createRole(ROLE, "ECS reads my keys");
        String account = simulator.accounts().rootAccountId();
        assertEquals(ROLE, created.getRoleName());
        assertEquals("acs:ram::" + account + ":role/" + ROLE.toLowerCase(), created.getArn().toLowerCase());
        assertEquals("ECS reads my keys", created.getDescription());
        assertEquals(ECS_TRUST, created.getAssumeRolePolicyDocument());
        assertTrue(ISO_SECONDS.matcher(created.getCreateDate()).matches(), created.getCreateDate());
        assertTrue(created.getRoleId() != null && !created.getRoleId().isBlank());

        GetRoleRequest get = new GetRoleRequest();
        get.setRoleName(ROLE);
        GetRoleResponse.Role role = call(get).getRole();
        assertEquals(created.getRoleId(), role.getRoleId());
        assertEquals(created.getArn(), role.getArn());
        assertEquals(ECS_TRUST, role.getAssumeRolePolicyDocument());

        createRole("second-role", null);
        ListRolesResponse all = call(new ListRolesRequest());
        assertFalse(all.getIsTruncated());
        assertEquals(List.of(ROLE, "second-role"), all.getRoles().stream().map(ListRolesResponse.Role::getRoleName)
                .toList());
    }

    @Test
    void listRolesPagesWithMarkers() throws Exception {
        for (String name : List.of("role-a", "role-b", "role-c")) {
            createRole(name, null);
        }
        List<String> seen = new ArrayList<>();
        String marker = null;
        int pages = 0;
        do {
            ListRolesRequest request = new ListRolesRequest();
            request.setMaxItems(2);
            request.setMarker(marker);
            ListRolesResponse page = call(request);
            page.getRoles().forEach(r -> seen.add(r.getRoleName()));
            marker = page.getIsTruncated() ? page.getMarker() : null;
            if (!page.getIsTruncated()) {
                assertNull(page.getMarker());
            }
            pages++;
        } while (marker != null);
        assertEquals(2, pages);
        assertEquals(List.of("role-a", "role-b", "role-c"), seen);

        ListRolesRequest badMarker = new ListRolesRequest();
        badMarker.setMarker("no-such-marker");
        assertSdkError("InvalidParameter", () -> call(badMarker));
        ListRolesRequest tooMany = new ListRolesRequest();
        tooMany.setMaxItems(1001);
        assertSdkError("InvalidParameter", () -> call(tooMany));
    }

    @Test
    void attachAndListPolicies() throws Exception {
        createRole(ROLE, null);
        AttachPolicyToRoleRequest attach = attach("System", "AliyunECSDiskEncryptRolePolicy", ROLE);
        call(attach);
        assertSdkError("EntityAlreadyExists.Role.Policy", () -> call(attach));

        ListPoliciesForRoleRequest list = new ListPoliciesForRoleRequest();
        list.setRoleName(ROLE);
        List<ListPoliciesForRoleResponse.Policy> policies = call(list).getPolicies();
        assertEquals(1, policies.size());
        assertEquals("AliyunECSDiskEncryptRolePolicy", policies.get(0).getPolicyName());
        assertEquals("System", policies.get(0).getPolicyType());
        assertTrue(ISO_SECONDS.matcher(policies.get(0).getAttachDate()).matches(), policies.get(0).getAttachDate());
        assertTrue(simulator.ram().ecsMayUseCustomerKeys(simulator.accounts().rootAccountId()));
    }

    @Test
    void mistakesLeaveNoTrace() throws Exception {
        createRole(ROLE, null);
        assertSdkError("EntityAlreadyExists.Role", () -> createRole(ROLE, null));
        assertSdkError("InvalidParameter.RoleName.InvalidChars", () -> createRole("no spaces please", null));
        CreateRoleRequest noTrust = new CreateRoleRequest();
        noTrust.setRoleName("untrusting");
        assertSdkError("MissingParameter", () -> call(noTrust));
        CreateRoleRequest longSession = new CreateRoleRequest();
        longSession.setRoleName("long-session");
        longSession.setAssumeRolePolicyDocument(ECS_TRUST);
        longSession.setMaxSessionDuration(7200L);
        assertSdkError("InvalidParameter", () -> call(longSession));
        assertEquals(1, call(new ListRolesRequest()).getRoles().size());

        GetRoleRequest get = new GetRoleRequest();
        get.setRoleName("ghost");
        assertSdkError("EntityNotExist.Role", () -> call(get));
        assertError(getSigned(ramRequest("GetRole", Map.of("RoleName", "ghost"))), 404, "EntityNotExist.Role");
        assertSdkError("EntityNotExist.Role", () -> call(attach("System", "AliyunECSDiskEncryptRolePolicy", "ghost")));
        assertSdkError("EntityNotExist.Policy", () -> call(attach("System", "NoSuchPolicy", ROLE)));
        assertSdkError("InvalidParameter.PolicyType", () -> call(attach("Managed", "AliyunECSDiskEncryptRolePolicy",
                ROLE)));
        ListPoliciesForRoleRequest list = new ListPoliciesForRoleRequest();
        list.setRoleName(ROLE);
        assertEquals(0, call(list).getPolicies().size());
        assertFalse(simulator.ram().ecsMayUseCustomerKeys(simulator.accounts().rootAccountId()));
    }

    /** RAM is global: a request without RegionId is served; a RegionId, if sent, must still exist. */
    @Test
    void regionIdIsOptional() throws Exception {
        Map<String, String> params = ramRequest("ListRoles", Map.of());
        params.remove("RegionId");
        RawResponse r = getSigned(params);
        assertEquals(200, r.status(), () -> r.body().toString());
        assertTrue(r.body().path("Roles").path("Role").isArray(), r.body()::toString);
        assertFalse(r.body().path("IsTruncated").asBoolean(true));

        Map<String, String> unknown = ramRequest("ListRoles", Map.of("RegionId", "mars-north-1"));
        assertError(getSigned(unknown), 404, "InvalidRegionId.NotFound");
    }

    CreateRoleResponse.Role createRole(String name, String description) throws ClientException {
        CreateRoleRequest request = new CreateRoleRequest();
        request.setRoleName(name);
        request.setAssumeRolePolicyDocument(ECS_TRUST);
        if (description != null) {
            request.setDescription(description);
        }
        return call(request).getRole();
    }

    static AttachPolicyToRoleRequest attach(String type, String policy, String role) {
        AttachPolicyToRoleRequest request = new AttachPolicyToRoleRequest();
        request.setPolicyType(type);
        request.setPolicyName(policy);
        request.setRoleName(role);
        return request;
    }

    static Map<String, String> ramRequest(String action, Map<String, String> params) {
        Map<String, String> p = rpcRequest(RAM_VERSION, action);
        p.putAll(params);
        return p;
    }
}
