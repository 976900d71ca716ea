package io.lfp.ingest.repository;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** Writes products: the set upsert that merges one sku bucket of an upload's staging table. */
@ApplicationScoped
public class ProductRepository {

    /**
     * DISTINCT ON keeps the last occurrence of every sku in file order (ON CONFLICT DO UPDATE cannot
     * touch a row twice in one statement) and ORDER BY sku makes every merge lock products in one
     * global order, so two concurrent merges wait for each other instead of deadlocking. The WHERE
     * clause only replaces a product stored from an earlier position (upload sequence, record number):
     * later uploads win whatever order their merges commit in, and merging twice changes nothing.
     * <p>
     * In the same statement, every written row's count change goes to name_count_deltas: +1 for its
     * new name, -1 for the name it had (prev_name, set by the DO UPDATE from the locked row, so exact
     * whatever else wrote the row before), summed per name. Yields the number of products written.
     * %s is the staging table, the second %s empty or {@link #SKIP_UNCHANGED}.
     */
    static final String MERGE = """
            WITH written AS (
                INSERT INTO products AS p (sku, name, description, src_upload, src_line)
                SELECT DISTINCT ON (sku) sku, name, description, $1::bigint, record_number
                FROM %s
                WHERE (hashtext(sku) & 2147483647) %% $2 = $3
                ORDER BY sku, record_number DESC
                ON CONFLICT (sku) DO UPDATE SET name = EXCLUDED.name, description = EXCLUDED.description,
                    src_upload = EXCLUDED.src_upload, src_line = EXCLUDED.src_line, updated_at = now(),
                    prev_name = p.name
                WHERE (p.src_upload, p.src_line) < (EXCLUDED.src_upload, EXCLUDED.src_line)%s
                RETURNING p.name, p.prev_name
            ), deltas AS (
                INSERT INTO name_count_deltas (upload_id, bucket, name, delta)
                SELECT $4, $3, name, sum(delta) FROM (
                    SELECT name, 1 AS delta FROM written
                    UNION ALL
                    SELECT prev_name, -1 FROM written WHERE prev_name IS NOT NULL
                ) changes
                GROUP BY name HAVING sum(delta) <> 0
            )
            SELECT count(*) AS products_written FROM written""";

    /**
     * First statement of a bucket's merge transaction: its DISTINCT ON sort and the per-name sums of the
     * count changes fit in memory instead of spilling to disk, as they do with the 4 MB default
     * (docs/decisions/0004-staging-and-merge.md).
     */
    static final String MERGE_MEMORY = "SET LOCAL work_mem = '64MB'";

    /**
     * Leaves a product whose name and description would not change as it is: not rewritten, its
     * position not advanced. Only safe when no earlier upload can merge afterwards (see
     * JobMergeService): that one would find the older position and overwrite the row.
     */
    static final String SKIP_UNCHANGED = """

            AND (p.name, p.description) IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.description)""";

    /**
     * Merges the staged rows whose sku hashes to {@code bucket} (of {@code buckets}) into products and
     * records the names' count changes; yields the number of products inserted or updated (rows left
     * unchanged are not counted).
     */
    public Uni<Long> merge(SqlClient tx, UUID uploadId, long uploadSeq, int buckets, int bucket,
            boolean skipUnchanged) {
        String sql = MERGE.formatted(StagingRepository.tableOf(uploadId), skipUnchanged ? SKIP_UNCHANGED : "");
        return tx.query(MERGE_MEMORY).execute().chain(() -> tx.preparedQuery(sql)
                .execute(Tuple.of(uploadSeq, buckets, bucket, uploadId)))
                .map(rows -> rows.iterator().next().getLong("products_written"));
    }
}
