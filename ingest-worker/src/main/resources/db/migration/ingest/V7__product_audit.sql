-- Who changed which product, how and when: every single-product edit over HTTP (POST/PUT/DELETE
-- /api/products) writes one row here in the edit's own transaction, so a committed edit always has its
-- entry and a rolled-back one never. Uploads are not audited row by row (upload-service records who
-- uploaded a file). Kept for good: nothing deletes these rows. Read by admins, GET /api/audit/products.
CREATE TABLE product_audit (
    id         bigserial PRIMARY KEY,
    sku        text COLLATE "C" NOT NULL,
    action     text NOT NULL,
    principal  text NOT NULL,
    -- {"name":…,"description":…} before and after the edit; NULL before a create, after a delete
    before     jsonb,
    after      jsonb,
    -- the edit transaction's clock: equal to the row's products.updated_at and the outbox row's changed_at
    changed_at timestamptz NOT NULL,
    CONSTRAINT product_audit_action_check CHECK (action IN ('CREATED', 'UPDATED', 'DELETED'))
);

-- Newest first, for one sku (the keyset pages of all skus use the primary key)
CREATE INDEX product_audit_sku_idx ON product_audit (sku, id);
