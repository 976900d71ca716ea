package io.lfp.upload.config;

import java.time.Duration;

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

    /** How long to wait for Kafka to acknowledge a FileUploaded event before failing the upload. */
    @WithDefault("30")
    int publishTimeoutSeconds();

    /**
     * Size a chunk reaches before it is cut at the next record end: the unit of work of one
     * ingest-worker task (env LFP_UPLOAD_CHUNK_SIZE_BYTES).
     */
    @WithDefault("8388608")
    long chunkSizeBytes();

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
}
