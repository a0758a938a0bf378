package dev.ecskms.sim.common;

/**
 * Whole numbers as callers write them: ASCII digits only. {@link Integer#parseInt} also takes a leading '+' and
 * any Unicode decimal digit ("٧", "２０"), which the real API refuses; a value that the cloud would refuse must not
 * schedule a deletion or create a disk here.
 */
public final class Numbers {
    private Numbers() {
    }

    /** Whether {@code text} is one or more ASCII digits, nothing else (no sign, no space). */
    public static boolean isAsciiDigits(String text) {
        if (text == null || text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch < '0' || ch > '9') {
                return false;
            }
        }
        return true;
    }

    /**
     * A non-negative int written in ASCII digits, or InvalidParameter naming {@code parameter}. Leading zeros are
     * accepted ("007" is 7), as the real API's integer binding accepts them.
     */
    public static int parseInt(String parameter, String text) {
        long value = parseLong(parameter, text);
        if (value > Integer.MAX_VALUE) {
            throw tooLarge(parameter, text, Integer.MAX_VALUE);
        }
        return (int) value;
    }

    /** A non-negative long written in ASCII digits, or InvalidParameter naming {@code parameter}. */
    public static long parseLong(String parameter, String text) {
        if (!isAsciiDigits(text)) {
            throw ApiException.invalid(parameter, "\"" + Text.quoted(text) + "\" is not a whole number: write it with"
                    + " the digits 0-9 only (no sign, spaces or other characters).");
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw tooLarge(parameter, text, Long.MAX_VALUE);
        }
    }

    private static ApiException tooLarge(String parameter, String text, long max) {
        return ApiException.invalid(parameter, "\"" + Text.quoted(text) + "\" is too large; at most " + max
                + " is allowed.");
    }
}
