package io.lfp.aggregate.config;

import io.smallrye.config.ConfigMapping;

/**
 * Where and as whom this service connects to PostgreSQL, under {@code lfp.pg} (docs/architecture.md). The
 * credentials have no default (issue 17); being required here, a start without one fails before anything else
 * with "SRCFG00014: The config property lfp.pg.password is required ...", naming the property of the missing
 * variable. The datasource's own password is optional: an unset {@code ${lfp.pg.password}} alone would only show
 * later as a refused connection.
 */
@ConfigMapping(prefix = "lfp.pg")
public interface PgConfig {

    /** Host (env {@code LFP_PG_HOST}). */
    String host();

    /** Port (env {@code LFP_PG_PORT}). */
    int port();

    /** Database (env {@code LFP_PG_DATABASE}). */
    String database();

    /** This service's own role (env {@code LFP_PG_USER}; {@code lfp_aggregate} in the local run and compose). */
    String user();

    /** Its password (env {@code LFP_PG_PASSWORD}). */
    String password();
}
