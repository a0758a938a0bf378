package dev.ecskms.sim.ram.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One statement of a policy: its effect applies to a request whose action is covered (listed in Action, or not
 * listed in NotAction), whose resource is covered (Resource, or not in NotResource) and for which every condition
 * holds.
 *
 * @param notAction   true when {@code actions} came from NotAction
 * @param notResource true when {@code resources} came from NotResource
 */
public record Statement(Effect effect, boolean notAction, List<String> actions, boolean notResource,
        List<String> resources, List<Condition> conditions) {
    public enum Effect {
        Allow, Deny
    }

    public Statement {
        actions = List.copyOf(actions);
        resources = List.copyOf(resources);
        conditions = List.copyOf(conditions);
    }

    /** @param context the request's condition keys, lower-cased */
    boolean applies(AccessRequest request, Map<String, List<String>> context) {
        return coversAction(request.action()) && coversResource(request.resource())
                && conditions.stream().allMatch(c -> c.holds(context));
    }

    /** Action names are case-insensitive ({@code ecs:createdisk} is {@code ecs:CreateDisk}). */
    boolean coversAction(String action) {
        boolean listed = actions.stream().anyMatch(p -> Wildcards.matches(p, action, true));
        return listed != notAction;
    }

    /**
     * Resource ARNs {@code acs:<service>:<region>:<account>:<relative-id>} are matched as a whole, {@code *} and
     * {@code ?} spanning anything; the service code is compared ignoring case (ram codes are lower-case, but
     * {@code acs:ECS:…} names the same service), the rest exactly, as ids are.
     */
    boolean coversResource(String resource) {
        boolean listed = resources.stream().anyMatch(p -> resourceMatches(p, resource));
        return listed != notResource;
    }

    private static boolean resourceMatches(String pattern, String resource) {
        return Wildcards.matches(lowerService(pattern), lowerService(resource), false);
    }

    private static String lowerService(String arn) {
        if (!arn.startsWith("acs:")) {
            return arn;
        }
        int end = arn.indexOf(':', 4);
        return end < 0 ? arn : "acs:" + arn.substring(4, end).toLowerCase(java.util.Locale.ROOT) + arn.substring(end);
    }

    /**
     * One readable line: "Deny ecs:CreateDisk, ecs:RunInstances on all resources when ecs:IsDiskEncrypted is
     * false", "Allow every action except ram:* on all resources".
     */
    public String summary() {
        StringBuilder line = new StringBuilder(effect.name()).append(' ');
        if (notAction) {
            line.append("every action except ").append(String.join(", ", actions));
        } else if (actions.contains("*")) {
            line.append("every action");
        } else {
            line.append(String.join(", ", actions));
        }
        line.append(" on ");
        if (notResource) {
            line.append("all resources except ").append(String.join(", ", resources));
        } else if (resources.contains("*")) {
            line.append("all resources");
        } else {
            line.append(String.join(", ", resources));
        }
        if (!conditions.isEmpty()) {
            List<String> parts = new ArrayList<>();
            for (Condition c : conditions) {
                parts.add(c.describe());
            }
            line.append(" when ").append(parts.stream().collect(Collectors.joining(" and ")));
        }
        return line.toString();
    }
}
