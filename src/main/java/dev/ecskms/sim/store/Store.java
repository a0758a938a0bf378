package dev.ecskms.sim.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * The H2 store in the data dir, migrated by Flyway. WRITE_DELAY=0 makes every commit reach the file before the call
 * returns, so an acknowledged change survives kill -9.
 */
public final class Store implements AutoCloseable {
    private final JdbcConnectionPool pool;

    private Store(JdbcConnectionPool pool) {
        this.pool = pool;
    }

    public static Store open(DataDir dir) {
        String url = "jdbc:h2:file:" + dir.resolve("state").toAbsolutePath() + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE";
        JdbcConnectionPool pool = JdbcConnectionPool.create(url, "sa", "");
        pool.setMaxConnections(16);
        Flyway.configure().dataSource(pool).locations("classpath:db/migration").load().migrate();
        return new Store(pool);
    }

    /** Runs work in one transaction: committed if it returns, rolled back if it throws. */
    public <T> T tx(SqlWork<T> work) {
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
        } catch (SQLException e) {
            throw new StoreException(e);
        }
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

    public static final class StoreException extends RuntimeException {
        public StoreException(SQLException cause) {
            super("The state store failed: " + cause.getMessage(), cause);
        }
    }
}
