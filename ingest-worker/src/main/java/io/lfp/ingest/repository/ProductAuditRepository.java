package io.lfp.ingest.repository;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.lfp.ingest.domain.ProductAuditEntry;
import io.lfp.ingest.domain.ProductAuditEntry.Values;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** The product_audit table: who made which single-product edit, with the values before and after. */
@ApplicationScoped
public class ProductAuditRepository {

    /** now() is the edit transaction's clock, the same as the edited row's updated_at. */
    static final String INSERT = """
            INSERT INTO product_audit (sku, action, principal, before, after, changed_at)
            VALUES ($1, $2, $3, $4, $5, now())""";

    /**
     * Newest first, keyset paging on id: $2 is the id of the last entry of the page before (null for the
     * first page), so each page reads only its own rows however long the trail. $1 null: every sku.
     */
    static final String PAGE = """
            SELECT id, sku, action, principal, before, after, changed_at FROM product_audit
            WHERE ($1::text IS NULL OR sku = $1) AND ($2::bigint IS NULL OR id < $2)
            ORDER BY id DESC LIMIT $3""";

    /** Records an edit inside its transaction {@code tx}. */
    public Uni<Void> insert(SqlClient tx, String sku, String action, String principal, Values before, Values after) {
        return tx.preparedQuery(INSERT).execute(Tuple.of(sku, action, principal, json(before), json(after)))
                .replaceWithVoid();
    }

    /** Up to {@code limit} entries older than {@code beforeId} (all when null), of {@code sku} (all when null). */
    public Uni<List<ProductAuditEntry>> page(SqlClient client, String sku, Long beforeId, int limit) {
        return client.preparedQuery(PAGE).execute(Tuple.of(sku, beforeId, limit)).map(rows -> {
            List<ProductAuditEntry> page = new ArrayList<>(rows.size());
            for (Row row : rows) {
                page.add(from(row));
            }
            return page;
        });
    }

    private static JsonObject json(Values values) {
        return values == null ? null
                : new JsonObject().put("name", values.name()).put("description", values.description());
    }

    private static Values values(JsonObject json) {
        return json == null ? null : new Values(json.getString("name"), json.getString("description"));
    }

    static ProductAuditEntry from(Row row) {
        return new ProductAuditEntry(row.getLong("id"), row.getString("sku"), row.getString("action"),
                row.getString("principal"), values(row.getJsonObject("before")), values(row.getJsonObject("after")),
                row.getOffsetDateTime("changed_at").toInstant());
    }
}
