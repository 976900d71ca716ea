package io.lfp.upload.domain;

import java.io.IOException;

import io.lfp.errors.DomainException;

/** The multipart file part, spooled to a temporary file, could not be read back (mapped to 500). */
public class UnreadablePartException extends DomainException {

    public UnreadablePartException(IOException cause) {
        super("Internal error", "Could not read the uploaded part: " + cause.getMessage(), cause);
    }
}
