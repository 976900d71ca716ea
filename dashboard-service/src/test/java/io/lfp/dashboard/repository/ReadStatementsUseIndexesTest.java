package io.lfp.dashboard.repository;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.lfp.localinfra.LocalInfraTestResource;
import io.lfp.testing.ServiceSchemas;
import io.lfp.testing.Sql;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Every read statement of products and product_counts has an index path: planned with sequential scans
 * disabled, on the owners' own schema (their migrations), none reads either table with a Seq Scan — which
 * PostgreSQL would still choose, at a penalty, if no index could serve the statement. Checked with the
 * parameter values in the plan (as the service's unnamed statements are planned) and with a generic plan.
 * The two whole-table counts of the summary are left out: events keep the summary in Redis.
 */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
class ReadStatementsUseIndexesTest {

    @BeforeEach
    void smallTables() {
        ServiceSchemas.migrate("upload-service", "ingest-worker", "aggregate-service");
        Sql.update("TRUNCATE products, product_counts");
        for (int i = 0; i < 50; i++) {
            Sql.update("INSERT INTO products (sku, name, description, src_upload, src_line) VALUES (?, ?, 'd', 1, ?)",
                    "SKU-" + i, "Name " + (i % 7), (long) i);
        }
        Sql.update("INSERT INTO product_counts SELECT name, count(*) FROM products GROUP BY name");
        Sql.update("ANALYZE products");
        Sql.update("ANALYZE product_counts");
    }

    @Test
    void productStatementsReadAnIndex() throws SQLException {
        Map<String, String> statements = new LinkedHashMap<>();
        statements.put(ProductRepository.SEARCH, "'Na', 'Nb', 20, '', 20, 0");
        statements.put(ProductRepository.SEARCH_AFTER_SKU, "'SKU-1', 'SKU-2', 20, 'SKU-12'");
        statements.put(ProductRepository.SEARCH_AFTER_NAME, "'Na', 'Nb', 20, 'SKU-12'");
        statements.put(ProductRepository.ALL, "20, 40");
        statements.put(ProductRepository.ALL_AFTER, "20, 'SKU-12'");
        statements.put(ProductRepository.COUNT_MATCHES, "'Na', 'Nb', 10001");
        statements.put(ProductRepository.COUNT_SOME, "10001");
        statements.put(ProductRepository.FIND_BY_SKU, "'SKU-12'");
        assertIndexOnly(statements);
        // the name part of a search is the name index's range, in its order
        assertTrue(plan(ProductRepository.SEARCH_AFTER_NAME, "'Na', 'Nb', 20, 'SKU-12'", false)
                .contains("products_name_idx"));
    }

    @Test
    void countStatementsReadAnIndex() throws SQLException {
        Map<String, String> statements = new LinkedHashMap<>();
        Map<ProductCountRepository.Forms, String> forms = new LinkedHashMap<>();
        forms.put(ProductCountRepository.TOP, "20");
        forms.put(ProductCountRepository.PAGE_BY_COUNT_DESC, "25, 50");
        forms.put(ProductCountRepository.PAGE_BY_COUNT_ASC, "25, 50");
        forms.put(ProductCountRepository.PAGE_BY_NAME_ASC, "25, 50");
        forms.put(ProductCountRepository.PAGE_BY_NAME_DESC, "25, 50");
        forms.put(ProductCountRepository.AFTER_BY_COUNT_DESC, "25, 7, 'Name 3'");
        forms.put(ProductCountRepository.AFTER_BY_COUNT_ASC, "25, 7, 'Name 3'");
        forms.put(ProductCountRepository.AFTER_BY_NAME_ASC, "25, 'Name 3'");
        forms.put(ProductCountRepository.AFTER_BY_NAME_DESC, "25, 'Name 3'");
        forms.put(ProductCountRepository.COUNT_SOME, "10001");
        forms.forEach((sql, params) -> {
            statements.put(sql.all(), params);
            statements.put(sql.prefixed(), "'Name', 'Namf', " + params);
        });
        statements.put(ProductCountRepository.FIND_BY_NAME, "'Name 3'");
        assertIndexOnly(statements);
        // the chart: the first entries of the top index, no sort of all names
        String top = plan(ProductCountRepository.TOP.all(), "20", false);
        assertTrue(top.contains("product_counts_top_idx"), top);
        assertFalse(top.contains("Sort"), top);
    }

    private static void assertIndexOnly(Map<String, String> statements) throws SQLException {
        for (Map.Entry<String, String> statement : statements.entrySet()) {
            for (boolean generic : new boolean[] { false, true }) {
                String plan = plan(statement.getKey(), statement.getValue(), generic);
                assertFalse(plan.contains("Seq Scan on products") || plan.contains("Seq Scan on product_counts"),
                        (generic ? "generic" : "custom") + " plan of\n" + statement.getKey() + "\n" + plan);
            }
        }
    }

    /** The plan of {@code sql} with these parameter values, sequential scans disabled. */
    private static String plan(String sql, String params, boolean generic) throws SQLException {
        try (Connection c = Sql.connect(); Statement s = c.createStatement()) {
            s.execute("SET enable_seqscan = off");
            s.execute("SET plan_cache_mode = " + (generic ? "force_generic_plan" : "force_custom_plan"));
            s.execute("PREPARE read_statement AS " + sql);
            List<String> lines = new ArrayList<>();
            try (ResultSet rows = s.executeQuery("EXPLAIN EXECUTE read_statement(" + params + ")")) {
                while (rows.next()) {
                    lines.add(rows.getString(1));
                }
            }
            return String.join("\n", lines);
        }
    }
}
