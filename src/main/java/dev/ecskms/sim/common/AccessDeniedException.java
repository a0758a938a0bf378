package dev.ecskms.sim.common;

/**
 * A RAM user's request that its policies do not allow: the product's own code ({@code Forbidden.NoPermission} for
 * KMS, {@code Forbidden.RAM} for ECS …, HTTP 403) plus what the real gateway's AccessDeniedDetail says, so that the
 * console can name the missing action the way the real console does, and the API can return the detail.
 *
 * @see dev.ecskms.sim.ram.policy.Decision
 */
public class AccessDeniedException extends ApiException {
    /** Why: no statement allowed it, or a Deny statement matched. */
    public enum DenyType {
        ImplicitDeny, ExplicitDeny
    }

    private final String authAction;
    private final String resource;
    private final String principal;
    private final DenyType denyType;

    /**
     * @param authAction the RAM action that was needed, e.g. {@code ecs:CreateDisk}
     * @param resource   the resource ARN it was asked on
     * @param principal  who asked, as the console names them (a RAM user's name)
     */
    public AccessDeniedException(String code, String message, String authAction, String resource, String principal,
            DenyType denyType) {
        super(code, 403, message);
        this.authAction = authAction;
        this.resource = resource;
        this.principal = principal;
        this.denyType = denyType;
    }

    public String authAction() {
        return authAction;
    }

    public String resource() {
        return resource;
    }

    public String principal() {
        return principal;
    }

    public DenyType denyType() {
        return denyType;
    }
}
