package dev.ecskms.sim.ram;

import dev.ecskms.sim.common.AccessDeniedException;
import dev.ecskms.sim.common.AccessDeniedException.DenyType;
import dev.ecskms.sim.common.CallContext;
import dev.ecskms.sim.ram.policy.AccessRequest;
import dev.ecskms.sim.ram.policy.Decision;
import dev.ecskms.sim.ram.policy.PolicyDocument;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides one call: who asks ({@link CallContext}), what they need ({@link AccessGuard.Need}: a RAM action on
 * resources with the request's condition values) and what the product answers when it is refused. The root account
 * (this simulator's or the peer's) may do everything; a cloud service acting through its service role (ECS for an
 * instance, OOS with OOSAssumeRole) passes, as its role's policy is not what a RAM user can change; a RAM user is
 * evaluated with the policies in force for them ({@link RamService#policiesInForce}), explicit Deny first.
 *
 * <p>The common condition keys are filled in here, the same for every product: {@code acs:CurrentTime} (the
 * simulated clock, ISO 8601 UTC), {@code acs:SourceIp} and {@code acs:SecureTransport} (from the context: the API
 * request's remote address and scheme; the console's 127.0.0.1 and true).
 */
public final class Authorizer {
    public static final String CURRENT_TIME = "acs:CurrentTime";
    public static final String SOURCE_IP = "acs:SourceIp";
    public static final String SECURE_TRANSPORT = "acs:SecureTransport";
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
            .withZone(java.time.ZoneOffset.UTC);

    private final RamService ram;
    private final Clock clock;

    /**
     * @param ram   the RAM store (unguarded: looking up a user's policies is the guard's own work, not a call of theirs)
     * @param clock the simulated clock, for acs:CurrentTime
     */
    public Authorizer(RamService ram, Clock clock) {
        this.ram = ram;
        this.clock = clock;
    }

    /** Whether the context is checked at all: only a RAM user's is. */
    public static boolean isChecked(CallContext ctx) {
        return !ctx.isRoot() && !ctx.isServiceRole();
    }

    /**
     * Passes, or throws the product's refusal naming the first need that is not allowed.
     *
     * @throws AccessDeniedException HTTP 403 with the product's code
     */
    public void check(CallContext ctx, AccessGuard.Product product, List<AccessGuard.Need> needs) {
        if (!isChecked(ctx) || needs.isEmpty()) {
            return;
        }
        String user = ctx.userName();
        AccessGuard.Need first = needs.get(0);
        if (ram.findUser(ctx.accountId(), user).isEmpty()) {
            // A console still acting as a deleted user, or an AccessKey that outlived its user: nothing is in force.
            throw refusal(ctx, product, first.action(), first.resources().get(0), DenyType.ImplicitDeny,
                    "The RAM user " + user + " no longer exists in account " + ctx.accountId()
                            + ", so it may not perform " + first.action() + ". Act as another identity.");
        }
        List<PolicyDocument> policies = ram.policiesInForce(ctx.accountId(), user);
        Map<String, List<String>> common = commonConditions(ctx);
        for (AccessGuard.Need need : needs) {
            Map<String, List<String>> context = new LinkedHashMap<>(common);
            context.putAll(need.conditions());
            for (String resource : need.resources()) {
                Decision decision = PolicyDocument.evaluate(policies, new AccessRequest(need.action(), resource,
                        context));
                if (!decision.allowed()) {
                    DenyType type = decision == Decision.EXPLICIT_DENY ? DenyType.ExplicitDeny : DenyType.ImplicitDeny;
                    throw refusal(ctx, product, need.action(), resource, type, message(user, need.action(), resource,
                            type));
                }
            }
        }
    }

    /** acs:CurrentTime, acs:SourceIp and acs:SecureTransport of this call. */
    public Map<String, List<String>> commonConditions(CallContext ctx) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        return Map.of(CURRENT_TIME, List.of(ISO.format(now)),
                SOURCE_IP, List.of(ctx.sourceIp()),
                SECURE_TRANSPORT, List.of(Boolean.toString(ctx.secureTransport())));
    }

    static String message(String user, String action, String resource, DenyType type) {
        String why = type == DenyType.ExplicitDeny
                ? "a policy in force for the user denies it explicitly (a Deny statement wins over any Allow); ask the"
                        + " account's administrator to change or detach that policy"
                : "no policy in force for the user allows it; ask the account's administrator to attach a policy"
                        + " that allows it";
        return "The RAM user " + user + " is not authorized to perform " + action + " on " + resource + ": " + why
                + ".";
    }

    private static AccessDeniedException refusal(CallContext ctx, AccessGuard.Product product, String action,
            String resource, DenyType type, String message) {
        return new AccessDeniedException(product.code(), message, action, resource, ctx.principal(), type);
    }
}
