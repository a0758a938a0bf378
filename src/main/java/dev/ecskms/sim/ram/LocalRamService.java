package dev.ecskms.sim.ram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.ecskms.sim.common.ApiException;
import dev.ecskms.sim.common.CallContext;
import dev.ecskms.sim.common.Text;
import dev.ecskms.sim.ram.policy.PolicyDocument;
import dev.ecskms.sim.ram.policy.SystemPolicies;
import dev.ecskms.sim.store.Store;
import java.io.IOException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
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
    private final AccountService accounts;
    private final Clock clock;

    public LocalRamService(Store store, AccountService accounts, Clock clock) {
        this.store = store;
        this.accounts = accounts;
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
        return new Role(rs.getString(1), rs.getString(2), roleArn(rs.getString(6), rs.getString(1)), rs.getString(3),
                rs.getString(4), Instant.ofEpochMilli(rs.getLong(5)));
    }

    private static String roleArn(String accountId, String roleName) {
        return "acs:ram::" + accountId + ":role/" + roleName.toLowerCase();
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

    // ------------------------------------------------------------------ users, groups, AccessKeys, policies
    //
    // Names, limits and error codes follow RAM 2015-05-01 (the API reference and its error list; the limits page of
    // 2025). Codes marked "unconfirmed" below were not found in any reference and follow the documented pattern.

    static final int MAX_USERS = 5000;
    static final int MAX_GROUPS = 300;
    static final int MAX_GROUPS_PER_USER = 10;
    static final int MAX_ACCESS_KEYS_PER_USER = 2;
    static final int MAX_CUSTOM_POLICIES = 1500;
    static final int MAX_POLICY_VERSIONS = 5;
    static final int MAX_SYSTEM_POLICIES_PER_ENTITY = 20;
    static final int MAX_CUSTOM_POLICIES_PER_ENTITY = 10;
    static final int MAX_NAME_CHARS = 64;
    static final int MAX_POLICY_NAME_CHARS = 128;
    static final int MAX_DISPLAY_NAME_CHARS = 128;
    static final int MAX_COMMENTS_CHARS = 128;
    /** CreatePolicyVersion's RotateStrategy that makes room by deleting the oldest version that is not the default. */
    public static final String ROTATE_DELETE_OLDEST = "DeleteOldestNonDefaultVersionWhenLimitExceeded";

    private static final Pattern USER_NAME = Pattern.compile("[A-Za-z0-9._-]+");
    // The error list says letters, digits and '-'; the current CreateGroup reference also allows '.'.
    private static final Pattern GROUP_NAME = Pattern.compile("[A-Za-z0-9.-]+");
    private static final Pattern POLICY_NAME = Pattern.compile("[A-Za-z0-9-]+");
    private static final Pattern VERSION_ID = Pattern.compile("v([1-9][0-9]{0,8})");
    private static final char[] ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    /** System policies are Alibaba Cloud's, older than any account: their dates are the service's, not the user's. */
    private static final Instant SYSTEM_POLICY_DATE = Instant.parse("2015-04-28T16:00:00Z");

    /** Parsed documents by their text: a version never changes, so its text names its parse. */
    private final Map<String, PolicyDocument> parsed = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, PolicyDocument> eldest) {
                    return size() > 512;
                }
            });

    // ------------------------------------------------------------------ users

    @Override
    public synchronized User createUser(CallContext ctx, String userName, String displayName, String comments) {
        String name = userName("UserName", userName);
        String display = displayName("DisplayName", displayName);
        String comment = comments("Comments", comments);
        return store.tx(c -> {
            if (findUser(c, ctx.accountId(), name).isPresent()) {
                throw new ApiException("EntityAlreadyExists.User", 409, "The user \"" + name
                        + "\" already exists in this account. Choose another UserName.");
            }
            if (count(c, "select count(*) from ram_users where account_id = ?", ctx.accountId()) >= MAX_USERS) {
                throw new ApiException("LimitExceeded.User", 409, "This account already has " + MAX_USERS
                        + " RAM users, the most it may have. Delete users you no longer need.");
            }
            long now = clock.millis();
            Store.update(c, "insert into ram_users (account_id, user_name, user_id, display_name, comments,"
                    + " created_ms, updated_ms) values (?, ?, ?, ?, ?, ?, ?)", ctx.accountId(), name, numericId(),
                    display == null ? "" : display, comment == null ? "" : comment, now, now);
            return findUser(c, ctx.accountId(), name).orElseThrow();
        });
    }

    @Override
    public User getUser(CallContext ctx, String userName) {
        String name = ApiException.required("UserName", userName);
        return store.tx(c -> requireUser(c, ctx.accountId(), name));
    }

    @Override
    public synchronized User updateUser(CallContext ctx, String userName, String newUserName, String newDisplayName,
            String newComments) {
        String name = ApiException.required("UserName", userName);
        String newName = newUserName == null ? null : userName("NewUserName", newUserName);
        String display = newDisplayName == null ? null : displayName("NewDisplayName", newDisplayName);
        String comment = newComments == null ? null : comments("NewComments", newComments);
        return store.tx(c -> {
            User user = requireUser(c, ctx.accountId(), name);
            String target = newName == null ? name : newName;
            if (!target.equals(name)) {
                if (findUser(c, ctx.accountId(), target).isPresent()) {
                    throw new ApiException("EntityAlreadyExists.User", 409, "The user \"" + target
                            + "\" already exists in this account. Choose another NewUserName.");
                }
                // memberships and attachments follow by ON UPDATE CASCADE; the keys are renamed with it
                Store.update(c, "update access_keys set user_name = ? where account_id = ? and user_name = ?",
                        target, ctx.accountId(), name);
            }
            Store.update(c, "update ram_users set user_name = ?, display_name = ?, comments = ?, updated_ms = ?"
                    + " where account_id = ? and user_name = ?", target,
                    display == null ? user.displayName() : display, comment == null ? user.comments() : comment,
                    clock.millis(), ctx.accountId(), name);
            return findUser(c, ctx.accountId(), target).orElseThrow();
        });
    }

    @Override
    public List<User> listUsers(CallContext ctx) {
        return store.query(USER_COLUMNS + " where account_id = ? order by created_ms, user_name",
                LocalRamService::user, ctx.accountId());
    }

    @Override
    public synchronized void deleteUser(CallContext ctx, String userName) {
        String name = ApiException.required("UserName", userName);
        store.txRun(c -> {
            requireUser(c, ctx.accountId(), name);
            String account = ctx.accountId();
            if (count(c, "select count(*) from access_keys where account_id = ? and user_name = ?", account,
                    name) > 0) {
                throw new ApiException("DeleteConflict.User.AccessKey", 409, "The user \"" + name
                        + "\" still has AccessKeys. Delete them (DeleteAccessKey) before deleting the user.");
            }
            if (count(c, "select count(*) from ram_group_members where account_id = ? and user_name = ?", account,
                    name) > 0) {
                throw new ApiException("DeleteConflict.User.Group", 409, "The user \"" + name
                        + "\" is still in groups. Remove it from them (RemoveUserFromGroup) first.");
            }
            if (count(c, "select count(*) from ram_user_policies where account_id = ? and user_name = ?", account,
                    name) > 0) {
                throw new ApiException("DeleteConflict.User.Policy", 409, "The user \"" + name
                        + "\" still has policies attached. Detach them (DetachPolicyFromUser) first.");
            }
            Store.update(c, "delete from ram_users where account_id = ? and user_name = ?", account, name);
        });
    }

    // ------------------------------------------------------------------ groups

    @Override
    public synchronized Group createGroup(CallContext ctx, String groupName, String comments) {
        String name = groupName("GroupName", groupName);
        String comment = comments("Comments", comments);
        return store.tx(c -> {
            if (findGroup(c, ctx.accountId(), name).isPresent()) {
                throw new ApiException("EntityAlreadyExists.Group", 409, "The group \"" + name
                        + "\" already exists in this account. Choose another GroupName.");
            }
            if (count(c, "select count(*) from ram_groups where account_id = ?", ctx.accountId()) >= MAX_GROUPS) {
                throw new ApiException("LimitExceeded.Group", 409, "This account already has " + MAX_GROUPS
                        + " groups, the most it may have. Delete groups you no longer need.");
            }
            long now = clock.millis();
            Store.update(c, "insert into ram_groups (account_id, group_name, group_id, comments, created_ms,"
                    + " updated_ms) values (?, ?, ?, ?, ?, ?)", ctx.accountId(), name, "g-" + random(16),
                    comment == null ? "" : comment, now, now);
            return findGroup(c, ctx.accountId(), name).orElseThrow();
        });
    }

    @Override
    public Group getGroup(CallContext ctx, String groupName) {
        String name = ApiException.required("GroupName", groupName);
        return store.tx(c -> requireGroup(c, ctx.accountId(), name));
    }

    @Override
    public synchronized Group updateGroup(CallContext ctx, String groupName, String newGroupName,
            String newComments) {
        String name = ApiException.required("GroupName", groupName);
        String newName = newGroupName == null ? null : groupName("NewGroupName", newGroupName);
        String comment = newComments == null ? null : comments("NewComments", newComments);
        return store.tx(c -> {
            Group group = requireGroup(c, ctx.accountId(), name);
            String target = newName == null ? name : newName;
            if (!target.equals(name) && findGroup(c, ctx.accountId(), target).isPresent()) {
                throw new ApiException("EntityAlreadyExists.Group", 409, "The group \"" + target
                        + "\" already exists in this account. Choose another NewGroupName.");
            }
            Store.update(c, "update ram_groups set group_name = ?, comments = ?, updated_ms = ? where account_id = ?"
                    + " and group_name = ?", target, comment == null ? group.comments() : comment, clock.millis(),
                    ctx.accountId(), name);
            return findGroup(c, ctx.accountId(), target).orElseThrow();
        });
    }

    @Override
    public List<Group> listGroups(CallContext ctx) {
        return store.query(GROUP_COLUMNS + " where account_id = ? order by created_ms, group_name",
                LocalRamService::group, ctx.accountId());
    }

    @Override
    public synchronized void deleteGroup(CallContext ctx, String groupName) {
        String name = ApiException.required("GroupName", groupName);
        store.txRun(c -> {
            requireGroup(c, ctx.accountId(), name);
            if (count(c, "select count(*) from ram_group_members where account_id = ? and group_name = ?",
                    ctx.accountId(), name) > 0) {
                throw new ApiException("DeleteConflict.Group.User", 409, "The group \"" + name
                        + "\" still has members. Remove them (RemoveUserFromGroup) before deleting the group.");
            }
            if (count(c, "select count(*) from ram_group_policies where account_id = ? and group_name = ?",
                    ctx.accountId(), name) > 0) {
                throw new ApiException("DeleteConflict.Group.Policy", 409, "The group \"" + name
                        + "\" still has policies attached. Detach them (DetachPolicyFromGroup) first.");
            }
            Store.update(c, "delete from ram_groups where account_id = ? and group_name = ?", ctx.accountId(), name);
        });
    }

    @Override
    public synchronized void addUserToGroup(CallContext ctx, String userName, String groupName) {
        String user = ApiException.required("UserName", userName);
        String group = ApiException.required("GroupName", groupName);
        store.txRun(c -> {
            requireUser(c, ctx.accountId(), user);
            requireGroup(c, ctx.accountId(), group);
            if (isMember(c, ctx.accountId(), user, group)) {
                throw new ApiException("EntityAlreadyExists.User.Group", 409, "The user \"" + user
                        + "\" is already in the group \"" + group + "\".");
            }
            if (count(c, "select count(*) from ram_group_members where account_id = ? and user_name = ?",
                    ctx.accountId(), user) >= MAX_GROUPS_PER_USER) {
                throw new ApiException("LimitExceeded.User.Group", 409, "The user \"" + user + "\" is already in "
                        + MAX_GROUPS_PER_USER + " groups, the most a user may join. Remove it from one first.");
            }
            Store.update(c, "insert into ram_group_members (account_id, group_name, user_name, joined_ms)"
                    + " values (?, ?, ?, ?)", ctx.accountId(), group, user, clock.millis());
        });
    }

    @Override
    public synchronized void removeUserFromGroup(CallContext ctx, String userName, String groupName) {
        String user = ApiException.required("UserName", userName);
        String group = ApiException.required("GroupName", groupName);
        store.txRun(c -> {
            requireUser(c, ctx.accountId(), user);
            requireGroup(c, ctx.accountId(), group);
            if (Store.update(c, "delete from ram_group_members where account_id = ? and group_name = ? and"
                    + " user_name = ?", ctx.accountId(), group, user) == 0) {
                throw new ApiException("EntityNotExist.User.Group", 404, "The user \"" + user
                        + "\" is not in the group \"" + group + "\".");
            }
        });
    }

    @Override
    public List<Group> listGroupsForUser(CallContext ctx, String userName) {
        String user = ApiException.required("UserName", userName);
        return store.tx(c -> {
            requireUser(c, ctx.accountId(), user);
            return Store.query(c, "select g.group_name, g.group_id, g.comments, g.created_ms, g.updated_ms,"
                    + " m.joined_ms from ram_groups g join ram_group_members m on m.account_id = g.account_id"
                    + " and m.group_name = g.group_name where m.account_id = ? and m.user_name = ?"
                    + " order by m.joined_ms, g.group_name", rs -> {
                        Group g = group(rs);
                        return new Group(g.groupName(), g.groupId(), g.comments(), g.createDate(), g.updateDate(),
                                Instant.ofEpochMilli(rs.getLong(6)));
                    }, ctx.accountId(), user);
        });
    }

    @Override
    public List<User> listUsersForGroup(CallContext ctx, String groupName) {
        String group = ApiException.required("GroupName", groupName);
        return store.tx(c -> {
            requireGroup(c, ctx.accountId(), group);
            return Store.query(c, "select u.user_name, u.user_id, u.display_name, u.comments, u.created_ms,"
                    + " u.updated_ms, u.last_login_ms, m.joined_ms from ram_users u join ram_group_members m"
                    + " on m.account_id = u.account_id and m.user_name = u.user_name"
                    + " where m.account_id = ? and m.group_name = ? order by m.joined_ms, u.user_name", rs -> {
                        User u = user(rs);
                        return new User(u.userName(), u.userId(), u.displayName(), u.comments(), u.createDate(),
                                u.updateDate(), u.lastLoginDate(), Instant.ofEpochMilli(rs.getLong(8)));
                    }, ctx.accountId(), group);
        });
    }

    // ------------------------------------------------------------------ AccessKeys of users

    @Override
    public synchronized AccessKey createAccessKey(CallContext ctx, String userName) {
        String user = ApiException.required("UserName", userName);
        // Checked and created under this service's lock, so that two calls at once cannot make a third key.
        store.txRun(c -> {
            requireUser(c, ctx.accountId(), user);
            if (count(c, "select count(*) from access_keys where account_id = ? and user_name = ?", ctx.accountId(),
                    user) >= MAX_ACCESS_KEYS_PER_USER) {
                throw new ApiException("LimitExceeded.User.AccessKey", 409, "The user \"" + user + "\" already has "
                        + MAX_ACCESS_KEYS_PER_USER + " AccessKeys, the most a user may have. Delete one it no"
                        + " longer uses (DeleteAccessKey) first.");
            }
        });
        return accounts.createUserAccessKey(ctx.accountId(), user);
    }

    @Override
    public List<AccessKeyInfo> listAccessKeys(CallContext ctx, String userName) {
        String user = ApiException.required("UserName", userName);
        store.tx(c -> requireUser(c, ctx.accountId(), user));
        return accounts.accessKeyInfos(ctx.accountId(), user);
    }

    @Override
    public synchronized void updateAccessKey(CallContext ctx, String userName, String accessKeyId, String status) {
        String user = ApiException.required("UserName", userName);
        String id = ApiException.required("UserAccessKeyId", accessKeyId);
        String state = ApiException.required("Status", status);
        if (!state.equals("Active") && !state.equals("Inactive")) {
            // code unconfirmed: the error list names no Status code
            throw ApiException.invalid("Status", "it must be Active or Inactive.");
        }
        store.tx(c -> requireUser(c, ctx.accountId(), user));
        if (!accounts.setAccessKeyStatus(ctx.accountId(), user, id, state)) {
            throw accessKeyNotFound(user, id);
        }
    }

    @Override
    public synchronized void deleteAccessKey(CallContext ctx, String userName, String accessKeyId) {
        String user = ApiException.required("UserName", userName);
        String id = ApiException.required("UserAccessKeyId", accessKeyId);
        store.tx(c -> requireUser(c, ctx.accountId(), user));
        if (!accounts.deleteUserAccessKey(ctx.accountId(), user, id)) {
            throw accessKeyNotFound(user, id);
        }
    }

    private static ApiException accessKeyNotFound(String user, String id) {
        return new ApiException("EntityNotExist.User.AccessKey", 404, "The user \"" + user
                + "\" has no AccessKey \"" + id + "\". ListAccessKeys shows its keys.");
    }

    // ------------------------------------------------------------------ policies

    @Override
    public synchronized Policy createPolicy(CallContext ctx, String policyName, String policyDocument,
            String description) {
        String name = policyName(policyName);
        String text = document(policyDocument);
        String desc = description == null ? "" : Text.requireWellFormed("Description", description);
        if (desc.length() > MAX_DESCRIPTION_CHARS) {
            throw new ApiException("InvalidParameter.Description.Length", 400, "The Description has "
                    + desc.length() + " characters; at most " + MAX_DESCRIPTION_CHARS + " are allowed.");
        }
        return store.tx(c -> {
            // A custom policy may not take a system policy's name: attachments name a policy by type and name,
            // and the console lists both kinds together (unconfirmed that the real RAM refuses it this way).
            if (SystemPolicies.find(name).isPresent() || findCustom(c, ctx.accountId(), name).isPresent()) {
                throw new ApiException("EntityAlreadyExists.Policy", 409, "A policy named \"" + name
                        + "\" already exists. Choose another PolicyName.");
            }
            if (count(c, "select count(*) from ram_policies where account_id = ?", ctx.accountId())
                    >= MAX_CUSTOM_POLICIES) {
                throw new ApiException("LimitExceeded.Policy", 409, "This account already has "
                        + MAX_CUSTOM_POLICIES + " custom policies, the most it may have. Delete policies you no"
                        + " longer need.");
            }
            long now = clock.millis();
            Store.update(c, "insert into ram_policies (account_id, policy_name, description, default_version,"
                    + " next_version, created_ms, updated_ms) values (?, ?, ?, 'v1', 2, ?, ?)", ctx.accountId(),
                    name, desc, now, now);
            Store.update(c, "insert into ram_policy_versions (account_id, policy_name, version_id, document,"
                    + " created_ms) values (?, ?, 'v1', ?, ?)", ctx.accountId(), name, text, now);
            return findCustom(c, ctx.accountId(), name).orElseThrow();
        });
    }

    @Override
    public PolicyDetail getPolicy(CallContext ctx, String policyType, String policyName) {
        String type = policyType(policyType);
        String name = ApiException.required("PolicyName", policyName);
        return store.tx(c -> {
            Policy policy = requirePolicy(c, ctx.accountId(), type, name);
            return new PolicyDetail(policy, version(c, ctx.accountId(), type, name, policy.defaultVersion())
                    .orElseThrow());
        });
    }

    @Override
    public List<Policy> listPolicies(CallContext ctx, String policyType) {
        String type = policyType == null || policyType.isBlank() ? null : policyType(policyType);
        return store.tx(c -> {
            List<Policy> all = new ArrayList<>();
            if (type == null || type.equals("System")) {
                for (SystemPolicies.SystemPolicy e : SystemPolicies.all()) {
                    all.add(systemPolicy(c, ctx.accountId(), e));
                }
            }
            if (type == null || type.equals("Custom")) {
                all.addAll(Store.query(c, CUSTOM_COLUMNS + " where p.account_id = ? order by p.created_ms,"
                        + " p.policy_name", LocalRamService::customPolicy, ctx.accountId()));
            }
            return all;
        });
    }

    @Override
    public synchronized void deletePolicy(CallContext ctx, String policyName) {
        String name = ApiException.required("PolicyName", policyName);
        store.txRun(c -> {
            Policy policy = requirePolicy(c, ctx.accountId(), "Custom", name);
            for (Entity entity : Entity.values()) {
                if (count(c, "select count(*) from " + entity.table + " where account_id = ? and policy_type ="
                        + " 'Custom' and policy_name = ?", ctx.accountId(), name) > 0) {
                    throw new ApiException("DeleteConflict.Policy." + entity.type, 409, "The policy \"" + name
                            + "\" is still attached to " + entity.plural + ". Detach it (DetachPolicyFrom"
                            + entity.type + ") first; ListEntitiesForPolicy shows where.");
                }
            }
            if (count(c, "select count(*) from ram_policy_versions where account_id = ? and policy_name = ?"
                    + " and version_id <> ?", ctx.accountId(), name, policy.defaultVersion()) > 0) {
                throw new ApiException("DeleteConflict.Policy.Version", 409, "The policy \"" + name
                        + "\" has versions besides its default " + policy.defaultVersion()
                        + ". Delete them (DeletePolicyVersion) first.");
            }
            Store.update(c, "delete from ram_policies where account_id = ? and policy_name = ?", ctx.accountId(),
                    name);
        });
    }

    @Override
    public PolicyVersion createPolicyVersion(CallContext ctx, String policyName, String policyDocument,
            boolean setAsDefault) {
        return createPolicyVersion(ctx, policyName, policyDocument, setAsDefault, "None");
    }

    @Override
    public synchronized PolicyVersion createPolicyVersion(CallContext ctx, String policyName, String policyDocument,
            boolean setAsDefault, String rotateStrategy) {
        String name = ApiException.required("PolicyName", policyName);
        String strategy = rotateStrategy == null || rotateStrategy.isBlank() ? "None" : rotateStrategy;
        if (!strategy.equals("None") && !strategy.equals(ROTATE_DELETE_OLDEST)) {
            throw ApiException.invalid("RotateStrategy", "it must be None or " + ROTATE_DELETE_OLDEST + ".");
        }
        String text = document(policyDocument);
        return store.tx(c -> {
            Policy policy = requirePolicy(c, ctx.accountId(), "Custom", name);
            List<String> versions = Store.query(c, "select version_id from ram_policy_versions where account_id = ?"
                    + " and policy_name = ? order by created_ms, version_id", rs -> rs.getString(1),
                    ctx.accountId(), name);
            if (versions.size() >= MAX_POLICY_VERSIONS) {
                if (!strategy.equals(ROTATE_DELETE_OLDEST)) {
                    throw new ApiException("LimitExceeded.Policy.Version", 409, "The policy \"" + name
                            + "\" already has " + MAX_POLICY_VERSIONS + " versions, the most a policy may have."
                            + " Delete one (DeletePolicyVersion), or set RotateStrategy to " + ROTATE_DELETE_OLDEST
                            + ".");
                }
                String oldest = versions.stream().filter(v -> !v.equals(policy.defaultVersion())).findFirst()
                        .orElseThrow();
                Store.update(c, "delete from ram_policy_versions where account_id = ? and policy_name = ? and"
                        + " version_id = ?", ctx.accountId(), name, oldest);
            }
            int number = Store.queryOne(c, "select next_version from ram_policies where account_id = ? and"
                    + " policy_name = ?", rs -> rs.getInt(1), ctx.accountId(), name).orElseThrow();
            String versionId = "v" + number;
            long now = clock.millis();
            Store.update(c, "insert into ram_policy_versions (account_id, policy_name, version_id, document,"
                    + " created_ms) values (?, ?, ?, ?, ?)", ctx.accountId(), name, versionId, text, now);
            Store.update(c, "update ram_policies set next_version = ?, updated_ms = ? where account_id = ? and"
                    + " policy_name = ?", number + 1, now, ctx.accountId(), name);
            if (setAsDefault) {
                Store.update(c, "update ram_policies set default_version = ? where account_id = ? and"
                        + " policy_name = ?", versionId, ctx.accountId(), name);
            }
            return version(c, ctx.accountId(), "Custom", name, versionId).orElseThrow();
        });
    }

    @Override
    public synchronized void setDefaultPolicyVersion(CallContext ctx, String policyName, String versionId) {
        String name = ApiException.required("PolicyName", policyName);
        String id = versionId(versionId);
        store.txRun(c -> {
            requirePolicy(c, ctx.accountId(), "Custom", name);
            requireVersion(c, ctx.accountId(), "Custom", name, id);
            Store.update(c, "update ram_policies set default_version = ?, updated_ms = ? where account_id = ? and"
                    + " policy_name = ?", id, clock.millis(), ctx.accountId(), name);
        });
    }

    @Override
    public List<PolicyVersion> listPolicyVersions(CallContext ctx, String policyType, String policyName) {
        String type = policyType(policyType);
        String name = ApiException.required("PolicyName", policyName);
        return store.tx(c -> {
            Policy policy = requirePolicy(c, ctx.accountId(), type, name);
            if (type.equals("System")) {
                return List.of(version(c, ctx.accountId(), type, name, policy.defaultVersion()).orElseThrow());
            }
            return Store.query(c, "select v.version_id, v.version_id = p.default_version, v.document, v.created_ms"
                    + " from ram_policy_versions v join ram_policies p on p.account_id = v.account_id and"
                    + " p.policy_name = v.policy_name where v.account_id = ? and v.policy_name = ?"
                    + " order by v.created_ms, v.version_id", LocalRamService::policyVersion, ctx.accountId(), name);
        });
    }

    @Override
    public PolicyVersion getPolicyVersion(CallContext ctx, String policyType, String policyName, String versionId) {
        String type = policyType(policyType);
        String name = ApiException.required("PolicyName", policyName);
        String id = versionId(versionId);
        return store.tx(c -> {
            requirePolicy(c, ctx.accountId(), type, name);
            return requireVersion(c, ctx.accountId(), type, name, id);
        });
    }

    @Override
    public synchronized void deletePolicyVersion(CallContext ctx, String policyName, String versionId) {
        String name = ApiException.required("PolicyName", policyName);
        String id = versionId(versionId);
        store.txRun(c -> {
            Policy policy = requirePolicy(c, ctx.accountId(), "Custom", name);
            requireVersion(c, ctx.accountId(), "Custom", name, id);
            if (policy.defaultVersion().equals(id)) {
                throw new ApiException("DeleteConflict.Policy.Version.Default", 409, "Version " + id + " is the"
                        + " default version of \"" + name + "\" and cannot be deleted. Make another version the"
                        + " default (SetDefaultPolicyVersion) first, or delete the policy.");
            }
            Store.update(c, "delete from ram_policy_versions where account_id = ? and policy_name = ? and"
                    + " version_id = ?", ctx.accountId(), name, id);
        });
    }

    // ------------------------------------------------------------------ attachments

    /** What a policy can be attached to, and where those attachments are kept. */
    private enum Entity {
        USER("User", "users", "ram_user_policies", "user_name"),
        GROUP("Group", "groups", "ram_group_policies", "group_name"),
        ROLE("Role", "roles", "ram_role_policies", "role_name");

        final String type;
        final String plural;
        final String table;
        final String column;

        Entity(String type, String plural, String table, String column) {
            this.type = type;
            this.plural = plural;
            this.table = table;
            this.column = column;
        }
    }

    @Override
    public synchronized void attachPolicyToRole(CallContext ctx, String policyType, String policyName,
            String roleName) {
        attach(ctx, Entity.ROLE, policyType, policyName, ApiException.required("RoleName", roleName));
    }

    @Override
    public synchronized void attachPolicyToUser(CallContext ctx, String policyType, String policyName,
            String userName) {
        attach(ctx, Entity.USER, policyType, policyName, ApiException.required("UserName", userName));
    }

    @Override
    public synchronized void detachPolicyFromUser(CallContext ctx, String policyType, String policyName,
            String userName) {
        detach(ctx, Entity.USER, policyType, policyName, ApiException.required("UserName", userName));
    }

    @Override
    public synchronized void attachPolicyToGroup(CallContext ctx, String policyType, String policyName,
            String groupName) {
        attach(ctx, Entity.GROUP, policyType, policyName, ApiException.required("GroupName", groupName));
    }

    @Override
    public synchronized void detachPolicyFromGroup(CallContext ctx, String policyType, String policyName,
            String groupName) {
        detach(ctx, Entity.GROUP, policyType, policyName, ApiException.required("GroupName", groupName));
    }

    @Override
    public synchronized void detachPolicyFromRole(CallContext ctx, String policyType, String policyName,
            String roleName) {
        detach(ctx, Entity.ROLE, policyType, policyName, ApiException.required("RoleName", roleName));
    }

    private void attach(CallContext ctx, Entity entity, String policyType, String policyName, String name) {
        String type = policyType(policyType);
        String policy = ApiException.required("PolicyName", policyName);
        String account = ctx.accountId();
        store.txRun(c -> {
            requirePolicy(c, account, type, policy);
            requireEntity(c, account, entity, name);
            if (isAttached(c, account, entity, name, type, policy)) {
                throw new ApiException("EntityAlreadyExists." + entity.type + ".Policy", 409, "The policy \""
                        + policy + "\" is already attached to " + entity.type.toLowerCase() + " \"" + name + "\".");
            }
            int limit = type.equals("System") ? MAX_SYSTEM_POLICIES_PER_ENTITY : MAX_CUSTOM_POLICIES_PER_ENTITY;
            if (count(c, "select count(*) from " + entity.table + " where account_id = ? and " + entity.column
                    + " = ? and policy_type = ?", account, name, type) >= limit) {
                throw new ApiException("LimitExceeded." + entity.type + ".Policy", 409, "The "
                        + entity.type.toLowerCase() + " \"" + name + "\" already has " + limit + " " + type
                        + " policies attached, the most it may have. Detach one first.");
            }
            Store.update(c, "insert into " + entity.table + " (account_id, " + entity.column + ", policy_type,"
                    + " policy_name, attached_ms) values (?, ?, ?, ?, ?)", account, name, type, policy,
                    clock.millis());
        });
    }

    private void detach(CallContext ctx, Entity entity, String policyType, String policyName, String name) {
        String type = policyType(policyType);
        String policy = ApiException.required("PolicyName", policyName);
        String account = ctx.accountId();
        store.txRun(c -> {
            requirePolicy(c, account, type, policy);
            requireEntity(c, account, entity, name);
            if (Store.update(c, "delete from " + entity.table + " where account_id = ? and " + entity.column
                    + " = ? and policy_type = ? and policy_name = ?", account, name, type, policy) == 0) {
                // EntityNotExist.Role.Policy is unconfirmed (the error list names the User and Group codes)
                throw new ApiException("EntityNotExist." + entity.type + ".Policy", 404, "The policy \"" + policy
                        + "\" is not attached to " + entity.type.toLowerCase() + " \"" + name + "\".");
            }
        });
    }

    @Override
    public List<AttachedPolicy> listPoliciesForRole(CallContext ctx, String roleName) {
        return attachedTo(ctx, Entity.ROLE, ApiException.required("RoleName", roleName));
    }

    @Override
    public List<AttachedPolicy> listPoliciesForUser(CallContext ctx, String userName) {
        return attachedTo(ctx, Entity.USER, ApiException.required("UserName", userName));
    }

    @Override
    public List<AttachedPolicy> listPoliciesForGroup(CallContext ctx, String groupName) {
        return attachedTo(ctx, Entity.GROUP, ApiException.required("GroupName", groupName));
    }

    private List<AttachedPolicy> attachedTo(CallContext ctx, Entity entity, String name) {
        return store.tx(c -> {
            requireEntity(c, ctx.accountId(), entity, name);
            // with each policy's description and default version, which the listing shows
            return Store.query(c, "select a.policy_type, a.policy_name, a.attached_ms, p.description,"
                    + " p.default_version from " + entity.table + " a left join ram_policies p on a.policy_type ="
                    + " 'Custom' and p.account_id = a.account_id and p.policy_name = a.policy_name"
                    + " where a.account_id = ? and a." + entity.column + " = ? order by a.attached_ms, a.policy_name",
                    rs -> {
                        String type = rs.getString(1);
                        String policy = rs.getString(2);
                        Instant attached = Instant.ofEpochMilli(rs.getLong(3));
                        if (type.equals("System")) {
                            return new AttachedPolicy(type, policy, attached, SystemPolicies.find(policy)
                                    .map(SystemPolicies.SystemPolicy::description).orElse(null), "v1");
                        }
                        return new AttachedPolicy(type, policy, attached, rs.getString(4), rs.getString(5));
                    }, ctx.accountId(), name);
        });
    }

    @Override
    public List<PolicyAttachment> listEntitiesForPolicy(CallContext ctx, String policyType, String policyName) {
        String type = policyType(policyType);
        String name = ApiException.required("PolicyName", policyName);
        return store.tx(c -> {
            requirePolicy(c, ctx.accountId(), type, name);
            // each entity with the fields the real listing gives for its kind
            List<PolicyAttachment> all = new ArrayList<>();
            String where = " where a.account_id = ? and a.policy_type = ? and a.policy_name = ?";
            all.addAll(Store.query(c, "select a.user_name, a.attached_ms, u.user_id, u.display_name from"
                    + " ram_user_policies a join ram_users u on u.account_id = a.account_id and u.user_name ="
                    + " a.user_name" + where + " order by a.attached_ms, a.user_name", rs -> new PolicyAttachment(
                            "User", rs.getString(1), Instant.ofEpochMilli(rs.getLong(2)), rs.getString(3),
                            rs.getString(4), null, null), ctx.accountId(), type, name));
            all.addAll(Store.query(c, "select a.group_name, a.attached_ms, g.group_id, g.comments from"
                    + " ram_group_policies a join ram_groups g on g.account_id = a.account_id and g.group_name ="
                    + " a.group_name" + where + " order by a.attached_ms, a.group_name", rs -> new PolicyAttachment(
                            "Group", rs.getString(1), Instant.ofEpochMilli(rs.getLong(2)), rs.getString(3), null,
                            rs.getString(4), null), ctx.accountId(), type, name));
            all.addAll(Store.query(c, "select a.role_name, a.attached_ms, r.role_id, r.description, r.account_id"
                    + " from ram_role_policies a join ram_roles r on r.account_id = a.account_id and r.role_name ="
                    + " a.role_name" + where + " order by a.attached_ms, a.role_name", rs -> new PolicyAttachment(
                            "Role", rs.getString(1), Instant.ofEpochMilli(rs.getLong(2)), rs.getString(3), null,
                            rs.getString(4), roleArn(rs.getString(5), rs.getString(1))), ctx.accountId(), type,
                    name));
            return all;
        });
    }

    // ------------------------------------------------------------------ for the access guard

    @Override
    public Optional<User> findUser(String accountId, String userName) {
        if (accountId == null || userName == null) {
            return Optional.empty();
        }
        return store.tx(c -> findUser(c, accountId, userName));
    }

    /** Called by the guard for every request of a RAM user: each version's text is parsed once, then cached. */
    @Override
    public List<PolicyDocument> policiesInForce(String accountId, String userName) {
        return documentsInForce(accountId, userName).stream()
                .map(text -> parsed.computeIfAbsent(text, PolicyDocument::parse)).toList();
    }

    /**
     * The texts of the default versions of the policies attached to the user and to its groups, each policy once
     * (a policy attached both to the user and to its group counts once). Empty for an unknown user.
     */
    List<String> documentsInForce(String accountId, String userName) {
        return store.tx(c -> {
            if (findUser(c, accountId, userName).isEmpty()) {
                return List.of();
            }
            List<String[]> attached = Store.query(c, "select policy_type, policy_name, attached_ms from"
                    + " ram_user_policies where account_id = ? and user_name = ?"
                    + " union select gp.policy_type, gp.policy_name, gp.attached_ms from ram_group_policies gp"
                    + " join ram_group_members m on m.account_id = gp.account_id and m.group_name = gp.group_name"
                    + " where m.account_id = ? and m.user_name = ? order by 3, 2", rs -> new String[] {
                            rs.getString(1), rs.getString(2)}, accountId, userName, accountId, userName);
            java.util.Set<String> seen = new java.util.LinkedHashSet<>();
            List<String> texts = new ArrayList<>();
            for (String[] p : attached) {
                if (!seen.add(p[0] + ":" + p[1])) {
                    continue;
                }
                if (p[0].equals("System")) {
                    SystemPolicies.find(p[1]).ifPresent(e -> texts.add(e.document()));
                } else {
                    Store.queryOne(c, "select v.document from ram_policy_versions v join ram_policies p on"
                            + " p.account_id = v.account_id and p.policy_name = v.policy_name and"
                            + " p.default_version = v.version_id where p.account_id = ? and p.policy_name = ?",
                            rs -> rs.getString(1), accountId, p[1]).ifPresent(texts::add);
                }
            }
            return texts;
        });
    }

    // ------------------------------------------------------------------ helpers

    private static final String USER_COLUMNS = "select user_name, user_id, display_name, comments, created_ms,"
            + " updated_ms, last_login_ms from ram_users";
    private static final String GROUP_COLUMNS = "select group_name, group_id, comments, created_ms, updated_ms from"
            + " ram_groups";
    private static final String CUSTOM_COLUMNS = "select p.policy_name, p.description, p.default_version,"
            + " p.created_ms, p.updated_ms, (select count(*) from ram_user_policies a where a.account_id ="
            + " p.account_id and a.policy_type = 'Custom' and a.policy_name = p.policy_name) + (select count(*) from"
            + " ram_group_policies a where a.account_id = p.account_id and a.policy_type = 'Custom' and"
            + " a.policy_name = p.policy_name) + (select count(*) from ram_role_policies a where a.account_id ="
            + " p.account_id and a.policy_type = 'Custom' and a.policy_name = p.policy_name) from ram_policies p";

    private static User user(java.sql.ResultSet rs) throws SQLException {
        long lastLogin = rs.getLong(7);
        Instant lastLoginDate = rs.wasNull() ? null : Instant.ofEpochMilli(lastLogin);
        return new User(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                Instant.ofEpochMilli(rs.getLong(5)), Instant.ofEpochMilli(rs.getLong(6)), lastLoginDate);
    }

    private static Group group(java.sql.ResultSet rs) throws SQLException {
        return new Group(rs.getString(1), rs.getString(2), rs.getString(3), Instant.ofEpochMilli(rs.getLong(4)),
                Instant.ofEpochMilli(rs.getLong(5)));
    }

    private static Policy customPolicy(java.sql.ResultSet rs) throws SQLException {
        return new Policy(rs.getString(1), "Custom", rs.getString(2), rs.getString(3),
                Instant.ofEpochMilli(rs.getLong(4)), Instant.ofEpochMilli(rs.getLong(5)), rs.getInt(6));
    }

    private static PolicyVersion policyVersion(java.sql.ResultSet rs) throws SQLException {
        return new PolicyVersion(rs.getString(1), rs.getBoolean(2), rs.getString(3),
                Instant.ofEpochMilli(rs.getLong(4)));
    }

    private static Optional<User> findUser(Connection c, String accountId, String name) throws SQLException {
        return Store.queryOne(c, USER_COLUMNS + " where account_id = ? and user_name = ?", LocalRamService::user,
                accountId, name);
    }

    private static User requireUser(Connection c, String accountId, String name) throws SQLException {
        return findUser(c, accountId, name).orElseThrow(() -> new ApiException("EntityNotExist.User", 404,
                "The user \"" + name + "\" does not exist in this account."));
    }

    private static Optional<Group> findGroup(Connection c, String accountId, String name) throws SQLException {
        return Store.queryOne(c, GROUP_COLUMNS + " where account_id = ? and group_name = ?", LocalRamService::group,
                accountId, name);
    }

    private static Group requireGroup(Connection c, String accountId, String name) throws SQLException {
        return findGroup(c, accountId, name).orElseThrow(() -> new ApiException("EntityNotExist.Group", 404,
                "The group \"" + name + "\" does not exist in this account."));
    }

    private static void requireEntity(Connection c, String accountId, Entity entity, String name)
            throws SQLException {
        switch (entity) {
            case USER -> requireUser(c, accountId, name);
            case GROUP -> requireGroup(c, accountId, name);
            case ROLE -> findRole(c, accountId, name).orElseThrow(() -> roleNotFound(name));
        }
    }

    private static boolean isMember(Connection c, String accountId, String user, String group) throws SQLException {
        return Store.queryOne(c, "select 1 from ram_group_members where account_id = ? and group_name = ? and"
                + " user_name = ?", rs -> 1, accountId, group, user).isPresent();
    }

    private static boolean isAttached(Connection c, String accountId, Entity entity, String name, String type,
            String policy) throws SQLException {
        return Store.queryOne(c, "select 1 from " + entity.table + " where account_id = ? and " + entity.column
                + " = ? and policy_type = ? and policy_name = ?", rs -> 1, accountId, name, type, policy).isPresent();
    }

    private static Optional<Policy> findCustom(Connection c, String accountId, String name) throws SQLException {
        return Store.queryOne(c, CUSTOM_COLUMNS + " where p.account_id = ? and p.policy_name = ?",
                LocalRamService::customPolicy, accountId, name);
    }

    private static Policy systemPolicy(Connection c, String accountId, SystemPolicies.SystemPolicy e)
            throws SQLException {
        int attachments = 0;
        for (Entity entity : Entity.values()) {
            attachments += count(c, "select count(*) from " + entity.table + " where account_id = ? and"
                    + " policy_type = 'System' and policy_name = ?", accountId, e.name());
        }
        return new Policy(e.name(), "System", e.description(), "v1", SYSTEM_POLICY_DATE, SYSTEM_POLICY_DATE,
                attachments);
    }

    private static Policy requirePolicy(Connection c, String accountId, String type, String name)
            throws SQLException {
        Optional<Policy> policy = type.equals("System")
                ? SystemPolicies.find(name).isPresent()
                        ? Optional.of(systemPolicy(c, accountId, SystemPolicies.find(name).get()))
                        : Optional.empty()
                : findCustom(c, accountId, name);
        return policy.orElseThrow(() -> new ApiException("EntityNotExist.Policy", 404, "The " + type.toLowerCase()
                + " policy \"" + name + "\" does not exist. ListPolicies shows the policies"
                + (type.equals("System") ? "; a policy you wrote has PolicyType Custom." : " of this account.")));
    }

    private static Optional<PolicyVersion> version(Connection c, String accountId, String type, String name,
            String versionId) throws SQLException {
        if (type.equals("System")) {
            return SystemPolicies.find(name).filter(e -> versionId.equals("v1"))
                    .map(e -> new PolicyVersion("v1", true, e.document(), SYSTEM_POLICY_DATE));
        }
        return Store.queryOne(c, "select v.version_id, v.version_id = p.default_version, v.document, v.created_ms"
                + " from ram_policy_versions v join ram_policies p on p.account_id = v.account_id and"
                + " p.policy_name = v.policy_name where v.account_id = ? and v.policy_name = ? and v.version_id = ?",
                LocalRamService::policyVersion, accountId, name, versionId);
    }

    private static PolicyVersion requireVersion(Connection c, String accountId, String type, String name,
            String versionId) throws SQLException {
        return version(c, accountId, type, name, versionId).orElseThrow(() -> new ApiException(
                "EntityNotExist.Policy.Version", 404, "The policy \"" + name + "\" has no version " + versionId
                        + ". ListPolicyVersions shows its versions."));
    }

    private static int count(Connection c, String sql, Object... params) throws SQLException {
        return Store.queryOne(c, sql, rs -> rs.getInt(1), params).orElse(0);
    }

    private static String userName(String parameter, String value) {
        return name(parameter, value, MAX_NAME_CHARS, USER_NAME, "letters, digits, '.', '_' and '-'");
    }

    private static String groupName(String parameter, String value) {
        return name(parameter, value, MAX_NAME_CHARS, GROUP_NAME, "letters, digits, '.' and '-'");
    }

    private static String policyName(String value) {
        return name("PolicyName", value, MAX_POLICY_NAME_CHARS, POLICY_NAME, "letters, digits and '-'");
    }

    private static String name(String parameter, String value, int max, Pattern allowed, String what) {
        String name = ApiException.required(parameter, value);
        if (name.length() > max) {
            throw new ApiException("InvalidParameter." + parameter + ".Length", 400, "The parameter \"" + parameter
                    + "\" has " + name.length() + " characters; it must have 1 to " + max + ".");
        }
        if (!allowed.matcher(name).matches()) {
            throw new ApiException("InvalidParameter." + parameter + ".InvalidChars", 400, "The parameter \""
                    + parameter + "\" " + Text.quoted(name) + " contains characters that are not allowed: use "
                    + what + ".");
        }
        return name;
    }

    /** Null stays null (not given); otherwise 1 to 128 characters of text. */
    private static String displayName(String parameter, String value) {
        return boundedText(parameter, value, MAX_DISPLAY_NAME_CHARS);
    }

    private static String comments(String parameter, String value) {
        return boundedText(parameter, value, MAX_COMMENTS_CHARS);
    }

    private static String boundedText(String parameter, String value, int max) {
        if (value == null) {
            return null;
        }
        Text.requireWellFormed(parameter, value);
        if (value.length() > max) {
            throw new ApiException("InvalidParameter." + parameter + ".Length", 400, "The parameter \"" + parameter
                    + "\" has " + value.length() + " characters; at most " + max + " are allowed.");
        }
        return value;
    }

    private static String policyType(String value) {
        String type = ApiException.required("PolicyType", value);
        if (!type.equals("System") && !type.equals("Custom")) {
            throw new ApiException("InvalidParameter.PolicyType", 400, "The parameter \"PolicyType\" must be System"
                    + " (Alibaba Cloud's policies) or Custom (the policies of this account), not "
                    + Text.quoted(type) + ".");
        }
        return type;
    }

    private static String versionId(String value) {
        String id = ApiException.required("VersionId", value);
        if (!VERSION_ID.matcher(id).matches()) {
            throw new ApiException("InvalidParameter.VersionId.Format", 400, "The parameter \"VersionId\" "
                    + Text.quoted(id) + " is not a version id: they are v1, v2 and so on.");
        }
        return id;
    }

    /** A policy document valid as the policy language says, within RAM's length. */
    private static String document(String value) {
        String text = ApiException.required("PolicyDocument", value);
        Text.requireWellFormed("PolicyDocument", text);
        // the language's parser refuses with RAM's codes (MalformedPolicyDocument, the length's) and says where
        PolicyDocument.parse(text);
        return text;
    }

    private static String numericId() {
        StringBuilder id = new StringBuilder("2");
        for (int i = 0; i < 15; i++) {
            id.append(RANDOM.nextInt(10));
        }
        return id.toString();
    }

    private static String random(int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = ALNUM[RANDOM.nextInt(ALNUM.length)];
        }
        return new String(out);
    }
}
