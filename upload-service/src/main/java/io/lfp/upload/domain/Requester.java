package io.lfp.upload.domain;

/**
 * Who asks for an upload's retry or rejected rows.
 *
 * @param name the principal's name, as recorded in {@link Upload#uploadedBy()}
 * @param admin has the admin role: may act on every upload
 */
public record Requester(String name, boolean admin) {

    /** The upload's own uploader, or an admin; an upload requested on Kafka has no person behind it: admins only. */
    public void mayActOn(Upload upload) {
        if (admin) {
            return;
        }
        if (upload.source() == UploadSource.KAFKA) {
            throw new NotAllowedOnUploadException("Upload " + upload.id()
                    + " was requested on ingest-requested: only an admin may retry it or read its rejected rows");
        }
        if (!name.equals(upload.uploadedBy())) {
            throw new NotAllowedOnUploadException("Only the principal who made upload " + upload.id()
                    + ", or an admin, may retry it or read its rejected rows");
        }
    }
}
