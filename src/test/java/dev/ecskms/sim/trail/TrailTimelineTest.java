package dev.ecskms.sim.trail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ecskms.sim.common.ApiException;
import dev.ecskms.sim.kms.CreateKeyRequest;
import dev.ecskms.testing.SimulatorTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The console's event chart: a filter's events counted per slice of its time range, failures apart. */
class TrailTimelineTest extends SimulatorTest {

    @Test
    void countsTheFiltersEventsPerBucketWithFailuresApart() {
        Instant start = sim.clock().instant();
        String key = sim.kms().createKey(ctx, CreateKeyRequest.defaults("timeline")).keyId(); // bucket 0
        sim.clock().fastForward(Duration.ofMinutes(20));
        sim.kms().describeKey(ctx, key); // bucket 1
        sim.kms().describeKey(ctx, key);
        sim.kms().disableKey(ctx, key);
        assertThrows(ApiException.class, () -> sim.kms().encrypt(ctx, key, new byte[] {1, 2, 3}, null)); // Rejected.Disabled
        sim.clock().fastForward(Duration.ofMinutes(50)); // past the range: not counted
        sim.kms().describeKey(ctx, key);

        TrailFilter lastHour = TrailFilter.all().key(key).between(start, start.plus(Duration.ofHours(1)));
        List<TrailBucket> buckets = sim.trail().countEvents(ctx, lastHour, 4);
        assertEquals(4, buckets.size());
        assertEquals(start, buckets.get(0).start());
        assertEquals(start.plus(Duration.ofMinutes(15)), buckets.get(0).end());
        assertEquals(List.of(1, 4, 0, 0), buckets.stream().map(TrailBucket::total).toList());
        assertEquals(1, buckets.get(1).failures());
        assertEquals(3, buckets.get(1).successes());

        // the chart follows the filter, and its sum is what the table pages through
        List<TrailBucket> errors = sim.trail().countEvents(ctx, lastHour.result(TrailFilter.FAILURE), 4);
        assertEquals(List.of(0, 1, 0, 0), errors.stream().map(TrailBucket::total).toList());
        assertEquals(1, sim.trail().lookupEvents(ctx, lastHour.result(TrailFilter.FAILURE)).events().size());
    }

    @Test
    void aTimelineNeedsARange() {
        Instant now = sim.clock().instant();
        assertEquals("InvalidParameter", assertThrows(ApiException.class,
                () -> sim.trail().countEvents(ctx, TrailFilter.all(), 10)).code());
        assertEquals("InvalidParameter", assertThrows(ApiException.class,
                () -> sim.trail().countEvents(ctx, TrailFilter.all().between(now, now), 10)).code());
        assertEquals("InvalidParameter", assertThrows(ApiException.class,
                () -> sim.trail().countEvents(ctx, TrailFilter.all().between(now.minusSeconds(60), now), 0)).code());
    }
}
