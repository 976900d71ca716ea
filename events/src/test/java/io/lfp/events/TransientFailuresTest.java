package io.lfp.events;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.Test;

/** Outages are waited out, everything else is not retried forever: the line between them. */
class TransientFailuresTest {

    /** Stands in for io.vertx.pgclient.PgException, read by its getSqlState() like the real one. */
    static class PgException extends RuntimeException {
        private final String state;

        PgException(String state) {
            super("ERROR: something (" + state + ")");
            this.state = state;
        }

        public String getSqlState() {
            return state;
        }
    }

    /** Stands in for an AWS SDK service exception, read by its statusCode(). */
    static class S3Exception extends RuntimeException {
        private final int status;

        S3Exception(int status) {
            this.status = status;
        }

        public int statusCode() {
            return status;
        }
    }

    static class ClosedConnectionException extends RuntimeException {
    }

    /** Named like Mutiny's, which await().atMost() throws. */
    static class TimeoutException extends RuntimeException {
    }

    @Test
    void unreachableOrRestartingServersAreTransient() {
        assertTrue(TransientFailures.isTransient(new CompletionException(new ConnectException("refused"))));
        assertTrue(TransientFailures.isTransient(new UncheckedIOException(new java.io.IOException("reset"))));
        assertTrue(TransientFailures.isTransient(new SQLException("terminating connection", "57P01")));
        assertTrue(TransientFailures.isTransient(new SQLException("connection failure", "08006")));
        assertTrue(TransientFailures.isTransient(new SQLException("Acquisition timeout while waiting for new connection")));
        assertTrue(TransientFailures.isTransient(new PgException("40001")), "serialization failure");
        assertTrue(TransientFailures.isTransient(new PgException("57P03")), "cannot connect now");
        assertTrue(TransientFailures.isTransient(new RuntimeException(new ClosedConnectionException())));
        assertTrue(TransientFailures.isTransient(new TimeoutException()));
        assertTrue(TransientFailures.isTransient(new S3Exception(503)));
        assertTrue(TransientFailures.isTransient(new io.vertx.core.VertxException("Connection was closed")));
    }

    @Test
    void failuresThatRepeatOnEveryTryAreNot() {
        assertFalse(TransientFailures.isTransient(new PgException("23505")), "unique violation");
        assertFalse(TransientFailures.isTransient(new SQLException("value too long for column connect_timeout", "22001")));
        assertFalse(TransientFailures.isTransient(new SQLException("syntax", "42601")));
        assertFalse(TransientFailures.isTransient(new S3Exception(404)));
        assertFalse(TransientFailures.isTransient(new IllegalArgumentException("bad")));
        assertFalse(TransientFailures.isTransient(new NullPointerException()));
        assertFalse(TransientFailures.isTransient(new DeadLetterException(DeadLetterException.INVALID, "x")));
        assertFalse(TransientFailures.isTransient(new RuntimeException(new OutOfMemoryError("Java heap space"))));
    }
}
