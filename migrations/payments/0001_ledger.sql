-- Payments: a double-entry ledger in integer minor units, provider events, and the
-- outbox/processed-events/idempotency tables of the event system.
--
-- Sign convention: one signed amount per line, positive = credit. An account's balance is
-- sum(amount) of its lines, never stored. Accounts that hold money owed to someone (wallets,
-- vendor pending/payable, commission, refunds) run positive; accounts that hold money owed
-- to us (provider clearing, cash-on-delivery receivable) run negative.

CREATE TABLE accounts (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN (
    'shopper_wallet', 'vendor_payable', 'vendor_pending', 'platform_commission',
    'provider_clearing', 'cod_receivable', 'refunds'
  )),
  -- A user id (wallets), a vendor id (vendor_*), a provider name (provider_clearing),
  -- or NULL for the platform's own accounts.
  owner_id TEXT,
  currency TEXT NOT NULL CHECK (length(currency) = 3 AND currency = upper(currency)),
  created_at INTEGER NOT NULL,
  CHECK ((kind IN ('platform_commission', 'cod_receivable', 'refunds')) = (owner_id IS NULL)),
  -- Target of journal_lines' composite key: a line's currency is its account's currency.
  UNIQUE (id, currency)
);
-- One account per kind, owner and currency; coalesce because NULLs never collide in UNIQUE.
CREATE UNIQUE INDEX accounts_identity ON accounts (kind, coalesce(owner_id, ''), currency);
CREATE INDEX accounts_owner ON accounts (owner_id, kind);

CREATE TABLE journal_entries (
  id TEXT PRIMARY KEY,
  -- The operation's own idempotency key (e.g. 'topup:<id>', 'purchase:<order>'): a retried
  -- operation finds its entry here and writes nothing.
  external_ref TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX journal_entries_created ON journal_entries (created_at, id);

CREATE TABLE journal_lines (
  entry_id TEXT NOT NULL REFERENCES journal_entries (id),
  -- (entry_id, line_no) is the key, so an entry's lines cannot be written twice.
  line_no INTEGER NOT NULL CHECK (line_no >= 0),
  account_id TEXT NOT NULL,
  amount INTEGER NOT NULL CHECK (typeof(amount) = 'integer' AND amount <> 0),
  currency TEXT NOT NULL,
  PRIMARY KEY (entry_id, line_no),
  FOREIGN KEY (account_id, currency) REFERENCES accounts (id, currency)
);
CREATE INDEX journal_lines_account ON journal_lines (account_id, entry_id);

-- Every provider notification we accepted (signature verified), once per provider reference.
CREATE TABLE provider_events (
  id TEXT PRIMARY KEY,
  provider TEXT NOT NULL,
  reference TEXT NOT NULL,
  event TEXT NOT NULL,
  body TEXT NOT NULL,
  received_at INTEGER NOT NULL,
  UNIQUE (provider, reference, event)
);

-- A top-up the shopper started; credited once when the provider confirms it.
CREATE TABLE topups (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL,
  provider TEXT NOT NULL,
  reference TEXT NOT NULL,
  amount INTEGER NOT NULL CHECK (typeof(amount) = 'integer' AND amount > 0),
  currency TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'paid', 'failed')),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  UNIQUE (provider, reference)
);
CREATE INDEX topups_user ON topups (user_id, created_at);

CREATE TABLE idempotency_keys (
  -- Whose key it is (a user id): keys of different callers never collide.
  scope TEXT NOT NULL,
  key TEXT NOT NULL,
  request_hash TEXT NOT NULL,
  status INTEGER NOT NULL,
  body TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (scope, key)
);

CREATE TABLE outbox (
  id TEXT PRIMARY KEY,
  type TEXT NOT NULL,
  body TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  sent_at INTEGER
);
CREATE INDEX outbox_unsent ON outbox (sent_at, id);

CREATE TABLE processed_events (
  id TEXT PRIMARY KEY,
  type TEXT NOT NULL,
  processed_at INTEGER NOT NULL
);
