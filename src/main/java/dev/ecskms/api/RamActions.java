package dev.ecskms.api;

import dev.ecskms.sim.common.ApiException;
import dev.ecskms.sim.common.CallContext;
import dev.ecskms.sim.ram.AccessKey;
import dev.ecskms.sim.ram.AccessKeyInfo;
import dev.ecskms.sim.ram.AttachedPolicy;
import dev.ecskms.sim.ram.Group;
import dev.ecskms.sim.ram.Policy;
import dev.ecskms.sim.ram.PolicyAttachment;
import dev.ecskms.sim.ram.PolicyVersion;
import dev.ecskms.sim.ram.RamService;
import dev.ecskms.sim.ram.Role;
import dev.ecskms.sim.ram.User;
import java.util.List;
import java.util.function.Function;

/**
 * RAM 2015-05-01 on the wire — users, groups, their AccessKeys, policies and their versions, roles, and the
 * attachments between them: parameter names and response shapes of the real service (checked against the
 * unmarshallers of aliyun-java-sdk-ram 3.3.1 and the models of com.aliyun:ram20150501), each action a call to
 * {@link RamService}. RAM is global: a RegionId is accepted but not required.
 */
public final class RamActions {
    public static final ActionRegistry.Product PRODUCT = new ActionRegistry.Product("Ram", "2015-05-01", false);

    /** MaxSessionDuration of a role that does not set one (the real default, in seconds). */
    static final long DEFAULT_MAX_SESSION_SECONDS = 3600;
    static final int MAX_POLICY_DOCUMENT_CHARS = 2048;
    static final int DEFAULT_MAX_ITEMS = 100;
    static final int MAX_ITEMS = 1000;

    private final RamService ram;

    private RamActions(RamService ram) {
        this.ram = ram;
    }

    public static void registerInto(ActionRegistry registry, RamService ram) {
        RamActions a = new RamActions(ram);
        String v = PRODUCT.version();
        registry.product(PRODUCT)
                .action(v, "CreateRole", a::createRole)
                .action(v, "GetRole", (ctx, p) -> JsonObject.of().put("Role", role(ram.getRole(ctx,
                        p.required("RoleName")))))
                .action(v, "ListRoles", a::listRoles)
                .action(v, "AttachPolicyToRole", (ctx, p) -> Responses.done(() -> ram.attachPolicyToRole(ctx,
                        p.required("PolicyType"), p.required("PolicyName"), p.required("RoleName"))))
                .action(v, "ListPoliciesForRole", a::listPoliciesForRole)
                .action(v, "DetachPolicyFromRole", (ctx, p) -> Responses.done(() -> ram.detachPolicyFromRole(ctx,
                        p.required("PolicyType"), p.required("PolicyName"), p.required("RoleName"))))
                // users
                .action(v, "CreateUser", (ctx, p) -> JsonObject.of().put("User", user(ram.createUser(ctx,
                        p.required("UserName"), p.optional("DisplayName"), p.optional("Comments")))))
                .action(v, "GetUser", (ctx, p) -> JsonObject.of().put("User", user(ram.getUser(ctx,
                        p.required("UserName")))))
                .action(v, "UpdateUser", (ctx, p) -> JsonObject.of().put("User", user(ram.updateUser(ctx,
                        p.required("UserName"), p.optional("NewUserName"), p.optional("NewDisplayName"),
                        p.optional("NewComments")))))
                .action(v, "ListUsers", (ctx, p) -> page(p, ram.listUsers(ctx), User::userName, "Users", "User",
                        RamActions::user))
                .action(v, "DeleteUser", (ctx, p) -> Responses.done(() -> ram.deleteUser(ctx,
                        p.required("UserName"))))
                // groups
                .action(v, "CreateGroup", (ctx, p) -> JsonObject.of().put("Group", group(ram.createGroup(ctx,
                        p.required("GroupName"), p.optional("Comments")))))
                .action(v, "GetGroup", (ctx, p) -> JsonObject.of().put("Group", group(ram.getGroup(ctx,
                        p.required("GroupName")))))
                .action(v, "UpdateGroup", (ctx, p) -> JsonObject.of().put("Group", group(ram.updateGroup(ctx,
                        p.required("GroupName"), p.optional("NewGroupName"), p.optional("NewComments")))))
                .action(v, "ListGroups", (ctx, p) -> page(p, ram.listGroups(ctx), Group::groupName, "Groups",
                        "Group", RamActions::group))
                .action(v, "DeleteGroup", (ctx, p) -> Responses.done(() -> ram.deleteGroup(ctx,
                        p.required("GroupName"))))
                .action(v, "AddUserToGroup", (ctx, p) -> Responses.done(() -> ram.addUserToGroup(ctx,
                        p.required("UserName"), p.required("GroupName"))))
                .action(v, "RemoveUserFromGroup", (ctx, p) -> Responses.done(() -> ram.removeUserFromGroup(ctx,
                        p.required("UserName"), p.required("GroupName"))))
                .action(v, "ListGroupsForUser", (ctx, p) -> JsonObject.of().putList("Groups", "Group",
                        ram.listGroupsForUser(ctx, p.required("UserName")).stream().map(RamActions::membership)
                                .toList()))
                .action(v, "ListUsersForGroup", (ctx, p) -> page(p, ram.listUsersForGroup(ctx,
                        p.required("GroupName")), User::userName, "Users", "User", RamActions::member))
                // AccessKeys of users
                .action(v, "CreateAccessKey", a::createAccessKey)
                .action(v, "ListAccessKeys", (ctx, p) -> JsonObject.of().putList("AccessKeys", "AccessKey",
                        ram.listAccessKeys(ctx, userName(ctx, p)).stream().map(RamActions::accessKey).toList()))
                .action(v, "UpdateAccessKey", (ctx, p) -> Responses.done(() -> ram.updateAccessKey(ctx,
                        userName(ctx, p), p.required("UserAccessKeyId"), p.required("Status"))))
                .action(v, "DeleteAccessKey", (ctx, p) -> Responses.done(() -> ram.deleteAccessKey(ctx,
                        userName(ctx, p), p.required("UserAccessKeyId"))))
                // policies
                .action(v, "CreatePolicy", (ctx, p) -> JsonObject.of().put("Policy", policy(ram.createPolicy(ctx,
                        p.required("PolicyName"), p.required("PolicyDocument"), p.optional("Description")), false)))
                .action(v, "GetPolicy", a::getPolicy)
                .action(v, "ListPolicies", (ctx, p) -> page(p, ram.listPolicies(ctx, p.optional("PolicyType")),
                        pol -> pol.policyType() + ":" + pol.policyName(), "Policies", "Policy",
                        pol -> policy(pol, true)))
                .action(v, "DeletePolicy", (ctx, p) -> Responses.done(() -> ram.deletePolicy(ctx,
                        p.required("PolicyName"))))
                .action(v, "CreatePolicyVersion", (ctx, p) -> JsonObject.of().put("PolicyVersion",
                        version(ram.createPolicyVersion(ctx, p.required("PolicyName"), p.required("PolicyDocument"),
                                Boolean.TRUE.equals(p.optionalBoolean("SetAsDefault")),
                                p.optional("RotateStrategy")))))
                .action(v, "SetDefaultPolicyVersion", (ctx, p) -> Responses.done(() -> ram.setDefaultPolicyVersion(
                        ctx, p.required("PolicyName"), p.required("VersionId"))))
                .action(v, "ListPolicyVersions", (ctx, p) -> JsonObject.of().putList("PolicyVersions",
                        "PolicyVersion", ram.listPolicyVersions(ctx, p.required("PolicyType"),
                                p.required("PolicyName")).stream().map(RamActions::version).toList()))
                .action(v, "GetPolicyVersion", (ctx, p) -> JsonObject.of().put("PolicyVersion", version(
                        ram.getPolicyVersion(ctx, p.required("PolicyType"), p.required("PolicyName"),
                                p.required("VersionId")))))
                .action(v, "DeletePolicyVersion", (ctx, p) -> Responses.done(() -> ram.deletePolicyVersion(ctx,
                        p.required("PolicyName"), p.required("VersionId"))))
                // attachments
                .action(v, "AttachPolicyToUser", (ctx, p) -> Responses.done(() -> ram.attachPolicyToUser(ctx,
                        p.required("PolicyType"), p.required("PolicyName"), p.required("UserName"))))
                .action(v, "DetachPolicyFromUser", (ctx, p) -> Responses.done(() -> ram.detachPolicyFromUser(ctx,
                        p.required("PolicyType"), p.required("PolicyName"), p.required("UserName"))))
                .action(v, "AttachPolicyToGroup", (ctx, p) -> Responses.done(() -> ram.attachPolicyToGroup(ctx,
                        p.required("PolicyType"), p.required("PolicyName"), p.required("GroupName"))))
                .action(v, "DetachPolicyFromGroup", (ctx, p) -> Responses.done(() -> ram.detachPolicyFromGroup(ctx,
                        p.required("PolicyType"), p.required("PolicyName"), p.required("GroupName"))))
                .action(v, "ListPoliciesForUser", (ctx, p) -> attached(ram.listPoliciesForUser(ctx,
                        p.required("UserName"))))
                .action(v, "ListPoliciesForGroup", (ctx, p) -> attached(ram.listPoliciesForGroup(ctx,
                        p.required("GroupName"))))
                .action(v, "ListEntitiesForPolicy", a::listEntitiesForPolicy);
    }

    /**
     * The user an AccessKey action is for: {@code UserName}, or, as in the real API, the calling RAM user when it is
     * left out. The root account's own AccessKey is made at start (serve's options), not by this action.
     */
    private static String userName(CallContext ctx, RpcParams p) {
        String name = p.optional("UserName");
        if (name != null && !name.isBlank()) {
            return name;
        }
        if (!CallContext.ROOT.equals(ctx.principal())) {
            return ctx.principal();
        }
        throw new ApiException("MissingParameter", 400, "The input parameter \"UserName\" that is mandatory for"
                + " processing this request is not supplied. The root account's AccessKey is the one the simulator"
                + " was started with; name the RAM user whose AccessKeys you mean.");
    }

    private JsonObject createAccessKey(CallContext ctx, RpcParams p) {
        AccessKey key = ram.createAccessKey(ctx, userName(ctx, p));
        // The secret is shown this once; ListAccessKeys never shows it again.
        return JsonObject.of().put("AccessKey", JsonObject.of()
                .put("AccessKeyId", key.accessKeyId())
                .put("AccessKeySecret", key.accessKeySecret())
                .put("Status", key.status())
                .put("CreateDate", key.createDate() == null ? null : WireFormats.date(key.createDate())));
    }

    private JsonObject getPolicy(CallContext ctx, RpcParams p) {
        RamService.PolicyDetail detail = ram.getPolicy(ctx, p.required("PolicyType"), p.required("PolicyName"));
        return JsonObject.of()
                .put("Policy", policy(detail.policy(), true)
                        .put("PolicyDocument", detail.defaultVersion().policyDocument()))
                .put("DefaultPolicyVersion", version(detail.defaultVersion()));
    }

    /**
     * ListPoliciesForUser/Group/Role: each attached policy with its description and default version. Every action
     * makes one service call: the access guard authorizes each call as the action it stands for.
     */
    private static JsonObject attached(List<AttachedPolicy> attached) {
        return JsonObject.of().putList("Policies", "Policy", attached.stream().map(a -> JsonObject.of()
                .put("PolicyName", a.policyName())
                .put("PolicyType", a.policyType())
                .put("Description", a.description())
                .put("DefaultVersion", a.defaultVersion())
                .put("AttachDate", WireFormats.date(a.attachDate()))).toList());
    }

    /** Users, groups and roles a policy is attached to, each with the fields the real response gives. */
    private JsonObject listEntitiesForPolicy(CallContext ctx, RpcParams p) {
        List<PolicyAttachment> all = ram.listEntitiesForPolicy(ctx, p.required("PolicyType"),
                p.required("PolicyName"));
        List<JsonObject> users = new java.util.ArrayList<>();
        List<JsonObject> groups = new java.util.ArrayList<>();
        List<JsonObject> roles = new java.util.ArrayList<>();
        for (PolicyAttachment a : all) {
            String date = WireFormats.date(a.attachDate());
            switch (a.entityType()) {
                case "User" -> users.add(JsonObject.of().put("UserName", a.name()).put("UserId", a.entityId())
                        .put("DisplayName", a.displayName()).put("AttachDate", date));
                case "Group" -> groups.add(JsonObject.of().put("GroupName", a.name())
                        .put("Comments", a.description()).put("AttachDate", date));
                default -> roles.add(JsonObject.of().put("RoleName", a.name()).put("RoleId", a.entityId())
                        .put("Arn", a.arn()).put("Description", a.description()).put("AttachDate", date));
            }
        }
        return JsonObject.of().putList("Users", "User", users).putList("Groups", "Group", groups)
                .putList("Roles", "Role", roles);
    }

    /**
     * {@code Marker} and {@code MaxItems} page a listing as in the real API; the marker names the first item of the
     * next page (opaque to callers).
     */
    private static <T> JsonObject page(RpcParams p, List<T> all, Function<T, String> markerOf, String listName,
            String itemName, Function<T, JsonObject> render) {
        Integer maxItems = p.optionalInt("MaxItems", 1, MAX_ITEMS);
        int limit = maxItems == null ? DEFAULT_MAX_ITEMS : maxItems;
        String marker = p.optional("Marker");
        int from = 0;
        if (marker != null && !marker.isBlank()) {
            from = -1;
            for (int i = 0; i < all.size(); i++) {
                if (markerOf.apply(all.get(i)).equals(marker)) {
                    from = i;
                    break;
                }
            }
            if (from < 0) {
                throw ApiException.invalid("Marker", "it is not a marker that this listing returned, or what it"
                        + " named has been deleted. Start again without a Marker.");
            }
        }
        int to = Math.min(all.size(), from + limit);
        boolean truncated = to < all.size();
        return JsonObject.of()
                .put("IsTruncated", truncated)
                .put("Marker", truncated ? markerOf.apply(all.get(to)) : null)
                .putList(listName, itemName, all.subList(from, to).stream().map(render).toList());
    }

    static JsonObject user(User u) {
        return JsonObject.of()
                .put("UserName", u.userName())
                .put("UserId", u.userId())
                .put("DisplayName", u.displayName())
                .put("Comments", u.comments())
                .put("CreateDate", WireFormats.date(u.createDate()))
                .put("UpdateDate", WireFormats.date(u.updateDate()))
                .put("LastLoginDate", u.lastLoginDate() == null ? null : WireFormats.date(u.lastLoginDate()));
    }

    /** A user as ListUsersForGroup lists it: name, display name and when it joined. */
    private static JsonObject member(User u) {
        return JsonObject.of()
                .put("UserName", u.userName())
                .put("DisplayName", u.displayName())
                .put("JoinDate", u.joinDate() == null ? null : WireFormats.date(u.joinDate()));
    }

    /** A group as ListGroupsForUser lists it: name, id, comments and when the user joined. */
    private static JsonObject membership(Group g) {
        return JsonObject.of()
                .put("GroupName", g.groupName())
                .put("GroupId", g.groupId())
                .put("Comments", g.comments())
                .put("JoinDate", g.joinDate() == null ? null : WireFormats.date(g.joinDate()));
    }

    static JsonObject group(Group g) {
        return JsonObject.of()
                .put("GroupName", g.groupName())
                .put("GroupId", g.groupId())
                .put("Comments", g.comments())
                .put("CreateDate", WireFormats.date(g.createDate()))
                .put("UpdateDate", WireFormats.date(g.updateDate()));
    }

    private static JsonObject accessKey(AccessKeyInfo k) {
        return JsonObject.of()
                .put("AccessKeyId", k.accessKeyId())
                .put("Status", k.status())
                .put("CreateDate", WireFormats.date(k.createDate()));
    }

    static JsonObject policy(Policy p, boolean withCounts) {
        JsonObject o = JsonObject.of()
                .put("PolicyName", p.policyName())
                .put("PolicyType", p.policyType())
                .put("Description", p.description())
                .put("DefaultVersion", p.defaultVersion())
                .put("CreateDate", WireFormats.date(p.createDate()));
        if (withCounts) {
            o.put("UpdateDate", WireFormats.date(p.updateDate())).put("AttachmentCount", p.attachmentCount());
        }
        return o;
    }

    static JsonObject version(PolicyVersion v) {
        return JsonObject.of()
                .put("VersionId", v.versionId())
                .put("IsDefaultVersion", v.isDefaultVersion())
                .put("PolicyDocument", v.policyDocument())
                .put("CreateDate", WireFormats.date(v.createDate()));
    }

    private JsonObject createRole(CallContext ctx, RpcParams p) {
        Long maxSession = p.optionalLong("MaxSessionDuration");
        if (maxSession != null && maxSession != DEFAULT_MAX_SESSION_SECONDS) {
            // Only the default session length is simulated; a role that claims another would be a staged outcome.
            throw ApiException.invalid("MaxSessionDuration", "the simulator's roles keep the default of "
                    + DEFAULT_MAX_SESSION_SECONDS + " seconds; leave it out.");
        }
        Role role = ram.createRole(ctx, p.required("RoleName"),
                p.optional("AssumeRolePolicyDocument", MAX_POLICY_DOCUMENT_CHARS), p.optional("Description"));
        return JsonObject.of().put("Role", role(role));
    }

    private JsonObject listRoles(CallContext ctx, RpcParams p) {
        return page(p, ram.listRoles(ctx), Role::roleName, "Roles", "Role", RamActions::role);
    }

    private JsonObject listPoliciesForRole(CallContext ctx, RpcParams p) {
        return attached(ram.listPoliciesForRole(ctx, p.required("RoleName")));
    }

    static JsonObject role(Role r) {
        return JsonObject.of()
                .put("RoleName", r.roleName())
                .put("RoleId", r.roleId())
                .put("Arn", r.arn())
                .put("Description", r.description())
                .put("AssumeRolePolicyDocument", r.assumeRolePolicyDocument())
                .put("MaxSessionDuration", DEFAULT_MAX_SESSION_SECONDS)
                .put("CreateDate", WireFormats.date(r.createDate()));
    }
}
