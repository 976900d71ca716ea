package io.lfp.security.credentials;

import io.smallrye.config.ConfigMapping;

/**
 * Where and as whom a service connects to PostgreSQL, under {@code lfp.pg} (docs/architecture.md). The
 * credentials have no default; being required here, a start without one fails before anything else with
 * "SRCFG00014: The config property lfp.pg.password is required ...", naming the property of the missing variable.
 * The datasource's own password is optional: an unset {@code ${lfp.pg.password}} alone would only show later as a
 * refused connection.
 */
@ConfigMapping(prefix = "lfp.pg")
public interface PgLogin {

    /** Host (env {@code LFP_PG_HOST}). */
    String host();

    /** Port (env {@code LFP_PG_PORT}). */
    int port();

    /** Database (env {@code LFP_PG_DATABASE}). */
    String database();

    /** The service's own role (env {@code LFP_PG_USER}; docs/decisions/0001-database-roles.md). */
    String user();

    /** Its password (env {@code LFP_PG_PASSWORD}). */
    String password();
}
