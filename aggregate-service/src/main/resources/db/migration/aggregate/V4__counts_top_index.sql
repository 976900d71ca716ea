-- The dashboard's top names and its table by count (first pages, and keyset pages after a (count, name)) read
-- this index in order instead of sorting all of product_counts: at ~1.5M names a miss or a Redis outage costs a
-- few index entries, not a scan and a sort. V3 dropped it for its upkeep on the counts step; measured again on a
-- durable server, the upkeep is <UPKEEP> (docs/decisions/0009).
CREATE INDEX product_counts_top_idx ON product_counts (product_count DESC, name);
