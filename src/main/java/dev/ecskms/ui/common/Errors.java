package dev.ecskms.ui.common;

import dev.ecskms.sim.common.ApiException;

/** Turns a failed call into the text the console shows: the service's own message and error code. */
public final class Errors {
    private Errors() {
    }

    public static String describe(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof ApiException api) {
            return api.getMessage() + "\nError code: " + api.code();
        }
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    /** The ApiException behind a failure, if any. */
    public static ApiException apiException(Throwable failure) {
        return unwrap(failure) instanceof ApiException api ? api : null;
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable current = failure;
        while (!(current instanceof ApiException) && current.getCause() != null && current.getCause() != current) {
            current = current.getCause();
        }
        return current instanceof ApiException ? current : failure;
    }
}
