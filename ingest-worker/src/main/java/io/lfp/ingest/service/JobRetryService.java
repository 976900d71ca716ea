package io.lfp.ingest.service;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.lfp.events.ChunkReady;
import io.lfp.events.IngestFinished;
import io.lfp.events.IngestState;
import io.lfp.events.RetryRequested;
import io.lfp.ingest.domain.IngestJob;
import io.lfp.ingest.repository.IngestChunkRepository;
import io.lfp.ingest.repository.IngestJobRepository;
import io.lfp.ingest.repository.RejectedRowRepository;
import io.lfp.ingest.repository.StagingRepository;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;

/**
 * Resumes a FAILED job whose staged rows are kept. In one transaction the job goes back to INGESTING without
 * its failed chunks' contributions, and those chunks are marked RETRYING (a failed attempt's leftover staged
 * and rejected rows deleted); the caller then announces them again on ingest-chunks, where any worker takes
 * them, and the chunk that completes the job merges it as if they had succeeded the first time. When the
 * staged rows were lost (PostgreSQL's crash recovery empties unlogged tables; a failed job's table is dropped
 * after a retention time) every chunk runs again from an empty staging table. Blocking.
 */
@ApplicationScoped
public class JobRetryService {

    private final Pool pool;
    private final IngestJobRepository jobs;
    private final IngestChunkRepository chunks;
    private final StagingRepository staging;
    private final RejectedRowRepository rejected;

    public JobRetryService(Pool pool, IngestJobRepository jobs, IngestChunkRepository chunks,
            StagingRepository staging, RejectedRowRepository rejected) {
        this.pool = pool;
        this.jobs = jobs;
        this.chunks = chunks;
        this.staging = staging;
        this.rejected = rejected;
    }

    /**
     * What a retry request comes to: the chunks to announce again (empty when this retry was acted on and its
     * chunks are all recorded again), or, when nothing can be retried, the end to announce instead so that
     * upload-service's row, which went back to INGESTING, does not wait for a retry that will never run.
     */
    public record RetryOutcome(List<ChunkReady> chunksAgain, IngestFinished refused) {

        static RetryOutcome run(List<ChunkReady> chunks) {
            return new RetryOutcome(chunks, null);
        }
    }

    /**
     * Reopens the job for this retry and yields the chunks to announce again. A request delivered again after
     * the reopen committed yields the chunks still RETRYING, so a crash between the commit and their
     * announcement loses nothing.
     */
    public RetryOutcome reopen(RetryRequested request) {
        UUID uploadId = UUID.fromString(request.uploadId());
        return pool.withTransaction(tx -> jobs.lock(tx, uploadId).chain(job -> {
            if (job == null) {
                Log.warnf("Upload %s: retry %d requested, but there is no such job", uploadId, request.retry());
                return Uni.createFrom().item(refused(uploadId, request.retry(), null));
            }
            if (job.retries() >= request.retry()) {
                // delivered again: announce what is still waiting for a worker (nothing once they all committed)
                return (job.state() == IngestState.INGESTING && job.retries() == request.retry()
                        ? chunks.retrying(tx, job)
                        : Uni.createFrom().item(List.<ChunkReady> of())).map(RetryOutcome::run);
            }
            if (job.state() != IngestState.FAILED || !job.retryable()) {
                Log.warnf("Upload %s: retry %d refused: the job is %s%s", uploadId, request.retry(), job.state(),
                        job.state() == IngestState.FAILED ? " with nothing kept to retry" : "");
                return Uni.createFrom().item(refused(uploadId, request.retry(), job));
            }
            return stagedRowsIntact(tx, job).chain(intact -> reopen(tx, job, !intact, request.retry()))
                    .map(RetryOutcome::run);
        })).await().indefinitely();
    }

    /**
     * The end announced for a retry that cannot run: the job's own end if it has one that is not a kept
     * failure, else FAILED with nothing to retry; numbered as the retry, so upload-service applies it.
     */
    private static RetryOutcome refused(UUID uploadId, int retry, IngestJob job) {
        String error = "Retry " + retry + " refused: nothing of this upload is kept to retry; upload the file again";
        IngestFinished end = job != null && job.state().isTerminal() && job.state() != IngestState.FAILED
                ? job.toFinished(List.of())
                : new IngestFinished(IngestFinished.VERSION, uploadId.toString(), IngestState.FAILED,
                        job == null ? 0 : job.rowsRead(), job == null ? 0 : job.rowsLoaded(),
                        job == null ? 0 : job.rowsRejected(), 0, job == null ? null : job.startedAt(), Instant.now(),
                        job != null && job.error() != null ? job.error() : error,
                        job == null ? 0 : job.chunksTotal(), job == null ? 0 : job.chunksFailed(), List.of(), false,
                        retry);
        return new RetryOutcome(List.of(), withRetries(end, retry));
    }

    private static IngestFinished withRetries(IngestFinished e, int retries) {
        return new IngestFinished(e.version(), e.uploadId(), e.state(), e.rowsRead(), e.rowsLoaded(), e.rowsRejected(),
                e.productsWritten(), e.startedAt(), e.finishedAt(), e.error(), e.chunksTotal(), e.chunksFailed(),
                e.failedChunks(), false, retries);
    }

    /** The staging table is there and holds every row the done chunks staged. */
    private Uni<Boolean> stagedRowsIntact(SqlClient tx, IngestJob job) {
        return staging.exists(tx, job.uploadId()).chain(exists -> !exists ? Uni.createFrom().item(false)
                : staging.count(tx, job.uploadId()).map(count -> count == job.rowsLoaded()));
    }

    private Uni<List<ChunkReady>> reopen(SqlClient tx, IngestJob job, boolean all, int retry) {
        UUID uploadId = job.uploadId();
        return chunks.toRetry(tx, uploadId, all).chain(removed -> {
            if (removed == null) {
                Log.warnf("Upload %s: retry %d ignored: its chunks were recorded by a version that did not keep "
                        + "what is needed to run them again; upload the file again", uploadId, retry);
                return Uni.createFrom().item(List.<ChunkReady> of());
            }
            Uni<Void> cleared = all ? clearAll(tx, uploadId) : clearFailed(tx, uploadId);
            return cleared
                    .chain(() -> jobs.reopen(tx, uploadId, removed, retry))
                    .call(() -> chunks.markRetrying(tx, uploadId, all))
                    .chain(reopened -> chunks.retrying(tx, reopened))
                    .invoke(again -> Log.infof("Upload %s: retry %d runs %d chunk(s) again%s", uploadId, retry,
                            again.size(), all ? " (the staged rows were lost: all of them)" : ""));
        });
    }

    /** Leftovers of the failed attempts that committed rows: a malformed chunk stages the records before it. */
    private Uni<Void> clearFailed(SqlClient tx, UUID uploadId) {
        return chunks.failedRangesWithRows(tx, uploadId).chain(ranges -> {
            Uni<Void> done = Uni.createFrom().voidItem();
            for (long[] range : ranges) {
                done = done.chain(() -> staging.deleteRecords(tx, uploadId, range[0], range[1]))
                        .chain(() -> rejected.deleteRange(tx, uploadId, range[0], range[1]));
            }
            return done;
        });
    }

    private Uni<Void> clearAll(SqlClient tx, UUID uploadId) {
        return staging.create(tx, uploadId)
                .chain(() -> staging.truncate(tx, uploadId))
                .chain(() -> rejected.deleteRange(tx, uploadId, 1, Long.MAX_VALUE));
    }
}
