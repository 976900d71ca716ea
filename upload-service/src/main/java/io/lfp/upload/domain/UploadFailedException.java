package io.lfp.upload.domain;

/** Storing or announcing an upload failed for a reason outside the client's control (S3, database, Kafka). */
public class UploadFailedException extends ApiException {

    public UploadFailedException(String detail, Throwable cause) {
        super(503, "Upload failed", detail, cause);
    }
}
