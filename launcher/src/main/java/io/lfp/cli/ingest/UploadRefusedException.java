package io.lfp.cli.ingest;

/** The upload-service answered the upload with a non-2xx status; the message is the line to print. */
public class UploadRefusedException extends RuntimeException {
    private final int statusCode;

    public UploadRefusedException(int statusCode, String message) {
        super(message);
        this.statusCode = statusCode;
    }

    public int statusCode() {
        return statusCode;
    }
}
