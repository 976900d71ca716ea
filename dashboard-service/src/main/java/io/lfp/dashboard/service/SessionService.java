package io.lfp.dashboard.service;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.lfp.dashboard.domain.SessionView;
import io.lfp.security.Roles;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.oidc.IdTokenCredential;
import io.quarkus.security.identity.SecurityIdentity;

/** Tells the page who is logged in, and hands it the login's access token for calls to upload-service. */
@ApplicationScoped
public class SessionService {

    /** What Quarkus records as the end of an OIDC identity (epoch seconds), for tokens that are not JWTs. */
    static final String IDENTITY_EXPIRE_TIME = "quarkus.identity.expire-time";

    private final ObjectMapper json;

    public SessionService(ObjectMapper json) {
        this.json = json;
    }

    public SessionView of(SecurityIdentity identity) {
        // the project's roles only, lowest first (the provider's own, like offline_access, are not shown)
        List<String> roles = Roles.HIERARCHY.stream().filter(identity::hasRole).toList();
        // Only a browser login (it has an ID token) gets its token back: an API client has its own already.
        AccessTokenCredential access = identity.getCredential(IdTokenCredential.class) == null ? null
                : identity.getCredential(AccessTokenCredential.class);
        if (access == null) {
            return new SessionView(identity.getPrincipal().getName(), roles, null, null);
        }
        Instant expiresAt = jwtExpiry(access.getToken());
        if (expiresAt == null && identity.getAttribute(IDENTITY_EXPIRE_TIME) instanceof Long seconds) {
            expiresAt = Instant.ofEpochSecond(seconds);
        }
        return new SessionView(identity.getPrincipal().getName(), roles, access.getToken(), expiresAt);
    }

    /** The exp claim of a JWT (already verified by quarkus-oidc); null for an opaque token. */
    Instant jwtExpiry(String token) {
        String[] parts = token.split("\\.");
        if (parts.length != 3) {
            return null;
        }
        try {
            JsonNode exp = json.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8))
                    .get("exp");
            return exp != null && exp.canConvertToLong() ? Instant.ofEpochSecond(exp.asLong()) : null;
        } catch (IOException | IllegalArgumentException notAJwt) {
            return null;
        }
    }
}
