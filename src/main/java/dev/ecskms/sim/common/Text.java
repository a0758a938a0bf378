package dev.ecskms.sim.common;

/** Checks on caller-supplied text that every service shares. */
public final class Text {
    private Text() {
    }

    /**
     * Whether {@code s} is well-formed UTF-16: every high surrogate followed by a low one, no low surrogate alone.
     * A string that is not cannot be encoded as UTF-8: Java writes '?' in place of the lone surrogate, so two
     * different values would become the same bytes (an EncryptionContext, a name in the database).
     */
    public static boolean isWellFormed(String s) {
        if (s == null) {
            return true;
        }
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (Character.isHighSurrogate(ch)) {
                if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(ch)) {
                return false;
            }
        }
        return true;
    }

    /** {@code value} unchanged, or InvalidParameter naming {@code parameter} when it is not well-formed UTF-16. */
    public static String requireWellFormed(String parameter, String value) {
        if (!isWellFormed(value)) {
            throw ApiException.invalid(parameter, "it contains an unpaired UTF-16 surrogate (e.g. \\ud800 without"
                    + " its pair), which is not a character. Send valid Unicode text.");
        }
        return value;
    }

    /** A value quoted in a message: at most 40 characters, control characters and lone surrogates escaped. */
    public static String quoted(String value) {
        String text = value == null ? "" : value;
        StringBuilder out = new StringBuilder();
        int i = 0;
        for (; i < text.length() && i < 40; i++) {
            char ch = text.charAt(i);
            out.append(Character.isISOControl(ch) || Character.isSurrogate(ch)
                    ? String.format("\\u%04x", (int) ch) : String.valueOf(ch));
        }
        return i < text.length() ? out + "…" : out.toString();
    }
}
