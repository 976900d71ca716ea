package io.lfp.events;

import java.time.Instant;

/**
 * A products CSV object is stored in S3 and waits to be ingested.
 *
 * @param version    payload version, {@link #VERSION}
 * @param uploadId   the upload's id (UUID text); also the Kafka key
 * @param uploadSeq  increasing number of the upload: later uploads win over earlier ones
 * @param bucket     S3 bucket
 * @param key        S3 object key
 * @param filename   the file name the user gave
 * @param sizeBytes  object size in bytes as stored (after any decompression)
 * @param uploadedAt when the object was stored
 */
public record FileUploaded(int version, String uploadId, long uploadSeq, String bucket, String key,
        String filename, long sizeBytes, Instant uploadedAt) {

    public static final int VERSION = 1;

    public static FileUploaded of(String uploadId, long uploadSeq, String bucket, String key, String filename,
            long sizeBytes, Instant uploadedAt) {
        return new FileUploaded(VERSION, uploadId, uploadSeq, bucket, key, filename, sizeBytes, uploadedAt);
    }
}
