package io.lfp.upload.rest;

/** Every error body this service sends. */
public record ErrorResponse(String error, String detail) {
}
