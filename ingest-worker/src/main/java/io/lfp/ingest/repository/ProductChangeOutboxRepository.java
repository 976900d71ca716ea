package io.lfp.ingest.repository;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.lfp.ingest.domain.ProductChange;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** The product_edit_outbox table: committed edits waiting to be (or been) announced on Kafka. */
@ApplicationScoped
public class ProductChangeOutboxRepository {

    /** now() is the edit transaction's clock, the same as the edited row's updated_at. */
    static final String INSERT = """
            INSERT INTO product_edit_outbox (sku, change, old_name, new_name, changed_at)
            VALUES ($1, $2, $3, $4, now())
            RETURNING id""";

    /** Held until the relay's transaction ends: instances publish one after another, in id order. */
    static final String LOCK_RELAY = "SELECT pg_advisory_xact_lock($1)";

    static final String UNSENT = """
            SELECT id, sku, change, old_name, new_name, changed_at FROM product_edit_outbox
            WHERE sent_at IS NULL ORDER BY id LIMIT $1""";

    static final String MARK_SENT = "UPDATE product_edit_outbox SET sent_at = now() WHERE id = ANY($1)";

    static final String PURGE_SENT = """
            DELETE FROM product_edit_outbox WHERE sent_at < now() - $1::bigint * interval '1 second'""";

    private final Pool pool;

    public ProductChangeOutboxRepository(Pool pool) {
        this.pool = pool;
    }

    /** Records an edit inside its transaction. */
    public Uni<Long> insert(SqlClient tx, String sku, String change, String oldName, String newName) {
        return tx.preparedQuery(INSERT).execute(Tuple.of(sku, change, oldName, newName))
                .map(rows -> rows.iterator().next().getLong("id"));
    }

    /** Takes the relay lock inside the transaction of {@code tx}; waits while another instance holds it. */
    public Uni<Void> lockRelay(SqlClient tx, long lockKey) {
        return tx.preparedQuery(LOCK_RELAY).execute(Tuple.of(lockKey)).replaceWithVoid();
    }

    /** Up to {@code limit} edits not announced yet, oldest first. */
    public Uni<List<ProductChange>> unsent(SqlClient tx, int limit) {
        return tx.preparedQuery(UNSENT).execute(Tuple.of(limit)).map(rows -> {
            List<ProductChange> changes = new ArrayList<>(rows.size());
            for (Row row : rows) {
                changes.add(from(row));
            }
            return changes;
        });
    }

    public Uni<Void> markSent(SqlClient tx, List<ProductChange> changes) {
        Long[] ids = changes.stream().map(ProductChange::id).toArray(Long[]::new);
        return tx.preparedQuery(MARK_SENT).execute(Tuple.of(ids)).replaceWithVoid();
    }

    /** Deletes rows sent longer than {@code retention} ago; yields how many. */
    public Uni<Integer> purgeSent(Duration retention) {
        return pool.preparedQuery(PURGE_SENT).execute(Tuple.of(retention.toSeconds())).map(rows -> rows.rowCount());
    }

    static ProductChange from(Row row) {
        return new ProductChange(row.getLong("id"), row.getString("sku"), row.getString("change"),
                row.getString("old_name"), row.getString("new_name"), row.getOffsetDateTime("changed_at").toInstant());
    }
}
