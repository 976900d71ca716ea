package io.lfp.ingest.domain;

/** The object's first record is not the products header; the job fails with this message. */
public class WrongHeaderException extends Exception {

    public WrongHeaderException(String message) {
        super(message);
    }
}
