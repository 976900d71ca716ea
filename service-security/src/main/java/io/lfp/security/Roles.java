package io.lfp.security;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The project's four roles, lowest first: each has every role below it ({@link RoleHierarchyAugmentor}), so an
 * endpoint names only the lowest role that may call it, e.g. {@code @RolesAllowed(Roles.VIEWER)}.
 */
public final class Roles {

    /** Reads everything the dashboard shows. */
    public static final String VIEWER = "viewer";
    /** + uploads files, retries its uploads, reads their rejected rows. */
    public static final String UPLOADER = "uploader";
    /** + creates, updates and deletes products. */
    public static final String EDITOR = "editor";
    /** + everything, including other principals' uploads and the audit trail. */
    public static final String ADMIN = "admin";

    /** Lowest first. */
    public static final List<String> HIERARCHY = List.of(VIEWER, UPLOADER, EDITOR, ADMIN);

    private Roles() {
    }

    /** The given roles plus every project role below the highest project role among them. */
    public static Set<String> expand(Set<String> roles) {
        Set<String> expanded = new LinkedHashSet<>(roles);
        int highest = -1;
        for (int i = 0; i < HIERARCHY.size(); i++) {
            if (roles.contains(HIERARCHY.get(i))) {
                highest = i;
            }
        }
        expanded.addAll(HIERARCHY.subList(0, highest + 1));
        return expanded;
    }

    /** The role just below this one; empty for viewer (and for a role outside the hierarchy). */
    public static Optional<String> below(String role) {
        int index = HIERARCHY.indexOf(role);
        return index > 0 ? Optional.of(HIERARCHY.get(index - 1)) : Optional.empty();
    }
}
