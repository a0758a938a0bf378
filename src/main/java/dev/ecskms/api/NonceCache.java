package dev.ecskms.api;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * SignatureNonces seen within the replay window. A nonce only needs remembering as long as a request carrying it
 * could pass the timestamp check, so entries expire after the window and memory stays bounded by the request rate.
 */
final class NonceCache {
    private final Duration window;
    private final Map<String, Instant> seenUntil = new ConcurrentHashMap<>();
    private Instant nextPurge = Instant.MIN;

    NonceCache(Duration window) {
        this.window = window;
    }

    /** Records the nonce; false when the same AccessKey already used it within the window. */
    boolean firstUse(String accessKeyId, String nonce, Instant now) {
        purgeExpired(now);
        Instant expiry = now.plus(window);
        String key = accessKeyId + '\n' + nonce;
        boolean[] fresh = {false};
        seenUntil.compute(key, (k, until) -> {
            if (until == null || until.isBefore(now)) {
                fresh[0] = true;
                return expiry;
            }
            return until;
        });
        return fresh[0];
    }

    int size() {
        return seenUntil.size();
    }

    private synchronized void purgeExpired(Instant now) {
        if (now.isBefore(nextPurge)) {
            return;
        }
        seenUntil.values().removeIf(until -> until.isBefore(now));
        nextPurge = now.plusSeconds(60);
    }
}
