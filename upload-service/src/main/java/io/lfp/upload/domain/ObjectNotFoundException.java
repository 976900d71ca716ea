package io.lfp.upload.domain;

import io.lfp.errors.DomainException;

/** An object named in an IngestRequested event does not exist (or its bucket does not). */
public class ObjectNotFoundException extends DomainException {

    public ObjectNotFoundException(String bucket, String key) {
        super("Object not found", "s3://" + bucket + "/" + key);
    }
}
