package io.lfp.ingest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.lfp.localinfra.LocalInfraTestResource;
import io.lfp.security.testing.EndpointRules;
import io.lfp.security.testing.TestTokens;
import io.lfp.testing.Sql;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * The audit trail of single-product edits against real PostgreSQL: who (the token's principal), what (sku,
 * action, name and description before and after) and when, written in the edit's transaction (an edit that
 * fails leaves no entry, an entry that cannot be written leaves no edit), read by admins only, newest first,
 * one keyset page at a time.
 */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
@WithTestResource(TestTokens.Resource.class)
class ProductAuditTest {

    private static final String JSON = "application/json; charset=UTF-8";
    private static final String AUDIT = "/api/audit/products";

    @Inject
    ObjectMapper json;

    @BeforeEach
    void cleanTables() {
        Sql.update("TRUNCATE products, ingest_jobs, product_edit_outbox, product_audit");
    }

    @Test
    void anEditorsCreateUpdateDeleteAreThreeEntriesTheAdminReadsNewestFirst() throws Exception {
        Response created = as("alice", "editor").contentType(JSON).body(body("a-1", "Anchor", "first"))
                .post("/api/products");
        created.then().statusCode(201);
        Response updated = as("alice", "editor").contentType(JSON).body(body(null, "Bolt", "second"))
                .put("/api/products/a-1");
        updated.then().statusCode(200);
        // another product, another editor: not in a-1's trail
        as("bob", "editor").contentType(JSON).body(body("b-1", "Other", "x")).post("/api/products")
                .then().statusCode(201);
        as("alice", "editor").delete("/api/products/a-1").then().statusCode(204);

        List<Entry> stored = entries();
        assertEquals(4, stored.size());
        Entry create = stored.get(0);
        Entry update = stored.get(1);
        Entry delete = stored.get(3);
        // the entry's time is the edit transaction's clock: the row's updated_at the client was shown
        assertEquals(Instant.parse(created.jsonPath().getString("updatedAt")), create.changedAt());
        assertEquals(Instant.parse(updated.jsonPath().getString("updatedAt")), update.changedAt());
        assertTrue(delete.changedAt().isAfter(update.changedAt()));

        String expected = "["
                + entry(delete, "a-1", "DELETED", "alice", "{\"name\":\"Bolt\",\"description\":\"second\"}", "null")
                + "," + entry(update, "a-1", "UPDATED", "alice", "{\"name\":\"Anchor\",\"description\":\"first\"}",
                        "{\"name\":\"Bolt\",\"description\":\"second\"}")
                + "," + entry(create, "a-1", "CREATED", "alice", "null", "{\"name\":\"Anchor\",\"description\":\"first\"}")
                + "]";
        as("root", "admin").queryParam("sku", "a-1").get(AUDIT).then().statusCode(200).body(equalTo(expected));

        // every sku, newest first, two at a time: after = the last id of the page before
        String all = as("root", "admin").get(AUDIT).then().statusCode(200).extract().asString();
        assertEquals(List.of("DELETED a-1 alice", "CREATED b-1 bob", "UPDATED a-1 alice", "CREATED a-1 alice"),
                summaries(all));
        String first = as("root", "admin").queryParam("limit", 2).get(AUDIT).then().statusCode(200)
                .extract().asString();
        assertEquals(List.of("DELETED a-1 alice", "CREATED b-1 bob"), summaries(first));
        long cursor = json.readTree(first).get(1).get("id").asLong();
        String second = as("root", "admin").queryParam("limit", 2).queryParam("after", cursor).get(AUDIT)
                .then().statusCode(200).extract().asString();
        assertEquals(List.of("UPDATED a-1 alice", "CREATED a-1 alice"), summaries(second));
        long last = json.readTree(second).get(1).get("id").asLong();
        as("root", "admin").queryParam("after", last).get(AUDIT).then().statusCode(200).body(equalTo("[]"));
        as("root", "admin").queryParam("sku", "nobody").get(AUDIT).then().statusCode(200).body(equalTo("[]"));
    }

    @Test
    void onlyAnAdminReadsTheTrail() {
        as("carol", "editor").get(AUDIT).then().statusCode(403).body(equalTo(EndpointRules.FORBIDDEN_BODY));
        given().get(AUDIT).then().statusCode(401).body(equalTo(EndpointRules.UNAUTHORIZED_BODY));
        as("root", "admin").get(AUDIT).then().statusCode(200).body(equalTo("[]"));
    }

    @Test
    void badPageParametersGetA400() {
        badRequest("limit", "0", "limit must be a whole number from 1 to 500");
        badRequest("limit", "501", "limit must be a whole number from 1 to 500");
        badRequest("limit", "ten", "limit must be a whole number from 1 to 500");
        badRequest("after", "0", "after must be an entry id (a whole number from 1)");
        badRequest("after", "x", "after must be an entry id (a whole number from 1)");
        as("root", "admin").queryParam("sku", "s".repeat(256)).get(AUDIT).then().statusCode(400)
                .body(equalTo("{\"error\":\"Invalid product\",\"detail\":\"sku must be at most 255 characters\"}"));
        as("root", "admin").queryParam("limit", 500).get(AUDIT).then().statusCode(200).body(equalTo("[]"));
    }

    @Test
    void refusedEditsLeaveNoEntry() throws Exception {
        as("alice", "editor").contentType(JSON).body(body("k-1", "Kept", "k")).post("/api/products")
                .then().statusCode(201);
        as("alice", "editor").contentType(JSON).body(body("k-1", "Again", "k")).post("/api/products")
                .then().statusCode(409);
        as("alice", "editor").contentType(JSON).body(body(null, "N", "d")).put("/api/products/nope")
                .then().statusCode(404);
        as("alice", "editor").delete("/api/products/nope").then().statusCode(404);
        as("alice", "editor").contentType(JSON).body(body("", "N", "d")).post("/api/products")
                .then().statusCode(400);
        assertEquals(List.of("CREATED k-1 alice"), entries().stream().map(Entry::summary).toList());
    }

    @Test
    void anEditWhoseEntryCannotBeWrittenIsNotMade() throws Exception {
        as("alice", "editor").contentType(JSON).body(body("t-1", "Before", "b")).post("/api/products")
                .then().statusCode(201);
        try (Connection c = jdbc(); Statement st = c.createStatement()) {
            st.execute("""
                    CREATE FUNCTION test_refuse_audit() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN RAISE EXCEPTION 'audit refused by the test'; END $$;
                    CREATE TRIGGER test_refuse_audit BEFORE INSERT ON product_audit
                    FOR EACH ROW EXECUTE FUNCTION test_refuse_audit()""");
        }
        try {
            as("alice", "editor").contentType(JSON).body(body(null, "After", "a")).put("/api/products/t-1")
                    .then().statusCode(500).body(equalTo(
                            "{\"error\":\"Internal error\",\"detail\":\"The request could not be completed\"}"));
            as("alice", "editor").delete("/api/products/t-1").then().statusCode(500);
            as("alice", "editor").contentType(JSON).body(body("t-2", "New", "n")).post("/api/products")
                    .then().statusCode(500);
        } finally {
            try (Connection c = jdbc(); Statement st = c.createStatement()) {
                st.execute("DROP TRIGGER test_refuse_audit ON product_audit; DROP FUNCTION test_refuse_audit()");
            }
        }
        // the product as before, no edit announced, one entry: the create
        as("alice", "editor").get("/api/products/t-1").then().statusCode(200)
                .body("name", equalTo("Before")).body("description", equalTo("b"));
        as("alice", "editor").get("/api/products/t-2").then().statusCode(404);
        assertEquals(List.of("CREATED t-1 alice"), entries().stream().map(Entry::summary).toList());
        assertEquals(List.of("t-1 CREATED"), outbox());
    }

    private void badRequest(String param, String value, String detail) {
        as("root", "admin").queryParam(param, value).get(AUDIT).then().statusCode(400)
                .body(equalTo("{\"error\":\"Bad Request\",\"detail\":\"" + detail + "\"}"));
    }

    private static RequestSpecification as(String user, String role) {
        return given().header("Authorization", TestTokens.bearer(user, role));
    }

    /** An entry as the API writes it, the id and time from the table. */
    private static String entry(Entry stored, String sku, String action, String principal, String before,
            String after) {
        return "{\"id\":" + stored.id() + ",\"sku\":\"" + sku + "\",\"action\":\"" + action + "\",\"principal\":\""
                + principal + "\",\"before\":" + before + ",\"after\":" + after + ",\"changedAt\":\""
                + stored.changedAt() + "\"}";
    }

    private List<String> summaries(String page) throws Exception {
        List<String> out = new ArrayList<>();
        json.readTree(page).forEach(e -> out.add(e.get("action").asText() + " " + e.get("sku").asText() + " "
                + e.get("principal").asText()));
        return out;
    }

    private String body(String sku, String name, String description) throws Exception {
        Map<String, String> fields = new LinkedHashMap<>();
        if (sku != null) {
            fields.put("sku", sku);
        }
        fields.put("name", name);
        fields.put("description", description);
        return json.writeValueAsString(fields);
    }

    /** A product_audit row: id, action, sku, principal, when. */
    record Entry(long id, String action, String sku, String principal, Instant changedAt) {
        String summary() {
            return action + " " + sku + " " + principal;
        }
    }

    /** The table's rows, oldest first. */
    private static List<Entry> entries() {
        return Sql.rows("SELECT id, action, sku, principal, changed_at FROM product_audit ORDER BY id").stream()
                .map(r -> new Entry(((Number) r.get(0)).longValue(), (String) r.get(1), (String) r.get(2),
                        (String) r.get(3), ((Timestamp) r.get(4)).toInstant()))
                .toList();
    }

    private static List<String> outbox() {
        return Sql.rows("SELECT sku, change FROM product_edit_outbox ORDER BY id").stream()
                .map(r -> r.get(0) + " " + r.get(1)).toList();
    }

    /** For the tests that change the schema in one statement of several commands. */
    private static Connection jdbc() throws SQLException {
        return Sql.connect();
    }
}
