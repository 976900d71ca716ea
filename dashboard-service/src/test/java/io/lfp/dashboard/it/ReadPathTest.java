package io.lfp.dashboard.it;

import static io.lfp.dashboard.it.Api.assertJson;
import static io.lfp.dashboard.it.Api.get;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.lfp.localinfra.LocalInfraTestResource;
import io.lfp.testing.Management;
import io.lfp.testing.Sql;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.response.Response;

/**
 * The read paths that serve any data size from an index range: product search by sku prefix then name prefix,
 * keyset pages through both, names by prefix, and one computation for many concurrent misses of one key.
 */
@QuarkusTest
@TestSecurity(user = "tester", roles = "viewer")
@WithTestResource(LocalInfraTestResource.class)
class ReadPathTest {

    private static final String AB_1 = "{\"sku\":\"AB-1\",\"name\":\"ABBA\",\"description\":\"sku and name match\"}";
    private static final String AB_2 = "{\"sku\":\"AB-2\",\"name\":\"Zed\",\"description\":\"sku matches\"}";
    private static final String Y_5 = "{\"sku\":\"Y-5\",\"name\":\"AB\",\"description\":\"name is the prefix\"}";
    private static final String X_1 = "{\"sku\":\"X-1\",\"name\":\"ABC\",\"description\":\"name matches\"}";
    private static final String X_9 = "{\"sku\":\"X-9\",\"name\":\"ABC\",\"description\":\"same name, later sku\"}";

    @Inject
    RedisDataSource redis;

    @BeforeEach
    void freshData() {
        FixtureDb.reset();
        FixtureDb.product("X-9", "ABC", "same name, later sku");
        FixtureDb.product("AB-2", "Zed", "sku matches");
        FixtureDb.product("X-1", "ABC", "name matches");
        FixtureDb.product("AB-1", "ABBA", "sku and name match");
        FixtureDb.product("Y-5", "AB", "name is the prefix");
        FixtureDb.product("Z-1", "Abc", "names are case-sensitive");
        FixtureDb.product("A-1", "AC", "AC is after every AB…");
        FixtureDb.product("AC-1", "ab", "…and ab after AC");
        FixtureDb.product("E-1", "\uD83D\uDE00 smile", "a name beyond the basic plane");
        FixtureDb.product("E-2", "\uD83D\uDE01 grin", "the next code point");
        FixtureDb.product("E-3", "\u00D6l", "Ö");
        FixtureDb.recomputeCounts();
        redis.flushall();
    }

    @Test
    void aSearchListsSkuMatchesBySkuThenNameMatchesByNameAndSku() {
        assertJson(page(List.of(AB_1, AB_2, Y_5, X_1, X_9), 0, 20, 5), get("/api/products?q=AB"));
        assertJson(page(List.of(Y_5, X_1), 1, 2, 5), get("/api/products?q=AB&page=1&size=2"));
        assertJson(page(List.of(X_1, X_9), 0, 20, 2), get("/api/products?q=ABC"));
        assertJson(page(List.of(AB_2), 0, 20, 1), get("/api/products?q=AB-2"));
        assertJson(page(List.of(), 0, 20, 0), get("/api/products?q=ABD"));
        assertJson(page(List.of("{\"sku\":\"E-1\",\"name\":\"\uD83D\uDE00 smile\",\"description\":"
                + "\"a name beyond the basic plane\"}"), 0, 20, 1),
                given().queryParam("q", "\uD83D\uDE00").get("/api/products").then().statusCode(200).extract().asString());
        assertJson(page(List.of("{\"sku\":\"E-3\",\"name\":\"\u00D6l\",\"description\":\"Ö\"}"), 0, 20, 1),
                given().queryParam("q", "\u00D6").get("/api/products").then().statusCode(200).extract().asString());
    }

    @Test
    void keysetPagesWalkFromTheSkuPartIntoTheNamePart() {
        assertJson(page(List.of(AB_1, AB_2), 0, 2, 5), get("/api/products?q=AB&size=2"));
        // after the last sku match: the first name matches
        assertJson(page(List.of(Y_5, X_1), 0, 2, 5), get("/api/products?q=AB&size=2&after=AB-2"));
        // after a name match: the name part goes on by name, then sku
        assertJson(page(List.of(X_9), 0, 2, 5), get("/api/products?q=AB&size=2&after=X-1"));
        assertJson(page(List.of(), 0, 2, 5), get("/api/products?q=AB&size=2&after=X-9"));
        assertJson(page(List.of(X_1, X_9), 0, 2, 5), get("/api/products?q=AB&size=2&after=Y-5"));
    }

    @Test
    void namesByPrefixComeFromTheirIndexRange() {
        assertJson("""
                {"items":[{"name":"ABC","count":2},{"name":"AB","count":1}],"cache":"online"}""",
                get("/api/aggregates?q=AB&top=2"));
        assertJson("""
                {"items":[{"name":"AB","count":1},{"name":"ABBA","count":1},{"name":"ABC","count":2}],
                 "page":0,"size":25,"total":3,"cache":"online"}""", get("/api/aggregates/table?q=AB&sort=name"));
        assertJson("""
                {"items":[{"name":"AB","count":1},{"name":"ABBA","count":1}],"page":0,"size":25,"total":3,
                 "cache":"online"}""",
                get("/api/aggregates/table?q=AB&afterName=ABC&afterCount=2"));
    }

    @Test
    void concurrentMissesOfOneKeyComputeItOnce() throws Exception {
        int readers = 8;
        String url = "/api/products?q=AB&size=3";
        double misses = Management.counter("dashboard_cache_requests_total", "result=\"miss\"", "view=\"products\"");
        double computations = Management.counter("dashboard_cache_computations_total", "view=\"products\"");
        ExecutorService pool = Executors.newFixedThreadPool(readers);
        List<Future<Response>> answers = new ArrayList<>();
        try (Connection db = Sql.connect()) {
            db.setAutoCommit(false);
            try (Statement sql = db.createStatement()) {
                // the first computation waits for this lock: every reader arrives while it runs
                sql.execute("LOCK TABLE products IN ACCESS EXCLUSIVE MODE");
                for (int i = 0; i < readers; i++) {
                    answers.add(pool.submit(() -> given().get(url)));
                }
                await().atMost(Duration.ofSeconds(30)).until(() -> Management.counter("dashboard_cache_requests_total",
                        "result=\"miss\"", "view=\"products\"") == misses + readers);
                assertEquals(computations + 1,
                        Management.counter("dashboard_cache_computations_total", "view=\"products\""));
            } finally {
                db.rollback();
            }
            for (Future<Response> answer : answers) {
                Response response = answer.get();
                assertEquals(200, response.statusCode(), response.asString());
                assertJson(page(List.of(AB_1, AB_2, Y_5), 0, 3, 5), response.asString());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(computations + 1, Management.counter("dashboard_cache_computations_total", "view=\"products\""));
        // stored once for all of them: the next read is a hit
        assertJson(page(List.of(AB_1, AB_2, Y_5), 0, 3, 5), get(url));
        assertEquals(computations + 1, Management.counter("dashboard_cache_computations_total", "view=\"products\""));
    }

    private static String page(List<String> items, int page, int size, long total) {
        return "{\"items\":[" + String.join(",", items) + "],\"page\":" + page + ",\"size\":" + size + ",\"total\":"
                + total + ",\"cache\":\"online\"}";
    }
}
