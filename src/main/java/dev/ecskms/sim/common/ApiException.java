package dev.ecskms.sim.common;

/**
 * A failure the caller can act on, carrying the real service's error code and HTTP status. Both faces (console and
 * API) show {@link #getMessage()} as is, so write messages that say what to do.
 */
public class ApiException extends RuntimeException {
    private final String code;
    private final int httpStatus;

    public ApiException(String code, int httpStatus, String message) {
        super(message);
        this.code = code;
        this.httpStatus = httpStatus;
    }

    public String code() {
        return code;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** The value of a mandatory parameter, or MissingParameter when it is absent or blank. */
    public static String required(String parameter, String value) {
        if (value == null || value.isBlank()) {
            throw missing(parameter);
        }
        return value;
    }

    public static ApiException missing(String parameter) {
        return new ApiException("MissingParameter", 400,
                "The input parameter \"" + parameter + "\" that is mandatory for processing this request is not supplied.");
    }

    public static ApiException invalid(String parameter, String why) {
        return new ApiException("InvalidParameter", 400,
                "The specified parameter \"" + parameter + "\" is not valid: " + why);
    }
}
