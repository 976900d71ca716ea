package io.lfp.upload.config;

import java.time.Duration;
import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the upload path. */
@ConfigMapping(prefix = "lfp.upload")
public interface UploadConfig {

    /** S3 bucket the uploaded files are stored in; set from {@code lfp.s3.bucket}. */
    String bucket();

    /**
     * Size of one S3 multipart part, and so of the one buffer an upload holds in memory.
     * S3 needs at least 5 MiB for every part but the last.
     */
    @WithDefault("8388608")
    int partSizeBytes();

    /**
     * How long to wait for Kafka to acknowledge an upload's chunks and its FileUploaded event before failing
     * the upload: longer than {@link #outageTolerance()}, so that a Kafka restart is waited out (the producer's
     * delivery.timeout.ms, 120 s by default, keeps the records that long) (env LFP_UPLOAD_PUBLISH_TIMEOUT_SECONDS).
     */
    @WithDefault("130")
    int publishTimeoutSeconds();

    /**
     * How long an upload waits out S3 or PostgreSQL being unreachable (a part PUT, recording the upload or its
     * totals), retrying with back-off, before it is refused with 503 and cleaned up; the client waits meanwhile
     * (env LFP_UPLOAD_OUTAGE_TOLERANCE).
     */
    @WithDefault("120s")
    Duration outageTolerance();

    /** Longest wait between two tries during an outage; the first wait is 250 ms, then it doubles. */
    @WithDefault("5s")
    Duration outageBackoffMax();

    /**
     * Size a chunk reaches before it is cut at the next record end: the unit of work of one
     * ingest-worker task (env LFP_UPLOAD_CHUNK_SIZE_BYTES).
     */
    @WithDefault("8388608")
    long chunkSizeBytes();

    /**
     * Hard cap on a chunk: when no record ends before a chunk would grow past it, the file is refused (400
     * "Line too long"). Raised to {@code chunk-size-bytes + max-record-bytes + 2} when set below that, the
     * most a chunk of valid records can take (env LFP_UPLOAD_MAX_CHUNK_BYTES).
     */
    @WithDefault("33554432")
    long maxChunkBytes();

    /**
     * The record limit: a record with more bytes than this is rejected, and reading resumes at the next line
     * end. Must equal ingest-worker's {@code lfp.ingest.max-record-bytes}: both sides cut records by it (env
     * LFP_UPLOAD_MAX_RECORD_BYTES).
     */
    @WithDefault("262144")
    long maxRecordBytes();

    /**
     * Largest file accepted over HTTP, in bytes as stored (decompressed for gzip); a larger upload is
     * refused with 413 (env LFP_UPLOAD_MAX_SIZE_BYTES).
     */
    @WithDefault("10737418240")
    long maxSizeBytes();

    /**
     * Largest decompressed size of a gzip upload, in bytes; a larger one is refused with 413 "Decompressed
     * file too large", so a small gzip cannot expand into the full size limit unnoticed
     * (env LFP_UPLOAD_MAX_DECOMPRESSED_BYTES).
     */
    @WithDefault("4294967296")
    long maxDecompressedBytes();

    /**
     * Uploads streamed at once; each holds two part buffers, so this bounds the heap the uploads use. One
     * more is answered 429 with Retry-After before its body is read (env LFP_UPLOAD_MAX_CONCURRENT_UPLOADS).
     */
    @WithDefault("4")
    int maxConcurrentUploads();

    /** Seconds a client refused with 429 is told to wait (the Retry-After header). */
    @WithDefault("5")
    int retryAfterSeconds();

    /**
     * How long an upload waits for the next bytes of its body before the connection is closed and the upload
     * cleaned up as if the client went away (env LFP_UPLOAD_IDLE_TIMEOUT).
     */
    @WithDefault("60s")
    Duration idleTimeout();

    /**
     * Longest a statement of this service may run in PostgreSQL (statement_timeout of every pooled
     * connection, env LFP_UPLOAD_STATEMENT_TIMEOUT); past it GET /api/uploads(/{id}) answers 503.
     */
    @WithDefault("5s")
    Duration statementTimeout();

    /** Largest page GET /api/uploads returns. */
    @WithDefault("500")
    int maxListLimit();

    /**
     * An upload that is not sealed (its FileUploaded not acknowledged) and from which nothing was heard for
     * this long is ended FAILED by the sweeper: the instance streaming it died. Live streams are kept fresh by
     * their instance every third of this (env LFP_UPLOAD_SILENCE_TIMEOUT).
     */
    @WithDefault("5m")
    Duration silenceTimeout();

    /** How often every instance looks for silent uploads and for files past their retention (env LFP_UPLOAD_SWEEP_INTERVAL). */
    @WithDefault("30s")
    Duration sweepInterval();

    /**
     * How long the part objects of an ended HTTP upload are kept (for a retry of a failed job) before the
     * sweeper deletes them; the uploads row stays (env LFP_UPLOAD_RETENTION).
     */
    @WithDefault("30d")
    Duration retention();

    /** What an ingest-requested event may name; anything else is dead-lettered, not ingested. */
    IngestRequests ingestRequested();

    /** Limits of {@code lfp.upload.ingest-requested.*}. */
    interface IngestRequests {

        /**
         * Key prefixes an ingest-requested object must start with (env LFP_UPLOAD_INGEST_PREFIXES, comma
         * separated); the bucket must be {@link UploadConfig#bucket()}. Keeps other systems from having
         * this service read, say, the stored parts of other uploads.
         */
        @WithDefault("incoming/")
        List<String> allowedPrefixes();

        /**
         * Largest object an ingest-requested event may name, in bytes, as S3 reports its size
         * (env LFP_UPLOAD_INGEST_REQUESTED_MAX_SIZE_BYTES; default the HTTP limit).
         */
        @WithDefault("10737418240")
        long maxSizeBytes();
    }
}
