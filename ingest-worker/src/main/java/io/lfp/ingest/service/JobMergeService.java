package io.lfp.ingest.service;

import io.lfp.ingest.domain.IngestJob;
import io.lfp.ingest.repository.IngestJobRepository;
import io.lfp.ingest.repository.ProductRepository;
import io.lfp.ingest.repository.StagingRepository;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * Ends a job whose chunks are all recorded: in ONE transaction, the staged rows are merged into
 * products with one set upsert, the job gets its final state and the staging table is dropped. A crash
 * rolls all of it back, and the redelivered chunk event runs the merge again. Blocking.
 */
@ApplicationScoped
public class JobMergeService {

    static final String STAGING_LOST = "Staged rows were lost: PostgreSQL restarted while the upload was being "
            + "ingested (it empties unlogged staging tables on crash recovery); upload the file again";

    private final Pool pool;
    private final IngestJobRepository jobs;
    private final StagingRepository staging;
    private final ProductRepository products;

    public JobMergeService(Pool pool, IngestJobRepository jobs, StagingRepository staging,
            ProductRepository products) {
        this.pool = pool;
        this.jobs = jobs;
        this.staging = staging;
        this.products = products;
    }

    /** Merges and ends the job; a job already ended (merged by another delivery) is returned as stored. */
    public IngestJob merge(UUID uploadId) {
        long start = System.nanoTime();
        IngestJob job = pool.withTransaction(tx -> jobs.lock(tx, uploadId).chain(locked -> {
            if (locked == null || locked.state().isTerminal()) {
                return Uni.createFrom().item(locked);
            }
            return staging.count(tx, uploadId)
                    .chain(staged -> staged != locked.rowsLoaded()
                            ? jobs.finish(tx, uploadId, 0, STAGING_LOST + " (" + staged + " of "
                                    + locked.rowsLoaded() + " rows staged)")
                            : products.merge(tx, uploadId, locked.uploadSeq())
                                    .chain(written -> jobs.finish(tx, uploadId, written, null)))
                    .call(() -> staging.drop(tx, uploadId));
        })).await().indefinitely();
        Log.debugf("Upload %s: merged in %d ms", uploadId, (System.nanoTime() - start) / 1_000_000);
        return job;
    }
}
