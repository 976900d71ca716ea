package io.lfp.cli.ingest;

import static io.lfp.cli.StandInServer.answer;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.lfp.cli.StandInServer;
import io.lfp.cli.auth.TokenSource;

/** The upload's wait-and-retry when upload-service has no free upload slot (429 + Retry-After). */
class UploadClientTest {
    private static final String BUSY = "{\"error\":\"Too many uploads\",\"detail\":\"4 uploads are streaming already; retry in 3 s\"}";

    @TempDir
    Path dir;

    @AutoClose
    private final StandInServer server = new StandInServer();
    private URI base;
    private final AtomicInteger refusalsLeft = new AtomicInteger();
    private final List<byte[]> acceptedBodies = new CopyOnWriteArrayList<>();
    private final AtomicInteger posts = new AtomicInteger();

    private final List<Duration> slept = new ArrayList<>();
    private final List<String> waits = new ArrayList<>();

    @BeforeEach
    void startStandIn() {
        server.on("/api/uploads", exchange -> {
            posts.incrementAndGet();
            if (refusalsLeft.getAndDecrement() > 0) {
                exchange.getResponseHeaders().add("Retry-After", "3");
                answer(exchange, 429, BUSY);
            } else {
                acceptedBodies.add(exchange.getRequestBody().readAllBytes());
                answer(exchange, 202, "{\"id\":\"u-7\",\"status\":\"QUEUED\"}");
            }
        });
        base = server.start().uri("");
    }

    private UploadClient client(int maxAttempts) {
        return new UploadClient(base.resolve("/api/uploads"), base.resolve("/api/aggregates"), maxAttempts, slept::add,
                TokenSource.NONE);
    }

    @Test
    void waitsRetryAfterAndSendsAgainUntilAccepted() throws Exception {
        Path file = dir.resolve("p.csv");
        Files.writeString(file, "name,sku,description\nAl,sku-1,x\n");
        refusalsLeft.set(2);

        String id = client(5).upload(file, sent -> {
        },
                (seconds, attempt, attempts) -> waits.add(seconds + "s before " + attempt + "/" + attempts));

        assertEquals("u-7", id);
        assertEquals(3, posts.get());
        assertEquals(List.of(Duration.ofSeconds(3), Duration.ofSeconds(3)), slept);
        assertEquals(List.of("3s before 2/5", "3s before 3/5"), waits);
        assertEquals(1, acceptedBodies.size());
        assertArrayEquals(Files.readAllBytes(file), acceptedBodies.get(0));
    }

    @Test
    void givesUpAfterTheLastAttemptWithTheServicesReason() throws Exception {
        Path file = dir.resolve("p.csv");
        Files.writeString(file, "name,sku,description\nAl,sku-1,x\n");
        refusalsLeft.set(Integer.MAX_VALUE);

        UploadRefusedException refused = assertThrows(UploadRefusedException.class,
                () -> client(3).upload(file, sent -> {
                }, (seconds, attempt, attempts) -> waits.add("wait")));

        assertEquals("Upload refused (429): Too many uploads — 4 uploads are streaming already; retry in 3 s",
                refused.getMessage());
        assertEquals(3, posts.get());
        assertEquals(2, slept.size());
        assertEquals(List.of("wait", "wait"), waits);
    }

    @Test
    void sendsTheBearerTokenAndOnA401OnceMoreWithANewOne() throws Exception {
        List<String> authorizations = new CopyOnWriteArrayList<>();
        server.on("/api/uploads", exchange -> {
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            authorizations.add(authorization);
            exchange.getRequestBody().readAllBytes();
            if ("Bearer token-2".equals(authorization)) {
                answer(exchange, 202, "{\"id\":\"u-8\",\"status\":\"QUEUED\"}");
            } else {
                answer(exchange, 401, "{\"error\":\"Unauthorized\",\"detail\":\"expired\"}");
            }
        });
        Path file = dir.resolve("p.csv");
        Files.writeString(file, "name,sku,description\nAl,sku-1,x\n");
        List<String> rejected = new ArrayList<>();
        TokenSource tokens = new TokenSource() {
            private int issued = 1;

            @Override
            public String token() {
                return "token-" + issued;
            }

            @Override
            public void rejected(String token) {
                rejected.add(token);
                issued++;
            }
        };
        UploadClient client = new UploadClient(base.resolve("/api/uploads"), base.resolve("/api/aggregates"), 3,
                slept::add, tokens);

        assertEquals("u-8", client.upload(file, sent -> {
        }, (seconds, attempt, attempts) -> waits.add("wait")));
        assertEquals(List.of("Bearer token-1", "Bearer token-2"), authorizations);
        assertEquals(List.of("token-1"), rejected);
        assertEquals(List.of(), slept, "a renewed token is sent at once");

        // a second 401 in a row is the answer: no endless renewing
        UploadRefusedException refused = assertThrows(UploadRefusedException.class, () -> new UploadClient(
                base.resolve("/api/uploads"), base.resolve("/api/aggregates"), 3, slept::add, new TokenSource() {
                    @Override
                    public String token() {
                        return "never-good";
                    }

                    @Override
                    public void rejected(String token) {
                        rejected.add(token);
                    }
                }).upload(file, sent -> {
                }, (seconds, attempt, attempts) -> waits.add("wait")));
        assertEquals("Upload refused (401): Unauthorized — expired", refused.getMessage());
        assertEquals(List.of("token-1", "never-good"), rejected);
    }

    @Test
    void retryAfterIsReadAsSecondsWithinBounds() {
        assertEquals(7, UploadClient.retryAfterSeconds("7"));
        assertEquals(1, UploadClient.retryAfterSeconds("0"));
        assertEquals(60, UploadClient.retryAfterSeconds("3600"));
        assertEquals(5, UploadClient.retryAfterSeconds(null));
        assertEquals(5, UploadClient.retryAfterSeconds("Wed, 21 Oct 2026 07:28:00 GMT"));
    }

    @Test
    void theWaitIsShownToTheUser() {
        assertEquals("waiting for a free upload slot: next attempt (2 of 60) in 5 s",
                ProgressFormatter.slotWaitLine(5, 2, 60));
    }
}
