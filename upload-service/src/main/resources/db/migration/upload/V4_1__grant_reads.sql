-- Least privilege (docs/decisions/0001-database-roles.md): each service connects as its own role and owns its
-- tables; another service reads one only where its code does, and only reads. ingest-worker checks an
-- upload's order, bucket and key and finds silent uploads; the dashboard lists uploads.
GRANT SELECT ON uploads TO lfp_ingest, lfp_dashboard;
