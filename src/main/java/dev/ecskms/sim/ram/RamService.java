package dev.ecskms.sim.ram;

import dev.ecskms.sim.common.CallContext;
import java.util.List;
import java.util.Set;

/**
 * RAM 2015-05-01: roles and the policies attached to them — today what ECS needs to use customer master keys: the
 * service role {@value #ECS_DISK_ENCRYPTION_ROLE} trusting ecs.aliyuncs.com with {@value #ECS_DISK_ENCRYPTION_POLICY}.
 * The console and the API endpoint both call this interface.
 */
public interface RamService {
    String ECS_DISK_ENCRYPTION_ROLE = "AliyunECSDiskEncryptDefaultRole";
    String ECS_DISK_ENCRYPTION_POLICY = "AliyunECSDiskEncryptRolePolicy";
    String ECS_SERVICE_PRINCIPAL = "ecs.aliyuncs.com";
    /** System policies the simulator knows; Custom policies come with a later issue. */
    Set<String> SYSTEM_POLICIES = Set.of(ECS_DISK_ENCRYPTION_POLICY, "AliyunKMSReadOnlyAccess",
            "AliyunKMSFullAccess", "AliyunECSFullAccess", "AliyunECSReadOnlyAccess", "AdministratorAccess");

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
}
