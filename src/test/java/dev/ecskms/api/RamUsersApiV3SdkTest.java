package dev.ecskms.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aliyun.ram20150501.Client;
import com.aliyun.ram20150501.models.AddUserToGroupRequest;
import com.aliyun.ram20150501.models.AttachPolicyToGroupRequest;
import com.aliyun.ram20150501.models.AttachPolicyToUserRequest;
import com.aliyun.ram20150501.models.CreateAccessKeyRequest;
import com.aliyun.ram20150501.models.CreateAccessKeyResponseBody;
import com.aliyun.ram20150501.models.CreateGroupRequest;
import com.aliyun.ram20150501.models.CreatePolicyRequest;
import com.aliyun.ram20150501.models.CreateUserRequest;
import com.aliyun.ram20150501.models.DeleteAccessKeyRequest;
import com.aliyun.ram20150501.models.GetPolicyRequest;
import com.aliyun.ram20150501.models.GetPolicyResponseBody;
import com.aliyun.ram20150501.models.ListAccessKeysRequest;
import com.aliyun.ram20150501.models.ListEntitiesForPolicyRequest;
import com.aliyun.ram20150501.models.ListEntitiesForPolicyResponseBody;
import com.aliyun.ram20150501.models.ListUsersRequest;
import com.aliyun.ram20150501.models.UpdateAccessKeyRequest;
import com.aliyun.tea.TeaException;
import com.aliyun.teaopenapi.models.Config;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The same life cycle with the current SDK generation (com.aliyun:ram20150501 on tea-openapi), configured as a user
 * writes it: endpoint, protocol and credentials. Its user then signs RAM calls with its own new key.
 */
class RamUsersApiV3SdkTest extends ApiTestBase {

    Client ram(String accessKeyId, String secret) throws Exception {
        Config config = currentSdkConfig().setAccessKeyId(accessKeyId).setAccessKeySecret(secret);
        return new Client(config);
    }

    static TeaException assertTeaError(String code, Executable call) {
        TeaException e = assertThrows(TeaException.class, call);
        assertEquals(code, e.getCode(), e::getMessage);
        return e;
    }

    @Test
    void userKeyPolicyAndGroupLifeCycle() throws Exception {
        Client ram = ram(ACCESS_KEY_ID, ACCESS_KEY_SECRET);
        assertEquals("bob", ram.createUser(new CreateUserRequest().setUserName("bob").setDisplayName("Bob"))
                .getBody().getUser().getUserName());
        assertTeaError("EntityAlreadyExists.User", () -> ram.createUser(new CreateUserRequest().setUserName("bob")));
        ram.createGroup(new CreateGroupRequest().setGroupName("key-readers"));
        ram.addUserToGroup(new AddUserToGroupRequest().setUserName("bob").setGroupName("key-readers"));
        ram.attachPolicyToGroup(new AttachPolicyToGroupRequest().setPolicyType("System")
                .setPolicyName("AliyunRAMFullAccess").setGroupName("key-readers"));
        ram.createPolicy(new CreatePolicyRequest().setPolicyName("only-encrypted-disks")
                .setPolicyDocument(RamUsersApiSdkTest.ONLY_ENCRYPTED).setDescription("plain disks refused"));
        ram.attachPolicyToUser(new AttachPolicyToUserRequest().setPolicyType("Custom")
                .setPolicyName("only-encrypted-disks").setUserName("bob"));

        GetPolicyResponseBody policy = ram.getPolicy(new GetPolicyRequest().setPolicyType("Custom")
                .setPolicyName("only-encrypted-disks")).getBody();
        assertEquals("plain disks refused", policy.getPolicy().getDescription());
        assertEquals(RamUsersApiSdkTest.ONLY_ENCRYPTED, policy.getDefaultPolicyVersion().getPolicyDocument());
        assertEquals("v1", policy.getDefaultPolicyVersion().getVersionId());
        ListEntitiesForPolicyResponseBody entities = ram.listEntitiesForPolicy(new ListEntitiesForPolicyRequest()
                .setPolicyType("System").setPolicyName("AliyunRAMFullAccess")).getBody();
        assertEquals("key-readers", entities.getGroups().getGroup().get(0).getGroupName());
        assertTrue(entities.getUsers().getUser().isEmpty());

        CreateAccessKeyResponseBody.CreateAccessKeyResponseBodyAccessKey key = ram.createAccessKey(
                new CreateAccessKeyRequest().setUserName("bob")).getBody().getAccessKey();
        assertEquals("Active", key.getStatus());
        Client asBob = ram(key.getAccessKeyId(), key.getAccessKeySecret());
        assertEquals(List.of("bob"), asBob.listUsers(new ListUsersRequest()).getBody().getUsers().getUser().stream()
                .map(u -> u.getUserName()).toList());
        // UserName left out: the calling RAM user's own keys, as the real API does
        assertEquals(key.getAccessKeyId(), asBob.listAccessKeys(new ListAccessKeysRequest()).getBody()
                .getAccessKeys().getAccessKey().get(0).getAccessKeyId());

        ram.updateAccessKey(new UpdateAccessKeyRequest().setUserName("bob").setUserAccessKeyId(key.getAccessKeyId())
                .setStatus("Inactive"));
        assertTeaError("InvalidAccessKeyId.Inactive", () -> asBob.listUsers(new ListUsersRequest()));
        ram.updateAccessKey(new UpdateAccessKeyRequest().setUserName("bob").setUserAccessKeyId(key.getAccessKeyId())
                .setStatus("Active"));
        asBob.listUsers(new ListUsersRequest());
        ram.deleteAccessKey(new DeleteAccessKeyRequest().setUserName("bob").setUserAccessKeyId(key.getAccessKeyId()));
        assertTeaError("InvalidAccessKeyId.NotFound", () -> asBob.listUsers(new ListUsersRequest()));
        assertTeaError("EntityNotExist.User.AccessKey", () -> ram.deleteAccessKey(new DeleteAccessKeyRequest()
                .setUserName("bob").setUserAccessKeyId(key.getAccessKeyId())));
    }
}
