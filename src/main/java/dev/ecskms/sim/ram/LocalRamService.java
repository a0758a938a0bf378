package dev.ecskms.sim.ram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.ecskms.sim.common.ApiException;
import dev.ecskms.sim.common.CallContext;
import dev.ecskms.sim.common.Text;
import dev.ecskms.sim.ram.policy.PolicyDocument;
import dev.ecskms.sim.store.Store;
import java.io.IOException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** RAM on the local store (see {@link RamService}). */
public final class LocalRamService implements RamService {
    private static final Pattern ROLE_NAME = Pattern.compile("[A-Za-z0-9.-]{1,64}");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper STRICT_JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
    /** The real limit of AssumeRolePolicyDocument (the column holds more). */
    static final int MAX_TRUST_POLICY_CHARS = 2048;
    static final int MAX_DESCRIPTION_CHARS = 1024;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Store store;
    private final Clock clock;

    public LocalRamService(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    public synchronized Role createRole(CallContext ctx, String roleName, String assumeRolePolicyDocument,
            String description) {
        String name = roleName(roleName);
        String document = trustPolicy(assumeRolePolicyDocument);
        String text = Text.requireWellFormed("Description", description == null ? "" : description);
        if (text.length() > MAX_DESCRIPTION_CHARS) {
            throw ApiException.invalid("Description", "it must be at most " + MAX_DESCRIPTION_CHARS
                    + " characters.");
        }
        return store.tx(c -> {
            if (findRole(c, ctx.accountId(), name).isPresent()) {
                throw new ApiException("EntityAlreadyExists.Role", 409,
                        "The role \"" + name + "\" already exists in this account.");
            }
            String roleId = Long.toString(300_000_000_000_000_000L + Math.floorMod(RANDOM.nextLong(), 99_999_999_999_999_999L));
            Store.update(c, "insert into ram_roles (account_id, role_name, role_id, assume_role_policy, description,"
                    + " created_ms) values (?, ?, ?, ?, ?, ?)", ctx.accountId(), name, roleId, document, text,
                    clock.millis());
            return findRole(c, ctx.accountId(), name).orElseThrow();
        });
    }

    @Override
    public Role getRole(CallContext ctx, String roleName) {
        String name = ApiException.required("RoleName", roleName);
        return store.tx(c -> findRole(c, ctx.accountId(), name)).orElseThrow(() -> roleNotFound(name));
    }

    @Override
    public List<Role> listRoles(CallContext ctx) {
        return store.query("select role_name, role_id, assume_role_policy, description, created_ms, account_id"
                + " from ram_roles where account_id = ? order by created_ms, role_name", LocalRamService::role,
                ctx.accountId());
    }

    @Override
    public synchronized void attachPolicyToRole(CallContext ctx, String policyType, String policyName,
            String roleName) {
        String type = ApiException.required("PolicyType", policyType);
        String policy = ApiException.required("PolicyName", policyName);
        String name = ApiException.required("RoleName", roleName);
        if (!type.equals("System")) {
            if (type.equals("Custom")) {
                throw new ApiException("EntityNotExist.Policy", 404, "The custom policy \"" + policy
                        + "\" does not exist. Custom policies are not simulated yet; attach a System policy.");
            }
            throw ApiException.invalid("PolicyType", "it must be System or Custom.");
        }
        if (!SYSTEM_POLICIES.contains(policy)) {
            throw new ApiException("EntityNotExist.Policy", 404, "The system policy \"" + policy + "\" does not exist.");
        }
        store.txRun(c -> {
            findRole(c, ctx.accountId(), name).orElseThrow(() -> roleNotFound(name));
            if (Store.queryOne(c, "select 1 from ram_role_policies where account_id = ? and role_name = ?"
                    + " and policy_type = ? and policy_name = ?", rs -> 1, ctx.accountId(), name, type, policy)
                    .isPresent()) {
                throw new ApiException("EntityAlreadyExists.Role.Policy", 409,
                        "The policy \"" + policy + "\" is already attached to role \"" + name + "\".");
            }
            Store.update(c, "insert into ram_role_policies (account_id, role_name, policy_type, policy_name,"
                    + " attached_ms) values (?, ?, ?, ?, ?)", ctx.accountId(), name, type, policy, clock.millis());
        });
    }

    @Override
    public List<AttachedPolicy> listPoliciesForRole(CallContext ctx, String roleName) {
        String name = ApiException.required("RoleName", roleName);
        return store.tx(c -> {
            findRole(c, ctx.accountId(), name).orElseThrow(() -> roleNotFound(name));
            return Store.query(c, "select policy_type, policy_name, attached_ms from ram_role_policies"
                    + " where account_id = ? and role_name = ? order by attached_ms", rs -> new AttachedPolicy(
                            rs.getString(1), rs.getString(2), Instant.ofEpochMilli(rs.getLong(3))),
                    ctx.accountId(), name);
        });
    }

    /**
     * Whether ECS may use this account's customer master keys: the service role exists, trusts ECS, and has the
     * disk-encryption policy attached.
     */
    @Override
    public boolean ecsMayUseCustomerKeys(String accountId) {
        return store.tx(c -> {
            Optional<Role> role = findRole(c, accountId, ECS_DISK_ENCRYPTION_ROLE);
            return role.isPresent() && trusts(role.get().assumeRolePolicyDocument(), ECS_SERVICE_PRINCIPAL)
                    && Store.queryOne(c, "select 1 from ram_role_policies where account_id = ? and role_name = ?"
                            + " and policy_type = 'System' and policy_name = ?", rs -> 1, accountId,
                            ECS_DISK_ENCRYPTION_ROLE, ECS_DISK_ENCRYPTION_POLICY).isPresent();
        });
    }

    /** The console's one-click "Authorize": creates the service role and attaches its policy where missing. */
    @Override
    public synchronized Role authorizeEcsDiskEncryption(CallContext ctx) {
        Role role = store.tx(c -> findRole(c, ctx.accountId(), ECS_DISK_ENCRYPTION_ROLE)).orElseGet(() ->
                createRole(ctx, ECS_DISK_ENCRYPTION_ROLE, RamService.ecsTrustPolicy(),
                        "ECS uses this role to access your KMS keys to encrypt cloud disks."));
        boolean attached = listPoliciesForRole(ctx, ECS_DISK_ENCRYPTION_ROLE).stream()
                .anyMatch(p -> p.policyName().equals(ECS_DISK_ENCRYPTION_POLICY));
        if (!attached) {
            attachPolicyToRole(ctx, "System", ECS_DISK_ENCRYPTION_POLICY, ECS_DISK_ENCRYPTION_ROLE);
        }
        return role;
    }

    private static boolean trusts(String document, String service) {
        try {
            for (JsonNode statement : JSON.readTree(document).path("Statement")) {
                JsonNode services = statement.path("Principal").path("Service");
                boolean allow = "Allow".equals(statement.path("Effect").asText());
                if (allow && (service.equals(services.asText()) || contains(services, service))) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean contains(JsonNode array, String value) {
        for (JsonNode node : array) {
            if (value.equals(node.asText())) {
                return true;
            }
        }
        return false;
    }

    private static Optional<Role> findRole(Connection c, String accountId, String roleName) throws SQLException {
        return Store.queryOne(c, "select role_name, role_id, assume_role_policy, description, created_ms, account_id"
                + " from ram_roles where account_id = ? and role_name = ?", LocalRamService::role, accountId, roleName);
    }

    private static Role role(java.sql.ResultSet rs) throws SQLException {
        return new Role(rs.getString(1), rs.getString(2), "acs:ram::" + rs.getString(6) + ":role/"
                + rs.getString(1).toLowerCase(), rs.getString(3), rs.getString(4), Instant.ofEpochMilli(rs.getLong(5)));
    }

    private static String roleName(String roleName) {
        String name = ApiException.required("RoleName", roleName);
        if (!ROLE_NAME.matcher(name).matches()) {
            throw new ApiException("InvalidParameter.RoleName.InvalidChars", 400,
                    "A role name has 1 to 64 letters, digits, '.' or '-'.");
        }
        return name;
    }

    /**
     * A trust policy as RAM checks it: JSON with {@code "Version": "1"} and a non-empty {@code Statement} array whose
     * every statement has {@code Effect} Allow or Deny, {@code Action} sts:AssumeRole (a string or an array of
     * them) and a {@code Principal} naming a Service, RAM or Federated principal. A document that fails says what.
     */
    static String trustPolicy(String document) {
        String text = ApiException.required("AssumeRolePolicyDocument", document);
        if (text.length() > MAX_TRUST_POLICY_CHARS) {
            throw malformed("it has " + text.length() + " characters; at most " + MAX_TRUST_POLICY_CHARS
                    + " are allowed.");
        }
        if (!Text.isWellFormed(text)) {
            throw malformed("it contains an unpaired UTF-16 surrogate, which is not a character.");
        }
        JsonNode node;
        try {
            node = STRICT_JSON.readTree(text);
        } catch (IOException e) {
            throw malformed("it is not valid JSON.");
        }
        if (node == null || !node.isObject()) {
            throw malformed("it must be a JSON object like " + RamService.ecsTrustPolicy() + ".");
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
            String where = "statement " + n + ": ";
            if (!statement.isObject()) {
                throw malformed(where + "it must be a JSON object.");
            }
            JsonNode effect = statement.get("Effect");
            if (effect == null || !effect.isTextual()
                    || !(effect.textValue().equals("Allow") || effect.textValue().equals("Deny"))) {
                throw malformed(where + "\"Effect\" must be \"Allow\" or \"Deny\".");
            }
            if (!onlyAssumeRole(statement.get("Action"))) {
                throw malformed(where + "\"Action\" must be \"sts:AssumeRole\" (a string or an array of it): a"
                        + " trust policy says who may assume the role.");
            }
            if (!validPrincipal(statement.get("Principal"))) {
                throw malformed(where + "\"Principal\" must be an object naming a \"Service\" (e.g."
                        + " \"ecs.aliyuncs.com\"), a \"RAM\" (e.g. \"acs:ram::<account-id>:root\") or a"
                        + " \"Federated\" principal, as a non-empty string or array of strings.");
            }
            JsonNode condition = statement.get("Condition");
            if (condition != null && !condition.isObject()) {
                throw malformed(where + "\"Condition\" must be a JSON object.");
            }
        }
        return text;
    }

    private static boolean onlyAssumeRole(JsonNode action) {
        if (action == null) {
            return false;
        }
        if (action.isTextual()) {
            return action.textValue().equals("sts:AssumeRole");
        }
        if (!action.isArray() || action.isEmpty()) {
            return false;
        }
        for (JsonNode item : action) {
            if (!item.isTextual() || !item.textValue().equals("sts:AssumeRole")) {
                return false;
            }
        }
        return true;
    }

    private static boolean validPrincipal(JsonNode principal) {
        if (principal == null || !principal.isObject() || principal.isEmpty()) {
            return false;
        }
        for (Map.Entry<String, JsonNode> field : principal.properties()) {
            if (!List.of("Service", "RAM", "Federated").contains(field.getKey())
                    || !nonEmptyStrings(field.getValue())) {
                return false;
            }
        }
        return true;
    }

    private static boolean nonEmptyStrings(JsonNode value) {
        if (value.isTextual()) {
            return !value.textValue().isBlank();
        }
        if (!value.isArray() || value.isEmpty()) {
            return false;
        }
        for (JsonNode item : value) {
            if (!item.isTextual() || item.textValue().isBlank()) {
                return false;
            }
        }
        return true;
    }

    private static ApiException malformed(String why) {
        return new ApiException("MalformedPolicyDocument", 400, "The AssumeRolePolicyDocument is not a valid trust"
                + " policy: " + why);
    }

    private static ApiException roleNotFound(String name) {
        return new ApiException("EntityNotExist.Role", 404, "The role \"" + name + "\" does not exist.");
    }

    // Users, groups, AccessKeys and policies: CONTRACT of issue 11, being implemented.

    @Override
    public User createUser(CallContext ctx, String userName, String displayName, String comments) {
        throw notYet();
    }

    @Override
    public User getUser(CallContext ctx, String userName) {
        throw notYet();
    }

    @Override
    public User updateUser(CallContext ctx, String userName, String newUserName, String newDisplayName, String newComments) {
        throw notYet();
    }

    @Override
    public List<User> listUsers(CallContext ctx) {
        throw notYet();
    }

    @Override
    public void deleteUser(CallContext ctx, String userName) {
        throw notYet();
    }

    @Override
    public Group createGroup(CallContext ctx, String groupName, String comments) {
        throw notYet();
    }

    @Override
    public Group getGroup(CallContext ctx, String groupName) {
        throw notYet();
    }

    @Override
    public Group updateGroup(CallContext ctx, String groupName, String newGroupName, String newComments) {
        throw notYet();
    }

    @Override
    public List<Group> listGroups(CallContext ctx) {
        throw notYet();
    }

    @Override
    public void deleteGroup(CallContext ctx, String groupName) {
        throw notYet();
    }

    @Override
    public void addUserToGroup(CallContext ctx, String userName, String groupName) {
        throw notYet();
    }

    @Override
    public void removeUserFromGroup(CallContext ctx, String userName, String groupName) {
        throw notYet();
    }

    @Override
    public List<Group> listGroupsForUser(CallContext ctx, String userName) {
        throw notYet();
    }

    @Override
    public List<User> listUsersForGroup(CallContext ctx, String groupName) {
        throw notYet();
    }

    @Override
    public AccessKey createAccessKey(CallContext ctx, String userName) {
        throw notYet();
    }

    @Override
    public List<AccessKeyInfo> listAccessKeys(CallContext ctx, String userName) {
        throw notYet();
    }

    @Override
    public void updateAccessKey(CallContext ctx, String userName, String accessKeyId, String status) {
        throw notYet();
    }

    @Override
    public void deleteAccessKey(CallContext ctx, String userName, String accessKeyId) {
        throw notYet();
    }

    @Override
    public Policy createPolicy(CallContext ctx, String policyName, String policyDocument, String description) {
        throw notYet();
    }

    @Override
    public PolicyDetail getPolicy(CallContext ctx, String policyType, String policyName) {
        throw notYet();
    }

    @Override
    public List<Policy> listPolicies(CallContext ctx, String policyType) {
        throw notYet();
    }

    @Override
    public void deletePolicy(CallContext ctx, String policyName) {
        throw notYet();
    }

    @Override
    public PolicyVersion createPolicyVersion(CallContext ctx, String policyName, String policyDocument, boolean setAsDefault) {
        throw notYet();
    }

    @Override
    public void setDefaultPolicyVersion(CallContext ctx, String policyName, String versionId) {
        throw notYet();
    }

    @Override
    public List<PolicyVersion> listPolicyVersions(CallContext ctx, String policyType, String policyName) {
        throw notYet();
    }

    @Override
    public PolicyVersion getPolicyVersion(CallContext ctx, String policyType, String policyName, String versionId) {
        throw notYet();
    }

    @Override
    public void deletePolicyVersion(CallContext ctx, String policyName, String versionId) {
        throw notYet();
    }

    @Override
    public void attachPolicyToUser(CallContext ctx, String policyType, String policyName, String userName) {
        throw notYet();
    }

    @Override
    public void detachPolicyFromUser(CallContext ctx, String policyType, String policyName, String userName) {
        throw notYet();
    }

    @Override
    public void attachPolicyToGroup(CallContext ctx, String policyType, String policyName, String groupName) {
        throw notYet();
    }

    @Override
    public void detachPolicyFromGroup(CallContext ctx, String policyType, String policyName, String groupName) {
        throw notYet();
    }

    @Override
    public void detachPolicyFromRole(CallContext ctx, String policyType, String policyName, String roleName) {
        throw notYet();
    }

    @Override
    public List<AttachedPolicy> listPoliciesForUser(CallContext ctx, String userName) {
        throw notYet();
    }

    @Override
    public List<AttachedPolicy> listPoliciesForGroup(CallContext ctx, String groupName) {
        throw notYet();
    }

    @Override
    public List<PolicyAttachment> listEntitiesForPolicy(CallContext ctx, String policyType, String policyName) {
        throw notYet();
    }

    @Override
    public Optional<User> findUser(String accountId, String userName) {
        throw notYet();
    }

    @Override
    public List<PolicyDocument> policiesInForce(String accountId, String userName) {
        throw notYet();
    }

    private static UnsupportedOperationException notYet() {
        return new UnsupportedOperationException("RAM users, groups and policies: being implemented (issue 11)");
    }
}
