package io.lfp.ingest.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** Writes products: the set upsert that merges one sku bucket of an upload's staging table. */
@ApplicationScoped
public class ProductRepository {

    /**
     * DISTINCT ON keeps the last occurrence of every sku in file order (ON CONFLICT DO UPDATE cannot
     * touch a row twice in one statement) and ORDER BY sku makes every merge lock products in one
     * global order, so two concurrent merges wait for each other instead of deadlocking. The WHERE
     * clause only replaces a product stored from an earlier position (upload sequence, record number):
     * later uploads win whatever order their merges commit in, and merging twice changes nothing.
     */
    static final String MERGE = """
            INSERT INTO products AS p (sku, name, description, src_upload, src_line)
            SELECT DISTINCT ON (sku) sku, name, description, $1::bigint, record_number
            FROM %s
            WHERE (hashtext(sku) & 2147483647) %% $2 = $3
            ORDER BY sku, record_number DESC
            ON CONFLICT (sku) DO UPDATE SET name = EXCLUDED.name, description = EXCLUDED.description,
                src_upload = EXCLUDED.src_upload, src_line = EXCLUDED.src_line, updated_at = now()
            WHERE (p.src_upload, p.src_line) < (EXCLUDED.src_upload, EXCLUDED.src_line)""";

    /**
     * Merges the staged rows whose sku hashes to {@code bucket} (of {@code buckets}) into products;
     * yields the number of products inserted or updated.
     */
    public Uni<Long> merge(SqlClient tx, UUID uploadId, long uploadSeq, int buckets, int bucket) {
        return tx.preparedQuery(MERGE.formatted(StagingRepository.tableOf(uploadId)))
                .execute(Tuple.of(uploadSeq, buckets, bucket))
                .map(rows -> (long) rows.rowCount());
    }
}
