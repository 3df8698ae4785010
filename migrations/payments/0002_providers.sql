-- Payments: provider charges (wallet top-ups and mobile-money order payments), the callbacks
-- we accepted and their processing, and the local provider sandbox.

-- `topups` becomes the table of every provider charge. A charge with an order_id pays for that
-- order (the money still lands in the shopper's wallet first, see docs/checkout.md); without
-- one it is a plain wallet top-up. The table keeps its name so older readers keep working.
ALTER TABLE topups ADD COLUMN order_id TEXT;
-- The provider's own id for the charge when it differs from ours (M-Pesa CheckoutRequestID,
-- MTN MoMo X-Reference-Id, Flutterwave transaction id); `reference` stays our id.
ALTER TABLE topups ADD COLUMN provider_reference TEXT;
-- SHA-256 (hex) of the unguessable token in an unsigned provider's callback URL (M-Pesa, MoMo).
-- Only the hash is kept, so a leaked table cannot be used to forge callbacks.
ALTER TABLE topups ADD COLUMN callback_token_hash TEXT;
ALTER TABLE topups ADD COLUMN failure_reason TEXT;

-- initiate() is idempotent by order: one charge per order, whoever asks twice.
CREATE UNIQUE INDEX topups_order ON topups (order_id) WHERE order_id IS NOT NULL;
CREATE UNIQUE INDEX topups_callback_token ON topups (callback_token_hash) WHERE callback_token_hash IS NOT NULL;
CREATE INDEX topups_provider_reference ON topups (provider, provider_reference);
-- The reconciliation cron's scan: pending charges, oldest first.
CREATE INDEX topups_pending ON topups (status, created_at);

-- provider_events (0001) is unique per (provider, reference, event). Now each row also says which
-- charge it concerns (NULL for an unknown reference, still recorded) and when the
-- payment-callbacks consumer finished with it, and how.
ALTER TABLE provider_events ADD COLUMN charge_id TEXT;
ALTER TABLE provider_events ADD COLUMN processed_at INTEGER;
ALTER TABLE provider_events ADD COLUMN outcome TEXT;

-- Callback messages that exhausted their retries: kept for operators to inspect and replay.
CREATE TABLE dead_letters (
  message_id TEXT PRIMARY KEY,
  queue TEXT NOT NULL,
  body TEXT NOT NULL,
  attempts INTEGER NOT NULL,
  received_at INTEGER NOT NULL
);

-- Development/test only: the state of the fake providers (src/providers/sandbox). Staging and
-- production never write here. One row per charge as the provider would hold it.
CREATE TABLE sandbox_charges (
  provider TEXT NOT NULL,
  -- The id the provider answers with or was given (CheckoutRequestID, X-Reference-Id, reference, tx_ref).
  provider_reference TEXT NOT NULL,
  -- The provider's transaction id once paid (M-Pesa receipt, MoMo financialTransactionId, Flutterwave id).
  transaction_id TEXT,
  -- What the merchant sent, on the wire (the provider's own amount format).
  amount TEXT NOT NULL,
  currency TEXT NOT NULL,
  phone TEXT,
  callback_url TEXT,
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'timeout', 'paid', 'failed', 'cancelled')),
  request TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (provider, provider_reference)
);
CREATE INDEX sandbox_charges_transaction ON sandbox_charges (provider, transaction_id);
