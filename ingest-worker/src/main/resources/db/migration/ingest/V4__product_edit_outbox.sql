-- Single-product edits (POST/PUT/DELETE /api/products): every committed edit writes, in the same
-- transaction, one row here describing it; a relay publishes each row as a ProductChanged event on
-- Kafka and then sets sent_at. A row still unsent after a crash is sent by the periodic sweep, so no
-- committed edit goes unannounced.
CREATE TABLE product_edit_outbox (
    id         bigserial PRIMARY KEY,
    sku        text COLLATE "C" NOT NULL,
    change     text NOT NULL,
    old_name   text,
    new_name   text,
    changed_at timestamptz NOT NULL,
    sent_at    timestamptz,
    CONSTRAINT product_edit_outbox_change_check CHECK (change IN ('CREATED', 'UPDATED', 'DELETED'))
);

-- The relay reads unsent rows in id order (= commit order for one sku: an edit locks the product row
-- before it takes its id); sent rows stay out of this index.
CREATE INDEX product_edit_outbox_unsent_idx ON product_edit_outbox (id) WHERE sent_at IS NULL;
