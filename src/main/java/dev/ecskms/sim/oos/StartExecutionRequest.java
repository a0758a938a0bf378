package dev.ecskms.sim.oos;

/**
 * StartExecution's parameters, as the API names them. Nulls take the defaults.
 *
 * @param parameters  the template's parameters as a JSON object's text, e.g.
 *                    {@code {"targets":{"Type":"ResourceIds","ResourceIds":["i-…"]},"KMSKeyId":"…"}}
 * @param mode        Automatic (the default); Debug is not simulated
 * @param safetyCheck Skip or ConfirmEveryHighRiskAction; accepted, the simulator asks for no confirmation
 */
public record StartExecutionRequest(String templateName, String templateVersion, String parameters, String mode,
        String description, String clientToken, String safetyCheck) {

    public static StartExecutionRequest of(String templateName, String parameters) {
        return new StartExecutionRequest(templateName, null, parameters, null, null, null, null);
    }
}
