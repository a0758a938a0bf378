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
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.flywaydb.core.Flyway;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.jdbcx.JdbcConnectionPool;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The H2 store in the data dir, migrated by Flyway. WRITE_DELAY=0 makes every commit reach the file before the call
 * returns, so an acknowledged change survives kill -9.
 *
 * <p>Two things keep the file near the size of its live data. H2 writes every commit as a new chunk and keeps
 * freed chunks for {@code RETENTION_TIME} before reusing them (45 s by default: 1,000 quick updates would leave
 * 11 MB); 1 s is long enough for our short transactions and, unlike 0, is not known to corrupt the chunk map on
 * close. And since WRITE_DELAY=0 leaves H2 without its background housekeeping, the store compacts its file itself:
 * at open (after a crash the file is as large as it ever was) and, in the background, every
 * {@value #COMMITS_PER_MAINTENANCE} commits when the file is mostly garbage.
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
    static final int COMMITS_PER_MAINTENANCE = 100;
    /** The file is compacted when live data fills less than this share of it (percent)... */
    private static final int COMPACT_BELOW_FILL_RATE = 60;
    /** ...and it is larger than this: a small file is not worth the work. */
    private static final long COMPACT_ABOVE_BYTES = 1024 * 1024;

    private final JdbcConnectionPool pool;
    private final Path file;
    private final FreeSpace freeSpace;
    private final long reserveBytes;
    private final AtomicLong commits = new AtomicLong();
    private final AtomicBoolean maintenanceQueued = new AtomicBoolean();
    private final ExecutorService maintenance = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "store-maintenance");
        t.setDaemon(true);
        return t;
    });

    private Store(JdbcConnectionPool pool, Path file, FreeSpace freeSpace, long reserveBytes) {
        this.pool = pool;
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
        String url = "jdbc:h2:file:" + dir.resolve("state").toAbsolutePath()
                + ";WRITE_DELAY=0;RETENTION_TIME=1000;DB_CLOSE_ON_EXIT=FALSE";
        JdbcConnectionPool pool = JdbcConnectionPool.create(url, "sa", "");
        pool.setMaxConnections(16);
        try {
            Flyway.configure().dataSource(pool).locations("classpath:db/migration").load().migrate();
        } catch (RuntimeException e) {
            pool.dispose();
            throw new StoreException("The database " + file + " cannot be opened: " + rootMessage(e)
                    + ". It is damaged or not a database of this program. Nothing was changed. Put back the state.mv.db"
                    + " from a backup of this data dir, or start with another data dir (--data-dir).", e);
        }
        DataDir.restrictToOwner(file);
        Store store = new Store(pool, file, freeSpace, reserveBytes);
        store.compactIfSparse(); // what a kill -9 left: the file is as large as it ever was
        return store;
    }

    /** Runs work in one transaction: committed if it returns, rolled back if it throws. */
    public <T> T tx(SqlWork<T> work) {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                if (session(c).hasPendingTransaction()) {
                    refuseWriteIfDiskFull();
                }
                c.commit();
                if (commits.incrementAndGet() % COMMITS_PER_MAINTENANCE == 0) {
                    queueMaintenance();
                }
                return result;
            } catch (RuntimeException | SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    private void refuseWriteIfDiskFull() {
        long free = freeSpace.usableBytes();
        if (free < reserveBytes) {
            throw new ApiException("ServiceUnavailable.DiskFull", 503, "The simulator's data dir "
                    + file.getParent() + " is on a file system with only " + free / (1024 * 1024) + " MiB free (at least "
                    + reserveBytes / (1024 * 1024) + " MiB are kept in reserve). Nothing was changed. Free some space"
                    + " and retry; reads keep working meanwhile.");
        }
    }

    private void queueMaintenance() {
        if (maintenanceQueued.compareAndSet(false, true)) {
            try {
                maintenance.execute(() -> {
                    maintenanceQueued.set(false);
                    compactIfSparse();
                });
            } catch (RejectedExecutionException closing) {
                maintenanceQueued.set(false);
            }
        }
    }

    /** Compacts the file when it is mostly garbage; best effort, since it reaches into H2's own store. */
    void compactIfSparse() {
        try (Connection c = pool.getConnection()) {
            MVStore mv = session(c).getDatabase().getStore().getMvStore();
            if (Files.size(file) > COMPACT_ABOVE_BYTES && mv.getFillRate() < COMPACT_BELOW_FILL_RATE
                    && freeSpace.usableBytes() >= reserveBytes) {
                mv.compactFile(200);
            }
        } catch (SQLException | IOException | RuntimeException e) {
            LOG.warn("Compacting {} failed; it will be tried again: {}", file, e.toString());
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
        try (PreparedStatement ps = prepare(c, sql, params)) {
            return ps.executeUpdate();
        }
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
        try (Connection c = pool.getConnection()) {
            c.createStatement().execute("SHUTDOWN");
        } catch (SQLException ignored) {
            // already closed
        }
        pool.dispose();
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
