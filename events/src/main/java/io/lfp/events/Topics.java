package io.lfp.events;

import java.util.List;

/**
 * Kafka topic names. Each service uses the topic name as its channel name too.
 * Documented with example payloads in docs/events.md.
 */
public final class Topics {

    /** {@link FileUploaded}: a CSV file is all in S3, its chunks announced; gives their total. Key: upload id. */
    public static final String FILE_UPLOADED = "file-uploaded";
    /** {@link UploadAborted}: an upload stopped midway; its announced chunks must not load. Key: upload id. */
    public static final String UPLOAD_ABORTED = "upload-aborted";
    /** {@link IngestRequested}: another system asks for an S3 object to be ingested. Key: bucket/key. */
    public static final String INGEST_REQUESTED = "ingest-requested";
    /** {@link ChunkReady}: one record-aligned byte range to ingest. Key: uploadId:chunkIndex. */
    public static final String INGEST_CHUNKS = "ingest-chunks";
    /** {@link IngestProgressed}: a running ingest job's counters. Key: upload id. */
    public static final String INGEST_PROGRESS = "ingest-progress";
    /** {@link IngestFinished}: an ingest job ended (completed or failed). Key: upload id. */
    public static final String INGEST_FINISHED = "ingest-finished";
    /**
     * {@link AggregatesChanged}: product_counts is exact again after a job or a single-product edit.
     * Key: upload id (null after an edit).
     */
    public static final String AGGREGATES_CHANGED = "aggregates-changed";
    /** {@link ProductChanged}: one product was created, changed or deleted through the API. Key: sku. */
    public static final String PRODUCT_CHANGED = "product-changed";

    /** {@link RetryRequested}: a client asked to retry a FAILED upload. Key: upload id. */
    public static final String INGEST_RETRY_REQUESTED = "ingest-retry-requested";

    /** Partitions each topic gets when the local infrastructure creates it. */
    public static final int PARTITIONS = 8;
    /** Partitions of {@link #INGEST_CHUNKS}: the upper bound on chunks in flight across all workers. */
    public static final int CHUNK_PARTITIONS = 16;

    public static final List<String> ALL = List.of(INGEST_REQUESTED, FILE_UPLOADED, UPLOAD_ABORTED, INGEST_CHUNKS,
            INGEST_PROGRESS, INGEST_FINISHED, AGGREGATES_CHANGED, PRODUCT_CHANGED, INGEST_RETRY_REQUESTED);

    /** Suffix of a topic's dead-letter topic: where its consumers put the records they cannot act on. */
    public static final String DEAD_LETTER_SUFFIX = "-dlq";

    /**
     * The dead-letter topic of {@code topic}: records no consumer could read or may act on (malformed JSON,
     * an empty value, an unknown version, fields that name nothing it knows), with the reason in the
     * {@code dead-letter-reason} header. Nothing consumes them; they are kept for inspection.
     */
    public static String deadLetter(String topic) {
        return topic + DEAD_LETTER_SUFFIX;
    }

    /** These topics followed by their dead-letter topics: what the local infrastructure creates. */
    public static List<String> withDeadLetters(List<String> topics) {
        return java.util.stream.Stream.concat(topics.stream(), topics.stream().map(Topics::deadLetter)).toList();
    }

    /** Partitions to create for a topic. */
    public static int partitions(String topic) {
        return INGEST_CHUNKS.equals(topic) ? CHUNK_PARTITIONS : PARTITIONS;
    }

    private Topics() {
    }
}
