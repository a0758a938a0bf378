package dev.ecskms.sim.ram;

import java.time.Instant;

/** A RAM role as GetRole returns it. */
public record Role(String roleName, String roleId, String arn, String assumeRolePolicyDocument, String description,
        Instant createDate) {
}
