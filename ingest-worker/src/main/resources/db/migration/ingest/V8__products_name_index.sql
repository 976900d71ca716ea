-- The dashboard's product search by name prefix (name COLLATE "C" >= q AND < q's successor, by name then sku,
-- keyset pages after a (name, sku)) reads this index's range instead of scanning products: at 5M products a search
-- no one asked before costs a few index entries, not a scan. V3 dropped the same index for its upkeep on the merge;
-- measured again on a durable server (fsync, full_page_writes on; psql, 500k rows, one bucket, quiet 2-core
-- machine) it makes the merge of a first upload 3.4 s -> 4.4 s and of a second 3.6-4.2 s -> 4.9-5.5 s; an index on
-- (name, sku) cost more (4.7-6.5 s, 5.5-6.8 s) for no read the dashboard needs (docs/decisions/0009).
CREATE INDEX products_name_idx ON products (name COLLATE "C");
