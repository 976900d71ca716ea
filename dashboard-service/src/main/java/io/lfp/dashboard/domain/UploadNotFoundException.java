package io.lfp.dashboard.domain;

/** No upload has the id a client asked for. */
public class UploadNotFoundException extends RuntimeException {

    public UploadNotFoundException(String id) {
        super("No upload with id '" + id + "'");
    }
}
