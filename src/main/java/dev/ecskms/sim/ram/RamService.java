package dev.ecskms.sim.ram;

import dev.ecskms.sim.common.CallContext;
import dev.ecskms.sim.ram.policy.PolicyDocument;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * RAM 2015-05-01: users, groups, their AccessKeys, custom and system policies, roles and the attachments between
 * them — among them what ECS needs to use customer master keys: the service role {@value #ECS_DISK_ENCRYPTION_ROLE}
 * trusting ecs.aliyuncs.com with {@value #ECS_DISK_ENCRYPTION_POLICY}. The console and the API endpoint both call
 * this interface. {@code policyType} is {@code System} or {@code Custom} throughout, as in the API.
 *
 * <p>Users, groups, AccessKeys of users, policies and attachments follow RAM's names, limits and error codes (see
 * {@code LocalRamService}); the access guard asks {@link #findUser} and {@link #policiesInForce} on every request of a
 * RAM user.
 */
public interface RamService {
    String ECS_DISK_ENCRYPTION_ROLE = "AliyunECSDiskEncryptDefaultRole";
    String ECS_DISK_ENCRYPTION_POLICY = "AliyunECSDiskEncryptRolePolicy";
    String ECS_SERVICE_PRINCIPAL = "ecs.aliyuncs.com";
    /** The system policies the simulator knows (their documents: the policy package's system policies). */
    Set<String> SYSTEM_POLICIES = Set.of(ECS_DISK_ENCRYPTION_POLICY, "AliyunKMSReadOnlyAccess",
            "AliyunKMSFullAccess", "AliyunECSFullAccess", "AliyunECSReadOnlyAccess", "AdministratorAccess",
            "AliyunRAMFullAccess", "AliyunOOSFullAccess");

    Role createRole(CallContext ctx, String roleName, String assumeRolePolicyDocument, String description);

    Role getRole(CallContext ctx, String roleName);

    List<Role> listRoles(CallContext ctx);

    void attachPolicyToRole(CallContext ctx, String policyType, String policyName, String roleName);

    List<AttachedPolicy> listPoliciesForRole(CallContext ctx, String roleName);

    /**
     * Whether ECS may use this account's customer master keys: the service role exists, trusts ECS, and has the
     * disk-encryption policy attached.
     */
    boolean ecsMayUseCustomerKeys(String accountId);

    /** The console's one-click "Authorize": creates the service role and attaches its policy where missing. */
    Role authorizeEcsDiskEncryption(CallContext ctx);

    static String ecsTrustPolicy() {
        return "{\"Statement\":[{\"Action\":\"sts:AssumeRole\",\"Effect\":\"Allow\",\"Principal\":{\"Service\":[\""
                + ECS_SERVICE_PRINCIPAL + "\"]}}],\"Version\":\"1\"}";
    }

    // ------------------------------------------------------------------ users

    User createUser(CallContext ctx, String userName, String displayName, String comments);

    User getUser(CallContext ctx, String userName);

    /** UpdateUser: each {@code new…} value null to keep the current one. */
    User updateUser(CallContext ctx, String userName, String newUserName, String newDisplayName, String newComments);

    List<User> listUsers(CallContext ctx);

    /** Refused (DeleteConflict.User.*) while the user still has AccessKeys, policies or groups, as the real RAM. */
    void deleteUser(CallContext ctx, String userName);

    // ------------------------------------------------------------------ groups

    Group createGroup(CallContext ctx, String groupName, String comments);

    Group getGroup(CallContext ctx, String groupName);

    Group updateGroup(CallContext ctx, String groupName, String newGroupName, String newComments);

    List<Group> listGroups(CallContext ctx);

    void deleteGroup(CallContext ctx, String groupName);

    void addUserToGroup(CallContext ctx, String userName, String groupName);

    void removeUserFromGroup(CallContext ctx, String userName, String groupName);

    List<Group> listGroupsForUser(CallContext ctx, String userName);

    List<User> listUsersForGroup(CallContext ctx, String groupName);

    // ------------------------------------------------------------------ AccessKeys of users

    /** A new AccessKey of the user, Active; the only time its secret is returned. */
    AccessKey createAccessKey(CallContext ctx, String userName);

    List<AccessKeyInfo> listAccessKeys(CallContext ctx, String userName);

    /** {@code status} Active or Inactive; an Inactive key's signed requests are refused. */
    void updateAccessKey(CallContext ctx, String userName, String accessKeyId, String status);

    void deleteAccessKey(CallContext ctx, String userName, String accessKeyId);

    // ------------------------------------------------------------------ policies

    /** A Custom policy, version v1 its default; the document is validated by {@link PolicyDocument#parse}. */
    Policy createPolicy(CallContext ctx, String policyName, String policyDocument, String description);

    /** The policy and its default version (System or Custom). */
    PolicyDetail getPolicy(CallContext ctx, String policyType, String policyName);

    /** @param policyType System, Custom, or null for both */
    List<Policy> listPolicies(CallContext ctx, String policyType);

    /** Refused (DeleteConflict.Policy.*) while attached or while it has versions other than the default. */
    void deletePolicy(CallContext ctx, String policyName);

    PolicyVersion createPolicyVersion(CallContext ctx, String policyName, String policyDocument, boolean setAsDefault);

    /**
     * CreatePolicyVersion with its RotateStrategy: {@code None} refuses a sixth version (LimitExceeded.Policy.Version),
     * {@code DeleteOldestNonDefaultVersionWhenLimitExceeded} deletes the oldest non-default version to make room.
     */
    default PolicyVersion createPolicyVersion(CallContext ctx, String policyName, String policyDocument,
            boolean setAsDefault, String rotateStrategy) {
        if (rotateStrategy == null || rotateStrategy.isBlank() || rotateStrategy.equals("None")) {
            return createPolicyVersion(ctx, policyName, policyDocument, setAsDefault);
        }
        throw new UnsupportedOperationException("RotateStrategy " + rotateStrategy);
    }

    void setDefaultPolicyVersion(CallContext ctx, String policyName, String versionId);

    List<PolicyVersion> listPolicyVersions(CallContext ctx, String policyType, String policyName);

    PolicyVersion getPolicyVersion(CallContext ctx, String policyType, String policyName, String versionId);

    void deletePolicyVersion(CallContext ctx, String policyName, String versionId);

    /** A policy and its default version, as GetPolicy answers. */
    record PolicyDetail(Policy policy, PolicyVersion defaultVersion) {
    }

    // ------------------------------------------------------------------ attachments

    void attachPolicyToUser(CallContext ctx, String policyType, String policyName, String userName);

    void detachPolicyFromUser(CallContext ctx, String policyType, String policyName, String userName);

    void attachPolicyToGroup(CallContext ctx, String policyType, String policyName, String groupName);

    void detachPolicyFromGroup(CallContext ctx, String policyType, String policyName, String groupName);

    void detachPolicyFromRole(CallContext ctx, String policyType, String policyName, String roleName);

    List<AttachedPolicy> listPoliciesForUser(CallContext ctx, String userName);

    List<AttachedPolicy> listPoliciesForGroup(CallContext ctx, String groupName);

    List<PolicyAttachment> listEntitiesForPolicy(CallContext ctx, String policyType, String policyName);

    // ------------------------------------------------------------------ for the access guard (no RAM action)

    /** The user, if it exists in the account (the guard refuses a deleted user's context). */
    Optional<User> findUser(String accountId, String userName);

    /**
     * The documents in force for a RAM user: the default versions of the policies attached to the user and to each
     * of its groups. Empty for an unknown user.
     */
    List<PolicyDocument> policiesInForce(String accountId, String userName);
}
