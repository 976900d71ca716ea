package io.lfp.upload.domain;

import io.lfp.errors.DomainException;

public class UploadNotFoundException extends DomainException {

    public UploadNotFoundException(String id) {
        super("Upload not found", "No upload with id " + id);
    }
}
