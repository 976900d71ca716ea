package io.lfp.upload.domain;

import io.lfp.errors.DomainException;

/** The file's first record is not the expected header. */
public class WrongHeaderException extends DomainException {

    private final String expected;
    private final String found;

    public WrongHeaderException(String expected, String found) {
        super("Wrong CSV header", "Expected header '" + expected + "' but found '" + found + "'");
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
