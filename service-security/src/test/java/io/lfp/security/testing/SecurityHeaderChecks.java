package io.lfp.security.testing;

import io.restassured.response.ValidatableResponse;

/** The security headers every answer of a service carries (SecurityHeaders), asserted in one place. */
public final class SecurityHeaderChecks {

    /** The Content-Security-Policy of a service that configures none of its own. */
    public static final String DEFAULT_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

    private SecurityHeaderChecks() {
    }

    /** Asserts the four headers, with {@code csp} as the Content-Security-Policy. */
    public static void assertSecurityHeaders(ValidatableResponse answer, String csp) {
        answer.header("Content-Security-Policy", csp)
                .header("X-Content-Type-Options", "nosniff")
                .header("X-Frame-Options", "DENY")
                .header("Referrer-Policy", "no-referrer");
    }
}
