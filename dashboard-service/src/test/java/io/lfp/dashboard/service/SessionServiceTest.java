package io.lfp.dashboard.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/** When the page must ask for a fresh token: the access token's exp, or nothing for a token that is not a JWT. */
class SessionServiceTest {

    private final SessionService sessions = new SessionService(new ObjectMapper());

    @Test
    void theExpiryOfAJwtIsItsExpClaim() {
        assertEquals(Instant.ofEpochSecond(1767261900L), sessions.jwtExpiry(jwt("{\"sub\":\"a\",\"exp\":1767261900}")));
    }

    @Test
    void anOpaqueOrBrokenTokenHasNoExpiry() {
        assertNull(sessions.jwtExpiry("opaque-token-0123"));
        assertNull(sessions.jwtExpiry(jwt("{\"sub\":\"a\"}")));
        assertNull(sessions.jwtExpiry("a.%%%.c"));
        assertNull(sessions.jwtExpiry(jwt("not json")));
    }

    private static String jwt(String claims) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString("{\"alg\":\"RS256\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + ".sig";
    }
}
