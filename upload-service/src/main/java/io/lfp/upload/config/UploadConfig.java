package io.lfp.upload.config;

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

    /** Largest page GET /api/uploads returns. */
    @WithDefault("500")
    int maxListLimit();
}
