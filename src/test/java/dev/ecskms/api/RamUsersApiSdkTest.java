package dev.ecskms.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aliyuncs.IAcsClient;
import com.aliyuncs.exceptions.ClientException;
import com.aliyuncs.kms.model.v20160120.ListKeysRequest;
import com.aliyuncs.ram.model.v20150501.AddUserToGroupRequest;
import com.aliyuncs.ram.model.v20150501.AttachPolicyToGroupRequest;
import com.aliyuncs.ram.model.v20150501.AttachPolicyToUserRequest;
import com.aliyuncs.ram.model.v20150501.CreateAccessKeyRequest;
import com.aliyuncs.ram.model.v20150501.CreateAccessKeyResponse;
import com.aliyuncs.ram.model.v20150501.CreateGroupRequest;
import com.aliyuncs.ram.model.v20150501.CreatePolicyRequest;
import com.aliyuncs.ram.model.v20150501.CreatePolicyResponse;
import com.aliyuncs.ram.model.v20150501.CreatePolicyVersionRequest;
import com.aliyuncs.ram.model.v20150501.CreateUserRequest;
import com.aliyuncs.ram.model.v20150501.CreateUserResponse;
import com.aliyuncs.ram.model.v20150501.DeleteAccessKeyRequest;
import com.aliyuncs.ram.model.v20150501.DeleteGroupRequest;
import com.aliyuncs.ram.model.v20150501.DeletePolicyRequest;
import com.aliyuncs.ram.model.v20150501.DeletePolicyVersionRequest;
import com.aliyuncs.ram.model.v20150501.DeleteUserRequest;
import com.aliyuncs.ram.model.v20150501.DetachPolicyFromGroupRequest;
import com.aliyuncs.ram.model.v20150501.DetachPolicyFromUserRequest;
import com.aliyuncs.ram.model.v20150501.GetGroupRequest;
import com.aliyuncs.ram.model.v20150501.GetPolicyRequest;
import com.aliyuncs.ram.model.v20150501.GetPolicyResponse;
import com.aliyuncs.ram.model.v20150501.GetPolicyVersionRequest;
import com.aliyuncs.ram.model.v20150501.GetUserRequest;
import com.aliyuncs.ram.model.v20150501.GetUserResponse;
import com.aliyuncs.ram.model.v20150501.ListAccessKeysRequest;
import com.aliyuncs.ram.model.v20150501.ListAccessKeysResponse;
import com.aliyuncs.ram.model.v20150501.ListEntitiesForPolicyRequest;
import com.aliyuncs.ram.model.v20150501.ListEntitiesForPolicyResponse;
import com.aliyuncs.ram.model.v20150501.ListGroupsForUserRequest;
import com.aliyuncs.ram.model.v20150501.ListGroupsRequest;
import com.aliyuncs.ram.model.v20150501.ListPoliciesForGroupRequest;
import com.aliyuncs.ram.model.v20150501.ListPoliciesForUserRequest;
import com.aliyuncs.ram.model.v20150501.ListPoliciesForUserResponse;
import com.aliyuncs.ram.model.v20150501.ListPoliciesRequest;
import com.aliyuncs.ram.model.v20150501.ListPoliciesResponse;
import com.aliyuncs.ram.model.v20150501.ListPolicyVersionsRequest;
import com.aliyuncs.ram.model.v20150501.ListUsersForGroupRequest;
import com.aliyuncs.ram.model.v20150501.ListUsersRequest;
import com.aliyuncs.ram.model.v20150501.ListUsersResponse;
import com.aliyuncs.ram.model.v20150501.RemoveUserFromGroupRequest;
import com.aliyuncs.ram.model.v20150501.SetDefaultPolicyVersionRequest;
import com.aliyuncs.ram.model.v20150501.UpdateAccessKeyRequest;
import com.aliyuncs.ram.model.v20150501.UpdateGroupRequest;
import com.aliyuncs.ram.model.v20150501.UpdateUserRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * RAM users, groups, AccessKeys and policies driven by the older official SDK (aliyun-java-sdk-ram 3.3.1): the whole
 * life cycle user → AccessKey → policy → attachment, and a request signed with the new user's key.
 */
class RamUsersApiSdkTest extends ApiTestBase {
    private static final Pattern ISO_SECONDS = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
    static final String ONLY_ENCRYPTED = "{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":"
            + "[\"ecs:CreateDisk\",\"ecs:RunInstances\"],\"Resource\":\"*\",\"Condition\":{\"Bool\":"
            + "{\"ecs:IsDiskEncrypted\":[\"false\"]}}}]}";
    static final String ALLOW_ECS = "{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"ecs:*\","
            + "\"Resource\":\"*\"}]}";

    @Test
    void userAccessKeyPolicyAttachmentLifeCycle() throws Exception {
        CreateUserRequest createUser = new CreateUserRequest();
        createUser.setUserName("alice");
        createUser.setDisplayName("Alice");
        createUser.setComments("disk admin");
        CreateUserResponse.User alice = call(createUser).getUser();
        assertEquals("alice", alice.getUserName());
        assertEquals("Alice", alice.getDisplayName());
        assertEquals("disk admin", alice.getComments());
        assertTrue(ISO_SECONDS.matcher(alice.getCreateDate()).matches(), alice.getCreateDate());
        assertSdkError("EntityAlreadyExists.User", () -> call(createUser));

        GetUserRequest getUser = new GetUserRequest();
        getUser.setUserName("alice");
        GetUserResponse.User got = call(getUser).getUser();
        assertEquals(alice.getUserId(), got.getUserId());
        assertNull(got.getLastLoginDate(), "never signed in to the console");

        CreateAccessKeyRequest createKey = new CreateAccessKeyRequest();
        createKey.setUserName("alice");
        CreateAccessKeyResponse.AccessKey key = call(createKey).getAccessKey();
        assertTrue(key.getAccessKeyId().startsWith("LTAI"), key.getAccessKeyId());
        assertEquals(30, key.getAccessKeySecret().length());
        assertEquals("Active", key.getStatus());
        assertTrue(ISO_SECONDS.matcher(key.getCreateDate()).matches(), key.getCreateDate());
        call(createKey);
        assertSdkError("LimitExceeded.User.AccessKey", () -> call(createKey));
        ListAccessKeysRequest listKeys = new ListAccessKeysRequest();
        listKeys.setUserName("alice");
        List<ListAccessKeysResponse.AccessKey> keys = call(listKeys).getAccessKeys();
        assertEquals(2, keys.size());
        assertTrue(keys.stream().anyMatch(k -> k.getAccessKeyId().equals(key.getAccessKeyId())
                && k.getStatus().equals("Active")));

        CreatePolicyRequest createPolicy = new CreatePolicyRequest();
        createPolicy.setPolicyName("only-encrypted-disks");
        createPolicy.setPolicyDocument(ONLY_ENCRYPTED);
        createPolicy.setDescription("plain disks refused");
        CreatePolicyResponse.Policy policy = call(createPolicy).getPolicy();
        assertEquals("Custom", policy.getPolicyType());
        assertEquals("v1", policy.getDefaultVersion());
        assertEquals("plain disks refused", policy.getDescription());
        assertSdkError("EntityAlreadyExists.Policy", () -> call(createPolicy));

        call(attachToUser("Custom", "only-encrypted-disks", "alice"));
        call(attachToUser("System", "AliyunECSFullAccess", "alice"));
        assertSdkError("EntityAlreadyExists.User.Policy", () -> call(attachToUser("Custom", "only-encrypted-disks",
                "alice")));
        assertSdkError("EntityNotExist.Policy", () -> call(attachToUser("Custom", "no-such-policy", "alice")));
        assertSdkError("EntityNotExist.User", () -> call(attachToUser("System", "AliyunECSFullAccess", "bob")));
        ListPoliciesForUserRequest forUser = new ListPoliciesForUserRequest();
        forUser.setUserName("alice");
        List<ListPoliciesForUserResponse.Policy> attached = call(forUser).getPolicies();
        assertEquals(List.of("AliyunECSFullAccess", "only-encrypted-disks"), attached.stream()
                .map(ListPoliciesForUserResponse.Policy::getPolicyName).sorted().toList());
        ListPoliciesForUserResponse.Policy custom = attached.stream()
                .filter(p -> p.getPolicyType().equals("Custom")).findFirst().orElseThrow();
        assertEquals("plain disks refused", custom.getDescription());
        assertEquals("v1", custom.getDefaultVersion());
        assertTrue(ISO_SECONDS.matcher(custom.getAttachDate()).matches(), custom.getAttachDate());

        GetPolicyRequest getPolicy = new GetPolicyRequest();
        getPolicy.setPolicyType("Custom");
        getPolicy.setPolicyName("only-encrypted-disks");
        GetPolicyResponse detail = call(getPolicy);
        assertEquals(ONLY_ENCRYPTED, detail.getPolicy().getPolicyDocument());
        assertEquals(1, detail.getPolicy().getAttachmentCount());
        assertEquals("v1", detail.getDefaultPolicyVersion().getVersionId());
        assertTrue(detail.getDefaultPolicyVersion().getIsDefaultVersion());
        assertEquals(ONLY_ENCRYPTED, detail.getDefaultPolicyVersion().getPolicyDocument());

        ListEntitiesForPolicyRequest entities = new ListEntitiesForPolicyRequest();
        entities.setPolicyType("Custom");
        entities.setPolicyName("only-encrypted-disks");
        ListEntitiesForPolicyResponse who = call(entities);
        assertEquals(1, who.getUsers().size());
        assertEquals("alice", who.getUsers().get(0).getUserName());
        assertEquals(alice.getUserId(), who.getUsers().get(0).getUserId());
        assertTrue(who.getGroups().isEmpty());
        assertTrue(who.getRoles().isEmpty());

        // the way back: nothing may be deleted while something still depends on it
        DeleteUserRequest deleteUser = new DeleteUserRequest();
        deleteUser.setUserName("alice");
        assertSdkError("DeleteConflict.User.AccessKey", () -> call(deleteUser));
        for (ListAccessKeysResponse.AccessKey k : keys) {
            DeleteAccessKeyRequest delete = new DeleteAccessKeyRequest();
            delete.setUserName("alice");
            delete.setUserAccessKeyId(k.getAccessKeyId());
            call(delete);
            assertSdkError("EntityNotExist.User.AccessKey", () -> call(delete));
        }
        assertSdkError("DeleteConflict.User.Policy", () -> call(deleteUser));
        DeletePolicyRequest deletePolicy = new DeletePolicyRequest();
        deletePolicy.setPolicyName("only-encrypted-disks");
        assertSdkError("DeleteConflict.Policy.User", () -> call(deletePolicy));
        call(detachFromUser("Custom", "only-encrypted-disks", "alice"));
        call(detachFromUser("System", "AliyunECSFullAccess", "alice"));
        assertSdkError("EntityNotExist.User.Policy", () -> call(detachFromUser("System", "AliyunECSFullAccess",
                "alice")));
        call(deletePolicy);
        call(deleteUser);
        assertSdkError("EntityNotExist.User", () -> call(getUser));
        assertSdkError("EntityNotExist.Policy", () -> call(getPolicy));
    }

    @Test
    void groupsTheirMembersAndPolicies() throws Exception {
        createUser("alice");
        createUser("bob");
        CreateGroupRequest createGroup = new CreateGroupRequest();
        createGroup.setGroupName("disk-admins");
        createGroup.setComments("may make encrypted disks");
        assertEquals("disk-admins", call(createGroup).getGroup().getGroupName());
        assertSdkError("EntityAlreadyExists.Group", () -> call(createGroup));
        for (String user : List.of("alice", "bob")) {
            AddUserToGroupRequest add = new AddUserToGroupRequest();
            add.setUserName(user);
            add.setGroupName("disk-admins");
            call(add);
        }
        AddUserToGroupRequest again = new AddUserToGroupRequest();
        again.setUserName("alice");
        again.setGroupName("disk-admins");
        assertSdkError("EntityAlreadyExists.User.Group", () -> call(again));

        ListUsersForGroupRequest members = new ListUsersForGroupRequest();
        members.setGroupName("disk-admins");
        assertEquals(List.of("alice", "bob"), call(members).getUsers().stream().map(u -> u.getUserName()).sorted()
                .toList());
        assertTrue(call(members).getUsers().stream().allMatch(u -> ISO_SECONDS.matcher(u.getJoinDate()).matches()));
        ListGroupsForUserRequest groupsOfAlice = new ListGroupsForUserRequest();
        groupsOfAlice.setUserName("alice");
        assertEquals(List.of("disk-admins"), call(groupsOfAlice).getGroups().stream().map(g -> g.getGroupName())
                .toList());
        assertTrue(ISO_SECONDS.matcher(call(groupsOfAlice).getGroups().get(0).getJoinDate()).matches());

        AttachPolicyToGroupRequest attach = new AttachPolicyToGroupRequest();
        attach.setPolicyType("System");
        attach.setPolicyName("AliyunKMSReadOnlyAccess");
        attach.setGroupName("disk-admins");
        call(attach);
        assertSdkError("EntityAlreadyExists.Group.Policy", () -> call(attach));
        ListPoliciesForGroupRequest forGroup = new ListPoliciesForGroupRequest();
        forGroup.setGroupName("disk-admins");
        assertEquals("AliyunKMSReadOnlyAccess", call(forGroup).getPolicies().get(0).getPolicyName());
        ListEntitiesForPolicyRequest entities = new ListEntitiesForPolicyRequest();
        entities.setPolicyType("System");
        entities.setPolicyName("AliyunKMSReadOnlyAccess");
        ListEntitiesForPolicyResponse who = call(entities);
        assertEquals("disk-admins", who.getGroups().get(0).getGroupName());
        assertEquals("may make encrypted disks", who.getGroups().get(0).getComments());

        UpdateGroupRequest rename = new UpdateGroupRequest();
        rename.setGroupName("disk-admins");
        rename.setNewGroupName("disk-operators");
        assertEquals("disk-operators", call(rename).getGroup().getGroupName());
        GetGroupRequest get = new GetGroupRequest();
        get.setGroupName("disk-admins");
        assertSdkError("EntityNotExist.Group", () -> call(get));
        assertEquals(1, call(new ListGroupsRequest()).getGroups().size());

        DeleteGroupRequest delete = new DeleteGroupRequest();
        delete.setGroupName("disk-operators");
        assertSdkError("DeleteConflict.Group.User", () -> call(delete));
        for (String user : List.of("alice", "bob")) {
            RemoveUserFromGroupRequest remove = new RemoveUserFromGroupRequest();
            remove.setUserName(user);
            remove.setGroupName("disk-operators");
            call(remove);
        }
        assertSdkError("DeleteConflict.Group.Policy", () -> call(delete));
        DetachPolicyFromGroupRequest detach = new DetachPolicyFromGroupRequest();
        detach.setPolicyType("System");
        detach.setPolicyName("AliyunKMSReadOnlyAccess");
        detach.setGroupName("disk-operators");
        call(detach);
        call(delete);
        assertEquals(0, call(new ListGroupsRequest()).getGroups().size());
    }

    @Test
    void policyVersionsAndListings() throws Exception {
        CreatePolicyRequest create = new CreatePolicyRequest();
        create.setPolicyName("ecs-work");
        create.setPolicyDocument(ALLOW_ECS);
        call(create);
        CreatePolicyVersionRequest version = new CreatePolicyVersionRequest();
        version.setPolicyName("ecs-work");
        version.setPolicyDocument(ONLY_ENCRYPTED);
        version.setSetAsDefault(true);
        assertEquals("v2", call(version).getPolicyVersion().getVersionId());
        version.setSetAsDefault(false);
        for (int i = 3; i <= 5; i++) {
            call(version);
        }
        assertSdkError("LimitExceeded.Policy.Version", () -> call(version));
        version.setRotateStrategy("DeleteOldestNonDefaultVersionWhenLimitExceeded");
        assertEquals("v6", call(version).getPolicyVersion().getVersionId());
        ListPolicyVersionsRequest versions = new ListPolicyVersionsRequest();
        versions.setPolicyType("Custom");
        versions.setPolicyName("ecs-work");
        assertEquals(List.of("v2", "v3", "v4", "v5", "v6"), call(versions).getPolicyVersions().stream()
                .map(v -> v.getVersionId()).toList(), "v1, the oldest non-default version, rotated out");

        SetDefaultPolicyVersionRequest setDefault = new SetDefaultPolicyVersionRequest();
        setDefault.setPolicyName("ecs-work");
        setDefault.setVersionId("v6");
        call(setDefault);
        GetPolicyVersionRequest getVersion = new GetPolicyVersionRequest();
        getVersion.setPolicyType("Custom");
        getVersion.setPolicyName("ecs-work");
        getVersion.setVersionId("v6");
        assertTrue(call(getVersion).getPolicyVersion().getIsDefaultVersion());
        DeletePolicyVersionRequest deleteDefault = new DeletePolicyVersionRequest();
        deleteDefault.setPolicyName("ecs-work");
        deleteDefault.setVersionId("v6");
        assertSdkError("DeleteConflict.Policy.Version.Default", () -> call(deleteDefault));

        ListPoliciesRequest customOnly = new ListPoliciesRequest();
        customOnly.setPolicyType("Custom");
        List<ListPoliciesResponse.Policy> custom = call(customOnly).getPolicies();
        assertEquals(List.of("ecs-work"), custom.stream().map(ListPoliciesResponse.Policy::getPolicyName).toList());
        assertEquals("v6", custom.get(0).getDefaultVersion());
        ListPoliciesRequest systemOnly = new ListPoliciesRequest();
        systemOnly.setPolicyType("System");
        List<String> system = call(systemOnly).getPolicies().stream().map(ListPoliciesResponse.Policy::getPolicyName)
                .toList();
        assertTrue(system.containsAll(List.of("AdministratorAccess", "AliyunKMSReadOnlyAccess",
                "AliyunECSDiskEncryptRolePolicy")), system::toString);
        ListPoliciesRequest badType = new ListPoliciesRequest();
        badType.setPolicyType("Managed");
        assertSdkError("InvalidParameter.PolicyType", () -> call(badType));
        CreatePolicyRequest malformed = new CreatePolicyRequest();
        malformed.setPolicyName("broken");
        malformed.setPolicyDocument("{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Maybe\",\"Action\":\"*\"}]}");
        assertSdkError("MalformedPolicyDocument", () -> call(malformed));
    }

    /** ListUsers pages with Marker and MaxItems, as ListRoles does. */
    @Test
    void listUsersPagesWithMarkers() throws Exception {
        for (String name : List.of("u1", "u2", "u3", "u4", "u5")) {
            createUser(name);
        }
        List<String> seen = new ArrayList<>();
        String marker = null;
        int pages = 0;
        do {
            ListUsersRequest request = new ListUsersRequest();
            request.setMaxItems(2);
            request.setMarker(marker);
            ListUsersResponse page = call(request);
            page.getUsers().forEach(u -> seen.add(u.getUserName()));
            marker = page.getIsTruncated() ? page.getMarker() : null;
            pages++;
        } while (marker != null);
        assertEquals(3, pages);
        assertEquals(List.of("u1", "u2", "u3", "u4", "u5"), seen.stream().sorted().toList());
        ListUsersResponse all = call(new ListUsersRequest());
        assertFalse(all.getIsTruncated());
        assertEquals(5, all.getUsers().size());
        assertTrue(ISO_SECONDS.matcher(all.getUsers().get(0).getUpdateDate()).matches());

        UpdateUserRequest update = new UpdateUserRequest();
        update.setUserName("u1");
        update.setNewUserName("u1-renamed");
        update.setNewDisplayName("Renamed");
        assertEquals("u1-renamed", call(update).getUser().getUserName());
        assertSdkError("EntityNotExist.User", () -> call(update));
        CreateUserRequest bad = new CreateUserRequest();
        bad.setUserName("no spaces");
        assertSdkError("InvalidParameter.UserName.InvalidChars", () -> call(bad));
        assertError(getSigned(RamApiSdkTest.ramRequest("GetUser", Map.of("UserName", "ghost"))), 404,
                "EntityNotExist.User");
        assertError(getSigned(RamApiSdkTest.ramRequest("CreateUser", Map.of("UserName", "u2"))), 409,
                "EntityAlreadyExists.User");
    }

    /**
     * A request signed with a RAM user's AccessKey is authenticated as that user; an Inactive key is refused as the
     * real gateway refuses it, a reactivated one accepted again, a deleted one unknown. (Whether the user may do
     * the action is the access guard's: the user holds AliyunKMSReadOnlyAccess so that ListKeys is allowed.)
     */
    @Test
    void aRequestSignedWithAUsersKeyAuthenticatesWhileTheKeyIsActive() throws Exception {
        createUser("reader");
        call(attachToUser("System", "AliyunKMSReadOnlyAccess", "reader"));
        CreateAccessKeyRequest createKey = new CreateAccessKeyRequest();
        createKey.setUserName("reader");
        CreateAccessKeyResponse.AccessKey key = call(createKey).getAccessKey();
        IAcsClient reader = client(key.getAccessKeyId(), key.getAccessKeySecret());
        try {
            call(reader, new ListKeysRequest());

            UpdateAccessKeyRequest deactivate = new UpdateAccessKeyRequest();
            deactivate.setUserName("reader");
            deactivate.setUserAccessKeyId(key.getAccessKeyId());
            deactivate.setStatus("Inactive");
            call(deactivate);
            ListAccessKeysRequest list = new ListAccessKeysRequest();
            list.setUserName("reader");
            assertEquals("Inactive", call(list).getAccessKeys().get(0).getStatus());
            assertSdkError("InvalidAccessKeyId.Inactive", () -> call(reader, new ListKeysRequest()));

            UpdateAccessKeyRequest reactivate = new UpdateAccessKeyRequest();
            reactivate.setUserName("reader");
            reactivate.setUserAccessKeyId(key.getAccessKeyId());
            reactivate.setStatus("Active");
            call(reactivate);
            call(reader, new ListKeysRequest());

            DeleteAccessKeyRequest delete = new DeleteAccessKeyRequest();
            delete.setUserName("reader");
            delete.setUserAccessKeyId(key.getAccessKeyId());
            call(delete);
            assertSdkError("InvalidAccessKeyId.NotFound", () -> call(reader, new ListKeysRequest()));
        } finally {
            reader.shutdown();
        }
    }

    /**
     * On the wire, as the real gateway and RAM answer: the shapes the SDKs read, and the HTTP status of each refusal
     * (400 for a disabled key, 404 for an unknown one, 409 for a conflict).
     */
    @Test
    void shapesAndStatusesOnTheWire() throws Exception {
        RawResponse user = raw(RAM_VERSION, "CreateUser", Map.of("UserName", "carol", "DisplayName", "Carol"));
        assertEquals(200, user.status(), user.body()::toString);
        assertEquals("carol", user.body().path("User").path("UserName").asText());
        assertTrue(user.body().path("User").path("UserId").asText().matches("\\d{16}"), user.body()::toString);
        RawResponse key = raw(RAM_VERSION, "CreateAccessKey", Map.of("UserName", "carol"));
        String id = key.body().path("AccessKey").path("AccessKeyId").asText();
        String secret = key.body().path("AccessKey").path("AccessKeySecret").asText();
        assertEquals("Active", key.body().path("AccessKey").path("Status").asText());
        RawResponse listed = raw(RAM_VERSION, "ListAccessKeys", Map.of("UserName", "carol"));
        assertEquals(id, listed.body().path("AccessKeys").path("AccessKey").path(0).path("AccessKeyId").asText());
        assertTrue(listed.body().path("AccessKeys").path("AccessKey").path(0).path("AccessKeySecret").isMissingNode(),
                "the secret is shown once, by CreateAccessKey");
        RawResponse groups = raw(RAM_VERSION, "ListGroupsForUser", Map.of("UserName", "carol"));
        assertTrue(groups.body().path("Groups").path("Group").isArray(), groups.body()::toString);
        RawResponse entities = raw(RAM_VERSION, "ListEntitiesForPolicy", Map.of("PolicyType", "System",
                "PolicyName", "AdministratorAccess"));
        for (String list : List.of("Users/User", "Groups/Group", "Roles/Role")) {
            String[] path = list.split("/");
            assertTrue(entities.body().path(path[0]).path(path[1]).isArray(), entities.body()::toString);
        }
        RawResponse policy = raw(RAM_VERSION, "GetPolicy", Map.of("PolicyType", "System",
                "PolicyName", "AliyunKMSReadOnlyAccess"));
        assertEquals("System", policy.body().path("Policy").path("PolicyType").asText());
        assertTrue(policy.body().path("Policy").path("PolicyDocument").asText().contains("kms:"));
        assertTrue(policy.body().path("DefaultPolicyVersion").path("IsDefaultVersion").asBoolean());

        assertError(raw(RAM_VERSION, "CreateAccessKey", Map.of("UserName", "ghost")), 404, "EntityNotExist.User");
        raw(RAM_VERSION, "CreateAccessKey", Map.of("UserName", "carol"));
        assertError(raw(RAM_VERSION, "CreateAccessKey", Map.of("UserName", "carol")), 409,
                "LimitExceeded.User.AccessKey");
        assertError(raw(RAM_VERSION, "DeleteUser", Map.of("UserName", "carol")), 409,
                "DeleteConflict.User.AccessKey");
        assertError(raw(RAM_VERSION, "UpdateAccessKey", Map.of("UserName", "carol", "UserAccessKeyId", id,
                "Status", "Paused")), 400, "InvalidParameter");
        assertError(raw(RAM_VERSION, "CreatePolicy", Map.of("PolicyName", "bad", "PolicyDocument", "{")), 400,
                "MalformedPolicyDocument");

        assertEquals(200, raw(RAM_VERSION, "UpdateAccessKey", Map.of("UserName", "carol", "UserAccessKeyId", id,
                "Status", "Inactive")).status());
        Map<String, String> asCarol = rpcRequest(KMS_VERSION, "ListKeys");
        asCarol.put("AccessKeyId", id);
        assertError(get(signed("GET", asCarol, secret)), 400, "InvalidAccessKeyId.Inactive");
        raw(RAM_VERSION, "DeleteAccessKey", Map.of("UserName", "carol", "UserAccessKeyId", id));
        Map<String, String> again = rpcRequest(KMS_VERSION, "ListKeys");
        again.put("AccessKeyId", id);
        assertError(get(signed("GET", again, secret)), 404, "InvalidAccessKeyId.NotFound");
    }

    private static AttachPolicyToUserRequest attachToUser(String type, String policy, String user) {
        AttachPolicyToUserRequest request = new AttachPolicyToUserRequest();
        request.setPolicyType(type);
        request.setPolicyName(policy);
        request.setUserName(user);
        return request;
    }

    private static DetachPolicyFromUserRequest detachFromUser(String type, String policy, String user) {
        DetachPolicyFromUserRequest request = new DetachPolicyFromUserRequest();
        request.setPolicyType(type);
        request.setPolicyName(policy);
        request.setUserName(user);
        return request;
    }

    private void createUser(String name) throws ClientException {
        CreateUserRequest request = new CreateUserRequest();
        request.setUserName(name);
        call(request);
    }
}
