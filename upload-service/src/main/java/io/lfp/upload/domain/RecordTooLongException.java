package io.lfp.upload.domain;

import io.lfp.errors.DomainException;

/**
 * No record ends within the chunk size limit: a line of tens of MiB without a line end is not a products
 * CSV, and a chunk may not grow without bound to hold it. The upload is refused as a whole.
 */
public class RecordTooLongException extends DomainException {

    public RecordTooLongException(long line, long maxChunkBytes) {
        super("Line too long", "The record starting on line " + line + " has no line end within "
                + maxChunkBytes + " bytes; a products CSV has one record per line, apart from line breaks in"
                + " quoted fields");
    }
}
