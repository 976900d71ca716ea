package io.lfp.ingest.service;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.lfp.events.ChunkReady;
import io.lfp.events.TransientFailures;
import io.lfp.ingest.config.IngestConfig;
import io.lfp.ingest.csv.ChunkContent;
import io.lfp.ingest.domain.ChunkFailedException;
import io.lfp.ingest.domain.ChunkOutcome;
import io.lfp.ingest.domain.IngestJob;
import io.lfp.ingest.domain.RejectedRow;
import io.lfp.ingest.repository.IngestChunkRepository;
import io.lfp.ingest.repository.IngestJobRepository;
import io.lfp.ingest.repository.IngestJobRepository.ChunkCounters;
import io.lfp.ingest.repository.JdbcTransactions;
import io.lfp.ingest.repository.RejectedRowRepository;
import io.lfp.ingest.repository.StagingRepository;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;

/**
 * Ingests one chunk exactly once: all its effects (its rows appended to the upload's staging table,
 * rejected rows, the ingest_chunks record and the job counters) commit in one transaction, or none do.
 * That transaction runs on a JDBC connection, because its rows are staged with COPY, which the reactive
 * client lacks; the short look-ups before it stay on the reactive pool. The delivery that records the last
 * chunk then merges the staged rows into products ({@link JobMergeService}). Blocking; called on a worker
 * thread.
 */
@ApplicationScoped
public class ChunkIngestService {

    private final JdbcTransactions transactions;
    private final ChunkReader reader;
    private final StagingRepository staging;
    private final JobMergeService merger;
    private final IngestJobService jobService;
    private final RejectedRowRepository rejected;
    private final IngestChunkRepository chunks;
    private final IngestJobRepository jobs;
    private final IngestConfig config;
    private final Counter rowsLoadedCounter;
    private final Counter rowsRejectedCounter;
    private final Counter chunksSkippedCounter;

    public ChunkIngestService(JdbcTransactions transactions, ChunkReader reader, StagingRepository staging,
            JobMergeService merger, IngestJobService jobService, RejectedRowRepository rejected,
            IngestChunkRepository chunks, IngestJobRepository jobs, IngestConfig config, MeterRegistry metrics) {
        this.transactions = transactions;
        this.reader = reader;
        this.staging = staging;
        this.merger = merger;
        this.jobService = jobService;
        this.rejected = rejected;
        this.chunks = chunks;
        this.jobs = jobs;
        this.config = config;
        this.rowsLoadedCounter = Counter.builder("lfp.ingest.rows.loaded").description("Valid CSV records written")
                .register(metrics);
        this.rowsRejectedCounter = Counter.builder("lfp.ingest.rows.rejected")
                .description("CSV records rejected").register(metrics);
        this.chunksSkippedCounter = Counter.builder("lfp.ingest.chunks.skipped")
                .description("Chunks not loaded because their upload was aborted").register(metrics);
    }

    /**
     * Ingests the chunk, retrying a failed attempt (rolled back entirely) with exponential back-off;
     * after the last attempt the chunk is recorded FAILED, which ends its job once all chunks are in.
     * An infrastructure outage ({@link TransientFailures}) is waited out for up to lfp.ingest.outage-tolerance
     * without using up attempts; a longer one fails the chunk like a last attempt.
     * Throws only when even recording the failure fails (the database is unreachable).
     */
    public ChunkOutcome ingest(ChunkReady chunk) {
        UUID uploadId = UUID.fromString(chunk.uploadId());
        int attempts = Math.max(1, config.chunkAttempts());
        long backoffMs = config.chunkBackoff().toMillis();
        OutageWait outage = null;
        RuntimeException last = null;
        int failures = 0;
        int tries = 0;
        while (failures < attempts) {
            tries++;
            try {
                return attempt(uploadId, chunk, tries);
            } catch (RuntimeException e) {
                last = e;
                if (TransientFailures.isTransient(e)) {
                    outage = outage == null ? new OutageWait(config) : outage;
                    if (outage.waitOrGiveUp("Upload " + uploadId + " chunk " + chunk.chunkIndex(), describe(e))) {
                        continue;
                    }
                    last = new IllegalStateException("infrastructure unavailable for longer than "
                            + config.outageTolerance().toSeconds() + " s: " + describe(e), e);
                    break;
                }
                failures++;
                Log.warnf("Upload %s chunk %d: attempt %d of %d failed: %s", uploadId, chunk.chunkIndex(), failures,
                        attempts, describe(e));
                if (failures < attempts) {
                    sleep(backoffMs);
                    backoffMs *= 2;
                }
            }
        }
        String error = chunkName(chunk) + " failed after "
                + tries + " attempts: " + describe(last);
        return commit(uploadId, chunk, tries, ChunkContent.empty(), error);
    }

    private ChunkOutcome attempt(UUID uploadId, ChunkReady chunk, int attempt) {
        // A redelivery is answered from the database without reading the object again.
        if (chunks.exists(uploadId, chunk.chunkIndex()).await().indefinitely()) {
            return duplicate(uploadId, chunk);
        }
        IngestJob opened = jobService.open(uploadId, chunk.uploadSeq(), chunk.bucket(), chunk.key(),
                chunk.bytesTotal(), chunk.chunksTotal(), chunk.recordsTotal());
        if (opened.state().isTerminal()) {
            // only an aborted upload ends with chunks unrecorded: they are not to be loaded
            Log.debugf("Upload %s chunk %d: the upload was aborted, skipping", uploadId, chunk.chunkIndex());
            chunksSkippedCounter.increment();
            return new ChunkOutcome(null, false);
        }
        long readStart = System.nanoTime();
        ChunkContent content = reader.read(chunk);
        Log.debugf("Upload %s chunk %d: read and parsed %d records in %d ms", uploadId, chunk.chunkIndex(),
                content.rowsRead(), (System.nanoTime() - readStart) / 1_000_000);
        String error = content.malformed() == null ? null
                : chunkName(chunk) + " failed: "
                        + content.malformed();
        return commit(uploadId, chunk, attempt, content, error);
    }

    /**
     * The chunk's one transaction. Order matters: the ingest_chunks row first (a duplicate stops here,
     * before touching anything), then the staged rows and rejected rows, and LAST the job row, which
     * every chunk of the upload updates: it stays locked only for the moment before commit. Chunks of one
     * upload append to the staging table and share no rows, so they never wait for each other.
     */
    private ChunkOutcome commit(UUID uploadId, ChunkReady chunk, int attempt, ChunkContent content, String error) {
        boolean failed = error != null;
        long commitStart = System.nanoTime();
        long bytes = chunk.rangeEnd() - chunk.rangeStart();
        // The job's bytes_read reaches bytes_total: the first chunk also accounts for the header before it.
        long bytesRead = chunk.chunkIndex() == 0 ? chunk.rangeEnd() : bytes;
        long rowsLoaded = content.rows().count();
        long rowsRejected = content.rejected().size();
        IngestJob job = transactions.inTransaction(tx -> {
            if (!chunks.insert(tx, chunk, failed, content.rowsRead(), rowsLoaded, rowsRejected, bytes, attempt,
                    error)) {
                return null;
            }
            staging.copy(tx, uploadId, content.rows(), config.copyBufferBytes());
            insertRejected(tx, uploadId, content.rejected());
            return jobs.countChunk(tx, uploadId, new ChunkCounters(failed, bytesRead, content.rowsRead(), rowsLoaded,
                    rowsRejected, error));
        });
        if (job == null) {
            return duplicate(uploadId, chunk);
        }
        rowsLoadedCounter.increment(rowsLoaded);
        rowsRejectedCounter.increment(rowsRejected);
        // the job's total, not the event's: chunks announced while the file streams in carry 0 (not known yet)
        Log.debugf("Upload %s chunk %d: %s, %d rows, %d rejected, committed in %d ms (%d of %s chunks in)", uploadId,
                chunk.chunkIndex(), failed ? "FAILED" : "done", rowsLoaded, rowsRejected,
                (System.nanoTime() - commitStart) / 1_000_000, job.chunksDone() + job.chunksFailed(),
                job.chunksTotal() > 0 ? Integer.toString(job.chunksTotal()) : "?");
        if (failed) {
            Log.errorf("Upload %s: %s", uploadId, error);
        }
        return new ChunkOutcome(job.allChunksIn() ? merger.merge(uploadId) : job, true);
    }

    /** In statements of a bounded number of rows: a rejected row's raw text can be long. */
    private void insertRejected(Connection tx, UUID uploadId, List<RejectedRow> rows) throws SQLException {
        int size = Math.max(1, config.rejectedBatchSize());
        for (int from = 0; from < rows.size(); from += size) {
            rejected.insert(tx, uploadId, rows.subList(from, Math.min(rows.size(), from + size)));
        }
    }

    /**
     * A chunk already recorded. If every chunk is in but the job has not ended, the delivery that should
     * have merged died before committing the merge: this one merges.
     */
    private ChunkOutcome duplicate(UUID uploadId, ChunkReady chunk) {
        IngestJob job = jobs.find(uploadId).await().indefinitely();
        if (job != null && job.allChunksIn() && !job.state().isTerminal()) {
            job = merger.merge(uploadId);
        }
        Log.infof("Upload %s chunk %d: already recorded, nothing to do%s", uploadId, chunk.chunkIndex(),
                job != null && job.state().isTerminal() ? " (job " + job.state() + ", announcing it again)" : "");
        return new ChunkOutcome(job, false);
    }

    /** "chunk 3 of 12", or "chunk 3" when it was announced before the file was all in. */
    private static String chunkName(ChunkReady chunk) {
        return "chunk " + (chunk.chunkIndex() + 1) + (chunk.chunksTotal() > 0 ? " of " + chunk.chunksTotal() : "");
    }

    private static String describe(Throwable e) {
        if (e instanceof ChunkFailedException) {
            return e.getMessage();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting to retry a chunk", e);
        }
    }
}
