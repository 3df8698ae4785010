-- The inventory service's per-SKU change counter, carried by inventory.updated: the
-- projection ignores an event older than the one it already applied (queues do not keep order).
ALTER TABLE skus ADD COLUMN stock_version INTEGER NOT NULL DEFAULT 0;
