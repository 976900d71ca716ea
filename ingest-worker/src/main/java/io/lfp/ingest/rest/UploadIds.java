package io.lfp.ingest.rest;

import io.lfp.ingest.domain.InvalidUploadIdException;

import java.util.UUID;

/** Parses upload ids from paths, so a malformed one is a clear 400 rather than a 404. */
final class UploadIds {

    private UploadIds() {
    }

    static UUID parse(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidUploadIdException(value);
        }
    }
}
