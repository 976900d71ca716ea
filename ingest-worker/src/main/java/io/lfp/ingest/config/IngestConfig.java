package io.lfp.ingest.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Tuning of the chunk ingest ({@code lfp.ingest.*}). */
@ConfigMapping(prefix = "lfp.ingest")
public interface IngestConfig {

    /**
     * Chunks one instance ingests at once (the size of the "ingest-chunks" worker pool, see
     * application.properties). Each holds one JDBC connection for its transaction; on
     * 2 cores, 2 keep PostgreSQL busy while the other chunk is being read and parsed.
     */
    @WithDefault("2")
    int maxConcurrentChunks();

    /** Bytes of a chunk's COPY data sent per CopyData message. 64 KiB: ~120 messages for an 8 MiB chunk. */
    @WithDefault("65536")
    int copyBufferBytes();

    /** Rejected rows per insert statement (their raw text may be long). */
    @WithDefault("1000")
    int rejectedBatchSize();

    /**
     * Sku buckets a job's merge is cut into, each one transaction on its own connection, run at once:
     * buckets share no rows, so PostgreSQL merges them on as many cores without lock waits.
     */
    @WithDefault("2")
    int mergeBuckets();

    /** Generated records parsed (5 times) in the background at start-up so the JIT compiles the parser; 0: off. */
    @WithDefault("20000")
    int warmUpRecords();

    /**
     * Attempts per chunk before it is recorded FAILED (and its job fails). Every failure counts:
     * S3 or database errors, deadlocks, serialization failures.
     */
    @WithDefault("4")
    int chunkAttempts();

    /** Wait before the second attempt of a chunk; doubles for every further attempt. */
    @WithDefault("500ms")
    Duration chunkBackoff();

    /** Minimum time between two ingest-progress events of one job from one instance. */
    @WithDefault("250ms")
    Duration progressInterval();

    /** How long to wait for Kafka to acknowledge an ingest-finished event before trying again. */
    @WithDefault("60s")
    Duration publishTimeout();

    /**
     * A job that is not complete, from which no chunk was heard for this long, and whose upload is not being
     * received any more (upload-service's {@code uploads.last_activity_at} as old, or the row gone or ended),
     * is ended FAILED by the sweeper with its staging table dropped (env LFP_INGEST_SILENCE_TIMEOUT).
     */
    @WithDefault("5m")
    Duration silenceTimeout();

    /** How often every instance sweeps silent jobs and expired bookkeeping (env LFP_INGEST_SWEEP_INTERVAL). */
    @WithDefault("30s")
    Duration sweepInterval();

    /**
     * How long an ended job's bookkeeping is kept: its ingest_jobs, ingest_chunks and ingest_merges rows, its
     * rejected rows and any name_count_deltas left (env LFP_INGEST_RETENTION).
     */
    @WithDefault("30d")
    Duration retention();

    /** How long the staging table of a FAILED job is kept for a retry before it is dropped (env LFP_INGEST_FAILED_STAGING_RETENTION). */
    @WithDefault("24h")
    Duration failedStagingRetention();
}
