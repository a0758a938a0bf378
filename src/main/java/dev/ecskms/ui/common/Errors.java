package dev.ecskms.ui.common;

import dev.ecskms.sim.common.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a failed call into the text the console shows: the service's own message and error code. A failure that is
 * not the service's (a bug, a host error) is shown as the API answers it, InternalError, and logged with its cause:
 * its own message may name program internals, which are no message for a user.
 */
public final class Errors {
    private static final Logger LOG = LoggerFactory.getLogger(Errors.class);

    private Errors() {
    }

    public static String describe(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof ApiException api) {
            return api.getMessage() + "\nError code: " + api.code();
        }
        LOG.error("A console call failed unexpectedly", failure);
        return "The request processing has failed due to some unknown error. Try again; if it persists, report it"
                + " with the simulator's log.\nError code: InternalError";
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
