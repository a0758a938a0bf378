package dev.ecskms.sim.trail;

import dev.ecskms.sim.common.ApiException;
import dev.ecskms.sim.common.CallContext;
import dev.ecskms.sim.store.Store;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit trail on the local store. {@link #record} never fails the call it records: if the trail cannot be
 * written (a full disk, say) it logs that once, and once more when writing works again. Growth is bounded: events
 * older than {@link #DEFAULT_MAX_AGE} of simulated time, and all but the newest {@link #DEFAULT_MAX_EVENTS}, are
 * pruned by {@link #processDueEvents()}.
 *
 * <p>Like ActionTrail, it records behind the call, not in it: events are queued and written in batches every
 * {@value #FLUSH_MILLIS} ms (one commit each, instead of one per call, which had tripled a Decrypt's latency and the
 * database's churn). A lookup writes what is queued first, so it always sees the calls made before it; a kill -9 can
 * lose the last {@value #FLUSH_MILLIS} ms of events, never a call's effect.
 */
public final class LocalTrailService implements TrailService, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalTrailService.class);
    public static final Duration DEFAULT_MAX_AGE = Duration.ofDays(90);
    public static final int DEFAULT_MAX_EVENTS = 100_000;
    private static final String COLUMNS = "seq, event_id, event_ms, account_id, region_id, identity_type,"
            + " principal_name, session_name, source, service_name, event_name, read_only, resource_type,"
            + " resource_name, kms_key_id, kms_key_version_id, error_code, error_message, request_id";
    /** A message of a failure that is not the service's (an ApiException) is not shown: it may name internals. */
    static final String INTERNAL_ERROR = "InternalError";
    /** A timeline has at most this many bars. */
    public static final int MAX_BUCKETS = 200;

    private final Store store;
    private final Clock clock;
    private volatile Duration maxAge = DEFAULT_MAX_AGE;
    private volatile int maxEvents = DEFAULT_MAX_EVENTS;
    private final Object failureLock = new Object();
    private boolean failing; // guarded by failureLock
    static final long FLUSH_MILLIS = 50;
    private static final int MAX_QUEUED = 100_000;
    private final ConcurrentLinkedQueue<Object[]> queued = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queuedCount = new AtomicInteger();
    private final ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "audit-trail-writer");
        t.setDaemon(true);
        return t;
    });

    public LocalTrailService(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
        writer.scheduleWithFixedDelay(this::flush, FLUSH_MILLIS, FLUSH_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** What one call was, for the trail. */
    public record Call(String serviceName, String eventName, boolean readOnly, String resourceType,
            String resourceName, String kmsKeyId, String kmsKeyVersionId) {
    }

    /** Records a call; {@code failure} is null when it succeeded. Never throws. */
    public void record(CallContext ctx, Call call, Throwable failure) {
        try {
            String code = failure == null ? null : failure instanceof ApiException api ? api.code() : INTERNAL_ERROR;
            String message = failure == null ? null : failure instanceof ApiException api ? api.getMessage()
                    : "The request processing has failed due to some unknown error.";
            String identity = ctx.isServiceRole() ? TrailEvent.IdentityType.ASSUMED_ROLE.wire()
                    : ctx.isRoot() ? TrailEvent.IdentityType.ROOT_ACCOUNT.wire() : TrailEvent.IdentityType.RAM_USER.wire();
            String principal = ctx.isServiceRole() ? ctx.roleName() : ctx.principal();
            if (queuedCount.incrementAndGet() > MAX_QUEUED) {
                queuedCount.decrementAndGet();
                throw new IllegalStateException("more than " + MAX_QUEUED + " events wait to be written");
            }
            queued.add(new Object[] {
                    UUID.randomUUID().toString().toUpperCase(), clock.millis(), ctx.accountId(), ctx.regionId(),
                    identity, cut(principal, 256), cut(ctx.roleSessionName(), 256), ctx.source().name().toLowerCase(),
                    call.serviceName(), call.eventName(), call.readOnly(), call.resourceType(),
                    cut(call.resourceName(), 1024), cut(call.kmsKeyId(), 64), cut(call.kmsKeyVersionId(), 64),
                    cut(code, 128), cut(message, 1024), cut(ctx.requestId(), 64)});
        } catch (RuntimeException e) {
            recordingFailed(e);
        }
    }

    /** Writes what is queued, in one transaction; on failure the batch is dropped (and said once). */
    synchronized void flush() {
        List<Object[]> batch = new ArrayList<>();
        for (Object[] row; (row = queued.poll()) != null; ) {
            batch.add(row);
        }
        if (batch.isEmpty()) {
            return;
        }
        queuedCount.addAndGet(-batch.size());
        try {
            store.txRun(c -> {
                for (Object[] row : batch) {
                    Store.update(c, "insert into trail_events (event_id, event_ms, account_id, region_id,"
                            + " identity_type, principal_name, session_name, source, service_name, event_name,"
                            + " read_only, resource_type, resource_name, kms_key_id, kms_key_version_id, error_code,"
                            + " error_message, request_id) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                            + " ?)", row);
                }
            });
            synchronized (failureLock) {
                if (failing) {
                    failing = false;
                    LOG.info("The audit trail records calls again");
                }
            }
        } catch (RuntimeException e) {
            recordingFailed(e);
        }
    }

    private void recordingFailed(RuntimeException e) {
        synchronized (failureLock) {
            if (!failing) {
                failing = true;
                LOG.warn("The audit trail cannot record calls ({}); the calls go on unrecorded until it can",
                        e.getMessage());
            }
        }
    }

    /** Writes what is queued and stops the writer; before the store closes. */
    @Override
    public void close() {
        writer.shutdown();
        try {
            writer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        flush();
    }

    @Override
    public TrailPage lookupEvents(CallContext ctx, TrailFilter f) {
        flush(); // the calls made before this lookup are on the trail
        int max = f.maxResults() == null ? TrailFilter.DEFAULT_RESULTS : f.maxResults();
        if (max < 1 || max > TrailFilter.MAX_RESULTS) {
            throw ApiException.invalid("MaxResults", "it must be between 1 and " + TrailFilter.MAX_RESULTS + ".");
        }
        if (f.startTime() != null && f.endTime() != null && f.startTime().isAfter(f.endTime())) {
            throw ApiException.invalid("StartTime", "it must not be after EndTime.");
        }
        StringBuilder sql = new StringBuilder("select " + COLUMNS + " from trail_events");
        List<Object> params = new ArrayList<>();
        where(ctx, f, sql, params);
        sql.append(" order by seq desc limit ?");
        params.add(max + 1);
        List<TrailEvent> rows = store.query(sql.toString(), LocalTrailService::event, params.toArray());
        if (rows.size() <= max) {
            return new TrailPage(rows, null);
        }
        List<TrailEvent> page = rows.subList(0, max);
        return new TrailPage(List.copyOf(page), Long.toString(page.get(max - 1).seq()));
    }

    @Override
    public List<TrailBucket> countEvents(CallContext ctx, TrailFilter f, int buckets) {
        flush();
        if (f.startTime() == null || f.endTime() == null || !f.startTime().isBefore(f.endTime())) {
            throw ApiException.invalid("StartTime", "a timeline needs a StartTime before its EndTime.");
        }
        if (buckets < 1 || buckets > MAX_BUCKETS) {
            throw ApiException.invalid("Buckets", "it must be between 1 and " + MAX_BUCKETS + ".");
        }
        long start = f.startTime().toEpochMilli();
        long width = Math.max(1, (f.endTime().toEpochMilli() - start + buckets - 1) / buckets);
        // the bucket's number; both are numbers of ours, written into the statement so that it can group by it
        String bucketOf = "(event_ms - " + start + ") / " + width;
        StringBuilder sql = new StringBuilder("select " + bucketOf + ", count(*), count(error_code) from trail_events");
        List<Object> params = new ArrayList<>();
        where(ctx, f.page(null, null), sql, params);
        sql.append(" group by ").append(bucketOf);
        long[][] counts = new long[buckets][2];
        for (long[] row : store.query(sql.toString(), rs -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)},
                params.toArray())) {
            int bucket = (int) Math.min(buckets - 1, row[0]); // the end instant itself joins the last bucket
            counts[bucket][0] += row[1];
            counts[bucket][1] += row[2];
        }
        List<TrailBucket> result = new ArrayList<>(buckets);
        for (int i = 0; i < buckets; i++) {
            result.add(new TrailBucket(Instant.ofEpochMilli(start + i * width),
                    Instant.ofEpochMilli(Math.min(start + (i + 1) * width, f.endTime().toEpochMilli())),
                    (int) (counts[i][0] - counts[i][1]), (int) counts[i][1]));
        }
        return result;
    }

    /** Prunes events past the retention (by simulated time) and beyond the newest {@code maxEvents}. */
    public void processDueEvents() {
        flush();
        long oldestAllowed = clock.millis() - maxAge.toMillis();
        long[] stats = store.queryOne("select count(*), coalesce(min(event_ms), 0), coalesce(max(seq), 0)"
                + " from trail_events", rs -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)})
                .orElse(new long[3]);
        boolean tooOld = stats[0] > 0 && stats[1] < oldestAllowed;
        boolean tooMany = stats[0] > maxEvents;
        if (!tooOld && !tooMany) {
            return;
        }
        store.txRun(c -> {
            int old = Store.update(c, "delete from trail_events where event_ms < ?", oldestAllowed);
            int over = 0;
            if (tooMany) {
                // everything older than the oldest of the newest maxEvents
                over = Store.update(c, "delete from trail_events where seq < (select min(seq) from (select seq"
                        + " from trail_events order by seq desc limit ?) newest)", maxEvents);
            }
            LOG.debug("Pruned {} audit trail event(s) older than {} and {} beyond the newest {}", old, maxAge, over,
                    maxEvents);
        });
    }

    /** For tests: a shorter retention. */
    void retain(Duration age, int events) {
        this.maxAge = age;
        this.maxEvents = events;
    }

    /** The where clause of a filter (all but its paging size), for the lookup and the timeline alike. */
    private static void where(CallContext ctx, TrailFilter f, StringBuilder sql, List<Object> params) {
        sql.append(" where account_id = ? and (region_id = ? or service_name = 'Ram')");
        params.add(ctx.accountId());
        params.add(ctx.regionId());
        if (f.nextToken() != null && !f.nextToken().isBlank()) {
            long token;
            try {
                token = Long.parseLong(f.nextToken().trim());
            } catch (NumberFormatException e) {
                throw ApiException.invalid("NextToken", "it is not a token that LookupEvents returned. Start again"
                        + " without a NextToken.");
            }
            sql.append(" and seq < ?");
            params.add(token);
        }
        if (f.startTime() != null) {
            sql.append(" and event_ms >= ?");
            params.add(f.startTime().toEpochMilli());
        }
        if (f.endTime() != null) {
            sql.append(" and event_ms <= ?");
            params.add(f.endTime().toEpochMilli());
        }
        equal(sql, params, "event_name", f.eventName());
        equal(sql, params, "resource_type", f.resourceType());
        equal(sql, params, "event_id", f.eventId());
        equal(sql, params, "service_name", f.serviceName());
        equal(sql, params, "kms_key_id", f.kmsKeyId());
        if (f.readOnly() != null) {
            sql.append(" and read_only = ?");
            params.add(f.readOnly());
        }
        if (f.resourceName() != null && !f.resourceName().isBlank()) {
            sql.append(" and (',' || resource_name || ',') like ? escape '\\'");
            params.add("%," + likeLiteral(f.resourceName().trim()) + ",%");
        }
        if (f.principal() != null && !f.principal().isBlank()) {
            sql.append(" and (principal_name = ? or session_name = ?)");
            params.add(f.principal().trim());
            params.add(f.principal().trim());
        }
        if (f.result() != null && !f.result().isBlank()) {
            String r = f.result().trim();
            if (r.equalsIgnoreCase(TrailFilter.SUCCESS)) {
                sql.append(" and error_code is null");
            } else if (r.equalsIgnoreCase(TrailFilter.FAILURE)) {
                sql.append(" and error_code is not null");
            } else {
                sql.append(" and error_code = ?");
                params.add(r);
            }
        }
    }

    private static void equal(StringBuilder sql, List<Object> params, String column, String value) {
        if (value != null && !value.isBlank()) {
            sql.append(" and ").append(column).append(" = ?");
            params.add(value.trim());
        }
    }

    private static String likeLiteral(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    private static TrailEvent event(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new TrailEvent(rs.getLong(1), rs.getString(2), Instant.ofEpochMilli(rs.getLong(3)), rs.getString(4),
                rs.getString(5), TrailEvent.IdentityType.fromWire(rs.getString(6)), rs.getString(7), rs.getString(8),
                CallContext.Source.valueOf(rs.getString(9).toUpperCase()), rs.getString(10), rs.getString(11),
                rs.getBoolean(12), rs.getString(13), rs.getString(14), rs.getString(15), rs.getString(16),
                rs.getString(17), rs.getString(18), rs.getString(19));
    }
}
