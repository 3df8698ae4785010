import { type CartState, type LineInput, MAX_LINES, type Snapshot, type StoredLine } from './types';

export const CART_DDL = [
  `CREATE TABLE IF NOT EXISTS meta (
     cart_id TEXT PRIMARY KEY,
     owner_id TEXT,
     token_hash TEXT,
     created_at INTEGER NOT NULL,
     updated_at INTEGER NOT NULL,
     expires_at INTEGER NOT NULL,
     revision INTEGER NOT NULL DEFAULT 0,
     snapshot_revision INTEGER NOT NULL DEFAULT 0
   )`,
  // `rev` is the cart revision of the line's last change: clear() removes only lines a checkout saw.
  `CREATE TABLE IF NOT EXISTS lines (
     sku_id TEXT PRIMARY KEY,
     quantity INTEGER NOT NULL CHECK (quantity > 0),
     price INTEGER NOT NULL,
     currency TEXT NOT NULL,
     added_at INTEGER NOT NULL,
     rev INTEGER NOT NULL
   )`,
  'CREATE TABLE IF NOT EXISTS cleared_orders (order_id TEXT PRIMARY KEY, removed INTEGER NOT NULL, cleared_at INTEGER NOT NULL)',
  'CREATE TABLE IF NOT EXISTS merged_carts (cart_id TEXT PRIMARY KEY, merged_at INTEGER NOT NULL)',
  // Idempotency keys of recent adds: a form sent twice (double tap, resend) adds once.
  'CREATE TABLE IF NOT EXISTS add_requests (request_key TEXT PRIMARY KEY, at INTEGER NOT NULL)',
];

/** How many recent add keys a cart remembers (a double submit comes within seconds). */
const REMEMBERED_ADDS = 50;

type MetaRow = {
  cart_id: string;
  owner_id: string | null;
  token_hash: string | null;
  updated_at: number;
  expires_at: number;
  revision: number;
  snapshot_revision: number;
};
type LineRow = { sku_id: string; quantity: number; price: number; currency: string; added_at: number };

/** The synchronous storage of one cart; the object wraps each call with access checks and expiry. */
export class CartStore {
  constructor(private readonly storage: DurableObjectStorage) {}

  private get sql() {
    return this.storage.sql;
  }

  /** True when this add's key was seen already; else records it (keeping only the most recent keys). */
  seenAdd(requestKey: string, now: number): boolean {
    const inserted = this.sql.exec('INSERT OR IGNORE INTO add_requests (request_key, at) VALUES (?, ?)', requestKey, now);
    if (inserted.rowsWritten === 0) return true;
    this.sql.exec(
      'DELETE FROM add_requests WHERE request_key NOT IN (SELECT request_key FROM add_requests ORDER BY at DESC LIMIT ?)',
      REMEMBERED_ADDS,
    );
    return false;
  }

  meta(): MetaRow | undefined {
    return this.sql
      .exec<MetaRow>(
        'SELECT cart_id, owner_id, token_hash, updated_at, expires_at, revision, snapshot_revision FROM meta LIMIT 1',
      )
      .toArray()[0];
  }

  create(cartId: string, ownerId: string | null, tokenHash: string | null, expiresAt: number, now: number): boolean {
    const inserted = this.sql.exec(
      'INSERT OR IGNORE INTO meta (cart_id, owner_id, token_hash, created_at, updated_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)',
      cartId,
      ownerId,
      tokenHash,
      now,
      now,
      expiresAt,
    );
    return inserted.rowsWritten > 0;
  }

  state(): CartState | null {
    const meta = this.meta();
    if (!meta) return null;
    const lines = this.sql
      .exec<LineRow>('SELECT sku_id, quantity, price, currency, added_at FROM lines ORDER BY added_at, sku_id')
      .toArray()
      .map(
        (r): StoredLine => ({ skuId: r.sku_id, quantity: r.quantity, price: r.price, currency: r.currency, addedAt: r.added_at }),
      );
    return { cartId: meta.cart_id, ownerId: meta.owner_id, lines, updatedAt: meta.updated_at, expiresAt: meta.expires_at };
  }

  line(skuId: string): LineRow | undefined {
    return this.sql
      .exec<LineRow>('SELECT sku_id, quantity, price, currency, added_at FROM lines WHERE sku_id = ?', skuId)
      .toArray()[0];
  }

  lineCount(): number {
    return this.sql.exec<{ n: number }>('SELECT count(*) AS n FROM lines').one().n;
  }

  /** Adds a new line or sets an existing one's quantity; the price shown at first add is kept. */
  putLine(input: Pick<LineInput, 'skuId' | 'quantity' | 'price' | 'currency'>, now: number) {
    const rev = this.bump();
    this.sql.exec(
      `INSERT INTO lines (sku_id, quantity, price, currency, added_at, rev) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (sku_id) DO UPDATE SET quantity = excluded.quantity, rev = excluded.rev`,
      input.skuId,
      input.quantity,
      input.price,
      input.currency,
      now,
      rev,
    );
  }

  removeLine(skuId: string) {
    this.bump();
    this.sql.exec('DELETE FROM lines WHERE sku_id = ?', skuId);
  }

  removeAll() {
    this.bump();
    this.sql.exec('DELETE FROM lines');
  }

  /**
   * Adds another cart's lines once (by that cart's id): quantities summed and capped at each
   * line's limit, new lines only while there is room for them.
   */
  merge(sourceCartId: string, inputs: LineInput[], now: number) {
    const done = this.sql.exec('SELECT 1 FROM merged_carts WHERE cart_id = ?', sourceCartId).toArray();
    if (done.length > 0) return;
    for (const input of inputs) {
      const existing = this.line(input.skuId);
      if (!existing && this.lineCount() >= MAX_LINES) continue;
      const quantity = Math.min((existing?.quantity ?? 0) + input.quantity, input.limit);
      if (quantity <= (existing?.quantity ?? 0)) continue;
      this.putLine({ ...input, quantity }, now);
    }
    this.sql.exec('INSERT INTO merged_carts (cart_id, merged_at) VALUES (?, ?)', sourceCartId, now);
  }

  touch(now: number, ttlMs: number) {
    this.sql.exec('UPDATE meta SET updated_at = ?, expires_at = ?', now, now + ttlMs);
  }

  /** What the checkout prices; remembers the revision so a later clear() spares newer lines. */
  snapshot(fallbackCartId: string): Snapshot {
    const meta = this.meta();
    if (!meta) return { cartId: fallbackCartId, ownerId: null, lines: [], revision: 0 };
    this.sql.exec('UPDATE meta SET snapshot_revision = revision');
    const lines = this.sql
      .exec<LineRow>('SELECT sku_id, quantity, price, currency FROM lines ORDER BY added_at, sku_id')
      .toArray()
      .map((r) => ({ skuId: r.sku_id, quantity: r.quantity, price: r.price, currency: r.currency }));
    return { cartId: meta.cart_id, ownerId: meta.owner_id, lines, revision: meta.revision };
  }

  /** Removes the lines unchanged since `revision`, once per order id. */
  clear(orderId: string, revision: number | undefined, now: number): number {
    const done = this.sql
      .exec<{ removed: number }>('SELECT removed FROM cleared_orders WHERE order_id = ?', orderId)
      .toArray()[0];
    if (done) return done.removed;
    const meta = this.meta();
    if (!meta) return 0;
    const upTo = revision ?? meta.snapshot_revision;
    // Counted, not taken from rowsWritten, which also counts index writes.
    const removed = this.sql.exec<{ n: number }>('SELECT count(*) AS n FROM lines WHERE rev <= ?', upTo).one().n;
    this.sql.exec('DELETE FROM lines WHERE rev <= ?', upTo);
    this.sql.exec('INSERT INTO cleared_orders (order_id, removed, cleared_at) VALUES (?, ?, ?)', orderId, removed, now);
    if (removed > 0) this.bump();
    return removed;
  }

  private bump(): number {
    return this.sql.exec<{ revision: number }>('UPDATE meta SET revision = revision + 1 RETURNING revision').one().revision;
  }
}
