package io.lfp.ingest.domain;

/** A path held something that is not an upload id (mapped to 400). */
public class InvalidUploadIdException extends RuntimeException {

    public InvalidUploadIdException(String value) {
        super("'" + value + "' is not a valid upload id (expected a UUID)");
    }
}
