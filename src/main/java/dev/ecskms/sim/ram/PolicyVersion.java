package dev.ecskms.sim.ram;

import java.time.Instant;

/** One version of a policy, with its document as written (GetPolicy's DefaultPolicyVersion, GetPolicyVersion). */
public record PolicyVersion(String versionId, boolean isDefaultVersion, String policyDocument, Instant createDate) {
}
