package dev.ecskms.sim.ram;

import java.time.Instant;

/**
 * A policy as ListPolicies shows it.
 *
 * @param policyType      {@code System} (Alibaba Cloud's, the same in every account) or {@code Custom}
 * @param defaultVersion  e.g. {@code v1}
 * @param attachmentCount how many users, groups and roles of the account it is attached to
 */
public record Policy(String policyName, String policyType, String description, String defaultVersion,
        Instant createDate, Instant updateDate, int attachmentCount) {
}
