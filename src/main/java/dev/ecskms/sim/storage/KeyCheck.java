package dev.ecskms.sim.storage;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** A key check value: tells the right data key from a wrong one without revealing the key. */
final class KeyCheck {
    private static final byte[] LABEL = "ecs-volume-key-check".getBytes(StandardCharsets.US_ASCII);

    private KeyCheck() {
    }

    static byte[] of(byte[] dataKey) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(dataKey, "HmacSHA256"));
            return Arrays.copyOf(mac.doFinal(LABEL), VolumeHeader.KEY_CHECK_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    static boolean matches(byte[] dataKey, byte[] expected) {
        return MessageDigest.isEqual(of(dataKey), expected);
    }
}
