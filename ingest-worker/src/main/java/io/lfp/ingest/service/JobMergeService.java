package io.lfp.ingest.service;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import jakarta.enterprise.context.ApplicationScoped;

import io.lfp.ingest.config.IngestConfig;
import io.lfp.ingest.domain.IngestJob;
import io.lfp.ingest.repository.IngestJobRepository;
import io.lfp.ingest.repository.MergeRepository;
import io.lfp.ingest.repository.ProductRepository;
import io.lfp.ingest.repository.StagingRepository;
import io.lfp.ingest.repository.UploadOrderRepository;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Ends a job whose chunks are all recorded: merges the staged rows into products, then gives the job its
 * final state and drops the staging table. All or nothing: a job with a failed chunk (or whose staged rows
 * were lost) merges nothing and ends FAILED with its staging table kept, so a retry can resume it. The merge is one transaction
 * per sku bucket, run in parallel
 * (buckets share no rows); each bucket records itself in its transaction, so after a crash the
 * redelivered chunk event merges only the buckets still missing, and a bucket is never counted twice.
 * Merging a bucket again would change nothing anyway: the position guard keeps what is stored. Blocking.
 */
@ApplicationScoped
public class JobMergeService {

    static final String STAGING_LOST = "Staged rows were lost: PostgreSQL restarted while the upload was being "
            + "ingested (it empties unlogged staging tables on crash recovery); retry the upload to run all its chunks again";

    private final Pool pool;
    private final IngestJobRepository jobs;
    private final StagingRepository staging;
    private final MergeRepository merges;
    private final ProductRepository products;
    private final UploadOrderRepository uploadOrder;
    private final int buckets;

    public JobMergeService(Pool pool, IngestJobRepository jobs, StagingRepository staging, MergeRepository merges,
            ProductRepository products, UploadOrderRepository uploadOrder, IngestConfig config) {
        this.pool = pool;
        this.jobs = jobs;
        this.staging = staging;
        this.merges = merges;
        this.products = products;
        this.uploadOrder = uploadOrder;
        this.buckets = Math.max(1, config.mergeBuckets());
    }

    /** Merges and ends the job; a job already ended (merged by another delivery) is returned as stored. */
    public IngestJob merge(UUID uploadId) {
        IngestJob job = jobs.find(uploadId).await().indefinitely();
        if (job == null || job.state().isTerminal()) {
            return job;
        }
        if (job.chunksFailed() > 0) {
            Log.infof("Upload %s: %d of %d chunks failed, nothing merged; staged rows kept for a retry", uploadId,
                    job.chunksFailed(), job.chunksTotal());
            return finish(uploadId, null, true);
        }
        long start = System.nanoTime();
        // The staged rows are counted on their own connection while the buckets merge, and each bucket
        // commits only once the count matched: the count is a full scan of the staging table, which would
        // otherwise delay every merge (docs/decisions/0004-staging-and-merge.md).
        CompletableFuture<Long> staged = pool.withConnection(c -> staging.count(c, uploadId))
                .subscribeAsCompletionStage();
        // Unchanged rows are skipped only when no earlier upload can merge after this one: it would find
        // their older position and overwrite them with its own, older content.
        boolean skipUnchanged = pool.withConnection(c -> uploadOrder.earlierUploadsEnded(c, job.uploadSeq()))
                .await().indefinitely();
        List<Uni<Long>> bucketMerges = IntStream.range(0, buckets)
                .mapToObj(bucket -> mergeBucket(job, bucket, skipUnchanged, staged)).toList();
        try {
            Uni.join().all(bucketMerges).andFailFast().await().indefinitely();
        } catch (StagedRowsLost lost) {
            return finish(uploadId, STAGING_LOST + " (" + lost.staged + " of " + job.rowsLoaded() + " rows staged)",
                    true);
        }
        IngestJob ended = finish(uploadId, null, false);
        Log.debugf("Upload %s: merged %d staged rows in %d buckets%s in %d ms", uploadId, staged.join(), buckets,
                skipUnchanged ? ", unchanged rows skipped," : "", (System.nanoTime() - start) / 1_000_000);
        return ended;
    }

    /** A bucket's transaction: claimed, merged, recorded, and committed only when every staged row is there. */
    private Uni<Long> mergeBucket(IngestJob job, int bucket, boolean skipUnchanged, CompletableFuture<Long> staged) {
        UUID uploadId = job.uploadId();
        return pool.withTransaction(tx -> merges.claim(tx, uploadId, bucket)
                .chain(claimed -> !claimed ? Uni.createFrom().item(0L)
                        : products.merge(tx, uploadId, job.uploadSeq(), buckets, bucket, skipUnchanged)
                                .call(written -> merges.record(tx, uploadId, bucket, written)))
                .call(() -> Uni.createFrom().completionStage(staged).invoke(count -> {
                    if (count != job.rowsLoaded()) {
                        throw new StagedRowsLost(count); // rolls the bucket back
                    }
                })));
    }

    /** Fewer rows in the staging table than the job's chunks loaded (PostgreSQL's crash recovery emptied it). */
    private static final class StagedRowsLost extends RuntimeException {
        final long staged;

        StagedRowsLost(long staged) {
            super(staged + " rows staged", null, false, false);
            this.staged = staged;
        }
    }

    /**
     * Ends the job in one transaction; {@code error} non-null or a failed chunk fails it. The staging table is
     * dropped, unless {@code keepStaging} (a failed job that can be retried).
     */
    IngestJob finish(UUID uploadId, String error, boolean keepStaging) {
        return pool.withTransaction(tx -> jobs.lock(tx, uploadId).chain(locked -> {
            if (locked == null || locked.state().isTerminal()) {
                return Uni.createFrom().item(locked);
            }
            boolean failed = error != null || locked.chunksFailed() > 0;
            Uni<Long> written = failed ? Uni.createFrom().item(0L) : merges.productsWritten(tx, uploadId);
            return written.chain(n -> jobs.finish(tx, uploadId, n, error, keepStaging))
                    .call(() -> failed && keepStaging ? Uni.createFrom().voidItem() : staging.drop(tx, uploadId));
        })).await().indefinitely();
    }
}
