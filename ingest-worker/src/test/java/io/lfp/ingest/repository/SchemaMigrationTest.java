package io.lfp.ingest.repository;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.fail;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import io.lfp.localinfra.LocalInfraTestResource;
import io.lfp.localinfra.LocalInfrastructure;
import io.lfp.testing.Sql;

/**
 * Instances of the service starting at once on a database whose schema other services already use (so
 * Flyway baselines), against the real PostgreSQL; each case in a fresh schema with another service's table
 * in it. Flyway alone lets a starting instance see the history table another one has just created and not
 * yet baselined, and fail: rare (one benchmark start in hundreds), so the first case checks the lock
 * itself: nothing is migrated while another instance holds it.
 */
class SchemaMigrationTest {

    static final int ROUNDS = 5;
    static final int INSTANCES = 3;
    /** Every row of the history table once all migrations ran: the baseline, then each migration once. */
    static final List<String> ALL_MIGRATIONS = List.of("0 BASELINE", "1 SQL", "2 SQL", "3 SQL", "4 SQL", "5 SQL", "6 SQL",
            "6.1 SQL", "7 SQL", "8 SQL");

    @Test
    void anInstanceWaitsWhileAnotherHoldsTheMigrationLockThenMigrates() throws Exception {
        LocalInfrastructure infra = LocalInfraTestResource.infra();
        String schema = "migration_wait";
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (Connection admin = Sql.connect(); Connection otherInstance = Sql.connect()) {
            freshSchemaInUse(admin, schema);
            execute(otherInstance, "SELECT pg_advisory_lock(" + SchemaMigration.LOCK_KEY + ")");

            Future<?> starting = pool.submit(() -> {
                try (Connection lock = Sql.connect()) {
                    SchemaMigration.migrateOneAtATime(lock, flywayLikeTheService(infra, schema));
                }
                return null;
            });
            awaitWaitingForMigrationLock(admin, starting);
            assertNull(string(admin, "SELECT to_regclass('" + schema + ".flyway_history_ingest')::text"),
                    "nothing is migrated while another instance holds the lock");

            execute(otherInstance, "SELECT pg_advisory_unlock(" + SchemaMigration.LOCK_KEY + ")");
            starting.get(60, TimeUnit.SECONDS);
            assertEquals(ALL_MIGRATIONS, history(admin, schema));
            execute(admin, "DROP SCHEMA " + schema + " CASCADE");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void instancesStartingTogetherAllMigrateAndEachMigrationRunsOnce() throws Exception {
        LocalInfrastructure infra = LocalInfraTestResource.infra();
        ExecutorService pool = Executors.newFixedThreadPool(INSTANCES);
        try (Connection admin = Sql.connect()) {
            for (int round = 0; round < ROUNDS; round++) {
                String schema = "migration_race_" + round;
                freshSchemaInUse(admin, schema);

                CountDownLatch start = new CountDownLatch(1);
                List<Future<?>> instances = new ArrayList<>();
                for (int i = 0; i < INSTANCES; i++) {
                    instances.add(pool.submit(() -> {
                        try (Connection lock = Sql.connect()) {
                            Flyway flyway = flywayLikeTheService(infra, schema);
                            start.await();
                            SchemaMigration.migrateOneAtATime(lock, flyway);
                        }
                        return null;
                    }));
                }
                start.countDown();
                for (Future<?> instance : instances) {
                    instance.get(); // rethrows an instance's migration failure
                }

                assertEquals(ALL_MIGRATIONS, history(admin, schema), "round " + round);
                assertEquals(0L, count(admin, "SELECT count(*) FROM " + schema + ".products"));
                execute(admin, "DROP SCHEMA " + schema + " CASCADE");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** A schema holding only another service's table: not empty, so Flyway baselines before it migrates. */
    private static void freshSchemaInUse(Connection admin, String schema) throws SQLException {
        execute(admin, "DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        execute(admin, "CREATE SCHEMA " + schema);
        execute(admin, "CREATE TABLE " + schema + ".uploads_of_another_service (id bigint)");
    }

    /** Until the starting instance's session waits for the migration lock (pg_locks); fails if it ended instead. */
    private static void awaitWaitingForMigrationLock(Connection admin, Future<?> starting) throws Exception {
        String waiting = "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"
                + " AND ((classid::bigint << 32) | objid::bigint) = " + SchemaMigration.LOCK_KEY;
        for (int attempt = 0; attempt < 600; attempt++) {
            if (count(admin, waiting) == 1) {
                return;
            }
            if (starting.isDone()) {
                starting.get();
                fail("the instance migrated while another held the migration lock");
            }
            Thread.sleep(50);
        }
        fail("the instance never waited for the migration lock");
    }

    /** The service's Flyway settings (application.properties), in a schema of the test's own. */
    private static Flyway flywayLikeTheService(LocalInfrastructure infra, String schema) {
        return Flyway.configure()
                .dataSource(infra.jdbcUrl(), infra.pgUser(), infra.pgPassword())
                .schemas(schema)
                .locations("classpath:db/migration/ingest")
                .table("flyway_history_ingest")
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load();
    }

    /** "version type" of every history row, in order: every migration applied exactly once. */
    private static List<String> history(Connection connection, String schema) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT version, type FROM " + schema
                        + ".flyway_history_ingest WHERE success ORDER BY installed_rank")) {
            while (rs.next()) {
                rows.add(rs.getString(1) + " " + rs.getString(2));
            }
        }
        return rows;
    }

    private static String string(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static long count(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
