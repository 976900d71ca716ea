package io.lfp.dashboard.it;

import static io.lfp.dashboard.it.Api.assertJson;
import static io.lfp.dashboard.it.Api.get;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.lfp.localinfra.LocalInfraTestResource;
import io.lfp.testing.Management;
import io.lfp.testing.Sql;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

/** Redis down: every read still answers, from PostgreSQL, saying so; Redis back: views again. */
@QuarkusTest
@TestSecurity(user = "tester", roles = "viewer")
@WithTestResource(LocalInfraTestResource.class)
class RedisOutageTest {

    @Inject
    ObjectMapper json;

    @Inject
    RedisDataSource redis;

    @Test
    void withoutRedisEveryEndpointAnswersFromPostgresAndSaysOffline() throws Exception {
        Catalog.load();
        redis.flushall();
        // Warm the views, so an answer below could only be right if it skipped them.
        get("/api/summary");
        get("/api/products?q=SKU-00");

        LocalInfraTestResource.infra().stopRedis();
        try {
            FixtureDb.product("SKU-001", "Widget", "Changed while Redis was down");

            JsonNode summary = json.readTree(get("/api/summary"));
            assertEquals(8, summary.get("products").asLong());
            assertEquals(4, summary.get("names").asLong());
            assertEquals(2, summary.get("uploads").asLong());
            assertEquals("offline", summary.get("cache").asText());
            Instant.parse(summary.get("refreshedAt").asText());

            assertJson("{\"items\":" + Catalog.TOP_NAMES + ",\"cache\":\"offline\"}", get("/api/aggregates"));
            assertJson("""
                    {"items":[{"name":"Gadget","count":2},{"name":"Gizmo","count":1}],"cache":"offline"}""",
                    get("/api/aggregates?q=G&top=5"));
            assertJson("""
                    {"items":[{"sku":"SKU-001","name":"Widget","description":"Changed while Redis was down"},
                              {"sku":"SKU-002","name":"Widget","description":"<script>alert(1)</script>"},
                              {"sku":"SKU-003","name":"Gadget","description":"<img src=x onerror=alert(1)>"}],
                     "page":0,"size":20,"total":3,"cache":"offline"}""", get("/api/products?q=SKU-00"));
            assertJson("""
                    {"sku":"SKU-020","name":"Gadget","description":"Red","cache":"offline"}""",
                    get("/api/products/SKU-020"));
            assertJson("{\"items\":[" + Catalog.RUNNING_UPLOAD_JSON + "," + Catalog.FIRST_UPLOAD_JSON
                    + "],\"cache\":\"offline\"}", Catalog.withoutClockFields(json, get("/api/uploads")));
            assertJson(Catalog.FIRST_UPLOAD_JSON.replace("{\"id\"", "{\"cache\":\"offline\",\"id\""),
                    get("/api/uploads/" + Catalog.FIRST_UPLOAD));
            assertJson("""
                    {"items":[{"name":"Bolt","count":2},{"name":"Gadget","count":2}],
                     "page":0,"size":2,"total":4,"cache":"offline"}""",
                    get("/api/aggregates/table?sort=name&size=2"));
            assertJson("{\"name\":\"Gadget\",\"count\":2,\"cache\":\"offline\"}", get("/api/aggregates/Gadget"));
            given().get("/api/products/NOPE").then().statusCode(404)
                    .body("error", equalTo("Product not found"));
            given().get("/api/aggregates/Nobody").then().statusCode(404)
                    .body("error", equalTo("Name not found"));

            // The live stream still opens, its first event read from PostgreSQL too.
            try (SseClient stream = SseClient.open("/api/uploads/stream")) {
                SseClient.Event first = stream.next(Duration.ofSeconds(10));
                assertEquals("uploads", first.name());
                assertJson("{\"items\":[" + Catalog.RUNNING_UPLOAD_JSON + "," + Catalog.FIRST_UPLOAD_JSON
                        + "],\"cache\":\"offline\"}", Catalog.withoutClockFields(json, first.data()));
            }

            // Redis is a cache here: its loss must not take the service out of rotation.
            given().get(Management.url("/q/health/ready")).then().statusCode(200).body("status", equalTo("UP"));
        } finally {
            LocalInfraTestResource.infra().startRedis();
        }

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertEquals("online", json.readTree(get("/api/summary")).get("cache").asText()));
        // Rebuilt on reconnect: nothing from before the outage is served.
        assertJson("""
                {"items":[{"sku":"SKU-001","name":"Widget","description":"Changed while Redis was down"},
                          {"sku":"SKU-002","name":"Widget","description":"<script>alert(1)</script>"},
                          {"sku":"SKU-003","name":"Gadget","description":"<img src=x onerror=alert(1)>"}],
                 "page":0,"size":20,"total":3,"cache":"online"}""", get("/api/products?q=SKU-00"));
        assertJson("{\"items\":" + Catalog.TOP_NAMES + ",\"cache\":\"online\"}", get("/api/aggregates"));
        assertJson("{\"items\":[" + Catalog.RUNNING_UPLOAD_JSON + "," + Catalog.FIRST_UPLOAD_JSON
                + "],\"cache\":\"online\"}", Catalog.withoutClockFields(json, get("/api/uploads")));
        // The views the events keep were rebuilt on reconnect, from what PostgreSQL holds now.
        JsonNode summaryView = json.readTree(redis.value(String.class).get("lfp:dashboard:summary"));
        assertEquals(Sql.number("SELECT count(*) FROM products"), summaryView.get("products").asLong());
        assertEquals(Sql.number("SELECT count(*) FROM product_counts WHERE product_count > 0"),
                summaryView.get("names").asLong());
        assertJson("{\"items\":" + Catalog.TOP_NAMES + "}", redis.value(String.class).get("lfp:dashboard:top-names"));
        given().get(Management.url("/q/health/ready")).then().statusCode(200)
                .body("checks.find { it.name == 'redis-views' }.data.cache", equalTo("online"));
    }
}
