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
 * @param sourceIp  the caller's address as policies see it ({@code acs:SourceIp}): the API request's remote address;
 *                  {@value #LOCAL_IP} for the console and the simulator's own work
 * @param secureTransport whether the call came over TLS ({@code acs:SecureTransport}); the console's calls never
 *                  leave the process, so they count as secure
 */
public record CallContext(String accountId, String principal, String regionId, String requestId, Source source,
        String sourceIp, boolean secureTransport) {
    public static final String ROOT = "root";
    /** The source address of the console's calls and of the simulator's own work. */
    public static final String LOCAL_IP = "127.0.0.1";
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
        Objects.requireNonNull(sourceIp, "sourceIp");
    }

    /** A context from the console or the simulator itself: local address, secure transport. */
    public CallContext(String accountId, String principal, String regionId, String requestId, Source source) {
        this(accountId, principal, regionId, requestId, source, LOCAL_IP, true);
    }

    /** A context of the console's (see {@link Source#CONSOLE}). */
    public CallContext(String accountId, String principal, String regionId, String requestId) {
        this(accountId, principal, regionId, requestId, Source.CONSOLE);
    }

    public static CallContext root(String accountId, String regionId) {
        return new CallContext(accountId, ROOT, regionId, newRequestId());
    }

    public CallContext inRegion(String otherRegion) {
        return new CallContext(accountId, principal, otherRegion, requestId, source, sourceIp, secureTransport);
    }

    public CallContext from(Source otherSource) {
        return new CallContext(accountId, principal, regionId, requestId, otherSource, sourceIp, secureTransport);
    }

    /** The same call as it arrived from {@code address}, over TLS or not (the API endpoint sets both). */
    public CallContext over(String address, boolean secure) {
        return new CallContext(accountId, principal, regionId, requestId, source, address, secure);
    }

    /**
     * The same account and region as a cloud service acting through its service role, e.g. ECS through
     * {@code AliyunECSDiskEncryptDefaultRole} for instance {@code i-…} (the session names what it acts for).
     * The request id stays: the audit trail ties the service's call to the request that caused it.
     */
    public CallContext asServiceRole(String roleName, String sessionName) {
        return new CallContext(accountId, ASSUMED_ROLE + roleName + "/" + sessionName, regionId, requestId,
                Source.SIMULATOR, sourceIp, secureTransport);
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
