package io.lfp.upload.domain;

/** The file's first bytes are not UTF-8 text (a NUL byte, or a byte sequence UTF-8 does not allow). */
public class NotTextFileException extends ApiException {

    public NotTextFileException(String detail) {
        super(400, "Not a text CSV file", detail);
    }
}
