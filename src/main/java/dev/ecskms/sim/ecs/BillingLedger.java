package dev.ecskms.sim.ecs;

import dev.ecskms.sim.common.ApiException;
import dev.ecskms.sim.common.CallContext;
import dev.ecskms.sim.store.Store;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The billing ledger (table billing_usage): the spans of simulated time during which each disk and instance was
 * billed. Disks and instances write their spans here in the same transaction as the change that starts or ends one,
 * so the ledger is exactly their history; the cost is computed from it and today's {@link Pricing}.
 */
final class BillingLedger {
    static final String DISK = "disk";
    static final String INSTANCE = "instance";
    private static final double MS_PER_HOUR = 3_600_000.0;
    /** The longest window of days a statement covers. */
    static final int MAX_DAYS = 366;

    private final Store store;
    private final Clock clock;

    BillingLedger(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** One span of the ledger; {@code end} is null while it is open. */
    record Span(String resourceId, String resourceType, String regionId, String spec, String performanceLevel,
            Integer sizeGiB, String diskType, boolean encrypted, long startMs, Long endMs) {

        /** Milliseconds of this span within [from, to). */
        long overlap(long from, long to) {
            long end = endMs == null ? to : Math.min(endMs, to);
            return Math.max(0, end - Math.max(startMs, from));
        }

        /** What an hour of it costs, from today's price list. */
        double hourlyPrice() {
            if (resourceType.equals(INSTANCE)) {
                return Catalog.findInstanceType(spec).map(t -> Pricing.instanceHourly(regionId, t)).orElse(0.0);
            }
            return Catalog.findDiskCategory(spec).map(c -> Pricing.diskHourly(regionId, c, performanceLevel,
                    sizeGiB == null ? 0 : sizeGiB)).orElse(0.0);
        }

        double cost(long from, long to) {
            return overlap(from, to) / MS_PER_HOUR * hourlyPrice();
        }
    }

    // ------------------------------------------------------------ writes (within the caller's transaction)

    static void diskCreated(Connection c, Disks.PreparedDisk d, long at) throws SQLException {
        Disks.DiskPlan plan = d.plan();
        Store.update(c, "insert into billing_usage (account_id, region_id, resource_id, resource_type, spec,"
                + " performance_level, size_gib, disk_type, encrypted, start_ms) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                d.accountId(), d.regionId(), d.diskId(), DISK, plan.category().id(), plan.performanceLevel(),
                plan.sizeGiB(), d.type(), plan.encryption().encrypted(), at);
    }

    /** Closes the disk's span at the old size and opens one at the new size. */
    static void diskResized(Connection c, String diskId, int newSize, long at) throws SQLException {
        List<Object[]> open = Store.query(c, "select account_id, region_id, spec, performance_level, disk_type,"
                + " encrypted from billing_usage where resource_id = ? and end_ms is null", rs -> new Object[] {
                        rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getBoolean(6)}, diskId);
        close(c, diskId, at);
        for (Object[] o : open) {
            Store.update(c, "insert into billing_usage (account_id, region_id, resource_id, resource_type, spec,"
                    + " performance_level, size_gib, disk_type, encrypted, start_ms) values (?, ?, ?, ?, ?, ?, ?, ?,"
                    + " ?, ?)", o[0], o[1], diskId, DISK, o[2], o[3], newSize, o[4], o[5], at);
        }
    }

    static void released(Connection c, String resourceId, long at) throws SQLException {
        close(c, resourceId, at);
    }

    /** An instance became Running: its span opens unless one is open (a reboot does not interrupt it). */
    static void instanceRunning(Connection c, String instanceId, long at) throws SQLException {
        Store.update(c, "insert into billing_usage (account_id, region_id, resource_id, resource_type, spec,"
                + " encrypted, start_ms) select account_id, region_id, instance_id, ?, instance_type, false, ? from"
                + " ecs_instances i where instance_id = ? and not exists (select 1 from billing_usage u where"
                + " u.resource_id = i.instance_id and u.end_ms is null)", INSTANCE, at, instanceId);
    }

    /** An instance is Stopped: pay-as-you-go compute stops billing; its disks go on. */
    static void instanceStopped(Connection c, String instanceId, long at) throws SQLException {
        close(c, instanceId, at);
    }

    private static void close(Connection c, String resourceId, long at) throws SQLException {
        Store.update(c, "update billing_usage set end_ms = greatest(start_ms, ?) where resource_id = ? and end_ms is"
                + " null", at, resourceId);
    }

    // ------------------------------------------------------------ reads

    /** The statement of the caller's account and region for the last {@code days} simulated days (UTC). */
    BillingStatement statement(CallContext ctx, Integer days) {
        Catalog.requireRegion(ctx.regionId());
        int window = days == null ? 30 : days;
        if (window < 1 || window > MAX_DAYS) {
            throw ApiException.invalid("Days", "it must be 1 to " + MAX_DAYS + "; " + window + " was given.");
        }
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        LocalDate first = today.minusDays(window - 1L);
        LocalDate monthStart = today.withDayOfMonth(1);
        long from = (first.isBefore(monthStart) ? first : monthStart).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
        List<Span> spans = store.query("select resource_id, resource_type, region_id, spec, performance_level,"
                + " size_gib, disk_type, encrypted, start_ms, end_ms from billing_usage where account_id = ? and"
                + " region_id = ? and (end_ms is null or end_ms > ?) order by start_ms, usage_id", rs -> new Span(
                        rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        (Integer) rs.getObject(6), rs.getString(7), rs.getBoolean(8), rs.getLong(9),
                        (Long) rs.getObject(10)), ctx.accountId(), ctx.regionId(), from);
        return statement(spans, now, first, today);
    }

    /** The statement of these spans as of {@code now}, with one entry per day from {@code first} to {@code last}. */
    static BillingStatement statement(List<Span> spans, Instant now, LocalDate first, LocalDate last) {
        long nowMs = now.toEpochMilli();
        List<BillingStatement.Line> running = new ArrayList<>();
        double hourly = 0;
        for (Span s : spans) {
            if (s.endMs() == null && s.startMs() <= nowMs) {
                double price = s.hourlyPrice();
                hourly += price;
                running.add(new BillingStatement.Line(s.resourceId(), s.resourceType().equals(INSTANCE) ? "Instance"
                        : "Disk", s.spec(), s.performanceLevel(), s.sizeGiB(), s.diskType(), s.encrypted(), price,
                        Instant.ofEpochMilli(s.startMs()), s.cost(s.startMs(), nowMs)));
            }
        }
        List<BillingStatement.Day> days = new ArrayList<>();
        double accumulated = 0;
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
            long start = d.atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
            long end = Math.min(nowMs, d.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli());
            double cost = cost(spans, start, end);
            accumulated += cost;
            days.add(new BillingStatement.Day(d, cost, accumulated));
        }
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        long monthStart = today.withDayOfMonth(1).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
        return new BillingStatement(now, Pricing.CURRENCY, running, hourly, cost(spans, monthStart, nowMs), days);
    }

    private static double cost(List<Span> spans, long from, long to) {
        double sum = 0;
        for (Span s : spans) {
            if (to > from) {
                sum += s.cost(from, to);
            }
        }
        return sum;
    }
}
