-- The dashboard's product search by name prefix (name COLLATE "C" >= q AND < q's successor, ordered by name then
-- sku, keyset pages after a (name, sku)) reads this index's range instead of scanning products: at 5M products
-- a search no one asked before answers in milliseconds, not seconds. V3 dropped products_name_idx for its upkeep on
-- the merge; measured again on a durable server (fsync and full_page_writes on), the upkeep is <UPKEEP>
-- (docs/decisions/0009).
CREATE INDEX products_name_sku_idx ON products (name COLLATE "C", sku);
