package io.lfp.ingest.repository;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import org.flywaydb.core.Flyway;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.StartupEvent;

/**
 * Migrates this service's tables at start-up, one instance at a time (instead of Quarkus's
 * migrate-at-start). The database is shared with the other services, so its schema is not empty when
 * this service first starts and Flyway has to baseline: it creates the history table, then writes the
 * baseline row. A second instance starting in between finds the table empty and fails to start
 * ("Unable to baseline schema history table ... as it already exists, and is empty"): seen when the
 * benchmark started its two ingest-workers at once on a fresh database, and compose starts two replicas.
 * A session advisory lock held around migrate() makes the other instances wait, then find nothing to do.
 */
@ApplicationScoped
public class SchemaMigration {

    /** Advisory lock key of this service's migrations (any bigint no other lock of the database uses). */
    static final long LOCK_KEY = 7400008202L;

    private final AgroalDataSource dataSource;
    private final Flyway flyway;

    public SchemaMigration(AgroalDataSource dataSource, Flyway flyway) {
        this.dataSource = dataSource;
        this.flyway = flyway;
    }

    /** Before anything else starts: the Kafka consumers (LIBRARY_BEFORE) and the outbox relay need the tables. */
    void migrate(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            migrateOneAtATime(connection, flyway);
        }
    }

    /**
     * Runs {@code flyway.migrate()} while {@code lockConnection} holds the migration lock; unlocks
     * explicitly, as a pooled connection's session outlives close().
     */
    public static void migrateOneAtATime(Connection lockConnection, Flyway flyway) throws SQLException {
        advisory(lockConnection, "SELECT pg_advisory_lock(?)");
        try {
            flyway.migrate();
        } finally {
            advisory(lockConnection, "SELECT pg_advisory_unlock(?)");
        }
    }

    private static void advisory(Connection connection, String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, LOCK_KEY);
            statement.executeQuery().close();
        }
    }
}
