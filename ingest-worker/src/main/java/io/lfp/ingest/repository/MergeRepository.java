package io.lfp.ingest.repository;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** The ingest_merges table: which sku buckets of an upload's merge have committed. */
@ApplicationScoped
public class MergeRepository {

    /**
     * First statement of a bucket's transaction. A concurrent merge of the same bucket blocks here on the
     * primary key until the first commits, then inserts nothing: the row count says who merges the bucket.
     */
    static final String CLAIM = """
            INSERT INTO ingest_merges (upload_id, bucket, products_written) VALUES ($1, $2, 0)
            ON CONFLICT (upload_id, bucket) DO NOTHING""";

    static final String RECORD = "UPDATE ingest_merges SET products_written = $3 WHERE upload_id = $1 AND bucket = $2";

    static final String WRITTEN = "SELECT coalesce(sum(products_written), 0) FROM ingest_merges WHERE upload_id = $1";

    /** True when this transaction owns the bucket (it was not merged before). */
    public Uni<Boolean> claim(SqlClient tx, UUID uploadId, int bucket) {
        return tx.preparedQuery(CLAIM).execute(Tuple.of(uploadId, bucket)).map(rows -> rows.rowCount() == 1);
    }

    public Uni<Void> record(SqlClient tx, UUID uploadId, int bucket, long productsWritten) {
        return tx.preparedQuery(RECORD).execute(Tuple.of(uploadId, bucket, productsWritten)).replaceWithVoid();
    }

    /** Products written by all the upload's merged buckets. */
    public Uni<Long> productsWritten(SqlClient tx, UUID uploadId) {
        return tx.preparedQuery(WRITTEN).execute(Tuple.of(uploadId)).map(rows -> rows.iterator().next().getLong(0));
    }
}
