package io.lfp.ingest.rest;

import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.core.SecurityContext;

/** The authenticated caller's name, as the audit trail records it. */
final class Principals {

    private Principals() {
    }

    /** Never null: an edit without an authenticated caller is refused rather than audited as nobody. */
    static String name(SecurityContext caller) {
        if (caller == null || caller.getUserPrincipal() == null || caller.getUserPrincipal().getName() == null) {
            throw new NotAuthorizedException("Bearer");
        }
        return caller.getUserPrincipal().getName();
    }
}
