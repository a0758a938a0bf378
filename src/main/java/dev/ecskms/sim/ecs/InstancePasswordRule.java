package dev.ecskms.sim.ecs;

import dev.ecskms.sim.common.ApiException;

/**
 * The one rule for an instance's logon password: 8 to 30 characters, only ASCII letters, digits and the listed
 * special characters, with at least three of the four kinds. RunInstances checks it, and the purchase page states it
 * and refuses a password with the same message next to the field.
 */
public final class InstancePasswordRule {
    public static final int MIN_LENGTH = 8;
    public static final int MAX_LENGTH = 30;
    public static final String SPECIALS = "()`~!@#$%^&*-_+=|{}[]:;'<>,.?/";
    /** The rule as the purchase page states it under the field. */
    public static final String DESCRIPTION = MIN_LENGTH + " to " + MAX_LENGTH + " characters, with at least three of:"
            + " uppercase letters A–Z, lowercase letters a–z, digits 0–9 and special characters "
            + String.join(" ", SPECIALS.split(""));

    private InstancePasswordRule() {
    }

    /**
     * The password when RunInstances accepts it (null when none is given: the instance gets none); otherwise
     * InvalidPassword.Malformed saying what to change.
     */
    public static String check(String password) {
        if (password == null || password.isEmpty()) {
            return null;
        }
        int length = password.codePointCount(0, password.length());
        if (length < MIN_LENGTH || length > MAX_LENGTH) {
            throw malformed("it has " + length + " characters; use " + MIN_LENGTH + " to " + MAX_LENGTH
                    + ".");
        }
        // Only ASCII counts: "ä" or "Ж" are letters to Java but not to ECS, which refuses them.
        int refused = password.codePoints().filter(c -> kind(c) < 0).findFirst().orElse(-1);
        if (refused >= 0) {
            throw malformed("the character \"" + Character.toString(refused) + "\" is not allowed; use only A–Z,"
                    + " a–z, 0–9 and " + SPECIALS + ".");
        }
        boolean[] seen = new boolean[4];
        password.chars().forEach(c -> seen[kind(c)] = true);
        int kinds = 0;
        for (boolean s : seen) {
            kinds += s ? 1 : 0;
        }
        if (kinds < 3) {
            throw malformed("it uses " + kinds + " of the four kinds; add characters of another kind (uppercase,"
                    + " lowercase, digits, special characters) so that it uses at least three.");
        }
        return password;
    }

    /** 0 uppercase, 1 lowercase, 2 digit, 3 special, -1 not allowed. */
    private static int kind(int c) {
        if (c >= 'A' && c <= 'Z') {
            return 0;
        } else if (c >= 'a' && c <= 'z') {
            return 1;
        } else if (c >= '0' && c <= '9') {
            return 2;
        }
        return SPECIALS.indexOf(c) >= 0 ? 3 : -1;
    }

    private static ApiException malformed(String why) {
        return new ApiException("InvalidPassword.Malformed", 400, "The password is not valid: " + why);
    }
}
