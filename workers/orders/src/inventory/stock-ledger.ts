import { InventoryUpdated, ProductOutOfStock } from '@linked-all/events';
import { writeEvent } from './inventory-outbox';
import type { CommitResult, Level, ReleaseResult, ReserveResult, RestockResult, SetStockResult } from './types';

export type SkuRef = { skuId: string; productId: string; vendorId: string };

type StockRow = { sku_id: string; product_id: string; vendor_id: string; on_hand: number; held: number; version: number };
type ReservationRow = {
  quantity: number;
  expires_at: number;
  state: 'held' | 'committed' | 'released' | 'refused' | 'returned';
  answer: string;
};

/**
 * The synchronous core of one SKU's stock: every method is one SQL transaction with no
 * await inside, so concurrent calls on the object cannot interleave within it, and each
 * change writes its events to the outbox in the same transaction.
 */
export class StockLedger {
  constructor(private readonly storage: DurableObjectStorage) {}

  private get sql() {
    return this.storage.sql;
  }

  /** The SKU this object holds stock for, once it adopted or was given a quantity. */
  sku(): SkuRef | null {
    const row = this.stockRow();
    return row ? { skuId: row.sku_id, productId: row.product_id, vendorId: row.vendor_id } : null;
  }

  /** First use: take the catalog's projected quantity once; from then on this object is the authority. */
  adopt(sku: SkuRef, onHand: number) {
    this.sql.exec(
      'INSERT OR IGNORE INTO stock (sku_id, product_id, vendor_id, on_hand, held, version) VALUES (?, ?, ?, ?, 0, 0)',
      sku.skuId,
      sku.productId,
      sku.vendorId,
      onHand,
    );
  }

  level(skuId: string): Level {
    const row = this.stockRow();
    if (!row) return { skuId, onHand: 0, held: 0, available: 0 };
    return { skuId: row.sku_id, onHand: row.on_hand, held: row.held, available: row.on_hand - row.held };
  }

  reserve(reservationId: string, quantity: number, ttlMs: number, now: number): ReserveResult {
    return this.storage.transactionSync(() => {
      const prior = this.reservation(reservationId);
      if (prior) return JSON.parse(prior.answer) as ReserveResult;
      this.expireHoldsNow(now);
      const row = this.stockRow();
      const available = row ? row.on_hand - row.held : 0;
      if (!row || available < quantity) {
        const refusal: ReserveResult = { ok: false, reason: 'out_of_stock', available };
        // A refusal is an answer too: a retried reserve must not succeed later and hold stock for a cancelled order.
        this.insertReservation(reservationId, quantity, now, 'refused', refusal, now);
        return refusal;
      }
      const level = this.change(row, row.on_hand, row.held + quantity, now);
      const answer: ReserveResult = { ok: true, level };
      this.insertReservation(reservationId, quantity, now + ttlMs, 'held', answer, now);
      return answer;
    });
  }

  commit(reservationId: string, now: number): CommitResult {
    return this.storage.transactionSync(() => {
      this.expireHoldsNow(now);
      const reservation = this.reservation(reservationId);
      if (!reservation || reservation.state === 'refused') return { ok: false, reason: 'unknown' };
      if (reservation.state === 'released') return { ok: false, reason: 'released' };
      // Sold, then given back: committing again must not sell the units a second time.
      if (reservation.state === 'returned') return { ok: false, reason: 'returned' };
      if (reservation.state === 'committed') return { ok: true };
      const row = this.requireStock();
      this.change(row, row.on_hand - reservation.quantity, row.held - reservation.quantity, now);
      this.sql.exec("UPDATE reservations SET state = 'committed' WHERE id = ?", reservationId);
      return { ok: true };
    });
  }

  release(reservationId: string, now: number): ReleaseResult {
    return this.storage.transactionSync(() => {
      this.expireHoldsNow(now);
      const reservation = this.reservation(reservationId);
      if (reservation?.state === 'held') this.releaseHeld(reservationId, reservation.quantity, now);
      return { ok: true };
    });
  }

  /**
   * Undoes a sale before it ships: a committed reservation's units go back on hand, once (the
   * state moves to `returned` in the same transaction); a hold is released. Anything else is a no-op.
   */
  restock(reservationId: string, now: number): RestockResult {
    return this.storage.transactionSync(() => {
      this.expireHoldsNow(now);
      const reservation = this.reservation(reservationId);
      if (reservation?.state === 'held') {
        this.releaseHeld(reservationId, reservation.quantity, now);
        return { ok: true, returned: 0 };
      }
      if (reservation?.state !== 'committed') return { ok: true, returned: 0 };
      const row = this.requireStock();
      this.change(row, row.on_hand + reservation.quantity, row.held, now);
      this.sql.exec("UPDATE reservations SET state = 'returned' WHERE id = ?", reservationId);
      return { ok: true, returned: reservation.quantity };
    });
  }

  /**
   * A shopper's return came back to the vendor after delivery: `quantity` units go back on hand,
   * once per return id (recorded as a `returned` reservation row under that id, so a repeated
   * call finds it and changes nothing).
   */
  restockReturn(returnId: string, quantity: number, now: number): RestockResult {
    return this.storage.transactionSync(() => {
      this.expireHoldsNow(now);
      if (this.reservation(returnId)) return { ok: true, returned: 0 };
      const row = this.requireStock();
      const level = this.change(row, row.on_hand + quantity, row.held, now);
      this.insertReservation(returnId, quantity, now, 'returned', { ok: true, level }, now);
      return { ok: true, returned: quantity };
    });
  }

  setStock(quantity: number, now: number): SetStockResult {
    return this.storage.transactionSync(() => {
      this.expireHoldsNow(now);
      const row = this.requireStock();
      if (quantity < row.held) return { ok: false, reason: 'below_held', level: this.level(row.sku_id) };
      if (quantity === row.on_hand) return { ok: true, level: this.level(row.sku_id) };
      return { ok: true, level: this.change(row, quantity, row.held, now) };
    });
  }

  /** Releases every hold whose time ran out; the alarm calls this, and so does every change first. */
  expireHolds(now: number) {
    this.storage.transactionSync(() => this.expireHoldsNow(now));
  }

  /** When the next held reservation runs out, if any. */
  nextExpiry(): number | null {
    const [row] = this.sql
      .exec<{ at: number | null }>("SELECT min(expires_at) AS at FROM reservations WHERE state = 'held'")
      .toArray();
    return row?.at ?? null;
  }

  private releaseHeld(reservationId: string, quantity: number, now: number) {
    const row = this.requireStock();
    this.change(row, row.on_hand, row.held - quantity, now);
    this.sql.exec("UPDATE reservations SET state = 'released' WHERE id = ?", reservationId);
  }

  private expireHoldsNow(now: number) {
    const expired = this.sql
      .exec<{ quantity: number }>("SELECT quantity FROM reservations WHERE state = 'held' AND expires_at <= ?", now)
      .toArray();
    if (expired.length === 0) return;
    const freed = expired.reduce((sum, r) => sum + r.quantity, 0);
    this.sql.exec("UPDATE reservations SET state = 'released' WHERE state = 'held' AND expires_at <= ?", now);
    const row = this.requireStock();
    this.change(row, row.on_hand, row.held - freed, now);
  }

  /** Applies a new on_hand/held, bumps the version and writes the events describing it. */
  private change(row: StockRow, onHand: number, held: number, now: number): Level {
    const version = row.version + 1;
    this.sql.exec('UPDATE stock SET on_hand = ?, held = ?, version = ? WHERE sku_id = ?', onHand, held, version, row.sku_id);
    const available = onHand - held;
    const ref = { skuId: row.sku_id, productId: row.product_id, vendorId: row.vendor_id };
    writeEvent(this.sql, InventoryUpdated, { ...ref, available, onHand, version }, now);
    if (available === 0 && row.on_hand - row.held > 0) writeEvent(this.sql, ProductOutOfStock, ref, now);
    return { skuId: row.sku_id, onHand, held, available };
  }

  private stockRow(): StockRow | undefined {
    return this.sql
      .exec<StockRow>('SELECT sku_id, product_id, vendor_id, on_hand, held, version FROM stock LIMIT 1')
      .toArray()[0];
  }

  private requireStock(): StockRow {
    const row = this.stockRow();
    // Reservations exist only after adoption, so a missing row here is a bug, not bad input.
    if (!row) throw new Error('inventory has no stock row');
    return row;
  }

  private reservation(id: string): ReservationRow | undefined {
    return this.sql
      .exec<ReservationRow>('SELECT quantity, expires_at, state, answer FROM reservations WHERE id = ?', id)
      .toArray()[0];
  }

  private insertReservation(
    id: string,
    quantity: number,
    expiresAt: number,
    state: ReservationRow['state'],
    answer: ReserveResult,
    now: number,
  ) {
    this.sql.exec(
      'INSERT INTO reservations (id, quantity, expires_at, state, answer, created_at) VALUES (?, ?, ?, ?, ?, ?)',
      id,
      quantity,
      expiresAt,
      state,
      JSON.stringify(answer),
      now,
    );
  }
}
