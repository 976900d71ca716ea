package io.lfp.ingest.domain;

/** The object cannot be read as CSV any further (e.g. a quote that never closes); the job fails with this message. */
public class MalformedFileException extends Exception {

    public MalformedFileException(String message) {
        super(message);
    }
}
