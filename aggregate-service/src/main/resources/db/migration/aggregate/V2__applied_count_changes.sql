-- product_counts is kept exact by adding count changes instead of recomputing it
-- (docs/architecture.md, "Counts"): an upload's changes come from ingest-worker's
-- name_count_deltas when its job ends, a single-product edit's from its ProductChanged event.
-- Each change is added once: its source is recorded here in the same transaction, so an event
-- delivered again (Kafka redelivery, an outbox re-send, a re-announced job end) adds nothing.
-- One small row per upload and per single-product edit.
CREATE TABLE applied_count_changes (
    source     text PRIMARY KEY,      -- 'upload <uuid>' or 'edit <ProductChanged.editId>'
    applied_at timestamptz NOT NULL DEFAULT now()
);
