package io.lfp.cli.bench.reads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.lfp.cli.auth.TokenSource;

class EndpointLoadTest {
    static final Duration TIMEOUT = Duration.ofMillis(300);
    private static final ReadPhaseOptions OPTIONS = new ReadPhaseOptions(4, Duration.ofMillis(300),
            Duration.ofMillis(100), TIMEOUT, 10, false, 1);

    private final FakeDashboard dashboard = new FakeDashboard();
    private final RecordingTokens tokens = new RecordingTokens();
    private final DashboardClient client = new DashboardClient(dashboard.uri(), tokens, TIMEOUT);

    @AfterEach
    void stop() {
        dashboard.close();
    }

    @Test
    void aRepeatedRequestIsCountedWithItsTopLevelCacheFieldAndTheBearerToken() throws Exception {
        ReadPhaseReport.Row row = EndpointLoad.run(client, ReadEndpoint.repeated("summary", "/api/summary", null),
                ReadPhaseReport.REDIS_UP, OPTIONS);

        assertTrue(row.requests() > 0, "requests counted: " + row.requests());
        assertTrue(row.requests() <= dashboard.total(), "only what the dashboard received");
        assertEquals(Set.of("/api/summary"), dashboard.received().keySet());
        assertEquals(Map.of("online", row.requests()), row.cache());
        assertEquals(0, row.errors());
        assertEquals(Map.of(), row.errorsByKind());
        assertNull(row.firstError());
        assertTrue(row.seconds() > 0);
        assertTrue(row.p50Micros() <= row.p99Micros() && row.p99Micros() <= row.maxMicros());
        assertEquals(Set.of("Bearer t-1"), Set.copyOf(dashboard.authorizations()));
        assertEquals("GET /api/summary", row.request());
        assertEquals(ReadEndpoint.Kind.CACHED, row.kind());
    }

    @Test
    void non2xxAnswersAreErrorsByStatusAndTheFirstKeepsItsStatusAndBody() throws Exception {
        dashboard.on("/api/aggregates", exchange -> FakeDashboard.answer(exchange, 503,
                "{\"error\":\"Service Unavailable\",\"detail\":\"Query timed out\"}"));

        ReadPhaseReport.Row row = EndpointLoad.run(client,
                ReadEndpoint.repeated("top 20 names", "/api/aggregates?top=20", null), ReadPhaseReport.REDIS_UP, OPTIONS);

        assertTrue(row.requests() > 0);
        assertEquals(row.requests(), row.errors());
        assertEquals(Map.of("503", row.requests()), row.errorsByKind());
        assertEquals("503 {\"error\":\"Service Unavailable\",\"detail\":\"Query timed out\"}", row.firstError());
        assertEquals(Map.of(), row.cache(), "an error's body has no cache field to count");
        assertFalse(row.goalMet());
    }

    @Test
    void aLongErrorBodyIsCutAndAnUnauthorizedTokenIsDropped() throws Exception {
        dashboard.on("/api/uploads", exchange -> FakeDashboard.answer(exchange, 401, "x".repeat(1000)));

        ReadPhaseReport.Row row = EndpointLoad.run(client, ReadEndpoint.repeated("uploads", "/api/uploads", null),
                ReadPhaseReport.REDIS_UP, OPTIONS);

        assertEquals(Map.of("401", row.requests()), row.errorsByKind());
        assertEquals("401 " + "x".repeat(DashboardClient.ERROR_BODY_CHARS) + "…", row.firstError());
        assertTrue(tokens.rejected.contains("t-1"), "a 401 drops the token: " + tokens.rejected);
    }

    @Test
    void anAnswerLaterThanTheTimeoutIsATimeoutError() throws Exception {
        dashboard.on("/api/products", exchange -> {
            try {
                Thread.sleep(3 * TIMEOUT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            FakeDashboard.answer(exchange, 200, "{\"cache\":\"online\"}");
        });

        ReadPhaseReport.Row row = EndpointLoad.run(client,
                ReadEndpoint.repeated("search", "/api/products?q=ABC", null), ReadPhaseReport.REDIS_UP, OPTIONS);

        assertTrue(row.requests() > 0);
        assertEquals(Map.of("timeout", row.requests()), row.errorsByKind());
        assertEquals("no answer within 300 ms", row.firstError());
        assertTrue(row.maxMicros() >= TIMEOUT.toNanos() / 1000, "a timeout's latency is the time waited");
    }

    @Test
    void freshKeysAreEachAskedOnceAndARowThatRunsOutSaysSo() throws Exception {
        List<String> keys = IntStream.range(0, 25).mapToObj(i -> "Dr. K" + i).toList();
        ReadEndpoint endpoint = ReadEndpoint.fresh("search name prefix, fresh", "/api/products?q=<new name prefix>",
                new FreshKeys(keys), key -> "/api/products?q=" + ReadEndpoint.encode(key), null);
        ReadPhaseOptions longEnough = new ReadPhaseOptions(4, Duration.ofSeconds(20), Duration.ofMillis(1), TIMEOUT, 10,
                false, 1);

        ReadPhaseReport.Row row = EndpointLoad.run(client, endpoint, ReadPhaseReport.REDIS_UP, longEnough);

        Map<String, Integer> received = dashboard.received();
        assertEquals(keys.stream().map(k -> "/api/products?q=" + k.replace(" ", "%20")).collect(Collectors.toSet()),
                received.keySet());
        assertEquals(Set.of(1), Set.copyOf(received.values()), "no key is asked twice");
        assertTrue(row.requests() <= 25);
        assertTrue(row.note().startsWith("fresh keys ran out after "), row.note());
        assertTrue(row.note().endsWith(" of 20 s: only 25 distinct keys sampled"), row.note());
        assertEquals(ReadEndpoint.Kind.FRESH, row.kind());
        assertEquals("GET /api/products?q=<new name prefix>", row.request());
    }

    @Test
    void theCacheFieldIsReadAtTheTopLevelOnly() {
        assertEquals("hit",
                DashboardClient.cacheField("{\"items\":[{\"cache\":\"x\"}],\"n\":{\"cache\":\"y\"},\"cache\":\"hit\"}"));
        assertEquals("(none)", DashboardClient.cacheField("{\"items\":[{\"cache\":\"x\"}]}"));
        assertEquals("(none)", DashboardClient.cacheField("[1,2]"));
        assertEquals("(none)", DashboardClient.cacheField(""));
        assertEquals("(none)", DashboardClient.cacheField("not json"));
    }

    /** Always token t-1; remembers the tokens a service rejected. */
    static final class RecordingTokens implements TokenSource {
        final ConcurrentLinkedQueue<String> rejected = new ConcurrentLinkedQueue<>();

        @Override
        public String token() {
            return "t-1";
        }

        @Override
        public void rejected(String token) {
            rejected.add(token);
        }
    }
}
