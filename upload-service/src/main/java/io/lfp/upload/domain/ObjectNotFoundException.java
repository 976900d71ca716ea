package io.lfp.upload.domain;

/** An object named in an IngestRequested event does not exist (or its bucket does not). */
public class ObjectNotFoundException extends ApiException {

    public ObjectNotFoundException(String bucket, String key) {
        super(404, "Object not found", "s3://" + bucket + "/" + key);
    }
}
