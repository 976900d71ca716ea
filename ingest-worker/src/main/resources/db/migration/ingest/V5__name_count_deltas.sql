-- Exact product counts without recomputing them (docs/architecture.md, "Counts"): every merge
-- writes, in its own transaction, how many products each name gained or lost; aggregate-service
-- adds those deltas to product_counts once per upload. A full recompute after every upload took
-- 2-4 s at 0.5-1M products and grows with the table; the deltas grow with the upload.

-- The name a product had before the merge that last rewrote it. The merge sets it in its
-- ON CONFLICT DO UPDATE and reads it back through RETURNING: the only exact way to learn the name a
-- row lost (RETURNING sees only the new row, and a name read before the upsert can be stale when
-- another transaction rewrote the row in between). NULL for a row the merge inserted.
ALTER TABLE products ADD COLUMN prev_name text;

-- Per upload and sku bucket (one merge transaction each): the change of every name's product count.
-- Written by the merge, read by aggregate-service when the job has ended, deleted here once
-- aggregate-service announced (AggregatesChanged) that it applied them. Few uploads' rows at a
-- time, read by upload: no index, a scan is cheaper than maintaining one on every merge.
CREATE TABLE name_count_deltas (
    upload_id uuid    NOT NULL,
    bucket    integer NOT NULL,
    name      text COLLATE "C" NOT NULL,
    delta     bigint  NOT NULL
);
