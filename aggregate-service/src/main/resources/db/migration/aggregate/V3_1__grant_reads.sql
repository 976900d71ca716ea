-- Least privilege (docs/decisions/0001-database-roles.md): each service connects as its own role and owns its
-- tables; another service reads one only where its code does, and only reads. The dashboard shows the counts.
GRANT SELECT ON product_counts TO lfp_dashboard;
