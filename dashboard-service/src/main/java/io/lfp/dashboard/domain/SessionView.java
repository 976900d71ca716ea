package io.lfp.dashboard.domain;

import java.time.Instant;
import java.util.List;

/**
 * Who is logged in, for the page.
 *
 * @param user the principal's name (preferred_username with Keycloak)
 * @param roles the project roles the principal has, lowest first (viewer, uploader, editor, admin)
 * @param accessToken the access token of the browser's login session, which the page sends to upload-service;
 *        null for a caller that came with its own bearer token
 * @param expiresAt when that access token expires; the page asks again before then
 */
public record SessionView(String user, List<String> roles, String accessToken, Instant expiresAt) {
}
