package dev.ecskms.sim.kms;

import dev.ecskms.sim.common.ApiException;

/**
 * The one rule for ScheduleKeyDeletion's PendingWindowInDays ({@link KeySpecs#MIN_PENDING_DAYS} to
 * {@link KeySpecs#MAX_PENDING_DAYS}), checked by the service and by the Schedule Key Deletion dialog.
 */
public final class PendingWindowRule {
    public static final int MIN_DAYS = KeySpecs.MIN_PENDING_DAYS;
    public static final int MAX_DAYS = KeySpecs.MAX_PENDING_DAYS;

    private PendingWindowRule() {
    }

    /** The window itself when it is accepted; otherwise the service's MissingParameter/InvalidParameter. */
    public static int check(Integer pendingWindowInDays) {
        if (pendingWindowInDays == null) {
            throw ApiException.missing("PendingWindowInDays");
        }
        if (pendingWindowInDays < MIN_DAYS || pendingWindowInDays > MAX_DAYS) {
            throw ApiException.invalid("PendingWindowInDays", "it must be between " + MIN_DAYS + " and " + MAX_DAYS
                    + " days.");
        }
        return pendingWindowInDays;
    }
}
