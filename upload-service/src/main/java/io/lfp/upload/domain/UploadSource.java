package io.lfp.upload.domain;

/** How a file came to us. */
public enum UploadSource {
    /** POST /api/uploads: the service stored the object. */
    HTTP,
    /** An IngestRequested event named an object already in S3. */
    KAFKA
}
