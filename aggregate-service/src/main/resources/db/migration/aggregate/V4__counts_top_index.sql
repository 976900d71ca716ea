-- The dashboard's top names and its table by count (first pages, and keyset pages after a (count, name); fewest
-- first read backwards) read this index in order instead of sorting all of product_counts: at ~1.5M names a miss
-- or a Redis outage costs a few index entries, not a scan and a sort. V3 dropped it for its upkeep on the counts
-- step; measured again on a durable server (psql, ~400k names, quiet 2-core machine) adding a second upload's
-- counts takes 3.3-4.4 s with it, 2.7-3.1 s without; a first upload's about the same, 1.6-2.1 s
-- (docs/decisions/0009).
CREATE INDEX product_counts_top_idx ON product_counts (product_count DESC, name);
