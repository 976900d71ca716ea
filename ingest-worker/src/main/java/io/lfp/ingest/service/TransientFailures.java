package io.lfp.ingest.service;

import io.vertx.sqlclient.ClosedConnectionException;
import io.vertx.sqlclient.DatabaseException;
import org.apache.kafka.common.errors.RetriableException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

import java.io.IOException;
import java.sql.SQLException;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Tells a failure that says "a server is not reachable right now" (PostgreSQL restarting, S3 or Kafka down or
 * overloaded) from one that would happen again with the same input. Only the first kind is worth waiting out:
 * a chunk that failed because its content is broken fails the same way on every attempt.
 */
public final class TransientFailures {

    /**
     * SQLSTATEs of an unreachable or restarting server: connection exceptions (class 08), the server shutting
     * down or terminating the session (57P01 admin_shutdown, 57P02 crash_shutdown), still starting up (57P03),
     * out of connection slots while every pool reconnects at once (53300).
     */
    private static final Set<String> UNAVAILABLE_STATES = Set.of("57P01", "57P02", "57P03", "53300");

    private TransientFailures() {
    }

    /** True when {@code failure}, or any of its causes, says a server was unavailable. */
    public static boolean isTransient(Throwable failure) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable e = failure; e != null && seen.put(e, Boolean.TRUE) == null; e = e.getCause()) {
            if (transientItself(e)) {
                return true;
            }
            for (Throwable suppressed : e.getSuppressed()) {
                if (seen.put(suppressed, Boolean.TRUE) == null && transientItself(suppressed)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean transientItself(Throwable e) {
        if (e instanceof IOException || e instanceof ClosedConnectionException || e instanceof RetriableException
                || e instanceof java.util.concurrent.TimeoutException
                || e instanceof io.smallrye.mutiny.TimeoutException) {
            // connection refused or reset, a stream cut off mid-read (S3 or a database socket), no answer in time
            return true;
        }
        if (e instanceof SQLException sql) {
            return unavailableState(sql.getSQLState());
        }
        if (e instanceof DatabaseException db) {
            return unavailableState(db.getSqlState());
        }
        if (e instanceof AwsServiceException aws) {
            // the store answered but could not serve: 5xx, or throttled
            return aws.statusCode() >= 500 || aws.statusCode() == 429 || aws.isThrottlingException();
        }
        return false;
    }

    private static boolean unavailableState(String state) {
        return state != null && (state.startsWith("08") || UNAVAILABLE_STATES.contains(state));
    }
}
