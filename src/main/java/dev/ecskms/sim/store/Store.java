package dev.ecskms.sim.store;

import dev.ecskms.sim.common.ApiException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flywaydb.core.Flyway;
import org.h2.api.ErrorCode;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.jdbcx.JdbcConnectionPool;
import org.h2.mvstore.MVStoreTool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The H2 store in the data dir, migrated by Flyway. WRITE_DELAY=0 makes every commit reach the file before the call
 * returns, so an acknowledged change survives kill -9.
 *
 * <p>H2 writes every commit as a new chunk and reuses a freed chunk only after its retention time (45 s), so 1,000
 * quick updates leave 11 MB, and WRITE_DELAY=0 leaves it without the housekeeping that would shrink the file. H2's
 * own ways to shrink it in place are not safe here: with a 1 s retention time, or with {@code compactFile} running
 * online, a kill -9 lost acknowledged commits (recovery found its way back only to an older chunk). So the store
 * compacts offline, the way {@code SHUTDOWN COMPACT} does: it lets the calls in flight finish, closes H2, copies the
 * live data into a new file that atomically replaces the old one (H2 cleans up an interrupted copy at its next
 * open), and reopens. That happens at open when the file is mostly garbage (after a crash it is as large as it ever
 * was) and, in the background, whenever the file has grown a few megabytes past its size after the last compaction.
 *
 * <p>A commit that would write while the data dir's file system is nearly full is rolled back and refused with
 * {@code ServiceUnavailable.DiskFull}; reads go on. H2 cannot be trusted to survive a failed write (its store
 * closes itself), so the store never lets it come to that.
 */
public final class Store implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Store.class);
    public static final String FILE_NAME = "state.mv.db";
    /** Below this much free space on the data dir's file system, writes are refused. */
    public static final long DEFAULT_RESERVE_BYTES = 16L * 1024 * 1024;
    /** Growth past the compacted size that triggers the next compaction: at least this much... */
    private static final long MIN_SLACK_BYTES = 3L * 1024 * 1024;
    /** ...or this share of the compacted size (percent), so that a large store is not copied too often. */
    private static final int SLACK_PERCENT = 50;
    /** At open, a file whose chunks are filled less than this (percent) is compacted. */
    private static final int COMPACT_AT_OPEN_BELOW_FILL_RATE = 50;
    /** ...if it is larger than this: a small file is not worth the start-up time. */
    private static final long COMPACT_AT_OPEN_ABOVE_BYTES = 1024 * 1024;

    private final String url;
    private final Path file;
    private final FreeSpace freeSpace;
    private final long reserveBytes;
    /** Calls share it; a compaction takes it alone, so no call sees H2 closed underneath it. */
    private final ReentrantReadWriteLock gate = new ReentrantReadWriteLock();
    private volatile JdbcConnectionPool pool;
    private volatile long compactAboveBytes;
    private final AtomicBoolean maintenanceQueued = new AtomicBoolean();
    /** Told the tables each committed transaction wrote, after the commit and outside the store's lock. */
    private volatile Consumer<Set<String>> afterCommit = tables -> { };
    private final ExecutorService maintenance = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "store-maintenance");
        t.setDaemon(true);
        return t;
    });

    private Store(String url, Path file, FreeSpace freeSpace, long reserveBytes) {
        this.url = url;
        this.file = file;
        this.freeSpace = freeSpace;
        this.reserveBytes = reserveBytes;
    }

    /** Whether the data dir already has a database (a missing one is created by {@link #open}). */
    public static boolean exists(DataDir dir) {
        return Files.exists(dir.resolve(FILE_NAME));
    }

    public static Store open(DataDir dir) {
        return open(dir, FreeSpace.of(dir.root()), DEFAULT_RESERVE_BYTES);
    }

    /** Opens with a given free-space probe and reserve (tests simulate a full disk with them). */
    public static Store open(DataDir dir, FreeSpace freeSpace, long reserveBytes) {
        Path file = dir.resolve(FILE_NAME);
        String url = "jdbc:h2:file:" + dir.resolve("state").toAbsolutePath() + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE";
        Store store = new Store(url, file, freeSpace, reserveBytes);
        store.pool = newPool(url);
        try {
            Flyway.configure().dataSource(store.pool).locations("classpath:db/migration").load().migrate();
        } catch (RuntimeException e) {
            store.pool.dispose();
            throw new StoreException("The database " + file + " cannot be opened: " + rootMessage(e)
                    + ". It is damaged or not a database of this program. Nothing was changed. Put back the state.mv.db"
                    + " from a backup of this data dir, or start with another data dir (--data-dir).", e);
        }
        if (store.fileSize() > COMPACT_AT_OPEN_ABOVE_BYTES
                && store.chunksFillRate() < COMPACT_AT_OPEN_BELOW_FILL_RATE) {
            store.compact(); // what a kill -9 left: the file is as large as it ever was
        } else {
            store.updateCompactionThreshold();
        }
        DataDir.restrictToOwner(file);
        return store;
    }

    private static JdbcConnectionPool newPool(String url) {
        JdbcConnectionPool pool = JdbcConnectionPool.create(url, "sa", "");
        pool.setMaxConnections(16);
        return pool;
    }

    /**
     * Who hears of committed writes: called once per committed transaction that changed rows, with the tables it
     * changed, after the commit, on the committing thread, outside the store's lock. It must return quickly and not
     * throw (the change feed only enqueues); a rolled-back transaction is never reported.
     */
    public void afterCommit(Consumer<Set<String>> listener) {
        this.afterCommit = listener == null ? tables -> { } : listener;
    }

    /** Runs work in one transaction: committed if it returns, rolled back if it throws. */
    public <T> T tx(SqlWork<T> work) {
        Store outer = CURRENT.get();
        Set<String> outerWrites = WRITTEN.get();
        Set<String> written = new LinkedHashSet<>(); // every write goes through update(), which fills it
        CURRENT.set(this);
        WRITTEN.set(written);
        T result;
        try {
            result = inTransaction(work);
        } catch (SQLException | RuntimeException e) {
            throw afterFailure(e);
        } finally {
            CURRENT.set(outer);
            WRITTEN.set(outerWrites);
        }
        if (!written.isEmpty()) {
            // A nested transaction has its own connection and commit: its writes are reported at its own commit.
            afterCommit.accept(Set.copyOf(written));
            if (fileSize() > compactAboveBytes) {
                queueCompaction();
            }
        }
        return result;
    }

    /** The work on one connection, under the gate's shared side, so that no compaction closes H2 underneath it. */
    private <T> T inTransaction(SqlWork<T> work) throws SQLException {
        gate.readLock().lock();
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (RuntimeException | SQLException e) {
                c.rollback();
                throw e;
            }
        } finally {
            gate.readLock().unlock();
        }
    }

    /**
     * A failed write (the disk filled up between the check and the write) makes H2 close itself: reopen it, so that
     * what was committed is readable again, and say why the call failed.
     */
    private RuntimeException afterFailure(Exception e) {
        if (!causedByH2Closing(e) || gate.getReadHoldCount() > 0) {
            // (inside an outer transaction of this thread the reopen is left to the outer one: no lock upgrade)
            return e instanceof RuntimeException r ? r : new StoreException((SQLException) e);
        }
        gate.writeLock().lock();
        try {
            if (pool.getActiveConnections() == 0 && h2Closed()) {
                pool.dispose();
                pool = newPool(url);
                LOG.warn("The database {} closed itself after a failed write ({}); reopened", file, rootMessage(e));
            }
        } finally {
            gate.writeLock().unlock();
        }
        return freeSpace.usableBytes() < reserveBytes || rootMessage(e).contains("No space left")
                ? diskFull(freeSpace.usableBytes())
                : e instanceof SQLException sql ? new StoreException(sql) : (RuntimeException) e;
    }

    private static boolean causedByH2Closing(Throwable e) {
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof org.h2.mvstore.MVStoreException
                    || t instanceof SQLException sql && (sql.getErrorCode() == ErrorCode.DATABASE_IS_CLOSED
                            || sql.getErrorCode() == ErrorCode.GENERAL_ERROR_1)) {
                return true;
            }
        }
        return false;
    }

    private boolean h2Closed() {
        try (Connection c = pool.getConnection()) {
            c.createStatement().execute("select 1");
            return false;
        } catch (SQLException closed) {
            return true;
        }
    }

    /** Every write goes through {@link #update}: refused before H2 writes anything when the disk is nearly full. */
    private static final ThreadLocal<Store> CURRENT = new ThreadLocal<>();
    /** The tables the running transaction of this thread changed rows of, reported after its commit. */
    private static final ThreadLocal<Set<String>> WRITTEN = new ThreadLocal<>();
    private static final Pattern WRITTEN_TABLE = Pattern.compile(
            "^\\s*(?:insert\\s+into|merge\\s+into|update|delete\\s+from)\\s+\"?([A-Za-z_][A-Za-z0-9_]*)\"?",
            Pattern.CASE_INSENSITIVE);

    /** The table a write statement changes, lower case; "unknown" for a statement of another shape. */
    static String writtenTable(String sql) {
        Matcher m = WRITTEN_TABLE.matcher(sql);
        return m.find() ? m.group(1).toLowerCase(Locale.ROOT) : "unknown";
    }

    private void refuseWriteIfDiskFull() {
        long free = freeSpace.usableBytes();
        if (free < reserveBytes) {
            throw diskFull(free);
        }
    }

    private ApiException diskFull(long free) {
        return new ApiException("ServiceUnavailable.DiskFull", 503, "The simulator's data dir " + file.getParent()
                + " is on a file system with only " + free / (1024 * 1024) + " MiB free (at least "
                + reserveBytes / (1024 * 1024) + " MiB are kept in reserve). Nothing was changed. Free some space and"
                + " retry; reads keep working meanwhile.");
    }

    private void queueCompaction() {
        if (maintenanceQueued.compareAndSet(false, true)) {
            try {
                maintenance.execute(() -> {
                    maintenanceQueued.set(false);
                    compact();
                });
            } catch (RejectedExecutionException closing) {
                maintenanceQueued.set(false);
            }
        }
    }

    /**
     * Copies the live data into a new file that replaces the old one. Best effort: a compaction that cannot run
     * (no room for the copy, an H2 error) leaves the data as it was and is tried again later.
     */
    void compact() {
        gate.writeLock().lock();
        try {
            if (freeSpace.usableBytes() < reserveBytes + fileSize()) {
                updateCompactionThreshold(); // no room for the copy now; try again after more growth
                return;
            }
            try (Connection c = pool.getConnection()) {
                // Commits are on disk already; IMMEDIATELY skips H2's own in-place compaction at close.
                c.createStatement().execute("SHUTDOWN IMMEDIATELY");
            } catch (SQLException expected) {
                // the connection closes with the database
            }
            pool.dispose();
            try {
                MVStoreTool.compact(file.toString(), false);
            } catch (RuntimeException e) {
                LOG.warn("Compacting {} failed; it will be tried again: {}", file, e.toString());
            }
            DataDir.restrictToOwner(file);
            pool = newPool(url);
            updateCompactionThreshold();
        } finally {
            gate.writeLock().unlock();
        }
    }

    private void updateCompactionThreshold() {
        long size = fileSize();
        compactAboveBytes = size + Math.max(MIN_SLACK_BYTES, size * SLACK_PERCENT / 100);
    }

    private int chunksFillRate() {
        try (Connection c = pool.getConnection()) {
            return session(c).getDatabase().getStore().getMvStore().getFileStore().getChunksFillRate();
        } catch (SQLException | RuntimeException e) {
            return 100; // cannot tell: leave the file alone
        }
    }

    private long fileSize() {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    private static SessionLocal session(Connection c) throws SQLException {
        return (SessionLocal) c.unwrap(JdbcConnection.class).getSession();
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    public void txRun(SqlAction work) {
        tx(c -> {
            work.run(c);
            return null;
        });
    }

    /** Reads a list of rows with an auto-commit connection. */
    public <T> List<T> query(String sql, RowMapper<T> mapper, Object... params) {
        return tx(c -> query(c, sql, mapper, params));
    }

    public <T> Optional<T> queryOne(String sql, RowMapper<T> mapper, Object... params) {
        List<T> rows = query(sql, mapper, params);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    /** A LIKE pattern (used with {@code escape '\\'}) for values containing {@code needle}; % and _ are literal. */
    public static String containsPattern(String needle) {
        return "%" + needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    public static <T> List<T> query(Connection c, String sql, RowMapper<T> mapper, Object... params)
            throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, params); ResultSet rs = ps.executeQuery()) {
            List<T> out = new ArrayList<>();
            while (rs.next()) {
                out.add(mapper.map(rs));
            }
            return out;
        }
    }

    public static <T> Optional<T> queryOne(Connection c, String sql, RowMapper<T> mapper, Object... params)
            throws SQLException {
        List<T> rows = query(c, sql, mapper, params);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    public static int update(Connection c, String sql, Object... params) throws SQLException {
        Store store = CURRENT.get();
        if (store != null) {
            store.refuseWriteIfDiskFull();
        }
        int rows;
        try (PreparedStatement ps = prepare(c, sql, params)) {
            rows = ps.executeUpdate();
        }
        Set<String> written = WRITTEN.get();
        if (rows > 0 && written != null) {
            written.add(writtenTable(sql));
        }
        return rows;
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... params) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        for (int i = 0; i < params.length; i++) {
            ps.setObject(i + 1, params[i]);
        }
        return ps;
    }

    /** Settings survive restarts: the clock offset, the generated root AccessKey, and so on. */
    public Optional<String> setting(String name) {
        return queryOne("select val from settings where name = ?", rs -> rs.getString(1), name);
    }

    public void putSetting(String name, String value) {
        txRun(c -> update(c, "merge into settings (name, val) key (name) values (?, ?)", name, value));
    }

    @Override
    public void close() {
        maintenance.shutdown();
        try {
            maintenance.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        gate.writeLock().lock();
        try (Connection c = pool.getConnection()) {
            c.createStatement().execute("SHUTDOWN");
        } catch (SQLException ignored) {
            // already closed
        } finally {
            pool.dispose();
            gate.writeLock().unlock();
        }
    }

    @FunctionalInterface
    public interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }

    @FunctionalInterface
    public interface SqlAction {
        void run(Connection c) throws SQLException;
    }

    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    /** Free space on the data dir's file system, in bytes. */
    @FunctionalInterface
    public interface FreeSpace {
        long usableBytes();

        static FreeSpace of(Path dir) {
            return () -> {
                try {
                    return Files.getFileStore(dir).getUsableSpace();
                } catch (IOException e) {
                    return Long.MAX_VALUE; // cannot tell: let H2 try
                }
            };
        }
    }

    public static final class StoreException extends RuntimeException {
        public StoreException(SQLException cause) {
            super("The state store failed: " + cause.getMessage(), cause);
        }

        StoreException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
