package io.lfp.upload.rest;

/** The answer to a POST: the upload is stored and queued for ingestion; poll statusUrl. */
public record UploadAccepted(String id, String status, String statusUrl) {
}
