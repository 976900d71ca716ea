package io.lfp.ingest.domain;

/** No ingest job exists for the requested upload id (mapped to 404). */
public class JobNotFoundException extends RuntimeException {

    public JobNotFoundException(String uploadId) {
        super("No ingest job for upload " + uploadId);
    }
}
