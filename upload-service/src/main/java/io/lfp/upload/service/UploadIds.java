package io.lfp.upload.service;

import java.util.UUID;

import io.lfp.upload.domain.UploadNotFoundException;

/** Upload ids in paths: anything that is not a UUID names no upload (404). */
final class UploadIds {

    private UploadIds() {
    }

    static UUID parse(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new UploadNotFoundException(id);
        }
    }
}
