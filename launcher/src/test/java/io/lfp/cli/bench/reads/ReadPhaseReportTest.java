package io.lfp.cli.bench.reads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

class ReadPhaseReportTest {

    private static ReadPhaseReport.Row row(String pass, ReadEndpoint.Kind kind, long requests, double seconds,
            long p99Micros, long errors) {
        return new ReadPhaseReport.Row(pass, "summary", kind, "GET /api/summary", requests, seconds, 1_500, p99Micros,
                p99Micros + 10_000, errors, errors == 0 ? Map.of() : Map.of("503", errors),
                errors == 0 ? null : "503 {\"error\":\"Service Unavailable\"}", Map.of("online", requests - errors),
                null);
    }

    @Test
    void aCachedRowNeeds2000RequestsASecondAndAP99Under50Ms() {
        assertTrue(row(ReadPhaseReport.REDIS_UP, ReadEndpoint.Kind.CACHED, 20_000, 10.0, 49_999, 0).goalMet());
        assertFalse(row(ReadPhaseReport.REDIS_UP, ReadEndpoint.Kind.CACHED, 19_990, 10.0, 10_000, 0).goalMet(),
                "1,999 req/s");
        assertFalse(row(ReadPhaseReport.REDIS_UP, ReadEndpoint.Kind.CACHED, 30_000, 10.0, 50_000, 0).goalMet(),
                "p99 of 50 ms");
        assertFalse(row(ReadPhaseReport.REDIS_UP, ReadEndpoint.Kind.CACHED, 30_000, 10.0, 1_000, 1).goalMet(),
                "one error");
    }

    @Test
    void aFreshRowNeedsAP99Under300MsAndARedisDownRowUnder500Ms() {
        assertTrue(row(ReadPhaseReport.REDIS_UP, ReadEndpoint.Kind.FRESH, 500, 10.0, 299_000, 0).goalMet());
        assertFalse(row(ReadPhaseReport.REDIS_UP, ReadEndpoint.Kind.FRESH, 500, 10.0, 300_000, 0).goalMet());
        assertTrue(row(ReadPhaseReport.REDIS_DOWN, ReadEndpoint.Kind.CACHED, 500, 10.0, 499_000, 0).goalMet(),
                "no rate goal with Redis down");
        assertFalse(row(ReadPhaseReport.REDIS_DOWN, ReadEndpoint.Kind.FRESH, 500, 10.0, 500_000, 0).goalMet());
        assertFalse(row(ReadPhaseReport.REDIS_UP, ReadEndpoint.Kind.FRESH, 0, 0, 0, 0).goalMet(), "nothing measured");
    }

    @Test
    void theJsonHasTheLoadAndOneObjectPerRow() throws Exception {
        Map<String, Object> samples = new LinkedHashMap<>();
        samples.put("productsEstimate", 5_000_000L);
        ReadPhaseReport report = new ReadPhaseReport(ReadPhaseOptions.defaults(), samples, "ran",
                List.of(row(ReadPhaseReport.REDIS_UP, ReadEndpoint.Kind.CACHED, 25_000, 10.0, 12_345, 0),
                        row(ReadPhaseReport.REDIS_DOWN, ReadEndpoint.Kind.CACHED, 3_000, 10.0, 600_000, 2)));

        String json = new ObjectMapper().writeValueAsString(report.json());

        assertEquals("{\"clients\":64,\"secondsPerRow\":10.0,\"warmUpSecondsPerRow\":2.0,\"requestTimeoutSeconds\":5.0,"
                + "\"samples\":{\"productsEstimate\":5000000},\"redisDown\":\"ran\",\"goalsMet\":1,\"goals\":2,\"rows\":["
                + "{\"pass\":\"redis up\",\"endpoint\":\"summary\",\"kind\":\"cached\",\"request\":\"GET /api/summary\","
                + "\"requests\":25000,\"seconds\":10.0,\"requestsPerSecond\":2500.0,\"p50Ms\":1.5,\"p99Ms\":12.35,"
                + "\"maxMs\":22.35,\"errors\":0,\"errorsByKind\":{},\"firstError\":null,\"cache\":{\"online\":25000},"
                + "\"goal\":\"≥ 2000 req/s, p99 < 50 ms, 0 errors\",\"goalMet\":true,\"note\":null},"
                + "{\"pass\":\"redis down\",\"endpoint\":\"summary\",\"kind\":\"cached\",\"request\":\"GET /api/summary\","
                + "\"requests\":3000,\"seconds\":10.0,\"requestsPerSecond\":300.0,\"p50Ms\":1.5,\"p99Ms\":600.0,"
                + "\"maxMs\":610.0,\"errors\":2,\"errorsByKind\":{\"503\":2},"
                + "\"firstError\":\"503 {\\\"error\\\":\\\"Service Unavailable\\\"}\",\"cache\":{\"online\":2998},"
                + "\"goal\":\"p99 < 500 ms, 0 errors\",\"goalMet\":false,\"note\":null}]}", json);
    }

    @Test
    void theTablePrintsEachRowWithItsGoalAndTheFirstError() {
        ReadPhaseReport.Row fresh = new ReadPhaseReport.Row(ReadPhaseReport.REDIS_UP, "search sku prefix, fresh",
                ReadEndpoint.Kind.FRESH, "GET /api/products?q=<new sku prefix>", 12_000, 10.0, 20_000, 250_000, 400_000,
                0, Map.of(), null, Map.of("miss", 12_000L),
                "fresh keys ran out after 9.0 of 10 s: only 12,000 distinct keys sampled");
        ReadPhaseReport report = new ReadPhaseReport(ReadPhaseOptions.defaults(), Map.of(), "ran",
                List.of(row(ReadPhaseReport.REDIS_DOWN, ReadEndpoint.Kind.CACHED, 3_000, 10.0, 600_000, 2), fresh));

        String table = report.table();

        assertEquals(String.join(System.lineSeparator(),
                "Reads: 64 clients, 10 s per row after 2 s warm-up, 5 s timeout",
                "pass        endpoint                                req/s    p50 ms    p99 ms    max ms   errors  cache                   goal",
                "redis down  summary                                   300       1.5     600.0     610.0        2  online 100%             MISSED (p99 < 500 ms, 0 errors)",
                "            first error: 503 {\"error\":\"Service Unavailable\"}",
                "redis up    search sku prefix, fresh                1,200      20.0     250.0     400.0        0  miss 100%               met (p99 < 300 ms, 0 errors)",
                "            fresh keys ran out after 9.0 of 10 s: only 12,000 distinct keys sampled",
                "Redis-down pass: ran. Goals met: 1 of 2", ""), table);
    }

    @Test
    void secondsArePrintedWithoutAnEmptyFraction() {
        assertEquals(List.of("10", "0.5", "2"), List.of(ReadPhaseReport.seconds(Duration.ofSeconds(10)),
                ReadPhaseReport.seconds(Duration.ofMillis(500)), ReadPhaseReport.seconds(Duration.ofMillis(2000))));
    }

    @Test
    void cacheSharesAreOfAllRequests() {
        assertEquals("hit 75% miss 25%", ReadPhaseReport.shares(Map.of("miss", 25L, "hit", 75L), 100));
        assertEquals("-", ReadPhaseReport.shares(Map.of(), 100));
    }
}
