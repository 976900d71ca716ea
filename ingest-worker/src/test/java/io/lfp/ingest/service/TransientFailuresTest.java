package io.lfp.ingest.service;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.sql.SQLException;

import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

import io.lfp.events.TransientFailures;
import io.lfp.ingest.domain.ChunkFailedException;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** An outage is waited out; a failure that would happen again is not. */
class TransientFailuresTest {

    @Test
    void postgresUnreachableOrRestartingIsTransientAsJdbcWrapsIt() {
        // JdbcTransactions wraps the driver's exception in an IllegalStateException with the server's message
        assertTrue(TransientFailures.isTransient(new IllegalStateException("Connection refused",
                new PSQLException("Connection to 127.0.0.1:15432 refused.", PSQLState.CONNECTION_UNABLE_TO_CONNECT,
                        new ConnectException("Connection refused")))));
        assertTrue(TransientFailures.isTransient(new SQLException("This connection has been closed.", "08003")));
        assertTrue(TransientFailures.isTransient(
                new SQLException("terminating connection due to administrator command", "57P01")));
        assertTrue(TransientFailures.isTransient(new SQLException("the database system is starting up", "57P03")));
    }

    @Test
    void postgresUnreachableOrRestartingIsTransientAsTheReactiveClientReportsIt() {
        assertTrue(TransientFailures.isTransient(ClosedConnectionException.INSTANCE));
        assertTrue(TransientFailures.isTransient(
                new PgException("terminating connection due to administrator command", "FATAL", "57P01", null)));
        assertTrue(TransientFailures.isTransient(new RuntimeException(new ConnectException("Connection refused"))));
    }

    @Test
    void s3UnreachableCutOffOrFailingOnItsSideIsTransient() {
        assertTrue(TransientFailures.isTransient(SdkClientException.builder()
                .message("Unable to execute HTTP request: Connection refused")
                .cause(new ConnectException("Connection refused")).build()));
        assertTrue(TransientFailures.isTransient(new UncheckedIOException("Reading bytes 0-99 of s3://b/k failed",
                new SocketException("Connection reset"))));
        assertTrue(TransientFailures.isTransient(S3Exception.builder().statusCode(503).message("Slow Down").build()));
        assertTrue(TransientFailures.isTransient(S3Exception.builder().statusCode(500).message("Internal").build()));
    }

    @Test
    void aDeadlockVictimIsRunAgain() {
        assertTrue(TransientFailures.isTransient(new SQLException("deadlock detected", "40P01")));
    }

    @Test
    void failuresThatWouldHappenAgainAreNotTransient() {
        assertFalse(TransientFailures.isTransient(new ChunkFailedException("Object not found: s3://b/k")));
        assertFalse(TransientFailures.isTransient(S3Exception.builder().statusCode(403).message("Denied").build()));
        assertFalse(TransientFailures.isTransient(S3Exception.builder().statusCode(404).message("No key").build()));
        assertFalse(TransientFailures.isTransient(new IllegalStateException("ERROR: duplicate key (23505)",
                new SQLException("duplicate key value violates unique constraint", "23505"))));
        assertFalse(TransientFailures.isTransient(
                new PgException("value too long for type character varying(255)", "ERROR", "22001", null)));
        assertFalse(TransientFailures.isTransient(new IllegalArgumentException("bad range")));
    }
}
