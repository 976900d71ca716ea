package io.lfp.ingest.domain;

import io.lfp.errors.DomainException;

/** No ingest job exists for the requested upload id (mapped to 404). */
public class JobNotFoundException extends DomainException {

    public JobNotFoundException(String uploadId) {
        super("Not found", "No ingest job for upload " + uploadId);
    }
}
