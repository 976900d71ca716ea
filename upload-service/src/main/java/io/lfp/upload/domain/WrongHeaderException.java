package io.lfp.upload.domain;

/** The file's first record is not the expected header. */
public class WrongHeaderException extends ApiException {

    private final String expected;
    private final String found;

    public WrongHeaderException(String expected, String found) {
        super(400, "Wrong CSV header", "Expected header '" + expected + "' but found '" + found + "'");
        this.expected = expected;
        this.found = found;
    }

    public String expected() {
        return expected;
    }

    public String found() {
        return found;
    }
}
