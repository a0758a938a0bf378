package dev.ecskms.sim.ram.policy;

/**
 * The policy language's two wildcards, as RAM documents them for Action, Resource and StringLike: {@code *} matches
 * any number of characters (none included), {@code ?} exactly one. Nothing else is special: no escapes, no
 * character classes, and a {@code *} in a resource pattern may span the ARN's colons and slashes.
 */
final class Wildcards {
    private Wildcards() {
    }

    /** Whether {@code value} matches {@code pattern} as a whole; iterative, so no pattern can blow the stack. */
    static boolean matches(String pattern, String value, boolean ignoreCase) {
        int p = 0;
        int v = 0;
        int starP = -1;
        int starV = 0;
        while (v < value.length()) {
            if (p < pattern.length() && pattern.charAt(p) == '*') {
                starP = p++;
                starV = v;
            } else if (p < pattern.length()
                    && (pattern.charAt(p) == '?' || same(pattern.charAt(p), value.charAt(v), ignoreCase))) {
                p++;
                v++;
            } else if (starP >= 0) {
                // Let the last star swallow one more character and retry from there.
                p = starP + 1;
                v = ++starV;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }

    static boolean hasWildcard(String pattern) {
        return pattern.indexOf('*') >= 0 || pattern.indexOf('?') >= 0;
    }

    private static boolean same(char a, char b, boolean ignoreCase) {
        if (a == b) {
            return true;
        }
        return ignoreCase && (Character.toLowerCase(a) == Character.toLowerCase(b)
                || Character.toUpperCase(a) == Character.toUpperCase(b));
    }
}
