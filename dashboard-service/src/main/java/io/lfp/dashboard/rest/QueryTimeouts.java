package io.lfp.dashboard.rest;

import io.vertx.pgclient.PgException;

/** Recognises PostgreSQL's "canceling statement due to statement timeout". */
final class QueryTimeouts {

    static final String QUERY_CANCELED = "57014";

    private QueryTimeouts() {
    }

    static boolean isStatementTimeout(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof PgException pg && QUERY_CANCELED.equals(pg.getSqlState())) {
                return true;
            }
        }
        return false;
    }
}
