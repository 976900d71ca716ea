package io.lfp.upload.domain;

import io.lfp.errors.DomainException;

/** Storing or announcing an upload failed for a reason outside the client's control (S3, database, Kafka). */
public class UploadFailedException extends DomainException {

    public UploadFailedException(String detail, Throwable cause) {
        super("Upload failed", detail, cause);
    }
}
