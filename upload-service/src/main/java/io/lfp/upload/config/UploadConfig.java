package io.lfp.upload.config;

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
