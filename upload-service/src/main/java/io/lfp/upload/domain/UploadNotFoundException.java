package io.lfp.upload.domain;

public class UploadNotFoundException extends ApiException {

    public UploadNotFoundException(String id) {
        super(404, "Upload not found", "No upload with id " + id);
    }
}
