package dev.ecskms.sim.common;

import java.security.SecureRandom;
import java.util.UUID;

/** Identifier formats of the real services. */
public final class Ids {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    private static final char[] KEY_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    private Ids() {
    }

    /** KMS key and key version ids look like UUIDs. */
    public static String uuid() {
        return UUID.randomUUID().toString();
    }

    /** ECS-style ids: a prefix and 20 lower-case alphanumerics, e.g. d-bp1a2b3c4d5e6f7g8h9i. */
    public static String ecs(String prefix) {
        return prefix + "-" + random(ALNUM, 20);
    }

    public static String accessKeyId() {
        return "LTAI" + random(KEY_CHARS, 20);
    }

    public static String accessKeySecret() {
        return random(KEY_CHARS, 30);
    }

    public static String accountId() {
        StringBuilder id = new StringBuilder("1");
        for (int i = 0; i < 15; i++) {
            id.append(RANDOM.nextInt(10));
        }
        return id.toString();
    }

    private static String random(char[] alphabet, int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = alphabet[RANDOM.nextInt(alphabet.length)];
        }
        return new String(out);
    }
}
