package io.lfp.events;

import java.time.Instant;

/**
 * An upload stopped before the whole file was stored (the client went away, the file grew past the
 * size limit, S3 failed): the chunks already announced must not be loaded. Sent by upload-service instead
 * of {@link FileUploaded}; the ingest-worker ends the job FAILED and drops what it staged.
 *
 * @param version payload version, {@link #VERSION}
 * @param uploadId the upload's id; also the Kafka key
 * @param reason why the upload stopped, as the client was told
 * @param abortedAt when it stopped
 */
public record UploadAborted(int version, String uploadId, String reason, Instant abortedAt) {

    public static final int VERSION = 1;
}
