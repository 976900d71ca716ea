-- One row per upload. Owned by upload-service; the ingest-worker reads nothing here
-- (it gets everything it needs in the FileUploaded event).
CREATE TABLE uploads (
    id               uuid        PRIMARY KEY,
    -- the upload's position: later uploads win over earlier ones in the products upsert
    seq              bigint      GENERATED ALWAYS AS IDENTITY UNIQUE,
    filename         text        NOT NULL,
    bucket           text        NOT NULL,
    object_key       text        NOT NULL,
    size_bytes       bigint      NOT NULL,
    status           text        NOT NULL
        CHECK (status IN ('QUEUED', 'INGESTING', 'COMPLETED', 'COMPLETED_WITH_ERRORS', 'FAILED')),
    bytes_read       bigint      NOT NULL DEFAULT 0,
    rows_read        bigint      NOT NULL DEFAULT 0,
    rows_loaded      bigint      NOT NULL DEFAULT 0,
    rows_rejected    bigint      NOT NULL DEFAULT 0,
    products_written bigint      NOT NULL DEFAULT 0,
    error            text,
    created_at       timestamptz NOT NULL DEFAULT now(),
    started_at       timestamptz,
    finished_at      timestamptz,
    -- when product_counts was exact again after this upload's job (AggregatesChanged)
    aggregated_at    timestamptz
);
