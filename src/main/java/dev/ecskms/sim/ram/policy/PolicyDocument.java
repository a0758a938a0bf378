package dev.ecskms.sim.ram.policy;

import java.util.Collection;
import java.util.List;

/**
 * A RAM policy document (policy language version 1): {@code Version}, {@code Statement} with {@code Effect}
 * Allow/Deny, {@code Action}/{@code NotAction} with wildcards, {@code Resource}/{@code NotResource} ARNs with
 * wildcards and {@code Condition} with the real operators. Parsed once, evaluated many times; immutable.
 *
 * <p>CONTRACT — the implementation is being written (issue 11); the signatures below are what the RAM service, the
 * access guard and the console's policy editor program against.
 */
public final class PolicyDocument {
    private PolicyDocument() {
    }

    /**
     * Parses and validates a document. A malformed one is refused with RAM's real error code (an
     * {@link dev.ecskms.sim.common.ApiException}, HTTP 400) whose message names where: line and column, and what
     * to write instead.
     */
    public static PolicyDocument parse(String json) {
        throw new UnsupportedOperationException("policy language: being implemented (issue 11)");
    }

    /** Everything wrong with a document, for an editor that validates as the user types; empty when it is valid. */
    public static List<PolicyProblem> problems(String json) {
        throw new UnsupportedOperationException("policy language: being implemented (issue 11)");
    }

    /** The document as it was written. */
    public String text() {
        throw new UnsupportedOperationException("policy language: being implemented (issue 11)");
    }

    /** This document alone: Deny if a Deny statement matches, else Allow if an Allow statement matches. */
    public Decision evaluate(AccessRequest request) {
        throw new UnsupportedOperationException("policy language: being implemented (issue 11)");
    }

    /** All policies in force for a principal: an explicit Deny anywhere wins, then any Allow, else implicit deny. */
    public static Decision evaluate(Collection<PolicyDocument> policies, AccessRequest request) {
        throw new UnsupportedOperationException("policy language: being implemented (issue 11)");
    }

    /**
     * What the document allows and denies, one readable line per statement, e.g. "Deny ecs:CreateDisk,
     * ecs:RunInstances on all resources when ecs:IsDiskEncrypted is false".
     */
    public List<String> summary() {
        throw new UnsupportedOperationException("policy language: being implemented (issue 11)");
    }
}
