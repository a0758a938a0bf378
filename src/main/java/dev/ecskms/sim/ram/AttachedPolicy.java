package dev.ecskms.sim.ram;

import java.time.Instant;

/** A policy attached to a role: System (Alibaba Cloud's) or Custom. */
public record AttachedPolicy(String policyType, String policyName, Instant attachDate) {
}
