package io.lfp.ingest.rest;

/**
 * The body of every error answer.
 *
 * @param error  short kind of error, e.g. "Not found"
 * @param detail what exactly went wrong
 */
public record ErrorResponse(String error, String detail) {
}
