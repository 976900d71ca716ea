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
