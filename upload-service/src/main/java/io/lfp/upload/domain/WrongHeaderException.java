package io.lfp.upload.domain;

/** The file's first record is not the expected header. */
public class WrongHeaderException extends ApiException {

    public WrongHeaderException(String expected, String found) {
        super(400, "Wrong CSV header", "Expected header '" + expected + "' but found '" + found + "'");
    }
}
