package io.lfp.ingest.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import io.lfp.events.AggregatesChanged;
import io.lfp.events.ChunkReady;
import io.lfp.events.DeadLetterException;
import io.lfp.events.FileUploaded;
import io.lfp.events.Topics;
import io.lfp.events.UploadAborted;
import io.lfp.ingest.repository.UploadOrderRepository.RecordedUpload;

class UploadEventValidatorTest {

    private static final String BUCKET = "lfp-uploads";
    private static final String ID = UUID.randomUUID().toString();
    private static final String KEY = "uploads/" + ID + "/products.csv";

    private static ChunkReady chunk(int index, int total, String bucket, long start, long end, long bytesTotal) {
        return new ChunkReady(2, ID, 7, index, total, bucket, KEY, start, end, 1, 2, 3, bytesTotal, 0, 8388608);
    }

    @Test
    void aSaneChunkAndSealPass() {
        UploadEventValidator.checkChunk(chunk(0, 0, BUCKET, 22, 90, 0), BUCKET);
        UploadEventValidator.checkChunk(chunk(3, 4, BUCKET, 22, 90, 90), BUCKET);
        UploadEventValidator.checkFile(FileUploaded.of(ID, 7, BUCKET, KEY, "p.csv", 90, Instant.now(), 4, 3), BUCKET);
        UploadEventValidator.checkAborted(new UploadAborted(1, ID, "client left", Instant.now()));
        UploadEventValidator.checkRecorded(Topics.INGEST_CHUNKS, Optional.of(new RecordedUpload(7, BUCKET, KEY)), 7,
                BUCKET, KEY);
        UploadEventValidator.checkRecorded(Topics.INGEST_CHUNKS, null, 7, BUCKET, KEY);
        assertNull(UploadEventValidator.checkAggregates(new AggregatesChanged(1, null, 5, 3, Instant.now())));
        // a count can be negative for a while: the totals are not checked
        UploadEventValidator.checkAggregates(new AggregatesChanged(1, ID, -1, 2, Instant.now()));
        assertEquals(UUID.fromString(ID),
                UploadEventValidator.checkAggregates(new AggregatesChanged(1, ID, 5, 3, Instant.now())));
    }

    @Test
    void chunksNamingWhatTheyMayNotAreRefusedWithTheirReason() {
        refused(DeadLetterException.NOT_ALLOWED, "ingest-chunks: names a bucket other than the configured one",
                () -> UploadEventValidator.checkChunk(chunk(0, 0, "other", 22, 90, 0), BUCKET));
        refused(DeadLetterException.OUT_OF_RANGE, "ingest-chunks: rangeEnd 91 is past the end of the file (90 bytes)",
                () -> UploadEventValidator.checkChunk(chunk(0, 1, BUCKET, 22, 91, 90), BUCKET));
        refused(DeadLetterException.INVALID, "ingest-chunks: expected 0 <= chunkIndex < chunksTotal",
                () -> UploadEventValidator.checkChunk(chunk(4, 4, BUCKET, 22, 90, 90), BUCKET));
        refused(DeadLetterException.INVALID, "ingest-chunks: expected 0 <= rangeStart < rangeEnd",
                () -> UploadEventValidator.checkChunk(chunk(0, 0, BUCKET, 90, 22, 0), BUCKET));
        refused(DeadLetterException.UNKNOWN_VERSION, "Unknown ingest-chunks version 3 (this consumer reads v1 to v2)",
                () -> UploadEventValidator.checkChunk(new ChunkReady(3, ID, 7, 0, 0, BUCKET, KEY, 22, 90, 1, 2, 3, 0,
                        0, 0), BUCKET));
        refused(DeadLetterException.UNREADABLE, "Not a readable ingest-chunks event (malformed JSON or an empty value)",
                () -> UploadEventValidator.checkChunk(null, BUCKET));
    }

    @Test
    void eventsForAnUploadThatWasNeverRecordedOrRecordedDifferentlyAreRefused() {
        refused(DeadLetterException.UNKNOWN_UPLOAD, "ingest-chunks: upload-service never recorded this upload",
                () -> UploadEventValidator.checkRecorded(Topics.INGEST_CHUNKS, Optional.empty(), 7, BUCKET, KEY));
        String differ = "file-uploaded: uploadSeq, bucket or key differ from the upload upload-service recorded";
        refused(DeadLetterException.UNKNOWN_UPLOAD, differ, () -> UploadEventValidator.checkRecorded(
                Topics.FILE_UPLOADED, Optional.of(new RecordedUpload(8, BUCKET, KEY)), 7, BUCKET, KEY));
        refused(DeadLetterException.UNKNOWN_UPLOAD, differ, () -> UploadEventValidator.checkRecorded(
                Topics.FILE_UPLOADED, Optional.of(new RecordedUpload(7, BUCKET, "uploads/other")), 7, BUCKET, KEY));
    }

    @Test
    void nonsenseSealsAbortsAndAggregatesAreRefused() {
        refused(DeadLetterException.INVALID, "file-uploaded: expected chunksTotal >= 1",
                () -> UploadEventValidator.checkFile(FileUploaded.of(ID, 7, BUCKET, KEY, "p", 9, null, 0, 3), BUCKET));
        refused(DeadLetterException.UNKNOWN_VERSION, "Unknown file-uploaded version 1 (this consumer reads v2)",
                () -> UploadEventValidator.checkFile(new FileUploaded(1, ID, 7, BUCKET, KEY, "p", 9, null, 1, 3),
                        BUCKET));
        refused(DeadLetterException.INVALID, "upload-aborted: uploadId is not a UUID",
                () -> UploadEventValidator.checkAborted(new UploadAborted(1, "42", "x", null)));
        refused(DeadLetterException.INVALID, "aggregates-changed: uploadId is not a UUID",
                () -> UploadEventValidator.checkAggregates(new AggregatesChanged(1, "upload-1", 2, 3, null)));
    }

    private static void refused(String reason, String message, Executable check) {
        DeadLetterException e = assertThrows(DeadLetterException.class, check);
        assertEquals(reason, e.reason());
        assertEquals(message, e.getMessage());
    }
}
