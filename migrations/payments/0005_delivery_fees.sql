-- Delivery fees. Each vendor order's payment carries its delivery fee and who is paid it:
-- `logistics` (the platform's carriers: the fee goes to the new platform account
-- `logistics_revenue`) or `vendor` (a vendor that delivers itself: the fee joins the vendor's
-- share). `amount` stays what the shopper pays for the vendor order, goods plus fee; the fee is
-- never commissionable.
ALTER TABLE vendor_order_payments ADD COLUMN delivery_fee INTEGER NOT NULL DEFAULT 0
  CHECK (typeof(delivery_fee) = 'integer' AND delivery_fee >= 0);
ALTER TABLE vendor_order_payments ADD COLUMN delivery_payee TEXT NOT NULL DEFAULT 'logistics'
  CHECK (delivery_payee IN ('logistics', 'vendor'));

-- The account kinds are a CHECK list; SQLite cannot alter a CHECK, so `accounts` is rebuilt the
-- SQLite way (new table, copy, drop, rename, indexes). journal_lines references (id, currency):
-- `defer_foreign_keys` moves that check to the end of this migration, when the ids are back.
PRAGMA defer_foreign_keys = on;

CREATE TABLE accounts_rebuilt (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN (
    'shopper_wallet', 'vendor_payable', 'vendor_pending', 'platform_commission',
    'provider_clearing', 'cod_receivable', 'refunds', 'logistics_revenue'
  )),
  -- A user id (wallets), a vendor id (vendor_*), a provider name (provider_clearing),
  -- or NULL for the platform's own accounts.
  owner_id TEXT,
  currency TEXT NOT NULL CHECK (length(currency) = 3 AND currency = upper(currency)),
  created_at INTEGER NOT NULL,
  CHECK ((kind IN ('platform_commission', 'cod_receivable', 'refunds', 'logistics_revenue')) = (owner_id IS NULL)),
  -- Target of journal_lines' composite key: a line's currency is its account's currency.
  UNIQUE (id, currency)
);
INSERT INTO accounts_rebuilt (id, kind, owner_id, currency, created_at)
SELECT id, kind, owner_id, currency, created_at FROM accounts;
DROP TABLE accounts;
ALTER TABLE accounts_rebuilt RENAME TO accounts;
CREATE UNIQUE INDEX accounts_identity ON accounts (kind, coalesce(owner_id, ''), currency);
CREATE INDEX accounts_owner ON accounts (owner_id, kind);

PRAGMA defer_foreign_keys = off;
