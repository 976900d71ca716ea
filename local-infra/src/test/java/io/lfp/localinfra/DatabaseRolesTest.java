package io.lfp.localinfra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Least privilege in the database: the services' real migrations (read from their modules in this repository, in
 * Flyway's order) run as each service's own role, as the services run them; then every role can do exactly what
 * docs/decisions/0001-database-roles.md says and nothing more.
 */
class DatabaseRolesTest {

    /** Service → its migrations folder, in the order the local run starts them. */
    private static final Map<String, String> MIGRATIONS = Map.of(
            "upload-service", "upload", "ingest-worker", "ingest", "aggregate-service", "aggregate");
    private static final List<String> PRIVILEGES = List.of("SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE");
    private static final Pattern VERSION = Pattern.compile("V([0-9_.]+)__.*\\.sql");

    @AutoClose
    private static LocalInfrastructure infra;

    @BeforeAll
    static void startAndMigrate() throws Exception {
        infra = new LocalInfrastructure(LocalInfraSettings.defaults()).start();
        for (String service : List.of("upload-service", "ingest-worker", "aggregate-service")) {
            try (Connection c = connectAs(service); Statement st = c.createStatement()) {
                for (Path file : migrations(service)) {
                    st.execute(Files.readString(file));
                }
            }
        }
    }

    @Test
    void noServiceRoleIsASuperuserNorMayCreateRolesOrDatabases() throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = superuser();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("""
                        SELECT rolname, rolsuper, rolcreatedb, rolcreaterole, rolreplication, rolbypassrls, rolcanlogin
                        FROM pg_roles WHERE rolname LIKE 'lfp\\_%' ORDER BY rolname""")) {
            while (rs.next()) {
                StringBuilder row = new StringBuilder(rs.getString(1));
                for (int i = 2; i <= 7; i++) {
                    row.append(' ').append(rs.getBoolean(i));
                }
                rows.add(row.toString());
            }
        }
        assertEquals(List.of(
                "lfp_admin true true true true true true",
                "lfp_aggregate false false false false false true",
                "lfp_dashboard false false false false false true",
                "lfp_ingest false false false false false true",
                "lfp_upload false false false false false true"), rows);
    }

    @Test
    void eachServiceOwnsTheTablesItsMigrationsCreate() throws Exception {
        Map<String, String> owners = new TreeMap<>();
        try (Connection c = superuser();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT tablename, tableowner FROM pg_tables WHERE schemaname = 'public'")) {
            while (rs.next()) {
                owners.put(rs.getString(1), rs.getString(2));
            }
        }
        Map<String, String> expected = new TreeMap<>();
        for (String t : List.of("uploads")) {
            expected.put(t, "lfp_upload");
        }
        for (String t : List.of("products", "ingest_jobs", "rejected_rows", "ingest_chunks", "ingest_merges",
                "product_edit_outbox", "name_count_deltas", "product_audit")) {
            expected.put(t, "lfp_ingest");
        }
        for (String t : List.of("product_counts", "applied_count_changes")) {
            expected.put(t, "lfp_aggregate");
        }
        assertEquals(expected, owners);
    }

    /** Beyond its own tables, a role has exactly SELECT on the tables its code reads; the dashboard owns none. */
    @Test
    void otherServicesTablesAreReadOnlyAndOnlyWhereTheCodeReadsThem() throws Exception {
        List<String> granted = new ArrayList<>();
        try (Connection c = superuser(); Statement st = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String service : LocalSecrets.SERVICES) {
                String role = LocalSecrets.pgRole(service);
                for (String table : tables) {
                    for (String privilege : PRIVILEGES) {
                        try (ResultSet rs = st.executeQuery("SELECT has_table_privilege('" + role + "', 'public."
                                + table + "', '" + privilege + "'), (SELECT tableowner FROM pg_tables WHERE "
                                + "schemaname = 'public' AND tablename = '" + table + "')")) {
                            rs.next();
                            if (rs.getBoolean(1) && !role.equals(rs.getString(2))) {
                                granted.add(role + " " + privilege + " " + table);
                            }
                        }
                    }
                }
            }
        }
        assertEquals(new TreeSet<>(List.of(
                "lfp_aggregate SELECT name_count_deltas",
                "lfp_dashboard SELECT product_counts",
                "lfp_dashboard SELECT products",
                "lfp_dashboard SELECT uploads",
                "lfp_ingest SELECT uploads",
                "lfp_upload SELECT rejected_rows")), new TreeSet<>(granted));
    }

    @Test
    void theDashboardsRoleReadsItsThreeTablesAndCannotWriteAnything() throws Exception {
        try (Connection c = connectAs("dashboard-service"); Statement st = c.createStatement()) {
            for (String table : List.of("products", "product_counts", "uploads")) {
                try (ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table)) {
                    rs.next();
                    assertEquals(0, rs.getLong(1), table);
                }
                for (String write : List.of(
                        "INSERT INTO " + table + " DEFAULT VALUES",
                        "UPDATE " + table + " SET " + firstColumn(table) + " = " + firstColumn(table),
                        "DELETE FROM " + table,
                        "TRUNCATE " + table)) {
                    assertDenied(st, write, "permission denied for table " + table);
                }
            }
            assertDenied(st, "SELECT count(*) FROM rejected_rows", "permission denied for table rejected_rows");
            assertDenied(st, "CREATE TABLE dashboard_scratch (id int)", "permission denied for schema public");
            assertDenied(st, "CREATE TEMP TABLE dashboard_scratch (id int)",
                    "permission denied to create temporary tables in database \"lfp\"");
        }
    }

    @Test
    void aServiceCannotWriteAnotherServicesTableItReads() throws Exception {
        try (Connection c = connectAs("upload-service"); Statement st = c.createStatement()) {
            assertDenied(st, "DELETE FROM rejected_rows", "permission denied for table rejected_rows");
            assertDenied(st, "SELECT count(*) FROM products", "permission denied for table products");
        }
        try (Connection c = connectAs("ingest-worker"); Statement st = c.createStatement()) {
            assertDenied(st, "UPDATE uploads SET status = 'FAILED'", "permission denied for table uploads");
            assertDenied(st, "DELETE FROM product_counts", "permission denied for table product_counts");
        }
        try (Connection c = connectAs("aggregate-service"); Statement st = c.createStatement()) {
            assertDenied(st, "DELETE FROM name_count_deltas", "permission denied for table name_count_deltas");
            assertDenied(st, "DELETE FROM products", "permission denied for table products");
        }
    }

    private static void assertDenied(Statement st, String sql, String message) {
        SQLException e = assertThrows(SQLException.class, () -> st.execute(sql), sql);
        assertEquals("42501", e.getSQLState(), sql + ": " + e.getMessage());
        assertTrue(e.getMessage().contains(message), sql + ": " + e.getMessage());
    }

    private static String firstColumn(String table) throws SQLException {
        try (Connection c = superuser();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT column_name FROM information_schema.columns WHERE table_name = '"
                        + table + "' ORDER BY ordinal_position LIMIT 1")) {
            assertTrue(rs.next(), table);
            return rs.getString(1);
        }
    }

    /** The migration files of a service, ordered by version as Flyway orders them (4 < 4.1 < 5). */
    private static List<Path> migrations(String service) throws IOException {
        Path dir = Path.of("..", service, "src/main/resources/db/migration", MIGRATIONS.get(service));
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> sorted = files.filter(f -> VERSION.matcher(f.getFileName().toString()).matches())
                    .sorted(Comparator.comparing(DatabaseRolesTest::version, DatabaseRolesTest::compareVersions))
                    .toList();
            assertTrue(sorted.size() >= 3, "migrations of " + service + " in " + dir.toAbsolutePath());
            return sorted;
        }
    }

    private static int[] version(Path file) {
        Matcher m = VERSION.matcher(file.getFileName().toString());
        m.matches();
        return Arrays.stream(m.group(1).split("[_.]")).mapToInt(Integer::parseInt).toArray();
    }

    private static int compareVersions(int[] a, int[] b) {
        return Arrays.compare(a, b);
    }

    private static Connection connectAs(String service) throws SQLException {
        return DriverManager.getConnection(infra.jdbcUrl(), infra.pgUser(service), infra.pgPassword(service));
    }

    private static Connection superuser() throws SQLException {
        return DriverManager.getConnection(infra.jdbcUrl(), infra.pgUser(), infra.pgPassword());
    }
}
