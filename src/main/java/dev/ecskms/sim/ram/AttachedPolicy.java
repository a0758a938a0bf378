package dev.ecskms.sim.ram;

import java.time.Instant;

/**
 * A policy attached to a user, group or role: System (Alibaba Cloud's) or Custom, with the policy's description and
 * default version as ListPoliciesForUser/Group/Role show them (null where not read).
 */
public record AttachedPolicy(String policyType, String policyName, Instant attachDate, String description,
        String defaultVersion) {

    public AttachedPolicy(String policyType, String policyName, Instant attachDate) {
        this(policyType, policyName, attachDate, null, null);
    }
}
