-- Least privilege (docs/decisions/0001-database-roles.md): each service connects as its own role and owns its
-- tables; another service reads one only where its code does, and only reads. The dashboard shows products,
-- aggregate-service adds up an upload's name count changes, upload-service serves an upload's rejected rows.
GRANT SELECT ON products TO lfp_dashboard;
GRANT SELECT ON name_count_deltas TO lfp_aggregate;
GRANT SELECT ON rejected_rows TO lfp_upload;
