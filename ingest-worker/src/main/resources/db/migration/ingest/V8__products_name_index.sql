-- The dashboard's product search by name prefix (name COLLATE "C" >= q AND < q's successor, by name then sku,
-- keyset pages after a (name, sku)) reads this index's range instead of scanning products: at 5M products a search
-- no one asked before costs a few index entries, not a scan. V3 dropped the same index for its upkeep on the merge;
-- measured again on a durable server (fsync, full_page_writes on; psql, 500k rows, noisy 2-core machine) it makes
-- the merge of a first upload 4.3-7.1 s -> 7.5-8.5 s and of a second 4.7-5.0 s -> 10.2-11.4 s; (name, sku) cost
-- more (9.1-12.9 s, 10.3-12.7 s) for no read the dashboard needs (docs/decisions/0009).
CREATE INDEX products_name_idx ON products (name COLLATE "C");
