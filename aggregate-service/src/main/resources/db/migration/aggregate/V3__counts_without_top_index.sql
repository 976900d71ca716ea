-- Every upload rewrites the count of each name it touched (~257k names for the 500k-row file), and
-- each rewrite also moved the row in this second index: measured with psql, adding 257k counts took
-- 2.4 s with it and 1.5 s without. The top names are read by a scan and a top-N sort instead
-- (product_counts is small next to products, and that scan is the one the totals already do);
-- the dashboard serves them from its Redis views.
DROP INDEX IF EXISTS product_counts_top_idx;
