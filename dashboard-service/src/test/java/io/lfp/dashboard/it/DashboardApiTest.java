package io.lfp.dashboard.it;

import static io.lfp.dashboard.it.Api.assertJson;
import static io.lfp.dashboard.it.Api.get;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.lfp.events.AggregatesChanged;
import io.lfp.events.IngestFinished;
import io.lfp.events.IngestProgressed;
import io.lfp.events.IngestState;
import io.lfp.events.Topics;
import io.lfp.localinfra.LocalInfraTestResource;
import io.lfp.testing.Management;
import io.lfp.testing.TestKafka;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

/** The JSON API against real PostgreSQL, Kafka and Redis, driven by the events other services send. */
@QuarkusTest
@TestSecurity(user = "tester", roles = "viewer")
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
        double refreshes = Management.counter("dashboard_cache_refreshes_total", "view=\"summary\"");

        publishAggregatesChanged();
        await().atMost(EVENT_WAIT).until(() -> redisGet("lfp:dashboard:top-names") != null);

        JsonNode summaryView = json.readTree(redisGet("lfp:dashboard:summary"));
        assertEquals(8, summaryView.get("products").asLong());
        assertEquals(4, summaryView.get("names").asLong());
        assertEquals(2, summaryView.get("uploads").asLong());
        assertJson("{\"items\":" + Catalog.TOP_NAMES + "}", redisGet("lfp:dashboard:top-names"));
        assertEquals("1", redisGet("lfp:dashboard:products-version"));
        assertTrue(Management.counter("dashboard_cache_refreshes_total", "view=\"summary\"") >= refreshes + 1);

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
    void searchesBySkuPrefixBySkuThenByNamePrefixByName() {
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
                          {"sku":"SKU-020","name":"Gadget","description":"Red"},
                          {"sku":"SKU-010","name":"Gizmo","description":"Line one\\nline two, with a comma"}],
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
        double misses = Management.counter("dashboard_cache_requests_total", "result=\"miss\"", "view=\"products\"");

        String first = get("/api/products?q=SKU-01");
        assertEquals(misses + 1,
                Management.counter("dashboard_cache_requests_total", "result=\"miss\"", "view=\"products\""));
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

        publishAggregatesChanged(null);
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
        assertBadRequest("/api/products?page=-1", "page must be between 0 and 500, got -1");
        assertBadRequest("/api/products?page=abc", "page must be a whole number, got 'abc'");
        assertBadRequest("/api/aggregates?top=0", "top must be between 1 and 1000, got 0");
        assertBadRequest("/api/aggregates?top=1001", "top must be between 1 and 1000, got 1001");
        assertBadRequest("/api/aggregates?top=ten", "top must be a whole number, got 'ten'");
        assertBadRequest("/api/aggregates/table?size=0", "size must be between 1 and 200, got 0");
        assertBadRequest("/api/aggregates/table?page=-1", "page must be between 0 and 500, got -1");
        assertBadRequest("/api/aggregates/table?sort=size", "sort must be count or name, got 'size'");
        assertBadRequest("/api/aggregates/table?dir=up", "dir must be asc or desc, got 'up'");
    }

    @Test
    void uploadsNewestFirstWithLiveProgressWhileRunning() {
        assertJson("{\"items\":[" + Catalog.RUNNING_UPLOAD_JSON + "," + Catalog.FIRST_UPLOAD_JSON
                + "],\"cache\":\"online\"}", Catalog.withoutClockFields(json, get("/api/uploads")));

        String id = Catalog.RUNNING_UPLOAD.toString();
        Instant started = Catalog.T0.plusSeconds(61);
        new TestKafka(json).send(Topics.INGEST_PROGRESS, id, new IngestProgressed(IngestProgressed.VERSION, id,
                IngestState.INGESTING, 1500, 2000, 15, 14, 1, 14, started, started.plusSeconds(5), 4, 3, 0, 20));
        // 15 rows in the 5 s between start and the event: 3 rows/s, the 5 left take 2 s.
        String live = """
                {"id":"00000000-0000-0000-0000-000000000002","filename":"products-b.csv","status":"INGESTING",
                 "sizeBytes":2000,"bytesRead":1500,"rowsRead":15,"rowsLoaded":14,"rowsRejected":1,
                 "productsWritten":14,"error":null,"createdAt":"2026-01-01T10:01:00Z",
                 "startedAt":"2026-01-01T10:01:01Z","finishedAt":null,"aggregatedAt":null,
                 "chunksTotal":4,"chunksDone":3,"chunksFailed":0,"recordsTotal":20,
                 "rowsPerSecond":3.0,"etaSeconds":2,"durationSeconds":5.0,"uploadedBy":"bob"}""";
        await().atMost(EVENT_WAIT).untilAsserted(() -> assertJson(
                "{\"items\":[" + live + "," + Catalog.FIRST_UPLOAD_JSON + "],\"cache\":\"online\"}",
                get("/api/uploads")));
        assertTrue(redisGet("lfp:dashboard:progress:" + id).contains("\"bytesRead\":1500"));
        assertJson(live.replace("{\"id\"", "{\"cache\":\"online\",\"id\""), get("/api/uploads/" + id));

        new TestKafka(json).send(Topics.INGEST_FINISHED, id, new IngestFinished(IngestFinished.VERSION, id,
                IngestState.COMPLETED_WITH_ERRORS, 20, 19, 1, 19, started, started.plusSeconds(9), null, 4, 0));
        String finished = """
                {"id":"00000000-0000-0000-0000-000000000002","filename":"products-b.csv",
                 "status":"COMPLETED_WITH_ERRORS","sizeBytes":2000,"bytesRead":2000,"rowsRead":20,
                 "rowsLoaded":19,"rowsRejected":1,"productsWritten":19,"error":null,
                 "createdAt":"2026-01-01T10:01:00Z","startedAt":"2026-01-01T10:01:01Z",
                 "finishedAt":"2026-01-01T10:01:10Z","aggregatedAt":null,
                 "chunksTotal":4,"chunksDone":4,"chunksFailed":0,"recordsTotal":20,
                 "rowsPerSecond":2.2222222222222223,"etaSeconds":0,"durationSeconds":9.0,
                 "uploadedBy":"bob"}""";
        await().atMost(EVENT_WAIT).untilAsserted(() -> assertJson(
                "{\"items\":[" + finished + "," + Catalog.FIRST_UPLOAD_JSON + "],\"cache\":\"online\"}",
                get("/api/uploads")));
    }

    @Test
    void aRunningUploadWithoutEventsIsMeasuredUpToNow() throws Exception {
        Instant started = Catalog.T0.plusSeconds(61);
        double before = java.time.Duration.between(started, Instant.now()).toNanos() / 1e9;
        JsonNode running = json.readTree(get("/api/uploads")).get("items").get(0);
        double after = java.time.Duration.between(started, Instant.now()).toNanos() / 1e9;

        assertEquals(Catalog.RUNNING_UPLOAD.toString(), running.get("id").asText());
        double duration = running.get("durationSeconds").asDouble();
        assertTrue(duration >= before && duration <= after, duration + " not in [" + before + ", " + after + "]");
        assertEquals(5 / duration, running.get("rowsPerSecond").asDouble(), 1e-12);
        assertEquals(Math.round(15 / (5 / duration)), running.get("etaSeconds").asLong());
    }

    @Test
    void oneUploadByIdOr404() {
        assertJson(Catalog.FIRST_UPLOAD_JSON.replace("{\"id\"", "{\"cache\":\"online\",\"id\""),
                get("/api/uploads/" + Catalog.FIRST_UPLOAD));
        assertJson(Catalog.RUNNING_UPLOAD_JSON.replace("{\"id\"", "{\"cache\":\"online\",\"id\""),
                Catalog.withoutClockFields(json, get("/api/uploads/" + Catalog.RUNNING_UPLOAD)));
        assertNotFound("/api/uploads/00000000-0000-0000-0000-000000000099", "Upload not found",
                "No upload with id '00000000-0000-0000-0000-000000000099'");
        assertNotFound("/api/uploads/not-an-id", "Upload not found", "No upload with id 'not-an-id'");
    }

    @Test
    void theAggregateTablePagesSortsAndFilters() {
        assertJson("""
                {"items":[{"name":"Widget","count":3},{"name":"Bolt","count":2},{"name":"Gadget","count":2},
                          {"name":"Gizmo","count":1}],"page":0,"size":25,"total":4,"cache":"online"}""",
                get("/api/aggregates/table"));
        assertNotNull(redisGet("lfp:dashboard:aggregate-table:v0:count:desc:25:0:"));
        assertJson("""
                {"items":[{"name":"Gizmo","count":1},{"name":"Gadget","count":2},{"name":"Bolt","count":2},
                          {"name":"Widget","count":3}],"page":0,"size":25,"total":4,"cache":"online"}""",
                get("/api/aggregates/table?sort=count&dir=asc"));
        assertJson("""
                {"items":[{"name":"Bolt","count":2},{"name":"Gadget","count":2},{"name":"Gizmo","count":1},
                          {"name":"Widget","count":3}],"page":0,"size":25,"total":4,"cache":"online"}""",
                get("/api/aggregates/table?sort=name"));
        assertJson("""
                {"items":[{"name":"Gadget","count":2},{"name":"Bolt","count":2}],
                 "page":1,"size":2,"total":4,"cache":"online"}""",
                get("/api/aggregates/table?sort=name&dir=desc&size=2&page=1"));
        assertJson("""
                {"items":[{"name":"Gadget","count":2},{"name":"Gizmo","count":1}],
                 "page":1,"size":2,"total":4,"cache":"online"}""",
                get("/api/aggregates/table?size=2&page=1"));
        assertJson("""
                {"items":[{"name":"Gadget","count":2},{"name":"Gizmo","count":1}],
                 "page":0,"size":25,"total":2,"cache":"online"}""",
                get("/api/aggregates/table?q=G"));
        assertJson("{\"items\":[],\"page\":9,\"size\":25,\"total\":4,\"cache\":\"online\"}",
                get("/api/aggregates/table?page=9"));
    }

    @Test
    void oneNameCountOr404() {
        FixtureDb.product("SKU-900", "AC/DC Tee", "a name with a slash and a space");
        FixtureDb.recomputeCounts();
        assertJson("{\"name\":\"Widget\",\"count\":3,\"cache\":\"online\"}", get("/api/aggregates/Widget"));
        assertJson("{\"name\":\"AC/DC Tee\",\"count\":1,\"cache\":\"online\"}",
                given().urlEncodingEnabled(false).get("/api/aggregates/AC%2FDC%20Tee").then().statusCode(200)
                        .extract().asString());
        assertNotNull(redisGet("lfp:dashboard:name:v0:Widget"));
        assertNotFound("/api/aggregates/Nobody", "Name not found", "No products named 'Nobody'");
        // Names are exact and case-sensitive: a prefix or another case is not the name.
        assertNotFound("/api/aggregates/Widge", "Name not found", "No products named 'Widge'");
        assertNotFound("/api/aggregates/widget", "Name not found", "No products named 'widget'");
    }

    @Test
    void configTellsThePageWhereTheOtherServicesAre() {
        assertJson("""
                {"uploadServiceUrl":"http://127.0.0.1:8081"}""",
                get("/api/config"));
    }

    private void publishAggregatesChanged() {
        publishAggregatesChanged(Catalog.RUNNING_UPLOAD.toString());
    }

    /** uploadId null: a single product was edited (ingest-worker's product API), not an upload. */
    private void publishAggregatesChanged(String uploadId) {
        new TestKafka(json).send(Topics.AGGREGATES_CHANGED, uploadId,
                new AggregatesChanged(AggregatesChanged.VERSION, uploadId, 8, 4, Instant.now()));
    }

    @Test
    void aBadParameterIsQuotedAsSentNotInterpreted() {
        String body = given().queryParam("top", "${1+1}{max}").get("/api/aggregates").then().statusCode(400)
                .contentType("application/json").extract().asString();
        assertJson(json.createObjectNode().put("error", "Invalid parameter")
                .put("detail", "top must be a whole number, got '${1+1}{max}'").toString(), body);
    }

    private void assertNotFound(String url, String error, String detail) {
        String body = given().get(url).then().statusCode(404).contentType("application/json").extract().asString();
        assertJson(json.createObjectNode().put("error", error).put("detail", detail).toString(), body);
    }

    private void assertBadRequest(String url, String detail) {
        String body = given().get(url).then().statusCode(400).contentType("application/json").extract().asString();
        ObjectNode expected = json.createObjectNode().put("error", "Invalid parameter").put("detail", detail);
        assertJson(expected.toString(), body);
    }

    private static double hits(String view) {
        return Management.counter("dashboard_cache_requests_total", "result=\"hit\"", "view=\"" + view + "\"");
    }

    private String redisGet(String key) {
        return redis.value(String.class).get(key);
    }
}
