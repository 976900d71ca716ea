package io.lfp.dashboard.it;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.lfp.events.AggregatesChanged;
import io.lfp.events.FileUploaded;
import io.lfp.events.IngestFinished;
import io.lfp.events.IngestProgressed;
import io.lfp.events.IngestState;
import io.lfp.events.Topics;
import io.lfp.localinfra.LocalInfraTestResource;
import io.lfp.testing.Sql;
import io.lfp.testing.TestKafka;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

/**
 * After an ingest, and again after single product edits, every view in Redis and every answer of the
 * API equals what PostgreSQL holds, computed here with independent SQL.
 */
@QuarkusTest
@TestSecurity(user = "tester", roles = "viewer")
@WithTestResource(LocalInfraTestResource.class)
class ViewsMatchPostgresTest {

    private static final Duration EVENT_WAIT = Duration.ofSeconds(30);
    private static final UUID UPLOAD = UUID.fromString("00000000-0000-0000-0000-0000000000a1");
    private static final Instant T0 = Instant.parse("2026-02-01T08:00:00Z");
    private static final int PRODUCTS = 300;
    private static final String[] NAMES = { "Aaron Miller", "Abby Stone", "Adam Park", "Alice Wong", "Amy Lee",
            "Ben Ito", "Bob Ray", "Carla Diaz", "Chen Li", "Dana Fox", "Eve Adams", "Fay Moss", "Gus Hill",
            "Hana Kim", "Ivo Petrov", "Jan Novak", "Kai Berg", "Lea Roth", "Max Bauer", "Nia Cole", "O'Brien & Sons",
            "Pia <b>Bold</b>", "Quinn Ash", "Rui Costa", "Sara Noor", "Tom Duval", "Uma Rao", "Vic Hale",
            "Wes Kline", "Xia Wu", "Yara Said", "Zoe Marsh", "50% Off", "under_score", "Ächt Übel", "日本 商品",
            "Zed" };

    @Inject
    ObjectMapper json;

    @Inject
    RedisDataSource redis;

    @Test
    void afterAnIngestAndAfterProductEditsTheViewsHoldWhatPostgresHolds() {
        FixtureDb.reset();
        redis.flushall();
        ingest();
        await().atMost(EVENT_WAIT).untilAsserted(() -> {
            assertEquals("1", redisGet("lfp:dashboard:products-version"));
            assertEventViewsMatchPostgres();
        });
        assertViewsMatchPostgres();

        // Products one by one (ingest-worker's product API): a rename, a delete, a new product; then
        // aggregate-service's recompute and its AggregatesChanged without an upload.
        String renamed = "SKU-00007";
        String renamedFrom = (String) Sql.rows("SELECT name FROM products WHERE sku = ?", renamed).get(0).get(0);
        FixtureDb.product(renamed, "Zed", "renamed by hand");
        FixtureDb.deleteProduct("SKU-00008");
        FixtureDb.product("NEW-1", "Brand New Name", "created by hand <script>alert(1)</script>");
        FixtureDb.recomputeCounts();
        new TestKafka(json).send(Topics.AGGREGATES_CHANGED, null, new AggregatesChanged(AggregatesChanged.VERSION,
                null, PRODUCTS, NAMES.length + 1, Instant.now()));

        await().atMost(EVENT_WAIT).untilAsserted(() -> {
            assertEquals("2", redisGet("lfp:dashboard:products-version"));
            assertEventViewsMatchPostgres();
        });
        assertViewsMatchPostgres();
        assertEquals("Zed", json(api("/api/products/" + renamed)).get("name").asText());
        assertNotEquals("Zed", renamedFrom);
        given().get("/api/products/SKU-00008").then().statusCode(404);
        assertEquals(1, json(api("/api/aggregates/" + path("Brand New Name"))).get("count").asLong());
    }

    /** The data set and the events of one upload, with the table updated as upload-service would. */
    private void ingest() {
        List<String[]> products = new ArrayList<>();
        for (int i = 0; i < PRODUCTS; i++) {
            // Skewed: a few names carry many products, many names carry one or two.
            int name = (int) Math.floor(Math.sqrt((i * 7919L) % (NAMES.length * NAMES.length)));
            products.add(new String[] { "SKU-%05d".formatted(i), NAMES[name], "Description " + i });
        }
        String id = UPLOAD.toString();
        FixtureDb.upload(UPLOAD, 1, "big.csv", "dora", "QUEUED", 30_000, 0L, 0L, 0L, 0L, 0L, null, T0, null, null, null,
                3, 0, 0, PRODUCTS + 2);
        new TestKafka(json).send(Topics.FILE_UPLOADED, id, FileUploaded.of(id, 1, "lfp-uploads", "uploads/" + id,
                "big.csv", 30_000, T0, 3, PRODUCTS + 2));

        FixtureDb.products(products.subList(0, 100));
        Instant started = T0.plusSeconds(1);
        Sql.update("""
                UPDATE uploads SET status = 'INGESTING', bytes_read = 10000, rows_read = 101, rows_loaded = 100,
                    rows_rejected = 1, products_written = 100, started_at = ?, chunks_done = 1 WHERE id = ?""",
                started, UPLOAD);
        new TestKafka(json).send(Topics.INGEST_PROGRESS, id, new IngestProgressed(IngestProgressed.VERSION, id,
                IngestState.INGESTING, 10_000, 30_000, 101, 100, 1, 100, started, started.plusSeconds(2), 3, 1, 0,
                PRODUCTS + 2));

        FixtureDb.products(products.subList(100, PRODUCTS));
        Instant finished = started.plusSeconds(4);
        Sql.update("""
                UPDATE uploads SET status = 'COMPLETED_WITH_ERRORS', bytes_read = 30000, rows_read = 302,
                    rows_loaded = 300, rows_rejected = 2, products_written = 300, finished_at = ?, chunks_done = 3
                WHERE id = ?""", finished, UPLOAD);
        new TestKafka(json).send(Topics.INGEST_FINISHED, id, new IngestFinished(IngestFinished.VERSION, id,
                IngestState.COMPLETED_WITH_ERRORS, 302, 300, 2, 300, started, finished, null, 3, 0));

        FixtureDb.recomputeCounts();
        Sql.update("UPDATE uploads SET aggregated_at = ? WHERE id = ?", finished.plusSeconds(1), UPLOAD);
        new TestKafka(json).send(Topics.AGGREGATES_CHANGED, id, new AggregatesChanged(AggregatesChanged.VERSION, id,
                PRODUCTS, NAMES.length, finished.plusSeconds(1)));
    }

    /** The views the events rebuild, as stored in Redis. */
    private void assertEventViewsMatchPostgres() {
        JsonNode summary = json(redisGet("lfp:dashboard:summary"));
        assertEquals(List.of(Sql.number("SELECT count(*) FROM products"),
                Sql.number("SELECT count(*) FROM product_counts WHERE product_count > 0"),
                Sql.number("SELECT count(*) FROM uploads")),
                List.of(summary.get("products").asLong(),
                        summary.get("names").asLong(), summary.get("uploads").asLong()));
        ArrayNode top = sqlNames("ORDER BY product_count DESC, name ASC LIMIT 1000", "");
        assertJson(json.createObjectNode().set("items", top), json(redisGet("lfp:dashboard:top-names")));
    }

    private void assertViewsMatchPostgres() {
        long products = Sql.number("SELECT count(*) FROM products");
        long names = Sql.number("SELECT count(*) FROM product_counts WHERE product_count > 0");
        long uploads = Sql.number("SELECT count(*) FROM uploads");

        JsonNode summary = json(redisGet("lfp:dashboard:summary"));
        Instant.parse(summary.get("refreshedAt").asText());
        await().atMost(EVENT_WAIT).untilAsserted(() -> {
            // 5 s view: rebuilt from the table on a miss, which is as good a proof.
            if (redisGet("lfp:dashboard:uploads") == null) {
                api("/api/uploads");
            }
            assertJson(json.createObjectNode().set("items", sqlUploads()), json(redisGet("lfp:dashboard:uploads")));
        });

        // The API, page by page; and the versioned page it cached in Redis holds the same.
        assertJson(summaryAnswer(products, names, uploads, summary.get("refreshedAt").asText()),
                json(api("/api/summary")));
        assertJson(cached(json.createObjectNode().set("items", sqlNames(
                "ORDER BY product_count DESC, name ASC LIMIT 20", ""))), json(api("/api/aggregates")));
        long version = Long.parseLong(redisGet("lfp:dashboard:products-version"));
        for (String[] order : new String[][] { { "count", "desc", "product_count DESC, name ASC" },
                { "count", "asc", "product_count ASC, name DESC" }, { "name", "asc", "name ASC" },
                { "name", "desc", "name DESC" } }) {
            for (String q : new String[] { "", "A", "Z", "50%", "under_" }) {
                long total = Sql.number(
                        "SELECT count(*) FROM product_counts WHERE product_count > 0 AND starts_with(name, ?)", q);
                for (int page = 0; page * 25 < Math.max(total, 1); page++) {
                    ArrayNode items = sqlNames("ORDER BY " + order[2] + " LIMIT 25 OFFSET " + page * 25, q);
                    ObjectNode expected = json.createObjectNode();
                    expected.set("items", items);
                    expected.put("page", page).put("size", 25).put("total", total);
                    assertJson(cached(expected.deepCopy()), json(api("/api/aggregates/table?sort=" + order[0]
                            + "&dir=" + order[1] + "&page=" + page + "&size=25&q=" + query(q))));
                    assertJson(json.createObjectNode().<ObjectNode> set("items", items).put("total", total),
                            json(redisGet("lfp:dashboard:aggregate-table:v" + version + ":" + order[0] + ":"
                                    + order[1] + ":25:" + page + ":" + q)));
                }
            }
        }
        for (List<Object> row : Sql.rows("SELECT name, product_count FROM product_counts WHERE product_count > 0")) {
            ObjectNode expected = json.createObjectNode().put("name", (String) row.get(0))
                    .put("count", ((Number) row.get(1)).longValue());
            assertJson(cached(expected.deepCopy()), json(api("/api/aggregates/" + path((String) row.get(0)))));
            assertJson(expected, json(redisGet("lfp:dashboard:name:v" + version + ":" + row.get(0))));
        }
        for (String q : new String[] { "", "SKU-001", "Aaron", "NEW", "Pia <b>" }) {
            long total = Sql.number(
                    "SELECT count(*) FROM products WHERE starts_with(sku, ?) OR starts_with(name, ?)", q, q);
            for (int page = 0; page * 50 < Math.max(total, 1); page++) {
                ArrayNode items = json.createArrayNode();
                // sku matches by sku, then name matches by name (byte order) and sku
                for (List<Object> row : Sql.rows("""
                        SELECT sku, name, description FROM products
                        WHERE starts_with(sku, ?) OR starts_with(name, ?)
                        ORDER BY starts_with(sku, ?) DESC,
                            CASE WHEN starts_with(sku, ?) THEN sku ELSE name COLLATE "C" END, sku
                        LIMIT 50 OFFSET ?""", q, q, q, q, page * 50)) {
                    items.add(product(row));
                }
                ObjectNode expected = json.createObjectNode();
                expected.set("items", items);
                expected.put("page", page).put("size", 50).put("total", total);
                assertJson(cached(expected), json(api("/api/products?size=50&page=" + page + "&q=" + query(q))));
                assertJson(json.createObjectNode().<ObjectNode> set("items", items).put("total", total),
                        json(redisGet("lfp:dashboard:products:v" + version + ":50:" + page + ":" + q)));
            }
        }
        for (List<Object> row : Sql.rows("SELECT sku, name, description FROM products ORDER BY sku LIMIT 40")) {
            assertJson(cached(product(row)), json(api("/api/products/" + path((String) row.get(0)))));
        }
    }

    private ArrayNode sqlNames(String orderAndLimit, String prefix) {
        ArrayNode items = json.createArrayNode();
        for (List<Object> row : Sql.rows("SELECT name, product_count FROM product_counts "
                + "WHERE product_count > 0 AND starts_with(name, ?) " + orderAndLimit, prefix)) {
            items.addObject().put("name", (String) row.get(0)).put("count", ((Number) row.get(1)).longValue());
        }
        return items;
    }

    /** Every upload as the table holds it, newest first, with rows/s, ETA and duration of an ended job. */
    private ArrayNode sqlUploads() {
        ArrayNode items = json.createArrayNode();
        for (List<Object> r : Sql.rows("""
                SELECT id, filename, status, size_bytes, bytes_read, rows_read, rows_loaded, rows_rejected,
                       products_written, error, created_at, started_at, finished_at, aggregated_at,
                       chunks_total, chunks_done, chunks_failed, records_total, uploaded_by
                FROM uploads ORDER BY created_at DESC, seq DESC LIMIT 100""")) {
            ObjectNode item = items.addObject();
            item.put("id", r.get(0).toString()).put("filename", (String) r.get(1)).put("status", (String) r.get(2));
            String[] counters = { "sizeBytes", "bytesRead", "rowsRead", "rowsLoaded", "rowsRejected", "productsWritten" };
            for (int i = 0; i < counters.length; i++) {
                item.put(counters[i], ((Number) r.get(3 + i)).longValue());
            }
            item.put("error", (String) r.get(9));
            String[] times = { "createdAt", "startedAt", "finishedAt", "aggregatedAt" };
            for (int i = 0; i < times.length; i++) {
                item.put(times[i], r.get(10 + i) == null ? null : ((Timestamp) r.get(10 + i)).toInstant().toString());
            }
            item.put("chunksTotal", (Integer) r.get(14)).put("chunksDone", (Integer) r.get(15))
                    .put("chunksFailed", (Integer) r.get(16)).put("recordsTotal", ((Number) r.get(17)).longValue());
            double seconds = Duration.between(((Timestamp) r.get(11)).toInstant(),
                    ((Timestamp) r.get(12)).toInstant()).toNanos() / 1e9;
            item.put("rowsPerSecond", ((Number) r.get(5)).longValue() / seconds).put("etaSeconds", 0L)
                    .put("durationSeconds", seconds).put("uploadedBy", (String) r.get(18));
        }
        return items;
    }

    /** Compares as parsed JSON: a number built here as long equals the same number read as int. */
    private void assertJson(JsonNode expected, JsonNode actual) {
        assertEquals(json(expected.toString()), actual, actual::toString);
    }

    private ObjectNode product(List<Object> row) {
        return json.createObjectNode().put("sku", (String) row.get(0)).put("name", (String) row.get(1))
                .put("description", (String) row.get(2));
    }

    private ObjectNode summaryAnswer(long products, long names, long uploads, String refreshedAt) {
        return json.createObjectNode().put("products", products).put("names", names).put("uploads", uploads)
                .put("cache", "online").put("refreshedAt", refreshedAt);
    }

    private static ObjectNode cached(ObjectNode body) {
        return body.put("cache", "online");
    }

    private JsonNode json(String text) {
        try {
            return json.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** URLs here are encoded already. */
    private static String api(String url) {
        return given().urlEncodingEnabled(false).get(url).then().statusCode(200).contentType("application/json")
                .extract().asString();
    }

    private String redisGet(String key) {
        return redis.value(String.class).get(key);
    }

    private static String query(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** A path segment: URLEncoder's "+" is a space only in queries. */
    private static String path(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
