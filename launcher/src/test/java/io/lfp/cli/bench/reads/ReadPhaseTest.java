package io.lfp.cli.bench.reads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ReadPhaseTest {
    private static final ReadSamples SAMPLES = new ReadSamples(1000, 900, "ABC-001234", "ABC-0", "Dr. Ann Lee, Jr.",
            "Dr. An", new ReadSamples.DeepItem(100_000, "Ann Lee", 7), List.of("QRS-000001", "tin-cup-box"),
            List.of("QRS-0", "tin-c", "ZZ"), List.of("Ms. B", "Prof. Kim"));
    private static final List<String> ROWS = List.of("summary", "top 20 names", "aggregate table, first page",
            "aggregate table, deep page", "one name's count", "search sku prefix, repeated", "search sku prefix, fresh",
            "search name prefix, repeated", "search name prefix, fresh", "product by sku, repeated",
            "product by sku, fresh", "uploads list");

    private final FakeDashboard dashboard = new FakeDashboard();
    private final ByteArrayOutputStream logged = new ByteArrayOutputStream();
    private final PrintStream log = new PrintStream(logged, true, StandardCharsets.UTF_8);

    @AfterEach
    void stop() {
        dashboard.close();
    }

    @Test
    void everyRowOfTheIssueAsksItsRequestWithTheKeysEncoded() {
        List<ReadEndpoint> endpoints = ReadPhase.endpoints(SAMPLES);

        assertEquals(ROWS, endpoints.stream().map(ReadEndpoint::name).toList());
        assertEquals(List.of("GET /api/summary", "GET /api/aggregates?top=20", "GET /api/aggregates/table",
                "GET /api/aggregates/table?afterName=Ann%20Lee&afterCount=7", "GET /api/aggregates/Dr.%20Ann%20Lee%2C%20Jr.",
                "GET /api/products?q=ABC-0", "GET /api/products?q=<new sku prefix>", "GET /api/products?q=Dr.%20An",
                "GET /api/products?q=<new name prefix>", "GET /api/products/ABC-001234", "GET /api/products/<new sku>",
                "GET /api/uploads"), endpoints.stream().map(ReadEndpoint::request).toList());
        assertEquals("keyset page after the item at rank 100,000 (\"Ann Lee\", 7 products)", endpoints.get(3).note());
        ReadEndpoint freshNames = endpoints.get(8);
        assertEquals(ReadEndpoint.Kind.FRESH, freshNames.kind());
        assertEquals("/api/products?q=Ms.%20B", freshNames.next().get());
        assertEquals("/api/products?q=Prof.%20Kim", freshNames.next().get());
        assertEquals(null, freshNames.next().get());
    }

    @Test
    void bothPassesRunEveryRowAndRedisIsStartedAgain() {
        AtomicInteger stops = new AtomicInteger();
        AtomicInteger starts = new AtomicInteger();
        ReadTarget target = new ReadTarget(dashboard.uri(), new EndpointLoadTest.RecordingTokens(), () -> {
            stops.incrementAndGet();
            dashboard.cache = "offline";
        }, () -> {
            starts.incrementAndGet();
            dashboard.cache = "online";
        }, () -> {
            throw new AssertionError("the keys are given");
        });
        ReadPhaseOptions options = new ReadPhaseOptions(2, Duration.ofMillis(150), Duration.ofMillis(50),
                Duration.ofSeconds(2), 10, true, 1);

        ReadPhaseReport report = ReadPhase.run(target, options, log, SAMPLES);

        assertEquals("ran", report.redisDown());
        assertEquals(List.of(1, 1), List.of(stops.get(), starts.get()));
        assertEquals(24, report.rows().size());
        for (int i = 0; i < 24; i++) {
            ReadPhaseReport.Row row = report.rows().get(i);
            String pass = i < 12 ? ReadPhaseReport.REDIS_UP : ReadPhaseReport.REDIS_DOWN;
            assertEquals(List.of(pass, ROWS.get(i % 12)), List.of(row.pass(), row.endpoint()));
            assertEquals(0, row.errors(), row.toString());
            if (row.requests() > 0) {
                assertEquals(Map.of(i < 12 ? "online" : "offline", row.requests()), row.cache(), row.toString());
            }
        }
        Map<String, Integer> received = dashboard.received();
        for (String fresh : List.of("/api/products?q=QRS-0", "/api/products?q=tin-c", "/api/products?q=ZZ",
                "/api/products?q=Ms.%20B", "/api/products?q=Prof.%20Kim", "/api/products/QRS-000001",
                "/api/products/tin-cup-box")) {
            assertEquals(1, received.getOrDefault(fresh, 0), fresh + " asked once over both passes");
        }
        assertTrue(received.get("/api/summary") > 2, "the summary is polled to see the cache go and come back");
        String lines = logged.toString(StandardCharsets.UTF_8);
        assertTrue(lines.contains("reads: redis down, uploads list: "), lines);
        assertTrue(lines.contains("reads: Redis-down pass ran"), lines);
    }

    @Test
    void aTargetThatCannotStopRedisRunsOnePassAndSaysWhy() {
        ReadTarget target = new ReadTarget(dashboard.uri(), new EndpointLoadTest.RecordingTokens(), null, null, null);
        ReadPhaseOptions options = new ReadPhaseOptions(1, Duration.ofMillis(50), Duration.ofMillis(10),
                Duration.ofSeconds(2), 10, true, 1);

        ReadPhaseReport report = ReadPhase.run(target, options, log, SAMPLES);

        assertEquals("not run (this target cannot stop Redis)", report.redisDown());
        assertEquals(Set.of(ReadPhaseReport.REDIS_UP),
                Set.copyOf(report.rows().stream().map(ReadPhaseReport.Row::pass).toList()));
        assertEquals(12, report.rows().size());
    }

    @Test
    void aRedisThatCannotBeStoppedLeavesTheFirstPassAndTheReason() {
        ReadTarget target = new ReadTarget(dashboard.uri(), new EndpointLoadTest.RecordingTokens(), () -> {
            throw new IllegalStateException("no control port");
        }, () -> {
            throw new AssertionError("never stopped, never started");
        }, null);
        ReadPhaseOptions options = new ReadPhaseOptions(1, Duration.ofMillis(50), Duration.ofMillis(10),
                Duration.ofSeconds(2), 10, true, 1);

        ReadPhaseReport report = ReadPhase.run(target, options, log, SAMPLES);

        assertEquals("not run: could not stop Redis: no control port", report.redisDown());
        assertEquals(12, report.rows().size());
    }

    @Test
    void prefixesAreFromThreeCharactersToTheLimitOrTheWholeText() {
        Random random = new Random(1);
        for (int i = 0; i < 200; i++) {
            String prefix = ReadSamples.prefix("Prof. Alexandra Smith-Jones", 3, 16, random);
            assertTrue(prefix.length() >= 3 && prefix.length() <= 16, prefix);
            assertTrue("Prof. Alexandra Smith-Jones".startsWith(prefix));
        }
        assertEquals("Al", ReadSamples.prefix("Al", 3, 16, random));
        assertEquals("Bob", ReadSamples.prefix("Bob", 3, 16, random));
    }
}
