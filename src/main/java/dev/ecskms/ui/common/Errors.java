package dev.ecskms.ui.common;

import dev.ecskms.sim.common.AccessDeniedException;
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

    /** The first line of every refusal, as the real console words it. */
    public static final String NOT_AUTHORIZED = "You are not authorized to perform this operation.";
    /** What a page's load adds in front of a refusal (see {@link #refusedLoad}); the list card then shows it. */
    private static final String LOAD_REFUSED = " (access denied).\n";

    public static String describe(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof AccessDeniedException denied) {
            return describeDenied(denied);
        }
        if (cause instanceof ApiException api) {
            return api.getMessage() + "\nError code: " + api.code();
        }
        LOG.error("A console call failed unexpectedly", failure);
        return "The request processing has failed due to some unknown error. Try again; if it persists, report it"
                + " with the simulator's log.\nError code: InternalError";
    }

    /**
     * A RAM user's refused call as the real console shows it: the missing action and the resource, why (an explicit
     * Deny or no Allow), and whom to ask — never a greyed-out button without a reason.
     */
    static String describeDenied(AccessDeniedException denied) {
        StringBuilder text = new StringBuilder(NOT_AUTHORIZED);
        if (denied.authAction() != null) {
            text.append("\nMissing permission: ").append(denied.authAction());
            if (denied.resource() != null && !denied.resource().isEmpty()) {
                text.append(" on ").append(denied.resource());
            }
        }
        if (denied.denyType() != null) {
            text.append("\nDenied by: ").append(denied.denyType() == AccessDeniedException.DenyType.ExplicitDeny
                    ? "explicit deny in a policy" : "no policy allows it");
        }
        String who = denied.principal() == null || denied.principal().isEmpty() ? "you"
                : "the RAM user " + denied.principal();
        if (denied.denyType() == AccessDeniedException.DenyType.ExplicitDeny) {
            text.append("\nNo Allow overrides a Deny: ask the administrator of this account to change the policy"
                    + " that denies it to ").append(who).append('.');
        } else {
            text.append("\nAsk the administrator of this account to grant ").append(who)
                    .append(" this permission (RAM → Users → Permissions → Attach Policy).");
        }
        return text.append("\nError code: ").append(denied.code()).toString();
    }

    /** The refusal behind a failure, if a RAM user's call was refused. */
    public static AccessDeniedException accessDenied(Throwable failure) {
        return unwrap(failure) instanceof AccessDeniedException denied ? denied : null;
    }

    /** Whether a shown error text is a refusal ({@link #describe} of an AccessDeniedException). */
    public static boolean isAccessDenied(String text) {
        return text != null && text.contains(NOT_AUTHORIZED);
    }

    /**
     * A page's load refused, e.g. "The keys could not be listed (access denied)." and the refusal: list pages show
     * it in place of their table (see {@link ListPageLayout#page}).
     */
    public static String refusedLoad(String what, AccessDeniedException denied) {
        return what + LOAD_REFUSED + describeDenied(denied);
    }

    /** Whether a shown error text is a page load's refusal ({@link #refusedLoad}). */
    public static boolean isRefusedLoad(String text) {
        return text != null && text.contains(LOAD_REFUSED) && isAccessDenied(text);
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
