package io.lfp.aggregate.rest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.lfp.aggregate.EventBus;
import io.lfp.aggregate.ProductsTable;
import io.lfp.events.IngestState;
import io.lfp.localinfra.LocalInfraTestResource;
import io.lfp.security.RoleHierarchyAugmentor;
import io.lfp.security.Roles;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
@TestSecurity(user = "alice", roles = Roles.VIEWER, augmentors = RoleHierarchyAugmentor.class)
class AggregateResourceTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** sku → name; the expected JSON is computed in Java from it. */
    private static final Map<String, String> PRODUCTS = new LinkedHashMap<>();

    @BeforeAll
    static void countedProducts() throws Exception {
        ProductsTable.reset();
        add("Zed", 4);
        add("Bolt", 3);
        add("Anchor", 3);
        add("bolt", 2);
        add("Cog", 2);
        add("Nut / Washer", 1);
        add("Ünïcode", 1);
        add("Ämber", 1);
        UUID uploadId = UUID.randomUUID();
        ProductsTable.merge(uploadId, PRODUCTS);
        try (EventBus bus = new EventBus()) {
            bus.publish(EventBus.finished(uploadId.toString(), IngestState.COMPLETED));
            bus.awaitAggregatesChanged(uploadId.toString(), 1);
        }
    }

    @Test
    void topListsAllNamesByCountThenNameWithTotals() throws Exception {
        JsonNode body = getJson("/api/aggregates", 200);

        assertEquals(expectedSummary(20), body);
        assertEquals("""
                {"items":[{"name":"Zed","count":4},{"name":"Anchor","count":3},{"name":"Bolt","count":3},\
                {"name":"Cog","count":2},{"name":"bolt","count":2},{"name":"Nut / Washer","count":1},\
                {"name":"Ämber","count":1},{"name":"Ünïcode","count":1}],"products":17,"names":8}""",
                body.toString());
    }

    @Test
    void topCutsTheListButNotTheTotals() throws Exception {
        JsonNode body = getJson("/api/aggregates?top=3", 200);

        assertEquals(expectedSummary(3), body);
        assertEquals("""
                {"items":[{"name":"Zed","count":4},{"name":"Anchor","count":3},{"name":"Bolt","count":3}],\
                "products":17,"names":8}""", body.toString());
        assertEquals(expectedSummary(1), getJson("/api/aggregates?top=1", 200));
        assertEquals(expectedSummary(1000), getJson("/api/aggregates?top=1000", 200));
    }

    @Test
    void topOutsideItsRangeIsABadRequest() throws Exception {
        for (String top : List.of("0", "1001", "-5", "abc", "2.5")) {
            assertEquals(error("Invalid parameter", "top must be between 1 and 1000"),
                    getJson("/api/aggregates?top=" + top, 400), "top=" + top);
        }
    }

    @Test
    void oneNameGivesItsCount() throws Exception {
        assertEquals(JSON.readTree("{\"name\":\"Bolt\",\"count\":3}"), getName("Bolt", 200));
        assertEquals(JSON.readTree("{\"name\":\"bolt\",\"count\":2}"), getName("bolt", 200));
        assertEquals(JSON.readTree("{\"name\":\"Nut / Washer\",\"count\":1}"), getName("Nut / Washer", 200));
        assertEquals(JSON.readTree("{\"name\":\"Ünïcode\",\"count\":1}"), getName("Ünïcode", 200));
    }

    @Test
    void anUnknownNameIsNotFound() throws Exception {
        assertEquals(error("Name not found", "No product has the name 'Nothing'"), getName("Nothing", 404));
        // Names are exact: no case folding.
        assertEquals(error("Name not found", "No product has the name 'ZED'"), getName("ZED", 404));
    }

    private static void add(String name, int products) {
        for (int i = 0; i < products; i++) {
            PRODUCTS.put("sku-" + (PRODUCTS.size() + 1), name);
        }
    }

    /** The response body for top=n: names ranked in Java by count desc, then name (UTF-16 order = C collation here). */
    private static JsonNode expectedSummary(int top) throws Exception {
        Map<String, Long> counts = PRODUCTS.values().stream()
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        ObjectNode expected = JSON.createObjectNode();
        ArrayNode items = expected.putArray("items");
        counts.entrySet().stream()
                .sorted(Comparator.<Map.Entry<String, Long>> comparingLong(Map.Entry::getValue).reversed()
                        .thenComparing(Map.Entry::getKey))
                .limit(top)
                .forEach(e -> items.addObject().put("name", e.getKey()).put("count", e.getValue()));
        expected.put("products", PRODUCTS.size());
        expected.put("names", counts.size());
        // Re-read, so numbers are typed as a parsed body's are (IntNode, not LongNode) and compare equal.
        return JSON.readTree(expected.toString());
    }

    private static JsonNode error(String error, String detail) {
        return JSON.createObjectNode().put("error", error).put("detail", detail);
    }

    private static JsonNode getJson(String path, int status) throws Exception {
        String body = given().urlEncodingEnabled(false).when().get(path)
                .then().statusCode(status).contentType("application/json").extract().asString();
        return JSON.readTree(body);
    }

    private static JsonNode getName(String name, int status) throws Exception {
        String body = given().when().get("/api/aggregates/{name}", name)
                .then().statusCode(status).contentType("application/json").extract().asString();
        return JSON.readTree(body);
    }
}
