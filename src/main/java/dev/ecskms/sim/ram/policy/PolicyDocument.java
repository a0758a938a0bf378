package dev.ecskms.sim.ram.policy;

import dev.ecskms.sim.common.ApiException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A RAM document (policy language version 1): {@code Version}, {@code Statement} with {@code Effect}
 * Allow/Deny, {@code Action}/{@code NotAction} with wildcards, {@code Resource}/{@code NotResource} ARNs with
 * wildcards and {@code Condition} with the real operators. Parsed once, evaluated many times; immutable.
 *
 * <p>Evaluation as RAM documents it: a Deny statement that applies wins over any Allow; otherwise an Allow that
 * applies allows; otherwise the request is implicitly denied. Action names and condition keys are compared
 * ignoring case; see {@link Statement} and {@link Condition} for resources and conditions.
 */
public final class PolicyDocument {
    private final String text;
    private final List<Statement> statements;

    private PolicyDocument(String text, List<Statement> statements) {
        this.text = text;
        this.statements = List.copyOf(statements);
    }

    /**
     * Parses and validates a document. A malformed one is refused with RAM's real error code (an
     * {@link dev.ecskms.sim.common.ApiException}, HTTP 400) whose message names where: line and column, and what
     * to write instead. The code is {@code MalformedPolicyDocument}, or the length code when the document is over
     * RAM's 6144 characters (see {@link PolicyParser#TOO_LONG}); the message lists every problem found.
     */
    public static PolicyDocument parse(String json) {
        PolicyParser.Result result = PolicyParser.parse(json);
        if (!result.issues().isEmpty()) {
            // Too long is its own code, whatever else is wrong; everything else is a malformed document.
            String code = result.issues().stream().map(PolicyParser.Issue::code)
                    .filter(PolicyParser.TOO_LONG::equals).findFirst().orElse(PolicyParser.MALFORMED);
            String all = result.issues().stream().map(i -> i.problem().toString())
                    .collect(Collectors.joining("; "));
            throw new ApiException(code, 400, "The policy document is malformed: " + all);
        }
        return new PolicyDocument(json, result.statements());
    }

    /** Everything wrong with a document, for an editor that validates as the user types; empty when it is valid. */
    public static List<PolicyProblem> problems(String json) {
        return PolicyParser.parse(json).issues().stream().map(PolicyParser.Issue::problem).toList();
    }

    /** The document as it was written. */
    public String text() {
        return text;
    }

    /** The statements in the order written. */
    public List<Statement> statements() {
        return statements;
    }

    /** This document alone: Deny if a Deny statement matches, else Allow if an Allow statement matches. */
    public Decision evaluate(AccessRequest request) {
        return decide(request, lowerCased(request));
    }

    /** All policies in force for a principal: an explicit Deny anywhere wins, then any Allow, else implicit deny. */
    public static Decision evaluate(Collection<PolicyDocument> policies, AccessRequest request) {
        Map<String, List<String>> context = lowerCased(request);
        boolean allowed = false;
        for (PolicyDocument policy : policies) {
            Decision d = policy.decide(request, context);
            if (d == Decision.EXPLICIT_DENY) {
                return d;
            }
            allowed |= d == Decision.ALLOW;
        }
        return allowed ? Decision.ALLOW : Decision.IMPLICIT_DENY;
    }

    private Decision decide(AccessRequest request, Map<String, List<String>> context) {
        boolean allowed = false;
        for (Statement s : statements) {
            if (s.applies(request, context)) {
                if (s.effect() == Statement.Effect.Deny) {
                    return Decision.EXPLICIT_DENY;
                }
                allowed = true;
            }
        }
        return allowed ? Decision.ALLOW : Decision.IMPLICIT_DENY;
    }

    /** Condition keys are case-insensitive: {@code acs:sourceip} is {@code acs:SourceIp}. */
    private static Map<String, List<String>> lowerCased(AccessRequest request) {
        Map<String, List<String>> map = new HashMap<>();
        request.context().forEach((k, v) -> map.merge(k.toLowerCase(Locale.ROOT), v, (a, b) -> {
            List<String> both = new java.util.ArrayList<>(a);
            both.addAll(b);
            return both;
        }));
        return map;
    }

    /**
     * What the document allows and denies, one readable line per statement, e.g. "Deny ecs:CreateDisk,
     * ecs:RunInstances on all resources when ecs:IsDiskEncrypted is false".
     */
    public List<String> summary() {
        return statements.stream().map(Statement::summary).toList();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PolicyDocument other && text.equals(other.text);
    }

    @Override
    public int hashCode() {
        return Objects.hash(text);
    }

    @Override
    public String toString() {
        return text;
    }
}
