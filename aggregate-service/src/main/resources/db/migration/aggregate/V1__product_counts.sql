-- Number of products per name. Kept equal to
-- SELECT name, count(*) FROM products GROUP BY name by the reconcile after every ingest job.
-- COLLATE "C": byte order, the same collation as products.sku, and what the measured numbers used.
CREATE TABLE product_counts (
    name          text COLLATE "C" PRIMARY KEY,
    product_count bigint NOT NULL
);

-- Serves GET /api/aggregates (top names: count desc, ties by name) straight from the index.
CREATE INDEX product_counts_top_idx ON product_counts (product_count DESC, name);
