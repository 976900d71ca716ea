package io.lfp.upload.domain;

import io.lfp.errors.DomainException;

/** The requester may not retry this upload or read its rejected rows (mapped to 403). */
public class NotAllowedOnUploadException extends DomainException {

    public NotAllowedOnUploadException(String detail) {
        super("Forbidden", detail);
    }
}
