package io.lfp.dashboard.domain;

import io.lfp.errors.DomainException;

/** No upload has the id a client asked for. */
public class UploadNotFoundException extends DomainException {

    public UploadNotFoundException(String id) {
        super("Upload not found", "No upload with id '" + id + "'");
    }
}
