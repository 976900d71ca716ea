package io.lfp.events;

import java.time.Instant;

/**
 * A products CSV file is all stored in S3 and cut into chunks, every {@link ChunkReady} of it already
 * announced (an uploaded file's chunks go out while it streams in). Sent by upload-service; it gives
 * the ingest-worker the number of chunks to wait for.
 *
 * @param version payload version, {@link #VERSION}
 * @param uploadId the upload's id (UUID text); also the Kafka key
 * @param uploadSeq increasing number of the upload: later uploads win over earlier ones
 * @param bucket S3 bucket
 * @param key S3 object key (for an upload stored in parts: their prefix, see {@link ChunkReady#partKey})
 * @param filename the file name the user gave
 * @param sizeBytes object size in bytes as stored (after any decompression)
 * @param uploadedAt when the object was stored
 * @param chunksTotal number of {@link ChunkReady} work items the file was cut into (v2)
 * @param recordsTotal number of data records in the file, header excluded (v2)
 */
public record FileUploaded(int version, String uploadId, long uploadSeq, String bucket, String key,
        String filename, long sizeBytes, Instant uploadedAt, int chunksTotal, long recordsTotal) {

    public static final int VERSION = 2;

    public static FileUploaded of(String uploadId, long uploadSeq, String bucket, String key, String filename,
            long sizeBytes, Instant uploadedAt, int chunksTotal, long recordsTotal) {
        return new FileUploaded(VERSION, uploadId, uploadSeq, bucket, key, filename, sizeBytes, uploadedAt,
                chunksTotal, recordsTotal);
    }
}
