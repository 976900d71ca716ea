package io.lfp.cli.stack;

import static io.lfp.cli.StandInServer.answer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.lfp.cli.StandInServer;

class HealthWaiterTest {
    @TempDir
    Path dir;

    @AutoClose
    private final StandInServer server = new StandInServer();

    /** Answers DOWN (503) {@code downAnswers} times, then UP. */
    private URI healthEndpoint(int downAnswers) {
        AtomicInteger calls = new AtomicInteger();
        server.on("/q/health/ready", exchange -> {
            boolean up = calls.incrementAndGet() > downAnswers;
            answer(exchange, up ? 200 : 503, "{\"status\":\"" + (up ? "UP" : "DOWN") + "\",\"checks\":[]}");
        });
        return server.start().uri("/q/health/ready");
    }

    @Test
    void waitsThroughDownAnswersUntilUp() throws Exception {
        URI url = healthEndpoint(2);
        HealthWaiter waiter = new HealthWaiter();
        waiter.awaitUp("upload-service", url, Duration.ofSeconds(10), null);
        assertEquals(HealthWaiter.Health.UP, waiter.check(url));
    }

    @Test
    void aTimeoutNamesTheServiceTheLastAnswerAndTheLogTail() throws Exception {
        URI url = healthEndpoint(Integer.MAX_VALUE);
        Path log = dir.resolve("aggregate-service.log");
        ManagedProcess process = ManagedProcess.start("aggregate-service",
                List.of("sh", "-c", "echo Flyway failed; exec sleep 30"),
                Map.of(), dir, log, dir.resolve("aggregate-service.pid"));
        try {
            StackException e = assertThrows(StackException.class,
                    () -> new HealthWaiter().awaitUp("aggregate-service", url, Duration.ofSeconds(1), process));
            assertTrue(e.getMessage().startsWith("aggregate-service did not become ready within 1 s at " + url),
                    e.getMessage());
            assertTrue(e.getMessage().contains("HTTP 503 {\"status\":\"DOWN\""), e.getMessage());
            assertTrue(e.getMessage().contains("Flyway failed"), e.getMessage());
        } finally {
            process.stop(Duration.ofSeconds(5));
        }
    }

    @Test
    void aProcessThatExitsFailsTheWaitAtOnce() throws Exception {
        Path log = dir.resolve("dashboard-service.log");
        ManagedProcess process = ManagedProcess.start("dashboard-service", List.of("sh", "-c", "echo Port 8080 in use; exit 1"),
                Map.of(), dir, log, dir.resolve("dashboard-service.pid"));
        URI nobodyListens = URI.create("http://127.0.0.1:" + freePort() + "/q/health/ready");
        StackException e = assertThrows(StackException.class,
                () -> new HealthWaiter().awaitUp("dashboard-service", nobodyListens, Duration.ofMinutes(1), process));
        assertTrue(e.getMessage().startsWith("dashboard-service exited before it became ready"), e.getMessage());
        assertTrue(e.getMessage().contains("Port 8080 in use"), e.getMessage());
        assertEquals(HealthWaiter.Health.UNREACHABLE, new HealthWaiter().check(nobodyListens));
    }

    @Test
    void onlyStatusUpCounts() {
        assertTrue(HealthWaiter.isUp("{\"status\":\"UP\",\"checks\":[]}"));
        assertFalse(HealthWaiter.isUp("{\"status\":\"DOWN\"}"));
        assertFalse(HealthWaiter.isUp("<html>UP</html>"));
    }

    private static int freePort() throws IOException {
        try (var socket = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
