package dev.ecskms.sim.common;

import java.util.Objects;
import java.util.UUID;

/**
 * Who is calling, in which region, under which request id. Every service operation takes one, so RAM users, roles
 * and a second account can be added without touching call sites.
 *
 * @param accountId the 16-digit account id the call acts in
 * @param principal "root" for the account itself, otherwise a RAM user name
 * @param regionId  the region the call addresses, e.g. cn-hangzhou
 * @param requestId the id echoed in responses and errors
 */
public record CallContext(String accountId, String principal, String regionId, String requestId) {
    public static final String ROOT = "root";

    public CallContext {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(regionId, "regionId");
        Objects.requireNonNull(requestId, "requestId");
    }

    public static CallContext root(String accountId, String regionId) {
        return new CallContext(accountId, ROOT, regionId, newRequestId());
    }

    public CallContext inRegion(String otherRegion) {
        return new CallContext(accountId, principal, otherRegion, requestId);
    }

    public static String newRequestId() {
        return UUID.randomUUID().toString().toUpperCase();
    }
}
