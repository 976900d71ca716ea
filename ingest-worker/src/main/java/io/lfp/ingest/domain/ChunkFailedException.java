package io.lfp.ingest.domain;

/** A chunk attempt failed for a reason worth showing as it is (e.g. the object is missing); retried like any failure. */
public class ChunkFailedException extends RuntimeException {

    public ChunkFailedException(String message) {
        super(message);
    }
}
