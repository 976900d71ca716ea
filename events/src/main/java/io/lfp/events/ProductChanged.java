package io.lfp.events;

import java.time.Instant;

/**
 * One product was created, changed or deleted through ingest-worker's single-product API
 * ({@code POST/PUT/DELETE /api/products}). Published from a transactional outbox after the edit
 * committed: every committed edit is announced (normally once; again only if the worker crashed
 * between Kafka's acknowledgement and marking the row sent). Kafka key: the sku, so one
 * product's changes stay in order on one partition.
 *
 * <pre>
 * {"version":2,"sku":"lay-raise-best-end","change":"UPDATED","oldName":"Bryce Jones","newName":"Bryce Jonas","changedAt":"2026-11-24T03:12:00.250Z","editId":42}
 * </pre>
 *
 * @param version payload version, {@link #VERSION}
 * @param sku the product's sku; also the Kafka key
 * @param change {@link #CREATED}, {@link #UPDATED} (name and/or description) or {@link #DELETED}
 * @param oldName the name before the edit; null for {@link #CREATED}
 * @param newName the name after the edit; null for {@link #DELETED}; equal to oldName when only the
 *        description changed
 * @param changedAt when the edit committed (the database clock of its transaction: products.updated_at)
 * @param editId the edit's unique id (its outbox row), the same when the event is sent again: consumers
 *        that must apply an edit exactly once (aggregate-service's counts) remember it (v2)
 */
public record ProductChanged(int version, String sku, String change, String oldName, String newName,
        Instant changedAt, long editId) {

    public static final int VERSION = 2;

    public static final String CREATED = "CREATED";
    public static final String UPDATED = "UPDATED";
    public static final String DELETED = "DELETED";
}
