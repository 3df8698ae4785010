-- The shopper's default delivery address: the one checkout picks first. At most one per user
-- (the partial unique index), chosen under /account.
ALTER TABLE addresses ADD COLUMN is_default INTEGER NOT NULL DEFAULT 0 CHECK (is_default IN (0, 1));
CREATE UNIQUE INDEX addresses_one_default ON addresses (user_id) WHERE is_default = 1;
