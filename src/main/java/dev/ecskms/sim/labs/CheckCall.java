package dev.ecskms.sim.labs;

import java.util.Map;

/**
 * A {@code check:} line of a lab file: a check of the {@link Checks registry} by name, with its parameters.
 *
 * @param line the line in the lab file (for messages)
 */
public record CheckCall(String name, Map<String, String> params, int line) {
    public CheckCall {
        params = Map.copyOf(params);
    }

    public String param(String key, String otherwise) {
        return params.getOrDefault(key, otherwise);
    }
}
