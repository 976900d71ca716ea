package io.lfp.security.it;

import java.util.TreeSet;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import io.lfp.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;

/** Endpoints of the module's test application. */
@Path("/probe")
public class ProbeResource {

    private final SecurityIdentity identity;

    public ProbeResource(SecurityIdentity identity) {
        this.identity = identity;
    }

    /** The caller's roles, sorted: shows the hierarchy's expansion. */
    @GET
    @Path("roles")
    @RolesAllowed(Roles.VIEWER)
    public String roles() {
        return String.join(",", new TreeSet<>(identity.getRoles()));
    }

    @GET
    @Path("editor")
    @RolesAllowed(Roles.EDITOR)
    public String editor() {
        return "edited";
    }

    /** No annotation: refused (deny-unannotated). */
    @GET
    @Path("unannotated")
    public String unannotated() {
        return "open";
    }
}
