package dev.ecskms.sim.common;

import java.util.Objects;
import java.util.UUID;

/**
 * Who is calling, in which region, under which request id, and through which face. Every service operation takes
 * one, so RAM users, roles and a second account can be added without touching call sites.
 *
 * @param accountId the 16-digit account id the call acts in
 * @param principal "root" for the account itself, a RAM user name, or — for a cloud service acting through its
 *                  service role — {@code assumed-role/<RoleName>/<session>} (see {@link #asServiceRole})
 * @param regionId  the region the call addresses, e.g. cn-hangzhou
 * @param requestId the id echoed in responses and errors
 * @param source    the face the call came through: the console, the API endpoint, or the simulator's own work
 */
public record CallContext(String accountId, String principal, String regionId, String requestId, Source source) {
    public static final String ROOT = "root";
    private static final String ASSUMED_ROLE = "assumed-role/";

    /** Where a call came from, as the audit trail shows it. */
    public enum Source {
        /** A click in the console (also what a context made without a source is: the services' own tests). */
        CONSOLE,
        /** A signed request to the API endpoint. */
        API,
        /** The simulator itself: an instance starting on the simulated clock, a cloud service calling another. */
        SIMULATOR
    }

    public CallContext {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(regionId, "regionId");
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(source, "source");
    }

    /** A context of the console's (see {@link Source#CONSOLE}). */
    public CallContext(String accountId, String principal, String regionId, String requestId) {
        this(accountId, principal, regionId, requestId, Source.CONSOLE);
    }

    public static CallContext root(String accountId, String regionId) {
        return new CallContext(accountId, ROOT, regionId, newRequestId());
    }

    public CallContext inRegion(String otherRegion) {
        return new CallContext(accountId, principal, otherRegion, requestId, source);
    }

    public CallContext from(Source otherSource) {
        return new CallContext(accountId, principal, regionId, requestId, otherSource);
    }

    /**
     * The same account and region as a cloud service acting through its service role, e.g. ECS through
     * {@code AliyunECSDiskEncryptDefaultRole} for instance {@code i-…} (the session names what it acts for).
     * The request id stays: the audit trail ties the service's call to the request that caused it.
     */
    public CallContext asServiceRole(String roleName, String sessionName) {
        return new CallContext(accountId, ASSUMED_ROLE + roleName + "/" + sessionName, regionId, requestId,
                Source.SIMULATOR);
    }

    public boolean isRoot() {
        return ROOT.equals(principal);
    }

    public boolean isServiceRole() {
        return principal.startsWith(ASSUMED_ROLE);
    }

    /** The role's name for {@link #isServiceRole()}, else null. */
    public String roleName() {
        if (!isServiceRole()) {
            return null;
        }
        String rest = principal.substring(ASSUMED_ROLE.length());
        int slash = rest.indexOf('/');
        return slash < 0 ? rest : rest.substring(0, slash);
    }

    /** What the role acts for (e.g. the instance id) for {@link #isServiceRole()}, else null. */
    public String roleSessionName() {
        if (!isServiceRole()) {
            return null;
        }
        String rest = principal.substring(ASSUMED_ROLE.length());
        int slash = rest.indexOf('/');
        return slash < 0 ? null : rest.substring(slash + 1);
    }

    /** A RAM user's name, or null for the root account and roles. */
    public String userName() {
        return isRoot() || isServiceRole() ? null : principal;
    }

    public static String newRequestId() {
        return UUID.randomUUID().toString().toUpperCase();
    }
}
