package io.lfp.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.lfp.localinfra.LocalInfraTestResource;
import io.lfp.localinfra.LocalInfrastructure;

/**
 * The tests' JDBC access to the test database as the superuser: for assertions, cleanup and other services'
 * rows, independently of the service's own SQL and role. Parameters are bound with {@code setObject}; an
 * {@link Instant} becomes a timestamp. Failures surface as {@link IllegalStateException}.
 */
public final class Sql {

    private Sql() {
    }

    /** Work on one connection. */
    public interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /** A new connection as the superuser; close it. */
    public static Connection connect() throws SQLException {
        LocalInfrastructure infra = LocalInfraTestResource.infra();
        return DriverManager.getConnection(infra.jdbcUrl(), infra.pgUser(), infra.pgPassword());
    }

    /** Runs {@code work} on a new connection. */
    public static <T> T with(Work<T> work) {
        try (Connection c = connect()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. */
    public static <T> T inTransaction(Work<T> work) {
        return with(c -> {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        });
    }

    /** Runs one statement (INSERT, UPDATE, DELETE, DDL); returns the rows it changed. */
    public static int update(String sql, Object... params) {
        return with(c -> update(c, sql, params));
    }

    /** {@link #update(String, Object...)} on a given connection (e.g. in {@link #inTransaction}). */
    public static int update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, params)) {
            return ps.executeUpdate();
        }
    }

    /** Runs one statement once for each parameter list, as one batch. */
    public static void batch(String sql, List<Object[]> rows) {
        with(c -> {
            batch(c, sql, rows);
            return null;
        });
    }

    /** {@link #batch(String, List)} on a given connection. */
    public static void batch(Connection c, String sql, List<Object[]> rows) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (Object[] row : rows) {
                bind(ps, row);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** The rows of a query, each as its column values in order ({@code ResultSet.getObject}). */
    public static List<List<Object>> rows(String sql, Object... params) {
        return with(c -> rows(c, sql, params));
    }

    /** {@link #rows(String, Object...)} on a given connection. */
    public static List<List<Object>> rows(Connection c, String sql, Object... params) throws SQLException {
        List<List<Object>> out = new ArrayList<>();
        try (PreparedStatement ps = prepare(c, sql, params); ResultSet rs = ps.executeQuery()) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<Object> row = new ArrayList<>(columns);
                for (int i = 1; i <= columns; i++) {
                    row.add(rs.getObject(i));
                }
                out.add(row);
            }
        }
        return out;
    }

    /**
     * The first row of a query as column name → value in column order, timestamptz as {@link OffsetDateTime};
     * null when there is none.
     */
    public static Map<String, Object> row(String sql, Object... params) {
        return with(c -> {
            try (PreparedStatement ps = prepare(c, sql, params); ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                ResultSetMetaData meta = rs.getMetaData();
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    boolean timestamp = "timestamptz".equals(meta.getColumnTypeName(i));
                    row.put(meta.getColumnName(i), timestamp ? rs.getObject(i, OffsetDateTime.class) : rs.getObject(i));
                }
                return row;
            }
        });
    }

    /** The single value a query returns (first column of the first row); null when there is no row. */
    public static Object value(String sql, Object... params) {
        List<List<Object>> rows = rows(sql, params);
        return rows.isEmpty() ? null : rows.get(0).get(0);
    }

    /** The single number a query returns, e.g. a {@code count(*)}. */
    public static long number(String sql, Object... params) {
        Object value = value(sql, params);
        if (!(value instanceof Number number)) {
            throw new AssertionError("not a number: " + value + " from " + sql);
        }
        return number.longValue();
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... params) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        bind(ps, params);
        return ps;
    }

    private static void bind(PreparedStatement ps, Object[] params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            ps.setObject(i + 1, params[i] instanceof Instant instant ? Timestamp.from(instant) : params[i]);
        }
    }
}
