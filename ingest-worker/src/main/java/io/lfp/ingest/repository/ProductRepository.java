package io.lfp.ingest.repository;

import io.lfp.ingest.domain.ProductBatch;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/** Writes products with the deterministic, position-guarded upsert. */
@ApplicationScoped
public class ProductRepository {

    /**
     * One statement per batch. The WHERE clause only replaces a product stored from an earlier
     * position (upload sequence, record number): the last occurrence in file order and later
     * uploads win, whatever order concurrent batches commit in and however often they are retried.
     */
    static final String UPSERT = """
            INSERT INTO products AS p (sku, name, description, src_upload, src_line)
            SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::bigint[])
            ON CONFLICT (sku) DO UPDATE SET name = EXCLUDED.name, description = EXCLUDED.description,
                src_upload = EXCLUDED.src_upload, src_line = EXCLUDED.src_line, updated_at = now()
            WHERE (p.src_upload, p.src_line) < (EXCLUDED.src_upload, EXCLUDED.src_line)""";

    /**
     * Upserts a deduplicated, sorted batch on the chunk's transaction; yields the number of products
     * inserted or updated.
     */
    public Uni<Integer> upsert(SqlClient tx, ProductBatch batch) {
        Tuple params = Tuple.of(batch.skus(), batch.names(), batch.descriptions(), batch.srcUploads(),
                batch.srcLines());
        return tx.preparedQuery(UPSERT).execute(params).map(rows -> rows.rowCount());
    }
}
