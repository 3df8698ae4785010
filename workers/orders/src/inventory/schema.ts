/**
 * The Inventory object's SQLite tables. `held` is kept on the stock row (the sum of held
 * reservations) so a reserve reads one row instead of summing; the CHECKs make "never below
 * zero" and "held ≤ on_hand" hold even against a bug here.
 */
// `answer` is the first reply, returned again to a repeated reserve with the same id. A committed
// reservation becomes `returned` once its units go back on hand (a cancel or a vendor reject).
const RESERVATIONS_DDL = `CREATE TABLE IF NOT EXISTS reservations (
   id TEXT PRIMARY KEY,
   quantity INTEGER NOT NULL,
   expires_at INTEGER NOT NULL,
   state TEXT NOT NULL CHECK (state IN ('held', 'committed', 'released', 'refused', 'returned')),
   answer TEXT NOT NULL,
   created_at INTEGER NOT NULL
 )`;
const RESERVATIONS_INDEX = 'CREATE INDEX IF NOT EXISTS reservations_held ON reservations (state, expires_at)';

export const INVENTORY_DDL = [
  `CREATE TABLE IF NOT EXISTS stock (
     sku_id TEXT PRIMARY KEY,
     product_id TEXT NOT NULL,
     vendor_id TEXT NOT NULL,
     on_hand INTEGER NOT NULL CHECK (on_hand >= 0),
     held INTEGER NOT NULL DEFAULT 0 CHECK (held >= 0 AND held <= on_hand),
     version INTEGER NOT NULL DEFAULT 0
   )`,
  RESERVATIONS_DDL,
  RESERVATIONS_INDEX,
  `CREATE TABLE IF NOT EXISTS outbox (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     id TEXT NOT NULL UNIQUE,
     body TEXT NOT NULL,
     created_at INTEGER NOT NULL,
     sent_at INTEGER
   )`,
  'CREATE INDEX IF NOT EXISTS outbox_unsent ON outbox (sent_at, seq)',
];

/**
 * Objects created before `returned` existed keep their old CHECK (SQLite cannot alter one), so
 * their reservations table is rebuilt once, in one transaction, with the same rows.
 */
export function upgradeInventorySchema(storage: DurableObjectStorage) {
  const sql = storage.sql;
  const [table] = sql
    .exec<{ sql: string }>("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'reservations'")
    .toArray();
  if (!table || table.sql.includes("'returned'")) return;
  storage.transactionSync(() => {
    sql.exec('ALTER TABLE reservations RENAME TO reservations_old');
    sql.exec('DROP INDEX IF EXISTS reservations_held');
    sql.exec(RESERVATIONS_DDL);
    sql.exec(
      'INSERT INTO reservations (id, quantity, expires_at, state, answer, created_at) SELECT id, quantity, expires_at, state, answer, created_at FROM reservations_old',
    );
    sql.exec('DROP TABLE reservations_old');
    sql.exec(RESERVATIONS_INDEX);
  });
}
