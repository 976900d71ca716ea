package io.lfp.ingest.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

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

    /**
     * The record limit: a record with more bytes is rejected ("record longer than …") and reading resumes at
     * the next line end. Must equal upload-service's {@code lfp.upload.max-record-bytes}, which cut the chunks
     * by the same rule; a chunk whose record count then differs from the planned one fails (env
     * LFP_INGEST_MAX_RECORD_BYTES).
     */
    @WithDefault("262144")
    long maxRecordBytes();

    /**
     * Largest chunk (byte range) read: a larger one fails without being read, so no event makes a worker
     * hold more than this. At least upload-service's {@code lfp.upload.max-chunk-bytes} (env
     * LFP_INGEST_MAX_CHUNK_BYTES).
     */
    @WithDefault("67108864")
    long maxChunkBytes();

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
     * Attempts per chunk before it is recorded FAILED (and its job fails). Every failure counts except an
     * infrastructure outage ({@link #outageTolerance()}): a missing object, deadlocks, serialization failures.
     */
    @WithDefault("4")
    int chunkAttempts();

    /** Wait before the second attempt of a chunk; doubles for every further attempt. */
    @WithDefault("500ms")
    Duration chunkBackoff();

    /**
     * How long a chunk, a merge or a seal waits out an infrastructure outage (PostgreSQL, S3 or Kafka
     * unreachable or restarting, see {@code TransientFailures}) before the chunk is recorded FAILED: such
     * failures are retried with back-off and do not count against {@link #chunkAttempts()}, which is for
     * failures that would happen again (env LFP_INGEST_OUTAGE_TOLERANCE).
     */
    @WithDefault("120s")
    Duration outageTolerance();

    /** Longest wait between two tries during an outage; the wait starts at {@link #chunkBackoff()} and doubles. */
    @WithDefault("5s")
    Duration outageBackoffMax();

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

    /**
     * How long the staging table of a FAILED job is kept for a retry before it is dropped (env
     * LFP_INGEST_FAILED_STAGING_RETENTION).
     */
    @WithDefault("24h")
    Duration failedStagingRetention();

    /** The S3 bucket uploads are stored in (set from {@code lfp.s3.bucket}): an event naming another is refused. */
    String bucket();

    /**
     * Whether ingest-chunks and file-uploaded events must name an upload upload-service recorded (its
     * {@code uploads} row: same sequence, bucket and key); one that does not is dead-lettered
     * (env LFP_INGEST_CHECK_RECORDED_UPLOADS). Off only in this service's own tests, which run without
     * upload-service.
     */
    @WithDefault("true")
    boolean checkRecordedUploads();
}
