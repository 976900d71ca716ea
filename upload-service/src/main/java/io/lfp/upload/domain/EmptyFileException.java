package io.lfp.upload.domain;

/** The upload has no bytes at all, so not even a header. */
public class EmptyFileException extends ApiException {

    public EmptyFileException(String expected) {
        super(400, "Empty file", "The file has no header line; expected '" + expected + "'");
    }
}
