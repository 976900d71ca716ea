package io.lfp.dashboard.it;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.lfp.localinfra.LocalInfraTestResource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;
import io.restassured.response.Response;

/**
 * What keeps the dashboard's memory and database time bounded whatever clients do: at most 2 live-stream
 * clients here, queries cut at 1 s, page numbers up to 3 (deeper pages by keyset cursor), matches counted up
 * to 30.
 */
@QuarkusTest
@TestSecurity(user = "tester", roles = "viewer")
@WithTestResource(LocalInfraTestResource.class)
@TestProfile(DashboardLimitsTest.Limits.class)
class DashboardLimitsTest {

    public static class Limits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("lfp.dashboard.stream-max-clients", "2",
                    "lfp.dashboard.statement-timeout", "1s",
                    "lfp.dashboard.max-page", "3",
                    "lfp.dashboard.count-limit", "30");
        }
    }

    private static final Duration EVENT_WAIT = Duration.ofSeconds(30);

    @Inject
    ObjectMapper json;

    @Inject
    RedisDataSource redis;

    @BeforeEach
    void freshData() throws Exception {
        // this profile's class loader registers its own copy of the driver for FixtureDb's DriverManager calls
        Class.forName("org.postgresql.Driver");
        FixtureDb.reset();
        List<String[]> rows = new ArrayList<>();
        for (int i = 0; i < 47; i++) {
            rows.add(new String[] { String.format("SKU-%03d", i), "Name " + (char) ('A' + i % 7) + (i % 3),
                    "d" + i });
        }
        FixtureDb.products(rows);
        FixtureDb.recomputeCounts();
        redis.flushall();
    }

    @Test
    void liveStreamPastItsClientCapIsRefusedWith503AndRetryAfter() throws Exception {
        try (SseClient first = SseClient.open("/api/uploads/stream")) {
            assertEquals("uploads", first.next(EVENT_WAIT).name());
            try (SseClient second = SseClient.open("/api/uploads/stream")) {
                assertEquals("uploads", second.next(EVENT_WAIT).name());

                Response refused = given().accept("text/event-stream").get("/api/uploads/stream");
                assertEquals(503, refused.statusCode());
                assertEquals("10", refused.header("Retry-After"));
                assertEquals(Map.of("error", "Too many live clients", "detail",
                        "2 clients are connected to the live stream already; retry in 10 s (the page reads the "
                                + "uploads list meanwhile)"),
                        json.readValue(refused.asString(), Map.class));
            }
            // a client that left frees its place
            await().atMost(EVENT_WAIT).until(() -> {
                try (SseClient third = SseClient.open("/api/uploads/stream")) {
                    return "uploads".equals(third.next(Duration.ofSeconds(5)).name());
                } catch (AssertionError notYet) {
                    return false;
                }
            });
        }
    }

    @Test
    void queryPastTheStatementTimeoutAnswers503() throws Exception {
        String url = "/api/products?q=SKU-01";
        try (Connection db = connect()) {
            db.setAutoCommit(false);
            try (Statement sql = db.createStatement()) {
                // the dashboard's query waits for this lock until statement_timeout cancels it
                sql.execute("LOCK TABLE products IN ACCESS EXCLUSIVE MODE");
                Response timedOut = given().get(url);
                assertEquals(503, timedOut.statusCode());
                assertEquals(Map.of("error", "Query timed out",
                        "detail", "The database did not answer within 1000 ms; try again, or narrow the search"),
                        json.readValue(timedOut.asString(), Map.class));
            } finally {
                db.rollback();
            }
        }
        assertEquals(10, json.readTree(Api.get(url)).get("items").size());
    }

    @Test
    void deepProductPagesByKeysetEqualTheWholeListInOrder() throws Exception {
        List<JsonNode> all = items("/api/products?size=200");
        assertEquals(47, all.size());

        List<JsonNode> walked = new ArrayList<>();
        List<JsonNode> page = items("/api/products?size=5");
        while (!page.isEmpty()) {
            walked.addAll(page);
            String last = page.get(page.size() - 1).get("sku").asText();
            JsonNode body = json.readTree(given().queryParam("size", 5).queryParam("after", last)
                    .get("/api/products").then().statusCode(200).extract().asString());
            assertEquals(30, body.get("total").asLong());
            assertEquals(true, body.get("totalCapped").asBoolean());
            page = list(body.get("items"));
        }
        assertEquals(all, walked);
        // the same with a search: only matches, still in sku order
        assertEquals(items("/api/products?q=SKU-02&size=200").subList(3, 10),
                items("/api/products?q=SKU-02&size=200&after=SKU-022"));

        assertBadRequest("/api/products?page=4&size=5", "page must be between 0 and 3, got 4");
        assertBadRequest("/api/products?page=1&after=SKU-001", "page and after cannot be used together");
    }

    @Test
    void matchesAreCountedUpToTheLimitThenSaidToBeMore() throws Exception {
        JsonNode all = json.readTree(Api.get("/api/products?size=2"));
        assertEquals(30, all.get("total").asLong());
        assertEquals(true, all.get("totalCapped").asBoolean());
        // 47 products named "Name …": the name part alone passes the limit
        JsonNode names = json.readTree(Api.get("/api/products?q=Name&size=2"));
        assertEquals(30, names.get("total").asLong());
        assertEquals(true, names.get("totalCapped").asBoolean());
        // up to the limit the count is exact and says nothing more
        JsonNode ten = json.readTree(Api.get("/api/products?q=SKU-01&size=2"));
        assertEquals(10, ten.get("total").asLong());
        assertEquals(false, ten.has("totalCapped"));
        JsonNode table = json.readTree(Api.get("/api/aggregates/table?size=2"));
        assertEquals(21, table.get("total").asLong());
        assertEquals(false, table.has("totalCapped"));
    }

    @Test
    void deepAggregatePagesByKeysetEqualTheWholeTableInEveryOrder() throws Exception {
        for (String order : List.of("sort=count&dir=desc", "sort=count&dir=asc", "sort=name&dir=asc",
                "sort=name&dir=desc")) {
            List<JsonNode> all = items("/api/aggregates/table?size=200&" + order);
            assertEquals(21, all.size(), order);
            List<JsonNode> walked = new ArrayList<>();
            List<JsonNode> page = items("/api/aggregates/table?size=4&" + order);
            while (!page.isEmpty()) {
                walked.addAll(page);
                JsonNode last = page.get(page.size() - 1);
                page = list(json.readTree(given().queryParam("afterName", last.get("name").asText())
                        .queryParam("afterCount", last.get("count").asLong())
                        .get("/api/aggregates/table?size=4&" + order).then().statusCode(200).extract().asString())
                        .get("items"));
            }
            assertEquals(all, walked, order);
        }
        assertBadRequest("/api/aggregates/table?page=4", "page must be between 0 and 3, got 4");
        assertBadRequest("/api/aggregates/table?sort=count&afterName=Name%20A0", "afterCount is required here");
    }

    private List<JsonNode> items(String url) throws Exception {
        return list(json.readTree(Api.get(url)).get("items"));
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        array.forEach(out::add);
        return out;
    }

    private void assertBadRequest(String url, String detail) throws Exception {
        Response response = given().get(url);
        assertEquals(400, response.statusCode(), response.asString());
        assertEquals(Map.of("error", "Invalid parameter", "detail", detail),
                json.readValue(response.asString(), Map.class));
    }

    /** As the superuser: the dashboard's own role may not lock a table. */
    private static Connection connect() throws Exception {
        var infra = io.lfp.localinfra.LocalInfraTestResource.infra();
        return DriverManager.getConnection(infra.jdbcUrl(), infra.pgUser(), infra.pgPassword());
    }
}
