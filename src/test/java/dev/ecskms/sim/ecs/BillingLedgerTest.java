package dev.ecskms.sim.ecs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecskms.sim.guest.OsImage;
import dev.ecskms.testing.SimulatorTest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The accumulated cost comes from what really happened on the simulated clock: disks bill while they exist, an
 * instance while it runs; an encrypted disk costs what a plain one costs.
 */
class BillingLedgerTest extends SimulatorTest {
    private static final double H = 3600.0; // seconds per hour
    private static final double DATA = 100 * 0.15 / Pricing.HOURS_PER_MONTH; // 100 GiB ESSD PL1 per hour
    private static final double SYSTEM = 20 * 0.08 / Pricing.HOURS_PER_MONTH; // 20 GiB ESSD PL0 per hour
    private static final double G7 = 0.118;

    private String disk(Boolean encrypted) {
        return sim.ecs().createDisk(ctx, new CreateDiskRequest("cn-hangzhou-i", "cloud_essd", 100, null, "PL1",
                encrypted, null, null, null, null, null));
    }

    private String instance() {
        return sim.instances().runInstances(ctx, new RunInstancesRequest("cn-hangzhou-i", "ecs.g7.large",
                OsImage.ALIYUN_3.imageId(), new RunInstancesRequest.SystemDisk("cloud_essd", 20, "PL0", null, null),
                List.of(), 1, "Lab-Passw0rd", "billed", "billed", null)).get(0);
    }

    private void forward(Duration d) {
        sim.clock().fastForward(d);
    }

    private static Map<String, BillingStatement.Line> byId(BillingStatement s) {
        return s.running().stream().collect(Collectors.toMap(BillingStatement.Line::resourceId, l -> l));
    }

    @Test
    void threeSimulatedDaysOfDisksAndAnInstanceThatStopsAndStartsAgain() {
        // 2026-11-28T00:00:00Z: two data disks, one encrypted, and an instance whose system disk is made with it
        String encrypted = disk(true);
        String plain = disk(null);
        String instance = instance();
        advance(); // Pending 2 s → Starting 3 s → Running at 00:00:05; now 00:00:20
        String system = sim.ecs().describeDisks(ctx, new DescribeDisksRequest(null, null, instance, "system", null,
                null, null, null, 1, 10)).items().get(0).diskId();

        BillingStatement first = sim.ecs().describeBilling(ctx, 1);
        Map<String, BillingStatement.Line> lines = byId(first);
        assertEquals(4, lines.size(), lines::toString);
        assertTrue(lines.get(encrypted).encrypted());
        assertFalse(lines.get(plain).encrypted());
        assertEquals(lines.get(plain).hourlyPrice(), lines.get(encrypted).hourlyPrice(), "encryption is free");
        assertEquals(DATA, lines.get(plain).hourlyPrice(), 1e-12);
        assertEquals(G7, lines.get(instance).hourlyPrice(), 1e-12);
        assertEquals(SYSTEM, lines.get(system).hourlyPrice(), 1e-12);
        assertEquals("system", lines.get(system).diskType());
        assertEquals(Instant.parse("2026-11-28T00:00:05Z"), lines.get(instance).since(), "bills from Running");
        assertEquals(G7 * 15 / H, lines.get(instance).costSoFar(), 1e-12);
        assertEquals(2 * DATA + SYSTEM + G7, first.hourlyTotal(), 1e-12);

        forward(Duration.ofDays(1).minusSeconds(20)); // 2026-11-29T00:00:00Z
        sim.instances().stopInstance(ctx, instance, false);
        forward(Duration.ofSeconds(2)); // Stopped at 00:00:02: compute stops billing, its disk goes on
        forward(Duration.ofHours(12).minusSeconds(2)); // 12:00
        sim.ecs().deleteDisk(ctx, encrypted);
        forward(Duration.ofHours(12)); // 2026-11-30T00:00:00Z
        sim.instances().startInstance(ctx, instance);
        forward(Duration.ofHours(6)); // Running again at 00:00:03; now 06:00

        BillingStatement s = sim.ecs().describeBilling(ctx, 3);
        assertEquals(List.of(LocalDate.parse("2026-11-28"), LocalDate.parse("2026-11-29"),
                LocalDate.parse("2026-11-30")), s.days().stream().map(BillingStatement.Day::day).toList());
        double day1 = 2 * DATA * 24 + SYSTEM * 24 + G7 * (24 - 5 / H);
        double day2 = DATA * 24 + DATA * 12 + SYSTEM * 24 + G7 * 2 / H;
        double day3 = DATA * 6 + SYSTEM * 6 + G7 * (6 - 3 / H);
        assertEquals(day1, s.days().get(0).cost(), 1e-9);
        assertEquals(day2, s.days().get(1).cost(), 1e-9);
        assertEquals(day3, s.days().get(2).cost(), 1e-9);
        assertEquals(day1 + day2 + day3, s.days().get(2).accumulated(), 1e-9);
        assertEquals(day1 + day2 + day3, s.monthToDate(), 1e-9, "all of it in November");
        assertEquals(Map.of(instance, "Instance", system, "Disk", plain, "Disk"), s.running().stream()
                .collect(Collectors.toMap(BillingStatement.Line::resourceId, BillingStatement.Line::resourceType)));
        assertEquals(Instant.parse("2026-11-30T00:00:03Z"), byId(s).get(instance).since());
        assertEquals(DATA + SYSTEM + G7, s.hourlyTotal(), 1e-12);

        // the ledger is in the data dir: the same history after a restart
        reopen();
        assertEquals(day1 + day2 + day3, sim.ecs().describeBilling(ctx, 3).totalOfWindow(), 1e-9);
    }

    @Test
    void aRebootDoesNotInterruptAnInstancesBillAndAResizeBillsTheNewSizeFromThen() {
        String instance = instance();
        String data = disk(false);
        advance();
        sim.instances().rebootInstance(ctx, instance, false);
        advance(); // Stopping → Starting → Running: still one span
        forward(Duration.ofHours(1).minusSeconds(40)); // 01:00:00
        sim.ecs().resizeDisk(ctx, data, 200);
        forward(Duration.ofHours(1)); // 02:00

        BillingStatement s = sim.ecs().describeBilling(ctx, 1);
        Map<String, BillingStatement.Line> lines = byId(s);
        assertEquals(Instant.parse("2026-11-28T00:00:05Z"), lines.get(instance).since());
        assertEquals(200, lines.get(data).sizeGiB());
        assertEquals(Instant.parse("2026-11-28T01:00:00Z"), lines.get(data).since());
        assertEquals(2 * DATA, lines.get(data).hourlyPrice(), 1e-12);
        double expected = G7 * (2 - 5 / H) + SYSTEM * 2 + DATA * 1 + 2 * DATA * 1;
        assertEquals(expected, s.days().get(0).cost(), 1e-9);
    }

    @Test
    void releasingAnInstanceEndsItsBillAndThatOfTheDisksThatGoWithIt() {
        String instance = instance();
        advance();
        sim.instances().stopInstance(ctx, instance, false);
        advance();
        sim.instances().deleteInstance(ctx, instance, false);
        forward(Duration.ofDays(1));
        BillingStatement s = sim.ecs().describeBilling(ctx, 2);
        assertEquals(List.of(), s.running());
        assertEquals(0, s.days().get(1).cost(), 1e-12, "nothing billed on the second day");
        assertTrue(s.days().get(0).cost() > 0);
    }

    @Test
    void anotherRegionHasItsOwnBill() {
        disk(true);
        assertEquals(1, sim.ecs().describeBilling(ctx, 1).running().size());
        assertEquals(List.of(), sim.ecs().describeBilling(ctx.inRegion("cn-shanghai"), 1).running());
    }
}
