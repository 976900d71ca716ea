package io.lfp.ingest.repository;

import io.lfp.ingest.domain.StagingBatch;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * The per-upload staging tables: every chunk appends its valid rows, in file order and with
 * duplicates, to {@code ingest_staging_<upload id hex>}; the merge moves them into products and drops
 * the table. UNLOGGED: staging is rebuilt from S3 by uploading again, so it need not pay for WAL; crash
 * recovery of PostgreSQL empties such tables, which the merge detects by counting (see JobMergeService).
 * The table name is derived from a UUID only, so it is always a safe identifier.
 */
@ApplicationScoped
public class StagingRepository {

    static final String CREATE = """
            CREATE UNLOGGED TABLE IF NOT EXISTS %s (
                record_number bigint NOT NULL,
                sku           text COLLATE "C" NOT NULL,
                name          text NOT NULL,
                description   text NOT NULL)""";

    static final String INSERT = """
            INSERT INTO %s (record_number, sku, name, description)
            SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[])""";

    static final String COUNT = "SELECT count(*) FROM %s";

    static final String DROP = "DROP TABLE IF EXISTS %s";

    /** The staging table of an upload. */
    public static String tableOf(UUID uploadId) {
        return "ingest_staging_" + uploadId.toString().replace("-", "");
    }

    /** Creates the upload's staging table (in the transaction that creates its job). */
    public Uni<Void> create(SqlClient tx, UUID uploadId) {
        return tx.query(CREATE.formatted(tableOf(uploadId))).execute().replaceWithVoid();
    }

    /** Appends one batch inside its chunk's transaction. */
    public Uni<Void> insert(SqlClient tx, UUID uploadId, StagingBatch batch) {
        Tuple params = Tuple.of(batch.recordNumbers(), batch.skus(), batch.names(), batch.descriptions());
        return tx.preparedQuery(INSERT.formatted(tableOf(uploadId))).execute(params).replaceWithVoid();
    }

    /** Rows staged so far. */
    public Uni<Long> count(SqlClient tx, UUID uploadId) {
        return tx.query(COUNT.formatted(tableOf(uploadId))).execute()
                .map(rows -> rows.iterator().next().getLong(0));
    }

    public Uni<Void> drop(SqlClient tx, UUID uploadId) {
        return tx.query(DROP.formatted(tableOf(uploadId))).execute().replaceWithVoid();
    }
}
