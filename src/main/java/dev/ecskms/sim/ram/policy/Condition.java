package dev.ecskms.sim.ram.policy;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One operator–key pair of a statement's Condition block, e.g. {@code "Bool": {"ecs:IsDiskEncrypted": ["false"]}}.
 * Its values are OR'ed (NOR'ed for a negated operator); the pairs of a block are AND'ed by {@link Statement}.
 *
 * <p>A key the request does not carry makes the condition not hold — for the negated operators too. RAM documents
 * no rule for that case; we chose the reading the rest of the contract uses (see {@link AccessRequest}): a Deny
 * "when ecs:IsDiskEncrypted is false" does not fire on a request that says nothing about encryption, and an Allow
 * "when acs:SourceIp is not in 10.0.0.0/8" does not allow a request without a source address.
 *
 * @param values the values as written (strings; numbers and booleans in their JSON spelling)
 * @param parsed the same values parsed for the operator's family, in the same order
 */
public record Condition(ConditionOperator operator, String key, List<String> values, List<Object> parsed) {
    public Condition {
        values = List.copyOf(values);
        parsed = List.copyOf(parsed);
    }

    /** @param context the request's condition keys, lower-cased (condition keys are case-insensitive) */
    boolean holds(Map<String, List<String>> context) {
        List<String> requestValues = context.get(key.toLowerCase(Locale.ROOT));
        if (requestValues == null || requestValues.isEmpty()) {
            return false;
        }
        for (String requestValue : requestValues) {
            if (requestValue == null || !operator.comparable(requestValue)) {
                return false;
            }
        }
        boolean any = false;
        for (String requestValue : requestValues) {
            for (Object policyValue : parsed) {
                if (operator.matches(policyValue, requestValue)) {
                    any = true;
                    break;
                }
            }
        }
        return operator.negated() != any;
    }

    /** "ecs:IsDiskEncrypted is false", "acs:SourceIp is in one of 10.0.0.0/8, 192.168.0.0/16". */
    String describe() {
        String list = values.size() == 1 ? values.get(0) : oneOf() + String.join(", ", values);
        return key + " " + operator.phrase() + " " + list + operator.suffix();
    }

    private String oneOf() {
        return operator.negated() ? "any of " : "one of ";
    }
}
