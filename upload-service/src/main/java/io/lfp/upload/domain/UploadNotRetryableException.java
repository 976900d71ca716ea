package io.lfp.upload.domain;

import java.util.UUID;

import io.lfp.errors.DomainException;
import io.lfp.events.IngestState;

/** A retry of an upload that is not FAILED, or whose failure left nothing to resume. */
public class UploadNotRetryableException extends DomainException {

    private UploadNotRetryableException(String error, String detail) {
        super(error, detail);
    }

    public static UploadNotRetryableException notFailed(UUID id, IngestState status) {
        return new UploadNotRetryableException("Upload not failed",
                "Upload " + id + " is " + status + ": only a FAILED upload can be retried");
    }

    public static UploadNotRetryableException nothingKept(UUID id) {
        return new UploadNotRetryableException("Nothing kept to retry",
                "Upload " + id + " failed and nothing of it was kept to retry: upload the file again");
    }
}
