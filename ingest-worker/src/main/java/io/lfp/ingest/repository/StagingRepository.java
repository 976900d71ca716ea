package io.lfp.ingest.repository;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The per-upload staging tables: every chunk appends its valid rows, in file order and with
 * duplicates, to {@code ingest_staging_<upload id hex>}; the merge moves them into products and drops
 * the table. UNLOGGED: staging is rebuilt from S3 by uploading again, so it need not pay for WAL; crash
 * recovery of PostgreSQL empties such tables, which the merge detects by counting (see JobMergeService).
 * The table name is derived from a UUID only, so it is always a safe identifier.
 */
@ApplicationScoped
public class StagingRepository {

    /*
     * Never vacuumed nor analyzed by autovacuum: the table is only appended to, read by the merge and
     * dropped, and the merge's plan does not depend on its statistics. A VACUUM that started on it
     * (about 115 MB at 500k rows) would take CPU the merge needs, and the DROP at the job's end
     * would wait until autovacuum gives way (deadlock_timeout, 1 s by default).
     */
    static final String CREATE = """
            CREATE UNLOGGED TABLE IF NOT EXISTS %s (
                record_number bigint NOT NULL,
                sku           text COLLATE "C" NOT NULL,
                name          text NOT NULL,
                description   text NOT NULL)
            WITH (autovacuum_enabled = false)""";

    /**
     * A chunk's rows are appended with COPY (binary, see {@link StagedRows}) on the chunk's JDBC
     * transaction: it costs the worker and PostgreSQL together far less CPU than inserts through the reactive
     * client, which has no COPY (docs/decisions/0004-staging-and-merge.md).
     */
    static final String COPY = "COPY %s (record_number, name, sku, description) FROM STDIN (FORMAT binary)";

    static final String COUNT = "SELECT count(*) FROM %s";

    static final String DROP = "DROP TABLE IF EXISTS %s";

    static final String EXISTS = "SELECT to_regclass($1) IS NOT NULL";

    static final String TRUNCATE = "TRUNCATE %s";

    /** A retried chunk's rows left by a failed attempt that committed them (a malformed chunk stages its start). */
    static final String DELETE_RECORDS = "DELETE FROM %s WHERE record_number BETWEEN $1 AND $2";

    /** The staging table of an upload. */
    public static String tableOf(UUID uploadId) {
        return "ingest_staging_" + uploadId.toString().replace("-", "");
    }

    /** Creates the upload's staging table (in the transaction that creates its job). */
    public Uni<Void> create(SqlClient tx, UUID uploadId) {
        return tx.query(CREATE.formatted(tableOf(uploadId))).execute().replaceWithVoid();
    }

    /**
     * Appends a chunk's rows, in order, inside its transaction ({@code tx} not in auto-commit), in COPY
     * messages of at most {@code messageBytes}. Blocking.
     */
    public void copy(Connection tx, UUID uploadId, StagedRows rows, int messageBytes) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        CopyIn copy = tx.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY.formatted(tableOf(uploadId)));
        try {
            rows.writeTo(copy::writeToCopy, messageBytes);
            copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy(); // failed half-way: end the COPY so the transaction can be rolled back
            }
        }
    }

    /** Rows staged so far. */
    public Uni<Long> count(SqlClient tx, UUID uploadId) {
        return tx.query(COUNT.formatted(tableOf(uploadId))).execute()
                .map(rows -> rows.iterator().next().getLong(0));
    }

    /** Whether the upload's staging table is there (a failed job's is dropped after a retention time). */
    public Uni<Boolean> exists(SqlClient tx, UUID uploadId) {
        return tx.preparedQuery(EXISTS).execute(Tuple.of(tableOf(uploadId)))
                .map(rows -> rows.iterator().next().getBoolean(0));
    }

    /** Empties the upload's staging table: a retry that runs every chunk again starts from nothing. */
    public Uni<Void> truncate(SqlClient tx, UUID uploadId) {
        return tx.query(TRUNCATE.formatted(tableOf(uploadId))).execute().replaceWithVoid();
    }

    /** Deletes the staged rows of records {@code first} to {@code last}. */
    public Uni<Void> deleteRecords(SqlClient tx, UUID uploadId, long first, long last) {
        return tx.preparedQuery(DELETE_RECORDS.formatted(tableOf(uploadId)))
                .execute(Tuple.of(first, last)).replaceWithVoid();
    }

    public Uni<Void> drop(SqlClient tx, UUID uploadId) {
        return tx.query(DROP.formatted(tableOf(uploadId))).execute().replaceWithVoid();
    }
}
