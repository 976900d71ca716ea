package io.lfp.ingest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.lfp.events.ChunkReady;
import io.lfp.events.IngestFinished;
import io.lfp.events.IngestProgressed;
import io.lfp.events.IngestState;
import io.lfp.events.ProductChanged;
import io.lfp.events.Topics;
import io.lfp.ingest.repository.ProductChangeOutboxRepository;
import io.lfp.localinfra.LocalInfraTestResource;
import io.lfp.security.Roles;
import io.lfp.security.testing.TestTokens;
import io.lfp.testing.Sql;
import io.lfp.testing.TestKafka;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.builder.RequestSpecBuilder;
import io.restassured.response.Response;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The single-product API against real PostgreSQL, Kafka and S3: the exact answers (also the 4xx
 * ones), the rows, exactly one product-changed event per edit with its exact payload, the sweep that
 * sends an edit left unsent, and how edits and uploads overwrite each other (position guard).
 */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
@WithTestResource(TestTokens.Resource.class)
class ProductEditTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String JSON = "application/json; charset=UTF-8";
    private static final long EDIT_LINE = Long.MAX_VALUE;

    @Inject
    S3Client s3;

    @Inject
    ObjectMapper json;

    @Inject
    ProductChangeOutboxRepository outbox;

    private TestKafka kafka;

    /** A product row as stored, with its position. */
    record Row(String sku, String name, String description, long srcUpload, long srcLine) {
    }

    @BeforeEach
    void cleanTables() {
        kafka = new TestKafka(json);
        Sql.update("TRUNCATE products, ingest_jobs, ingest_chunks, rejected_rows, product_edit_outbox, product_audit");
        // every request of these tests is an editor's (RoleMatrixTest covers the other roles)
        RestAssured.requestSpecification = new RequestSpecBuilder()
                .addHeader("Authorization", TestTokens.bearer("product-editor", Roles.EDITOR)).build();
    }

    @AfterEach
    void noToken() {
        RestAssured.requestSpecification = null;
    }

    @Test
    void aStatementPastTheTimeoutAnswers503AndTheNextCallWorks() throws Exception {
        String sku = "edit-" + UUID.randomUUID();
        given().contentType(JSON).body(body(sku, "Anchor", "text")).post("/api/products").then().statusCode(201);
        try (Connection c = jdbc()) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                // the API's read waits for this lock until lfp.products.statement-timeout (1 s in tests) cancels it
                st.execute("LOCK TABLE products IN ACCESS EXCLUSIVE MODE");
                given().get("/api/products/{sku}", sku).then().statusCode(503).body(equalTo(
                        "{\"error\":\"Query timed out\",\"detail\":\"The database did not answer within 1000 ms; try again\"}"));
            } finally {
                c.rollback();
            }
        }
        given().get("/api/products/{sku}", sku).then().statusCode(200);
    }

    @Test
    void createReadDescribeRenameDeleteEachAnnouncedExactlyOnce() throws Exception {
        String sku = "edit-" + UUID.randomUUID();

        Response created = given().contentType(JSON).body(body(sku, "Anchor", "first text"))
                .post("/api/products");
        created.then().statusCode(201)
                .header("Location", startsWith("http://"))
                .body("sku", equalTo(sku))
                .body("name", equalTo("Anchor"))
                .body("description", equalTo("first text"));
        assertTrue(created.getHeader("Location").endsWith("/api/products/" + sku), created.getHeader("Location"));
        Instant createdAt = Instant.parse(created.jsonPath().getString("updatedAt"));
        assertEquals("{\"sku\":\"" + sku + "\",\"name\":\"Anchor\",\"description\":\"first text\",\"updatedAt\":\""
                + createdAt + "\"}", created.asString());
        // an edit stamps (highest upload sequence known, Long.MAX_VALUE); no upload yet: 0
        assertEquals(List.of(new Row(sku, "Anchor", "first text", 0, EDIT_LINE)), rows());

        given().get("/api/products/{sku}", sku).then().statusCode(200).body(equalTo(created.asString()));

        // description only: the name stays, the event still says UPDATED with equal names
        Response described = given().contentType(JSON).body(body(null, "Anchor", "second text"))
                .put("/api/products/{sku}", sku);
        described.then().statusCode(200).body("sku", equalTo(sku)).body("name", equalTo("Anchor"))
                .body("description", equalTo("second text"));
        Instant describedAt = Instant.parse(described.jsonPath().getString("updatedAt"));

        // rename; the sku in the body may be given when it equals the path's
        Response renamed = given().contentType(JSON).body(body(sku, "Bolt", "third text"))
                .put("/api/products/{sku}", sku);
        renamed.then().statusCode(200).body("name", equalTo("Bolt")).body("description", equalTo("third text"));
        Instant renamedAt = Instant.parse(renamed.jsonPath().getString("updatedAt"));
        assertTrue(createdAt.isBefore(describedAt) && describedAt.isBefore(renamedAt));
        assertEquals(List.of(new Row(sku, "Bolt", "third text", 0, EDIT_LINE)), rows());

        given().delete("/api/products/{sku}", sku).then().statusCode(204).body(emptyString());
        given().get("/api/products/{sku}", sku).then().statusCode(404)
                .body(equalTo("{\"error\":\"Product not found\",\"detail\":\"No product with sku '" + sku + "'\"}"));
        assertEquals(List.of(), rows());

        awaitAllSent(4);
        List<ProductChanged> events = kafka.allWithKey(Topics.PRODUCT_CHANGED, sku, ProductChanged.class);
        assertEquals(4, events.size(), "one event per edit: " + events);
        Instant deletedAt = events.get(3).changedAt();
        List<Long> ids = outboxIds(sku); // each edit's id: its outbox row, in commit order
        assertEquals(4, ids.size());
        assertEquals(List.of(
                new ProductChanged(2, sku, "CREATED", null, "Anchor", createdAt, ids.get(0)),
                new ProductChanged(2, sku, "UPDATED", "Anchor", "Anchor", describedAt, ids.get(1)),
                new ProductChanged(2, sku, "UPDATED", "Anchor", "Bolt", renamedAt, ids.get(2)),
                new ProductChanged(2, sku, "DELETED", "Bolt", null, deletedAt, ids.get(3))), events);
        assertTrue(deletedAt.isAfter(renamedAt));
        // the payload as other services read it
        assertEquals("{\"version\":2,\"sku\":\"" + sku + "\",\"change\":\"DELETED\",\"oldName\":\"Bolt\","
                + "\"newName\":null,\"changedAt\":\"" + deletedAt + "\",\"editId\":" + ids.get(3) + "}",
                kafka.allWithKey(Topics.PRODUCT_CHANGED, sku, String.class).get(3));
    }

    @Test
    void unknownTakenAndInvalidProductsGetClearErrorsAndChangeNothing() throws Exception {
        given().contentType(JSON).body(body("taken", "Kept", "kept")).post("/api/products").then().statusCode(201);

        given().get("/api/products/nope").then().statusCode(404)
                .body(equalTo("{\"error\":\"Product not found\",\"detail\":\"No product with sku 'nope'\"}"));
        given().contentType(JSON).body(body(null, "N", "d")).put("/api/products/nope").then().statusCode(404)
                .body(equalTo("{\"error\":\"Product not found\",\"detail\":\"No product with sku 'nope'\"}"));
        given().delete("/api/products/nope").then().statusCode(404)
                .body(equalTo("{\"error\":\"Product not found\",\"detail\":\"No product with sku 'nope'\"}"));
        given().contentType(JSON).body(body("taken", "Other", "other")).post("/api/products").then().statusCode(409)
                .body(equalTo("{\"error\":\"Product exists\",\"detail\":\"A product with sku 'taken' already exists\"}"));

        invalid(body("", "N", "d"), "sku must not be empty");
        invalid(body("   ", "N", "d"), "sku must not be empty");
        invalid(body(null, "N", "d"), "sku must not be empty");
        invalid(body("s-1", null, "d"), "name is required");
        invalid(body("s".repeat(256), "N", "d"), "sku must be at most 255 characters");
        invalid(body("s-1", "n".repeat(1025), "d"), "name must be at most 1024 characters");
        invalid(body("s-1", "N", "d".repeat(65537)), "description must be at most 65536 characters");
        invalid(body("a\u0000b", "N", "d"), "sku must not contain NUL characters");
        invalid("{\"sku\":\"s-1\",\"name\":5}", "name must be a string, not a number");
        invalid("{\"sku\":\"s-1\",\"name\":\"N\",\"description\":[\"d\"]}", "description must be a string, not an array");
        given().contentType(JSON).body(body("taken", "N", "d")).put("/api/products/other").then().statusCode(400)
                .body(equalTo("{\"error\":\"Invalid product\",\"detail\":\"sku in the body ('taken') does not match"
                        + " the sku in the path ('other')\"}"));
        given().contentType(JSON).body(body(null, null, "d")).put("/api/products/taken").then().statusCode(400)
                .body(equalTo("{\"error\":\"Invalid product\",\"detail\":\"name is required\"}"));
        given().contentType(JSON).body(body(null, "N", "d")).put("/api/products/" + "t".repeat(256))
                .then().statusCode(400)
                .body(equalTo("{\"error\":\"Invalid product\",\"detail\":\"sku must be at most 255 characters\"}"));

        given().contentType(JSON).body("{\"sku\":\"s-1\",").post("/api/products").then().statusCode(400)
                .body("error", equalTo("Malformed JSON"))
                .body("detail", startsWith("The body is not valid JSON: "));
        given().contentType(JSON).body("{\"sku\":\"s-1\",\"name\":\"N\"} trailing").post("/api/products")
                .then().statusCode(400).body("error", equalTo("Malformed JSON"));
        given().contentType(JSON).body("[1]").post("/api/products").then().statusCode(400)
                .body(equalTo("{\"error\":\"Malformed JSON\",\"detail\":\"The body must be a JSON object, not an array\"}"));
        given().contentType(JSON).post("/api/products").then().statusCode(400).body("error", equalTo("Malformed JSON"));

        // nothing but the first create was stored or announced
        assertEquals(List.of(new Row("taken", "Kept", "kept", 0, EDIT_LINE)), rows());
        awaitAllSent(1);
        assertEquals(List.of("taken"), outboxSkus());
    }

    @Test
    void fieldsExactlyAtTheLimitsAreAcceptedCountingCharactersNotUtf16Units() throws Exception {
        String sku = "k".repeat(255);
        String name = "n".repeat(1024);
        String description = "d".repeat(65536);
        given().contentType(JSON).body(body(sku, name, description)).post("/api/products").then().statusCode(201)
                .body("sku", equalTo(sku)).body("name", equalTo(name)).body("description", equalTo(description));

        // 255 emoji are 510 UTF-16 units: still 255 characters, like a CSV row
        String emojiSku = "\uD83D\uDE00".repeat(255);
        String emojiName = "\u00E9\uD83D\uDE00".repeat(512);
        given().contentType(JSON).body(body(emojiSku, emojiName, "")).post("/api/products").then().statusCode(201);
        given().get("/api/products/{sku}", emojiSku).then().statusCode(200)
                .body("sku", equalTo(emojiSku)).body("name", equalTo(emojiName)).body("description", equalTo(""));
        invalid(body("\uD83D\uDE00".repeat(256), "N", ""), "sku must be at most 255 characters");

        // a missing description is stored as empty text
        given().contentType(JSON).body("{\"sku\":\"no-description\",\"name\":\"N\"}").post("/api/products")
                .then().statusCode(201).body("description", equalTo(""));
        assertEquals(3, rows().size());
    }

    @Test
    void uploadsKnownWhenAnEditCommitsNeverOverwriteItAndLaterUploadsDo() throws Exception {
        // pos-1 exists before any upload (position 0); upload 5, one record per chunk, has its first chunk
        // staged before the edit and the rest after
        given().contentType(JSON).body(body("pos-1", "Before", "by hand")).post("/api/products")
                .then().statusCode(201);
        byte[] five = csv("Five first,pos-1,a", "Five again,pos-1,b", "Five,pos-2,c");
        List<ChunkReady> fiveChunks = chunks(5, five, 1);
        assertEquals(3, fiveChunks.size());
        String fiveId = fiveChunks.get(0).uploadId();
        publish(fiveChunks.subList(0, 1));
        kafka.await(Topics.INGEST_PROGRESS, fiveId, 1, IngestProgressed.class, WAIT);
        // staged, not merged: products change only once the upload's chunks are all in
        assertEquals(List.of(new Row("pos-1", "Before", "by hand", 0, EDIT_LINE)), rows());

        given().contentType(JSON).body(body(null, "Edited", "by hand")).put("/api/products/pos-1")
                .then().statusCode(200);
        publish(fiveChunks.subList(1, 3));
        assertEquals(IngestState.COMPLETED, awaitFinished(fiveId).state());
        assertEquals(List.of(new Row("pos-1", "Edited", "by hand", 5, EDIT_LINE), new Row("pos-2", "Five", "c", 5, 3)),
                rows());

        // an earlier upload (4) whose chunks arrive late changes neither the edited nor the created product
        given().contentType(JSON).body(body("pos-4", "Created", "by hand")).post("/api/products")
                .then().statusCode(201);
        List<ChunkReady> four = chunks(4, csv("Four,pos-1,x", "Four,pos-3,x", "Four,pos-4,x"), 1 << 20);
        publish(four);
        assertEquals(IngestState.COMPLETED, awaitFinished(four.get(0).uploadId()).state());
        assertEquals(List.of(new Row("pos-1", "Edited", "by hand", 5, EDIT_LINE), new Row("pos-2", "Five", "c", 5, 3),
                new Row("pos-3", "Four", "x", 4, 2), new Row("pos-4", "Created", "by hand", 5, EDIT_LINE)), rows());

        // a later upload (6) replaces both
        List<ChunkReady> six = chunks(6, csv("Six,pos-1,y", "Six,pos-4,y"), 1 << 20);
        publish(six);
        assertEquals(IngestState.COMPLETED, awaitFinished(six.get(0).uploadId()).state());
        assertEquals(List.of(new Row("pos-1", "Six", "y", 6, 1), new Row("pos-2", "Five", "c", 5, 3),
                new Row("pos-3", "Four", "x", 4, 2), new Row("pos-4", "Six", "y", 6, 2)), rows());

        // an edit after upload 6 takes its position, and never moves a row's position backwards
        given().contentType(JSON).body(body(null, "Edited again", "")).put("/api/products/pos-3")
                .then().statusCode(200);
        assertEquals(new Row("pos-3", "Edited again", "", 6, EDIT_LINE), rows().get(2));
    }

    @Test
    void anEditLeftUnsentByACrashIsSentByTheSweep() throws Exception {
        String sku = "crashed-" + UUID.randomUUID();
        Instant changedAt;
        long id;
        try (Connection c = jdbc(); PreparedStatement ps = c.prepareStatement("""
                INSERT INTO product_edit_outbox (sku, change, old_name, new_name, changed_at)
                VALUES (?, 'UPDATED', 'Before', 'After', now()) RETURNING changed_at, id""")) {
            ps.setString(1, sku);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                changedAt = rs.getObject(1, java.time.OffsetDateTime.class).toInstant();
                id = rs.getLong(2);
            }
        }
        List<ProductChanged> sent = kafka.await(Topics.PRODUCT_CHANGED, sku, 1, ProductChanged.class, WAIT);
        assertEquals(List.of(new ProductChanged(2, sku, "UPDATED", "Before", "After", changedAt, id)), sent);
        awaitAllSent(1);
        assertEquals(1, kafka.allWithKey(Topics.PRODUCT_CHANGED, sku, ProductChanged.class).size());

        // sent rows are kept for lfp.products.outbox-retention, then deleted
        assertEquals(0, outbox.purgeSent(Duration.ofDays(7)).await().atMost(WAIT));
        try (Connection c = jdbc(); Statement st = c.createStatement()) {
            st.execute("UPDATE product_edit_outbox SET sent_at = now() - interval '8 days'");
        }
        assertEquals(1, outbox.purgeSent(Duration.ofDays(7)).await().atMost(WAIT));
        assertEquals(List.of(), outboxSkus());
    }

    private void invalid(String body, String detail) {
        given().contentType(JSON).body(body).post("/api/products").then().statusCode(400)
                .body("error", equalTo("Invalid product"))
                .body("detail", equalTo(detail));
    }

    private String body(String sku, String name, String description) throws Exception {
        Map<String, String> fields = new LinkedHashMap<>();
        if (sku != null) {
            fields.put("sku", sku);
        }
        if (name != null) {
            fields.put("name", name);
        }
        fields.put("description", description);
        return json.writeValueAsString(fields);
    }

    private static byte[] csv(String... records) {
        return ("name,sku,description\r\n" + String.join("\r\n", records) + "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    private List<ChunkReady> chunks(long seq, byte[] file, int chunkSize) {
        return TestChunks.stored(s3, seq, file, chunkSize);
    }

    private void publish(List<ChunkReady> chunks) {
        TestChunks.publish(kafka, chunks);
    }

    private IngestFinished awaitFinished(String id) {
        return kafka.await(Topics.INGEST_FINISHED, id, 1, IngestFinished.class, WAIT).get(0);
    }

    /** Waits until the outbox holds {@code count} rows, all marked sent: from then on nothing more is published. */
    private static void awaitAllSent(int count) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        String state = "";
        while (System.nanoTime() < deadline) {
            List<Object> counts = Sql.rows("SELECT count(*), count(sent_at) FROM product_edit_outbox").get(0);
            state = counts.get(0) + " rows, " + counts.get(1) + " sent";
            if (((Number) counts.get(0)).longValue() == count && ((Number) counts.get(1)).longValue() == count) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("outbox not " + count + " rows all sent within " + WAIT + ": " + state);
    }

    private static List<String> outboxSkus() {
        return Sql.rows("SELECT sku FROM product_edit_outbox ORDER BY id").stream().map(r -> (String) r.get(0)).toList();
    }

    private static List<Row> rows() {
        return Sql.rows("SELECT sku, name, description, src_upload, src_line FROM products ORDER BY sku").stream()
                .map(r -> new Row((String) r.get(0), (String) r.get(1), (String) r.get(2),
                        ((Number) r.get(3)).longValue(), ((Number) r.get(4)).longValue()))
                .toList();
    }

    private static List<Long> outboxIds(String sku) {
        return Sql.rows("SELECT id FROM product_edit_outbox WHERE sku = ? ORDER BY id", sku).stream()
                .map(r -> ((Number) r.get(0)).longValue()).toList();
    }

    /** For the tests that hold a connection (a lock, a transaction) while they call the API. */
    private static Connection jdbc() throws SQLException {
        return Sql.connect();
    }
}
