package io.lfp.upload.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.lfp.events.TransientFailures;
import io.vertx.sqlclient.ClosedConnectionException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** An outage is waited out within the tolerance; anything else, or a longer outage, fails the step. */
class OutageRetryTest {

    private static final SdkClientException S3_DOWN = SdkClientException.builder()
            .message("Unable to execute HTTP request: Connection refused")
            .cause(new ConnectException("Connection refused")).build();

    @Test
    void aStepFailingWhileS3OrPostgresIsDownIsTriedAgainUntilItWorks() {
        AtomicInteger calls = new AtomicInteger();
        String stored = retry(Duration.ofSeconds(30)).call("Storing part 1", () -> {
            if (calls.incrementAndGet() == 1) {
                throw S3_DOWN;
            }
            if (calls.get() == 2) {
                throw ClosedConnectionException.INSTANCE;
            }
            return "stored";
        });
        assertEquals("stored", stored);
        assertEquals(3, calls.get());
    }

    @Test
    void aRefusalIsNotRetried() {
        AtomicInteger calls = new AtomicInteger();
        S3Exception denied = (S3Exception) S3Exception.builder().statusCode(403).message("Access Denied").build();
        RuntimeException thrown = assertThrows(RuntimeException.class,
                () -> retry(Duration.ofSeconds(30)).call("Storing part 1", () -> {
                    calls.incrementAndGet();
                    throw denied;
                }));
        assertSame(denied, thrown);
        assertEquals(1, calls.get());
    }

    @Test
    void anOutageLongerThanTheToleranceFailsWithItsLastError() {
        AtomicInteger calls = new AtomicInteger();
        RuntimeException thrown = assertThrows(RuntimeException.class,
                () -> retry(Duration.ofMillis(300)).call("Storing part 1", () -> {
                    calls.incrementAndGet();
                    throw S3_DOWN;
                }));
        assertSame(S3_DOWN, thrown);
        assertTrue(calls.get() >= 2, "tried again before giving up: " + calls.get());
    }

    @Test
    void s3FailingOnItsSideIsAnOutage() {
        assertTrue(TransientFailures.isTransient(S3Exception.builder().statusCode(503).message("Slow Down").build()));
        assertTrue(TransientFailures.isTransient(S3_DOWN));
    }

    private static OutageRetry retry(Duration tolerance) {
        return new OutageRetry(tolerance, Duration.ofMillis(20));
    }
}
