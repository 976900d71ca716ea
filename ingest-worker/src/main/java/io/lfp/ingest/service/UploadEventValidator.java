package io.lfp.ingest.service;

import static io.lfp.events.EventChecks.require;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.lfp.events.AggregatesChanged;
import io.lfp.events.ChunkReady;
import io.lfp.events.DeadLetterException;
import io.lfp.events.EventChecks;
import io.lfp.events.FileUploaded;
import io.lfp.events.Topics;
import io.lfp.events.UploadAborted;
import io.lfp.ingest.config.IngestConfig;
import io.lfp.ingest.repository.UploadOrderRepository;
import io.lfp.ingest.repository.UploadOrderRepository.RecordedUpload;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * What an event may name before this service acts on it: readable, a known version, sane fields, the
 * configured bucket, a byte range inside the file, and (for chunks and the seal) an upload that
 * upload-service recorded with the same sequence, bucket and key. A failed check throws
 * {@link DeadLetterException}: the record is dead-lettered, nothing is staged, merged or dropped.
 * The rules are static (unit-tested without servers); only the recorded-upload lookup reads the database.
 */
@ApplicationScoped
public class UploadEventValidator {

    private static final Duration DB_TIMEOUT = Duration.ofSeconds(30);

    private final Pool pool;
    private final UploadOrderRepository uploads;
    private final IngestConfig config;

    public UploadEventValidator(Pool pool, UploadOrderRepository uploads, IngestConfig config) {
        this.pool = pool;
        this.uploads = uploads;
        this.config = config;
    }

    /** Blocking: call from a worker thread. */
    public ChunkReady check(ChunkReady chunk) {
        checkChunk(chunk, config.bucket());
        checkRecorded(Topics.INGEST_CHUNKS, lookup(chunk.uploadId()), chunk.uploadSeq(), chunk.bucket(), chunk.key());
        return chunk;
    }

    /** Blocking: call from a worker thread. */
    public FileUploaded check(FileUploaded file) {
        checkFile(file, config.bucket());
        checkRecorded(Topics.FILE_UPLOADED, lookup(file.uploadId()), file.uploadSeq(), file.bucket(), file.key());
        return file;
    }

    private Optional<RecordedUpload> lookup(String uploadId) {
        if (!config.checkRecordedUploads()) {
            return null;
        }
        return uploads.recorded(pool, UUID.fromString(uploadId)).await().atMost(DB_TIMEOUT);
    }

    public static void checkChunk(ChunkReady c, String bucket) {
        String topic = Topics.INGEST_CHUNKS;
        EventChecks.readable(c, topic);
        EventChecks.version(c.version(), 1, ChunkReady.VERSION, topic);
        EventChecks.uuid(c.uploadId(), "uploadId", topic);
        require(c.uploadSeq() > 0, "uploadSeq > 0", topic);
        checkObject(c.bucket(), c.key(), bucket, topic);
        // chunksTotal 0: announced while the file streams in, the total comes with file-uploaded
        require(c.chunksTotal() >= 0 && c.chunkIndex() >= 0
                && (c.chunksTotal() == 0 || c.chunkIndex() < c.chunksTotal()), "0 <= chunkIndex < chunksTotal", topic);
        require(c.partSize() >= 0, "partSize >= 0", topic);
        require(c.rangeStart() >= 0 && c.rangeEnd() > c.rangeStart(), "0 <= rangeStart < rangeEnd", topic);
        require(c.firstRecord() >= 1 && c.firstLine() >= 2, "firstRecord >= 1 and firstLine >= 2", topic);
        require(c.records() >= 0 && c.records() <= c.rangeEnd() - c.rangeStart(), "0 <= records <= range length",
                topic);
        require(c.bytesTotal() >= 0 && c.recordsTotal() >= 0, "bytesTotal >= 0 and recordsTotal >= 0", topic);
        if (c.bytesTotal() > 0 && c.rangeEnd() > c.bytesTotal()) {
            throw new DeadLetterException(DeadLetterException.OUT_OF_RANGE,
                    topic + ": rangeEnd " + c.rangeEnd() + " is past the end of the file (" + c.bytesTotal() + " bytes)");
        }
    }

    public static void checkFile(FileUploaded f, String bucket) {
        String topic = Topics.FILE_UPLOADED;
        EventChecks.readable(f, topic);
        EventChecks.version(f.version(), FileUploaded.VERSION, FileUploaded.VERSION, topic);
        EventChecks.uuid(f.uploadId(), "uploadId", topic);
        require(f.uploadSeq() > 0, "uploadSeq > 0", topic);
        checkObject(f.bucket(), f.key(), bucket, topic);
        require(f.chunksTotal() >= 1, "chunksTotal >= 1", topic);
        require(f.recordsTotal() >= 0 && f.sizeBytes() >= 0, "recordsTotal >= 0 and sizeBytes >= 0", topic);
    }

    public static void checkAborted(UploadAborted a) {
        String topic = Topics.UPLOAD_ABORTED;
        EventChecks.readable(a, topic);
        EventChecks.version(a.version(), UploadAborted.VERSION, UploadAborted.VERSION, topic);
        EventChecks.uuid(a.uploadId(), "uploadId", topic);
        require(a.reason() != null, "a reason", topic);
    }

    /** @return the upload id, or null for a single-product edit's announcement (no upload) */
    public static UUID checkAggregates(AggregatesChanged a) {
        String topic = Topics.AGGREGATES_CHANGED;
        EventChecks.readable(a, topic);
        EventChecks.version(a.version(), AggregatesChanged.VERSION, AggregatesChanged.VERSION, topic);
        // no check of the totals: a count can be negative for a while (docs/events.md, aggregates-changed)
        return a.uploadId() == null ? null : EventChecks.uuid(a.uploadId(), "uploadId", topic);
    }

    /**
     * @param recorded the upload's row; null: not checked (upload-service's table is not in this database,
     *        or the check is off)
     */
    public static void checkRecorded(String topic, Optional<RecordedUpload> recorded, long seq, String bucket,
            String key) {
        if (recorded == null) {
            return;
        }
        if (recorded.isEmpty()) {
            throw new DeadLetterException(DeadLetterException.UNKNOWN_UPLOAD,
                    topic + ": upload-service never recorded this upload");
        }
        RecordedUpload upload = recorded.get();
        if (upload.seq() != seq || !upload.bucket().equals(bucket) || !upload.key().equals(key)) {
            throw new DeadLetterException(DeadLetterException.UNKNOWN_UPLOAD,
                    topic + ": uploadSeq, bucket or key differ from the upload upload-service recorded");
        }
    }

    private static void checkObject(String eventBucket, String key, String bucket, String topic) {
        require(eventBucket != null && key != null && !key.isBlank(), "a bucket and a key", topic);
        if (!eventBucket.equals(bucket)) {
            throw new DeadLetterException(DeadLetterException.NOT_ALLOWED,
                    topic + ": names a bucket other than the configured one");
        }
    }
}
