package io.lfp.dashboard.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lfp.events.AggregatesChanged;
import io.lfp.events.IngestFinished;
import io.lfp.events.IngestProgressed;
import io.lfp.events.IngestState;
import io.lfp.events.Topics;
import io.lfp.localinfra.LocalInfraTestResource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The JSON API against real PostgreSQL, Kafka and Redis, driven by the events other services send. */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
class DashboardApiTest {

    private static final Duration EVENT_WAIT = Duration.ofSeconds(30);

    @Inject
    ObjectMapper json;

    @Inject
    RedisDataSource redis;

    @BeforeEach
    void freshData() {
        Catalog.load();
        redis.flushall();
    }

    @Test
    void aggregatesChangedRebuildsSummaryAndTopNamesInRedis() throws Exception {
        double refreshes = Metrics.counter("dashboard_cache_refreshes_total", "view=\"summary\"");

        publishAggregatesChanged();
        await().atMost(EVENT_WAIT).until(() -> redisGet("lfp:dashboard:top-names") != null);

        JsonNode summaryView = json.readTree(redisGet("lfp:dashboard:summary"));
        assertEquals(8, summaryView.get("products").asLong());
        assertEquals(4, summaryView.get("names").asLong());
        assertEquals(2, summaryView.get("uploads").asLong());
        assertJson("{\"items\":" + Catalog.TOP_NAMES + "}", redisGet("lfp:dashboard:top-names"));
        assertEquals("1", redisGet("lfp:dashboard:products-version"));
        assertTrue(Metrics.counter("dashboard_cache_refreshes_total", "view=\"summary\"") >= refreshes + 1);

        // Served from the view the event built: same refreshedAt as stored.
        String summary = given().get("/api/summary").then().statusCode(200).extract().asString();
        assertJson("{\"products\":8,\"names\":4,\"uploads\":2,\"cache\":\"online\",\"refreshedAt\":"
                + json.writeValueAsString(summaryView.get("refreshedAt").asText()) + "}", summary);
        Instant.parse(summaryView.get("refreshedAt").asText());

        assertJson("{\"items\":" + Catalog.TOP_NAMES + ",\"cache\":\"online\"}", get("/api/aggregates"));
        assertJson("""
                {"items":[{"name":"Widget","count":3},{"name":"Bolt","count":2}],"cache":"online"}""",
                get("/api/aggregates?top=2"));
        assertJson("""
                {"items":[{"name":"Gadget","count":2},{"name":"Gizmo","count":1}],"cache":"online"}""",
                get("/api/aggregates?q=G"));
        assertJson("{\"items\":[],\"cache\":\"online\"}", get("/api/aggregates?q=g"));
    }

    @Test
    void searchesBySkuPrefixAndByNamePrefixPageBySku() {
        assertJson("""
                {"items":[{"sku":"SKU-001","name":"Widget","description":"A small widget"},
                          {"sku":"SKU-002","name":"Widget","description":"<script>alert(1)</script>"},
                          {"sku":"SKU-003","name":"Gadget","description":"<img src=x onerror=alert(1)>"}],
                 "page":0,"size":20,"total":3,"cache":"online"}""", get("/api/products?q=SKU-00"));
        assertJson("""
                {"items":[{"sku":"SKU-001","name":"Widget","description":"A small widget"},
                          {"sku":"SKU-002","name":"Widget","description":"<script>alert(1)</script>"},
                          {"sku":"SKU-011","name":"Widget","description":"Blue"}],
                 "page":0,"size":20,"total":3,"cache":"online"}""", get("/api/products?q=Widget"));
        assertJson("""
                {"items":[{"sku":"SKU-003","name":"Gadget","description":"<img src=x onerror=alert(1)>"},
                          {"sku":"SKU-010","name":"Gizmo","description":"Line one\\nline two, with a comma"},
                          {"sku":"SKU-020","name":"Gadget","description":"Red"}],
                 "page":0,"size":20,"total":3,"cache":"online"}""", get("/api/products?q=G"));
        assertJson("""
                {"items":[{"sku":"SKU-002","name":"Widget","description":"<script>alert(1)</script>"},
                          {"sku":"SKU-003","name":"Gadget","description":"<img src=x onerror=alert(1)>"},
                          {"sku":"SKU-010","name":"Gizmo","description":"Line one\\nline two, with a comma"}],
                 "page":1,"size":3,"total":8,"cache":"online"}""", get("/api/products?page=1&size=3"));
        assertJson("{\"items\":[],\"page\":3,\"size\":3,\"total\":8,\"cache\":\"online\"}",
                get("/api/products?q=&page=3&size=3"));
        // % is not a wildcard for users
        assertJson("{\"items\":[],\"page\":0,\"size\":20,\"total\":0,\"cache\":\"online\"}",
                get("/api/products?q=SKU%25"));
    }

    @Test
    void aRepeatedSearchIsACacheHit() {
        double hits = hits("products");
        double misses = Metrics.counter("dashboard_cache_requests_total", "result=\"miss\"", "view=\"products\"");

        String first = get("/api/products?q=SKU-01");
        assertEquals(misses + 1,
                Metrics.counter("dashboard_cache_requests_total", "result=\"miss\"", "view=\"products\""));
        assertEquals(hits, hits("products"));
        assertNotNull(redisGet("lfp:dashboard:products:v0:20:0:SKU-01"));

        assertEquals(first, get("/api/products?q=SKU-01"));
        assertEquals(hits + 1, hits("products"));
        assertJson("""
                {"items":[{"sku":"SKU-010","name":"Gizmo","description":"Line one\\nline two, with a comma"},
                          {"sku":"SKU-011","name":"Widget","description":"Blue"}],
                 "page":0,"size":20,"total":2,"cache":"online"}""", first);
    }

    @Test
    void aProductChangeShowsAfterAggregatesChanged() {
        String before = """
                {"items":[{"sku":"SKU-001","name":"Widget","description":"A small widget"},
                          {"sku":"SKU-002","name":"Widget","description":"<script>alert(1)</script>"},
                          {"sku":"SKU-011","name":"Widget","description":"Blue"}],
                 "page":0,"size":20,"total":3,"cache":"online"}""";
        assertJson(before, get("/api/products?q=Widget"));

        FixtureDb.product("SKU-011", "Gadget", "Blue, renamed");
        FixtureDb.recomputeCounts();
        // Until the event says the data changed, the cached page is what users get.
        assertJson(before, get("/api/products?q=Widget"));

        publishAggregatesChanged();
        String after = """
                {"items":[{"sku":"SKU-001","name":"Widget","description":"A small widget"},
                          {"sku":"SKU-002","name":"Widget","description":"<script>alert(1)</script>"}],
                 "page":0,"size":20,"total":2,"cache":"online"}""";
        await().atMost(EVENT_WAIT).untilAsserted(() -> assertJson(after, get("/api/products?q=Widget")));
        await().atMost(EVENT_WAIT).untilAsserted(() -> assertJson("""
                {"items":[{"name":"Gadget","count":3},{"name":"Bolt","count":2},{"name":"Widget","count":2},
                          {"name":"Gizmo","count":1}],"cache":"online"}""", get("/api/aggregates")));
        assertJson("""
                {"sku":"SKU-011","name":"Gadget","description":"Blue, renamed","cache":"online"}""",
                get("/api/products/SKU-011"));
    }

    @Test
    void oneProductBySkuOr404() {
        assertJson("""
                {"sku":"SKU-003","name":"Gadget","description":"<img src=x onerror=alert(1)>","cache":"online"}""",
                get("/api/products/SKU-003"));
        String missing = given().get("/api/products/NOPE-9").then().statusCode(404)
                .contentType("application/json").extract().asString();
        assertJson("{\"error\":\"Product not found\",\"detail\":\"No product with sku 'NOPE-9'\"}", missing);
    }

    @Test
    void badParametersAre400WithAReason() {
        assertBadRequest("/api/products?size=0", "size must be between 1 and 200, got 0");
        assertBadRequest("/api/products?size=201", "size must be between 1 and 200, got 201");
        assertBadRequest("/api/products?page=-1", "page must be at least 0, got -1");
        assertBadRequest("/api/products?page=abc", "page must be a whole number, got 'abc'");
        assertBadRequest("/api/aggregates?top=0", "top must be between 1 and 1000, got 0");
        assertBadRequest("/api/aggregates?top=1001", "top must be between 1 and 1000, got 1001");
        assertBadRequest("/api/aggregates?top=ten", "top must be a whole number, got 'ten'");
    }

    @Test
    void uploadsNewestFirstWithLiveProgressWhileRunning() {
        assertJson("{\"items\":[" + Catalog.RUNNING_UPLOAD_JSON + "," + Catalog.FIRST_UPLOAD_JSON
                + "],\"cache\":\"online\"}", get("/api/uploads"));

        String id = Catalog.RUNNING_UPLOAD.toString();
        Instant started = Catalog.T0.plusSeconds(61);
        TestEvents.send(json, Topics.INGEST_PROGRESS, id, new IngestProgressed(IngestProgressed.VERSION, id,
                IngestState.INGESTING, 1500, 2000, 15, 14, 1, 14, started, started.plusSeconds(5)));
        String live = """
                {"id":"00000000-0000-0000-0000-000000000002","filename":"products-b.csv","status":"INGESTING",
                 "sizeBytes":2000,"bytesRead":1500,"rowsRead":15,"rowsLoaded":14,"rowsRejected":1,
                 "productsWritten":14,"error":null,"createdAt":"2026-01-01T10:01:00Z",
                 "startedAt":"2026-01-01T10:01:01Z","finishedAt":null,"aggregatedAt":null}""";
        await().atMost(EVENT_WAIT).untilAsserted(() -> assertJson(
                "{\"items\":[" + live + "," + Catalog.FIRST_UPLOAD_JSON + "],\"cache\":\"online\"}",
                get("/api/uploads")));
        assertTrue(redisGet("lfp:dashboard:progress:" + id).contains("\"bytesRead\":1500"));

        TestEvents.send(json, Topics.INGEST_FINISHED, id, new IngestFinished(IngestFinished.VERSION, id,
                IngestState.COMPLETED_WITH_ERRORS, 20, 19, 1, 19, started, started.plusSeconds(9), null));
        String finished = """
                {"id":"00000000-0000-0000-0000-000000000002","filename":"products-b.csv",
                 "status":"COMPLETED_WITH_ERRORS","sizeBytes":2000,"bytesRead":2000,"rowsRead":20,
                 "rowsLoaded":19,"rowsRejected":1,"productsWritten":19,"error":null,
                 "createdAt":"2026-01-01T10:01:00Z","startedAt":"2026-01-01T10:01:01Z",
                 "finishedAt":"2026-01-01T10:01:10Z","aggregatedAt":null}""";
        await().atMost(EVENT_WAIT).untilAsserted(() -> assertJson(
                "{\"items\":[" + finished + "," + Catalog.FIRST_UPLOAD_JSON + "],\"cache\":\"online\"}",
                get("/api/uploads")));
    }

    private void publishAggregatesChanged() {
        TestEvents.send(json, Topics.AGGREGATES_CHANGED, Catalog.RUNNING_UPLOAD.toString(),
                new AggregatesChanged(AggregatesChanged.VERSION, Catalog.RUNNING_UPLOAD.toString(), 8, 4,
                        Instant.now()));
    }

    private void assertBadRequest(String url, String detail) {
        String body = given().get(url).then().statusCode(400).contentType("application/json").extract().asString();
        ObjectNode expected = json.createObjectNode().put("error", "Invalid parameter").put("detail", detail);
        assertJson(expected.toString(), body);
    }

    private static double hits(String view) {
        return Metrics.counter("dashboard_cache_requests_total", "result=\"hit\"", "view=\"" + view + "\"");
    }

    private String redisGet(String key) {
        return redis.value(String.class).get(key);
    }

    static String get(String url) {
        return given().get(url).then().statusCode(200).contentType("application/json").extract().asString();
    }

    void assertJson(String expected, String actual) {
        try {
            assertEquals(json.readTree(expected), json.readTree(actual), actual);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
