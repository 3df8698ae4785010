/**
 * The Inventory object's SQLite tables. `held` is kept on the stock row (the sum of held
 * reservations) so a reserve reads one row instead of summing; the CHECKs make "never below
 * zero" and "held ≤ on_hand" hold even against a bug here.
 */
export const INVENTORY_DDL = [
  `CREATE TABLE IF NOT EXISTS stock (
     sku_id TEXT PRIMARY KEY,
     product_id TEXT NOT NULL,
     vendor_id TEXT NOT NULL,
     on_hand INTEGER NOT NULL CHECK (on_hand >= 0),
     held INTEGER NOT NULL DEFAULT 0 CHECK (held >= 0 AND held <= on_hand),
     version INTEGER NOT NULL DEFAULT 0
   )`,
  // `answer` is the first reply, returned again to a repeated reserve with the same id.
  `CREATE TABLE IF NOT EXISTS reservations (
     id TEXT PRIMARY KEY,
     quantity INTEGER NOT NULL,
     expires_at INTEGER NOT NULL,
     state TEXT NOT NULL CHECK (state IN ('held', 'committed', 'released', 'refused')),
     answer TEXT NOT NULL,
     created_at INTEGER NOT NULL
   )`,
  'CREATE INDEX IF NOT EXISTS reservations_held ON reservations (state, expires_at)',
  `CREATE TABLE IF NOT EXISTS outbox (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     id TEXT NOT NULL UNIQUE,
     body TEXT NOT NULL,
     created_at INTEGER NOT NULL,
     sent_at INTEGER
   )`,
  'CREATE INDEX IF NOT EXISTS outbox_unsent ON outbox (sent_at, seq)',
];
