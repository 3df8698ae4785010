-- Pay-on-delivery cash remittance (issue 15). Cash a rider (or station agent) collects at the door is
-- held by that collector until they hand it in: a collection names its collector and posts to the
-- collector's own account `collector_cash` (owner = their user id; it runs negative, like the COD
-- receivable: it is what they owe us). A remittance moves it to `platform_cash` (the platform's own,
-- no owner; negative as well: cash we hold). Collections that name no collector, and mobile-money
-- ones, keep posting to `cod_receivable`. Every entry still nets to zero, so the trial balance holds.
--
-- The account kinds are a CHECK list: `accounts` is rebuilt the SQLite way again (see 0005).
PRAGMA defer_foreign_keys = on;

CREATE TABLE accounts_rebuilt (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN (
    'shopper_wallet', 'vendor_payable', 'vendor_pending', 'platform_commission',
    'provider_clearing', 'cod_receivable', 'refunds', 'logistics_revenue',
    'collector_cash', 'platform_cash'
  )),
  -- A user id (wallets, collectors), a vendor id (vendor_*), a provider name (provider_clearing),
  -- or NULL for the platform's own accounts.
  owner_id TEXT,
  currency TEXT NOT NULL CHECK (length(currency) = 3 AND currency = upper(currency)),
  created_at INTEGER NOT NULL,
  CHECK ((kind IN ('platform_commission', 'cod_receivable', 'refunds', 'logistics_revenue', 'platform_cash')) = (owner_id IS NULL)),
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

-- Who collected a pay-on-delivery vendor order's money (the rider's or agent's user id), when known.
ALTER TABLE vendor_order_payments ADD COLUMN collected_by TEXT;
