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
}
