-- "Often bought together" and best sellers, counted from orders' confirmations (read in order by
-- the catalog's cron through orders' confirmedOrders RPC). A pair is counted in both directions.
CREATE TABLE co_purchases (
  product_id TEXT NOT NULL,
  other_id TEXT NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (product_id, other_id)
) WITHOUT ROWID;
CREATE INDEX co_purchases_top ON co_purchases (product_id, n DESC);

CREATE TABLE product_sales (
  product_id TEXT PRIMARY KEY,
  n INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX product_sales_top ON product_sales (n DESC);

-- Where the counting stopped. `run_id` is set by the run that moved the cursor: every count of a
-- page is guarded on it, so two runs that read the same page count it once.
CREATE TABLE read_cursors (
  name TEXT PRIMARY KEY,
  k INTEGER NOT NULL,
  id TEXT NOT NULL,
  run_id TEXT NOT NULL DEFAULT ''
) WITHOUT ROWID;
