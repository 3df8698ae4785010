-- Product moderation (issue 15): which version of a listing an operator last looked at, and a hide
-- with its reason. A product with a hidden_reason is archived and its vendor cannot re-activate it.
CREATE TABLE product_moderation (
  product_id TEXT PRIMARY KEY REFERENCES products(id),
  reviewed_version INTEGER NOT NULL,
  hidden_reason TEXT,
  hidden_by TEXT,
  updated_at INTEGER NOT NULL
);
