package io.lfp.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The security headers of every answer of the service's HTTP port ({@link SecurityHeaders}). */
@ConfigMapping(prefix = "lfp.security.headers")
public interface SecurityHeadersConfig {

    /**
     * Content-Security-Policy: no inline script or style, nothing framed, no other origin; a service adds what its
     * pages need (the dashboard: the upload service's origin in connect-src, the OIDC provider in form-action).
     */
    @WithDefault("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'")
    String contentSecurityPolicy();

    /** Referrer-Policy: addresses (which may carry upload ids) are not sent to other sites. */
    @WithDefault("no-referrer")
    String referrerPolicy();
}
