-- The dashboard's top names and its table by count (first pages, and keyset pages after a (count, name); fewest
-- first read backwards) read this index in order instead of sorting all of product_counts: at ~1.5M names a miss
-- or a Redis outage costs a few index entries, not a scan and a sort. V3 dropped it for its upkeep on the counts
-- step; measured again on a durable server (psql, ~400k names, noisy 2-core machine) it makes adding a first
-- upload's counts 1.8-2.5 s -> 2.9-4.0 s and a second's 3.6-4.5 s -> 4.6-7.8 s (docs/decisions/0009).
CREATE INDEX product_counts_top_idx ON product_counts (product_count DESC, name);
