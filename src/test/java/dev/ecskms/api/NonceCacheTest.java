package dev.ecskms.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class NonceCacheTest {
    private final Instant t0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void aNonceIsRefusedWithinTheWindowAndForgottenAfter() {
        NonceCache cache = new NonceCache(Duration.ofMinutes(30));
        assertTrue(cache.firstUse("ak", "n1", t0));
        assertFalse(cache.firstUse("ak", "n1", t0.plusSeconds(29 * 60)));
        assertTrue(cache.firstUse("other-ak", "n1", t0), "nonces are per AccessKey");
        assertTrue(cache.firstUse("ak", "n1", t0.plusSeconds(31 * 60)));
    }

    @Test
    void expiredEntriesArePurged() {
        NonceCache cache = new NonceCache(Duration.ofMinutes(1));
        for (int i = 0; i < 100; i++) {
            cache.firstUse("ak", "n" + i, t0);
        }
        cache.firstUse("ak", "late", t0.plusSeconds(3600));
        assertEquals(1, cache.size());
    }
}
