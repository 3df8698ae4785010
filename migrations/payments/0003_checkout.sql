-- Payments for checkout: order payments and their vendor orders (wallet and pay on delivery),
-- commission rules, pay-on-delivery limits, and vendor payouts.
--
-- Money only ever moves through journal entries (0001). These tables hold the state of each
-- payment; every status change that goes with money is written in the same batch as its entry
-- and only if that entry exists, and each transition is a compare-and-set on `status`, so two
-- racing operations (capture vs void, refund vs release) can never both win.

CREATE TABLE payments (
  id TEXT PRIMARY KEY,
  -- One payment per order: the checkout's idempotency key.
  order_id TEXT NOT NULL UNIQUE,
  user_id TEXT NOT NULL,
  method TEXT NOT NULL CHECK (method IN ('wallet', 'mobile_money', 'pay_on_delivery')),
  status TEXT NOT NULL CHECK (status IN (
    'authorized', 'voiding', 'voided', 'captured', 'refunded', 'partially_refunded', 'pay_on_delivery', 'collected'
  )),
  amount INTEGER NOT NULL CHECK (typeof(amount) = 'integer' AND amount > 0),
  currency TEXT NOT NULL,
  commission INTEGER NOT NULL CHECK (typeof(commission) = 'integer' AND commission >= 0),
  -- Pay on delivery only: the country whose limits applied.
  country TEXT,
  captured_at INTEGER,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX payments_user_open ON payments (user_id, method, status);

CREATE TABLE vendor_order_payments (
  vendor_order_id TEXT PRIMARY KEY,
  order_id TEXT NOT NULL REFERENCES payments (order_id),
  vendor_id TEXT NOT NULL,
  amount INTEGER NOT NULL CHECK (typeof(amount) = 'integer' AND amount > 0),
  commission INTEGER NOT NULL CHECK (typeof(commission) = 'integer' AND commission >= 0 AND commission <= amount),
  currency TEXT NOT NULL,
  -- *ing states are claims: the operation that set one is the only one that may finish it.
  status TEXT NOT NULL CHECK (status IN (
    'authorized', 'captured', 'voided', 'pay_on_delivery', 'collecting', 'collected',
    'releasing', 'released', 'refunding', 'refunded'
  )),
  -- Where the vendor's share sat when a refund claimed it.
  refund_from TEXT CHECK (refund_from IN ('pending', 'payable', 'none')),
  refund_reason TEXT,
  collected_method TEXT CHECK (collected_method IN ('cash', 'mobile_money')),
  delivered_at INTEGER,
  release_at INTEGER,
  released_at INTEGER,
  refunded_at INTEGER,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX vendor_order_payments_order ON vendor_order_payments (order_id);
CREATE INDEX vendor_order_payments_due ON vendor_order_payments (release_at) WHERE release_at IS NOT NULL;
CREATE INDEX vendor_order_payments_vendor ON vendor_order_payments (vendor_id, created_at);

-- A void that came before (or without) its authorize: a late authorize for this order is refused
-- or undone, so a saga that gave up never leaves the shopper charged.
CREATE TABLE payment_voids (
  order_id TEXT PRIMARY KEY,
  reason TEXT NOT NULL,
  voided_at INTEGER NOT NULL
);

-- Commission per catalog category id ('*' = every other category). rate_bps: 1000 = 10%.
-- minimums: JSON object of minor units per currency, e.g. {"KES":1000}.
CREATE TABLE commission_rules (
  category_id TEXT PRIMARY KEY,
  rate_bps INTEGER NOT NULL CHECK (typeof(rate_bps) = 'integer' AND rate_bps BETWEEN 0 AND 10000),
  minimums TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(minimums) AND json_type(minimums) = 'object'),
  updated_at INTEGER NOT NULL
);

-- Defaults. The ids are the catalog seeder's (scripts/lib/generate.mjs, default seed): each
-- top-level category and its leaves, since a product carries its leaf category id.
-- Electronics 5% (phones-tablets, computing, electronics), fashion 15%, everything else 10%.
INSERT INTO commission_rules (category_id, rate_bps, minimums, updated_at) VALUES
  ('*', 1000, '{"KES":1000,"NGN":10000,"GHS":100,"ZAR":500,"EGP":500,"XOF":100,"UGX":1000}', 0),
  -- phones-tablets
  ('cat_01hpzak400qa86dtnbxawtpb78', 500, '{"KES":1000,"NGN":10000,"GHS":100,"ZAR":500,"EGP":500,"XOF":100,"UGX":1000}', 0),
  ('cat_01hpzak400w5d087fj346xnbya', 500, '{"KES":1000,"NGN":10000,"GHS":100,"ZAR":500,"EGP":500,"XOF":100,"UGX":1000}', 0),
  ('cat_01hpzak400rj4bgg9xknemqd5k', 500, '{"KES":1000,"NGN":10000,"GHS":100,"ZAR":500,"EGP":500,"XOF":100,"UGX":1000}', 0),
  ('cat_01hpzak400rrzhs9vfb01fmtz1', 500, '{"KES":1000,"NGN":10000,"GHS":100,"ZAR":500,"EGP":500,"XOF":100,"UGX":1000}', 0),
  ('cat_01hpzak400pmjdb0wq0xfjjrt7', 500, '{"KES":1000,"NGN":10000,"GHS":100,"ZAR":500,"EGP":500,"XOF":100,"UGX":1000}', 0),
  ('cat_01hpzak400009kyezkearrd43y', 500, '{"KES":1000,"NGN":10000,"GHS":100,"ZAR":500,"EGP":500,"XOF":100,"UGX":1000}', 0),
  -- computing
  ('cat_01hpzak4009c5n92d9mnztpbrm', 500, '{"KES":1000,"NGN":10000,"GHS":100,"ZAR":500,"EGP":500,"XOF":100,"UGX":1000}', 0),
  ('cat_01hpzak400ccytxxkx7wsmfm09', 500, '{"KES":1000,"NGN":10000,"GHS":100,"ZAR":500,"EGP":500,"XOF":100,"UGX":1000}', 0),
  ('cat_01hpzak400cxqer3jkr9c62pzg', 500, '{"KES":1000,"NGN":10000,"GHS":100,"ZAR":500,"EGP":500,"XOF":100,"UGX":1000}', 0),
  ('cat_01hpzak400php3m1rfsq4049ae', 500, '{"KES":1000,"NGN":10000,"GHS":100,"ZAR":500,"EGP":500,"XOF":100,"UGX":1000}', 0),
  ('cat_01hpzak400mdrt0m4zbr9hy7gz', 500, '{"KES":1000,"NGN":10000,"GHS":100,"ZAR":500,"EGP":500,"XOF":100,"UGX":1000}', 0),
  -- electronics
  ('cat_01hpzak400scae74tv3wmxkhqx', 500, '{"KES":1000,"NGN":10000,"GHS":100,"ZAR":500,"EGP":500,"XOF":100,"UGX":1000}', 0),
  ('cat_01hpzak400nmyz65yre5fwzfa1', 500, '{"KES":1000,"NGN":10000,"GHS":100,"ZAR":500,"EGP":500,"XOF":100,"UGX":1000}', 0),
  ('cat_01hpzak400w8ws2nm4djkx7w8x', 500, '{"KES":1000,"NGN":10000,"GHS":100,"ZAR":500,"EGP":500,"XOF":100,"UGX":1000}', 0),
  ('cat_01hpzak400waq89tj7ap26mvw5', 500, '{"KES":1000,"NGN":10000,"GHS":100,"ZAR":500,"EGP":500,"XOF":100,"UGX":1000}', 0),
  ('cat_01hpzak400mnfqh88h1p1pt2j6', 500, '{"KES":1000,"NGN":10000,"GHS":100,"ZAR":500,"EGP":500,"XOF":100,"UGX":1000}', 0),
  ('cat_01hpzak400wsfga5kddj2sw93p', 500, '{"KES":1000,"NGN":10000,"GHS":100,"ZAR":500,"EGP":500,"XOF":100,"UGX":1000}', 0),
  -- fashion
  ('cat_01hpzak4009y5fgc81jz5ewn4x', 1500, '{"KES":1000,"NGN":10000,"GHS":100,"ZAR":500,"EGP":500,"XOF":100,"UGX":1000}', 0),
  ('cat_01hpzak400ydv7vhhgs95e0zwh', 1500, '{"KES":1000,"NGN":10000,"GHS":100,"ZAR":500,"EGP":500,"XOF":100,"UGX":1000}', 0),
  ('cat_01hpzak400hqfzpk4qt39jy45g', 1500, '{"KES":1000,"NGN":10000,"GHS":100,"ZAR":500,"EGP":500,"XOF":100,"UGX":1000}', 0),
  ('cat_01hpzak400mtab6v52q9jm29th', 1500, '{"KES":1000,"NGN":10000,"GHS":100,"ZAR":500,"EGP":500,"XOF":100,"UGX":1000}', 0),
  ('cat_01hpzak400g7mesnz1tv6nqvd5', 1500, '{"KES":1000,"NGN":10000,"GHS":100,"ZAR":500,"EGP":500,"XOF":100,"UGX":1000}', 0),
  ('cat_01hpzak400jtwnpw8s86zfndaq', 1500, '{"KES":1000,"NGN":10000,"GHS":100,"ZAR":500,"EGP":500,"XOF":100,"UGX":1000}', 0),
  ('cat_01hpzak400bkkamqych8jmxjrb', 1500, '{"KES":1000,"NGN":10000,"GHS":100,"ZAR":500,"EGP":500,"XOF":100,"UGX":1000}', 0);

-- Pay on delivery per country: the largest order a rider may carry cash for (minor units of the
-- country's currency) and how many unpaid orders one shopper may have open at once.
CREATE TABLE cod_limits (
  country TEXT PRIMARY KEY CHECK (length(country) = 2 AND country = upper(country)),
  currency TEXT NOT NULL,
  max_order_amount INTEGER NOT NULL CHECK (typeof(max_order_amount) = 'integer' AND max_order_amount > 0),
  max_open_orders INTEGER NOT NULL CHECK (typeof(max_open_orders) = 'integer' AND max_open_orders > 0)
);
INSERT INTO cod_limits (country, currency, max_order_amount, max_open_orders) VALUES
  ('KE', 'KES', 3000000, 3),      -- KES 30,000
  ('NG', 'NGN', 20000000, 3),     -- NGN 200,000
  ('GH', 'GHS', 300000, 3),       -- GHS 3,000
  ('ZA', 'ZAR', 500000, 3),       -- ZAR 5,000
  ('EG', 'EGP', 1000000, 3),      -- EGP 10,000
  ('CI', 'XOF', 200000, 3),       -- XOF 200,000 (no minor unit)
  ('UG', 'UGX', 1000000, 3);      -- UGX 1,000,000 (no minor unit)

-- Payouts of a vendor's payable balance to mobile money (B2C).
CREATE TABLE payouts (
  id TEXT PRIMARY KEY,
  vendor_id TEXT NOT NULL,
  amount INTEGER NOT NULL CHECK (typeof(amount) = 'integer' AND amount > 0),
  currency TEXT NOT NULL,
  phone TEXT NOT NULL,
  provider TEXT NOT NULL,
  -- failing: claimed by the failure path, so a late success cannot also complete it.
  status TEXT NOT NULL CHECK (status IN ('requested', 'submitted', 'completed', 'failing', 'failed')),
  -- Unguessable: the B2C result callback is unsigned, so its URL carries this token.
  callback_token TEXT NOT NULL UNIQUE,
  conversation_id TEXT UNIQUE,
  provider_receipt TEXT,
  -- The payout.completed event written with the completion: an event exists iff it completed.
  completed_event_id TEXT,
  failure_reason TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX payouts_vendor ON payouts (vendor_id, created_at);
