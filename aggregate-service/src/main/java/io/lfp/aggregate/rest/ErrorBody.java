package io.lfp.aggregate.rest;

/**
 * What a client gets when a request fails.
 *
 * @param error  short, stable title, e.g. "Name not found"
 * @param detail what exactly was wrong
 */
public record ErrorBody(String error, String detail) {
}
