-- Tables owned by ingest-worker. Other services may read products (aggregate recompute,
-- dashboard fallback) but only ingest-worker writes these tables.

-- One row per product. (src_upload, src_line) is the position of the CSV record the row
-- came from; an upsert only replaces a row from an earlier position, so the result does
-- not depend on the order batches commit in. COLLATE "C": byte order, cheap comparisons
-- and prefix searches that can use the index.
CREATE TABLE products (
    sku         text COLLATE "C" PRIMARY KEY,
    name        text NOT NULL,
    description text NOT NULL,
    src_upload  bigint NOT NULL,
    src_line    bigint NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now()
);

-- The dashboard searches by name prefix (name LIKE 'abc%'); a C-collation index serves it.
CREATE INDEX products_name_idx ON products (name COLLATE "C");

-- One row per upload being or been ingested; a terminal state is the exactly-once record
-- that lets a redelivered file-uploaded event re-announce the result instead of redoing it.
CREATE TABLE ingest_jobs (
    upload_id        uuid PRIMARY KEY,
    upload_seq       bigint NOT NULL,
    bucket           text NOT NULL,
    object_key       text NOT NULL,
    state            text NOT NULL,
    bytes_total      bigint NOT NULL DEFAULT 0,
    bytes_read       bigint NOT NULL DEFAULT 0,
    rows_read        bigint NOT NULL DEFAULT 0,
    rows_loaded      bigint NOT NULL DEFAULT 0,
    rows_rejected    bigint NOT NULL DEFAULT 0,
    products_written bigint NOT NULL DEFAULT 0,
    error            text,
    started_at       timestamptz NOT NULL DEFAULT now(),
    finished_at      timestamptz,
    CONSTRAINT ingest_jobs_state_check
        CHECK (state IN ('QUEUED', 'INGESTING', 'COMPLETED', 'COMPLETED_WITH_ERRORS', 'FAILED'))
);

-- Records that could not be loaded, downloadable as CSV per upload.
CREATE TABLE rejected_rows (
    upload_id     uuid NOT NULL,
    record_number bigint NOT NULL,
    line_number   bigint NOT NULL,
    reason        text NOT NULL,
    raw_text      text NOT NULL,
    PRIMARY KEY (upload_id, record_number)
);
