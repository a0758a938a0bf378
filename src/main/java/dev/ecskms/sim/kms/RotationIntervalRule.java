package dev.ecskms.sim.kms;

import dev.ecskms.sim.common.ApiException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one rule for a RotationInterval ({@link KeySpecs#MIN_ROTATION_DAYS} to {@link KeySpecs#MAX_ROTATION_DAYS}
 * days), checked by CreateKey/UpdateRotationPolicy and by the Create Key and Rotation Policy dialogs.
 */
public final class RotationIntervalRule {
    public static final int MIN_DAYS = KeySpecs.MIN_ROTATION_DAYS;
    public static final int MAX_DAYS = KeySpecs.MAX_ROTATION_DAYS;
    private static final Pattern INTERVAL = Pattern.compile("(\\d{1,9})([ds])");

    private RotationIntervalRule() {
    }

    /** "365d" or "604800s" → seconds, when within the range; otherwise the service's InvalidParameter. */
    public static long seconds(String interval) {
        Matcher m = INTERVAL.matcher(interval.trim());
        if (!m.matches()) {
            throw ApiException.invalid("RotationInterval", "write it as days (\"365d\") or seconds (\"604800s\").");
        }
        long n = Long.parseLong(m.group(1));
        long seconds = m.group(2).equals("d") ? n * 86400 : n;
        if (seconds < MIN_DAYS * 86400L || seconds > MAX_DAYS * 86400L) {
            throw ApiException.invalid("RotationInterval", "it must be between " + MIN_DAYS + " and " + MAX_DAYS
                    + " days.");
        }
        return seconds;
    }

    /** A number of days as the dialogs send it ("<days>d"), checked the same way. */
    public static int checkDays(int days) {
        seconds(days + "d");
        return days;
    }
}
