package dev.ecskms.api;

import dev.ecskms.sim.common.ApiException;
import dev.ecskms.sim.common.CallContext;
import dev.ecskms.sim.ram.AttachedPolicy;
import dev.ecskms.sim.ram.RamService;
import dev.ecskms.sim.ram.Role;
import java.util.List;

/**
 * RAM 2015-05-01 on the wire — the roles ECS needs to use customer master keys: parameter names and response shapes
 * of the real service (checked against the unmarshallers of aliyun-java-sdk-ram 3.3.1), each action a call to
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
                .action(v, "ListPoliciesForRole", a::listPoliciesForRole);
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

    /**
     * {@code Marker} and {@code MaxItems} page the roles as in the real API; the marker is the name of the first
     * role of the next page (opaque to callers).
     */
    private JsonObject listRoles(CallContext ctx, RpcParams p) {
        Integer maxItems = p.optionalInt("MaxItems", 1, MAX_ITEMS);
        int limit = maxItems == null ? DEFAULT_MAX_ITEMS : maxItems;
        String marker = p.optional("Marker");
        List<Role> all = ram.listRoles(ctx);
        int from = 0;
        if (marker != null && !marker.isBlank()) {
            from = -1;
            for (int i = 0; i < all.size(); i++) {
                if (all.get(i).roleName().equals(marker)) {
                    from = i;
                    break;
                }
            }
            if (from < 0) {
                throw ApiException.invalid("Marker", "it is not a marker that ListRoles returned, or the role it"
                        + " named has been deleted. Start again without a Marker.");
            }
        }
        int to = Math.min(all.size(), from + limit);
        boolean truncated = to < all.size();
        List<JsonObject> roles = all.subList(from, to).stream().map(RamActions::role).toList();
        return JsonObject.of()
                .put("IsTruncated", truncated)
                .put("Marker", truncated ? all.get(to).roleName() : null)
                .putList("Roles", "Role", roles);
    }

    private JsonObject listPoliciesForRole(CallContext ctx, RpcParams p) {
        List<JsonObject> policies = ram.listPoliciesForRole(ctx, p.required("RoleName")).stream()
                .map(RamActions::policy).toList();
        return JsonObject.of().putList("Policies", "Policy", policies);
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

    private static JsonObject policy(AttachedPolicy a) {
        return JsonObject.of()
                .put("PolicyName", a.policyName())
                .put("PolicyType", a.policyType())
                .put("AttachDate", WireFormats.date(a.attachDate()));
    }
}
