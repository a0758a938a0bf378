package dev.ecskms.sim.ram.policy;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a caller asks to do, in the terms policies speak: an action ({@code ecs:CreateDisk}), the resource it acts
 * on as an ARN ({@code acs:ecs:cn-hangzhou:1234567890123456:disk/*}) and the condition keys' values for this request
 * ({@code ecs:IsDiskEncrypted → ["true"]}, {@code acs:SourceIp → ["127.0.0.1"]}, {@code acs:CurrentTime},
 * {@code acs:SecureTransport}). Values are strings, as the policy language compares them; a key absent from the
 * context is absent (a condition on it does not hold, except for the operators' IfExists forms).
 */
public record AccessRequest(String action, String resource, Map<String, List<String>> context) {
    public AccessRequest {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(resource, "resource");
        context = Map.copyOf(context);
    }

    public AccessRequest(String action, String resource) {
        this(action, resource, Map.of());
    }
}
