package dev.ecskms.sim.oos;

import dev.ecskms.sim.common.ApiException;

/**
 * OOS error codes in one place. EntityNotExists.Template and EntityNotExists.Execution are the service's; their HTTP
 * status (404) and the codes for a bad template parameter (InvalidParameter, MissingParameter, 400) are unconfirmed.
 */
final class OosErrors {
    private OosErrors() {
    }

    static ApiException templateNotFound(String name) {
        return new ApiException("EntityNotExists.Template", 404, "Template " + name + " does not exist. ListTemplates"
                + " shows the templates you can run, e.g. " + Templates.BULKY_ENCRYPT_SYSTEM_DISK + ".");
    }

    static ApiException executionNotFound(String executionId) {
        return new ApiException("EntityNotExists.Execution", 404, "Execution " + executionId + " does not exist in"
                + " this region. ListExecutions shows your executions.");
    }

    /** A template parameter that is missing or malformed (the parameter names are the template's). */
    static ApiException badParameter(String parameter, String why) {
        return new ApiException("InvalidParameter", 400, "The template parameter \"" + parameter + "\" in"
                + " Parameters is not valid: " + why);
    }

    static ApiException missingParameter(String parameter, String example) {
        return new ApiException("MissingParameter", 400, "The template parameter \"" + parameter + "\" has no default"
                + " and is missing in Parameters. Add it, e.g. " + example + ".");
    }
}
